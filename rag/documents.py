"""Read documents (any supported format and encoding) and recover their structure.

A government work report has a title, parts (一、二、三、), numbered sections ((一)…(十)),
"——五年来" items in the five-year review, and paragraphs that open with a short lead phrase
(深度融入双城经济圈。). Every paragraph gets its number and the section path it stands in.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import CorpusError, CorpusWarning, UnreadableDocument
from .lexicon import genre_data
from .periods import OTHER, PLAN_RE, Period, goal_year, plan_span, result_span, result_year, target_year
from .readers import READERS as FORMAT_READERS

PART_RE = re.compile(r"^([一二三四五六七八九十]+)、(.{1,60})$")
SECTION_RE = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$")
ITEM_RE = re.compile(r"^——\s*(.+)$")
LEAD_RE = re.compile(r"^([^。！？!?，,：:；;]{2,24})。")
ADDRESS_RE = re.compile(r"^各位代表[!！]")


@dataclass
class Paragraph:
    """One paragraph, the unit a person cites."""

    doc: str
    number: int  # 1-based, counted over the non-empty paragraphs
    text: str
    section_path: tuple[str, ...]
    lead: str = ""
    period: Period = OTHER
    role: str = ""  # the role of its part: review, plan_goals, year_tasks, conduct (or "")

    @property
    def id(self) -> str:
        return f"{self.doc}#p{self.number}"

    @property
    def section(self) -> str:
        return " > ".join(self.section_path)


@dataclass
class Document:
    """A parsed document: its text decoded, who issued it for which year, its paragraphs numbered and placed."""

    doc_id: str
    path: Path
    title: str
    encoding: str
    sha256: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    year: int | None = None  # the year it was delivered (its targets are for this year)
    issuer: str = ""  # 国务院, 开州区人民政府 ...
    level: str = ""  # 国家 / 省 / 市 / 区县
    place: str = ""  # 全国, 重庆市开州区 ...


# --- readers: one function per format, bytes in, list of paragraph strings + encoding out ---


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode text bytes: UTF-8 (BOM tolerated) or GB18030/GBK, else the detector's guess.

    A doubtful result is read but warned about (CorpusWarning naming the file): a detector's guess below
    its confidence floor, GB18030 bytes that make unusual characters (Big5 also decodes as GB18030), or
    text whose letters are not mostly Chinese.
    """
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{name}: looks like a binary file (NUL bytes), not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            _check_gb18030(text, name)
        _check_chinese(text, name, "utf-8" if encoding == "utf-8-sig" else encoding)
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise CorpusError(f"{name}: cannot decode the text (not UTF-8, not GB18030, encoding not detected)")
    if best.coherence < MIN_GUESS_COHERENCE or best.chaos > MAX_GUESS_CHAOS:
        _warn(f"{name}: not UTF-8 nor GB18030; its encoding is a low-confidence guess ({best.encoding}, "
              f"coherence {best.coherence:.2f}, chaos {best.chaos:.2f}): convert it to UTF-8")
    text = str(best)
    _check_chinese(text, name, best.encoding)
    return text, best.encoding


# Confidence floors of the decoding checks (charset_normalizer's guess; shares over the first SAMPLE_CHARS)
MIN_GUESS_COHERENCE = 0.1  # below: the detector recognised no language in its guess
MAX_GUESS_CHAOS = 0.2  # above: the guess is a mess of unusual characters
MIN_GB2312_SHARE = 0.8  # of non-ASCII characters; a simplified-Chinese report is ~100%, Big5 read as GB18030 ~35%
MIN_CHINESE_SHARE = 0.5  # of letters; a report is ~99% Chinese, "Cafķ rķsumķ" 0%
SAMPLE_CHARS = 200_000
_NON_ASCII = re.compile(r"[^\x00-\x7f\s]")
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _warn(message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=3)


def _check_gb18030(text: str, name: str) -> None:
    sample = text[:SAMPLE_CHARS]
    non_ascii = len(_NON_ASCII.findall(sample))
    if not non_ascii:
        return
    outside = sample.encode("gb2312", errors="replace").count(b"?") - sample.count("?")
    share = 1 - outside / non_ascii
    if share < MIN_GB2312_SHARE:
        _warn(f"{name}: decoded as GB18030, but only {share:.0%} of its characters are common (GB2312) ones: "
              "maybe another encoding (Big5?); convert it to UTF-8")


def _check_chinese(text: str, name: str, encoding: str) -> None:
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return
    share = len(_CJK.findall(sample)) / letters
    if share < MIN_CHINESE_SHARE:
        _warn(f"{name}: only {share:.0%} of its letters are Chinese (read as {encoding}): "
              "a wrong encoding, or not a Chinese report?")


def read_plain(path: Path) -> tuple[list[str], str]:
    """Plain text or Markdown: one paragraph a line."""
    text, encoding = decode_text(path.read_bytes(), path.name)
    lines = [_clean_line(line) for line in text.splitlines()]
    return [line for line in lines if line], encoding


def _clean_line(line: str) -> str:
    line = line.replace("\u3000", " ").strip()
    return re.sub(r"^#{1,6}\s+", "", line)  # Markdown headings keep their words


# suffix -> function(path) -> (paragraphs, encoding); HTML, PDF and DOCX readers live in readers.py
READERS: dict[str, Callable[[Path], tuple[list[str], str]]] = {".txt": read_plain, ".md": read_plain,
                                                               **FORMAT_READERS}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The documents of a corpus directory, or a clear error when there are none.

    A symbolic link (to a file or a directory) that leads outside the corpus directory is skipped with a
    CorpusWarning: whoever can drop a link into the corpus must not get any file of the machine indexed
    and searchable (`ln -s /etc/passwd corpus/passwd.txt`). Links that stay inside it are read.
    """
    if not corpus_dir.exists():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir} is not a directory")
    root = corpus_dir.resolve()
    files = []
    for dirpath, dirnames, filenames in os.walk(corpus_dir):  # does not descend into linked directories
        here = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = here / name
            if name.startswith(".") or not (path.is_symlink() or path.is_file()):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                kind = "directory" if path.is_dir() else "file"
                _warn(f"{path.relative_to(corpus_dir).as_posix()}: a symbolic link to a {kind} outside the corpus "
                      "directory; skipped")
                continue
            if path.is_file():
                files.append(path)
    docs = sorted(p for p in files if supported(p))
    if not docs:
        kinds = ", ".join(sorted(READERS))
        raise CorpusError(f"corpus directory {corpus_dir} holds no documents ({kinds})")
    return docs


def load_corpus(corpus_dir: Path, skipped: list[str] | None = None) -> list[Document]:
    """Parse every supported document of a corpus directory.

    A file that cannot be read whole (UnreadableDocument: an encrypted or scanned PDF, a damaged DOCX,
    a page without an article) is left out, its one-line reason added to `skipped` (else warned).
    """
    docs, reasons = [], []
    for path in corpus_files(corpus_dir):
        try:
            docs.append(parse_document(path, corpus_dir))
        except UnreadableDocument as exc:
            reasons.append(str(exc))
    if not docs:
        raise CorpusError(reasons[0] if len(reasons) == 1 else
                          f"no document of {corpus_dir} could be read ({len(reasons)} skipped; first: {reasons[0]})")
    for reason in reasons:
        if skipped is None:
            warnings.warn(reason, stacklevel=2)
        else:
            skipped.append(reason)
    return docs


def parse_document(path: Path, root: Path | None = None) -> Document:
    """Read one document and recover its structure, its year, issuer and place."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise CorpusError(f"{path.name}: unsupported format {path.suffix!r} (supported: {', '.join(sorted(READERS))})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror})") from exc
    raw, encoding = reader(path)
    lines = mend_lines(raw)
    if not lines:
        raise CorpusError(f"{path.name}: the document is empty")
    doc_id = _doc_id(path, root)
    doc = Document(doc_id=doc_id, path=path, title=lines[0], encoding=encoding,
                   sha256=hashlib.sha256(data).hexdigest())
    doc.year = document_year(lines)
    doc.issuer, doc.level, doc.place = issuer_of(lines)
    doc.paragraphs = structure(doc_id, lines, doc.year)
    return doc


ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
END_RE = re.compile(r"[。！？!?；;：:…]+[”’」』)）》]*$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
LICENCE_RE = re.compile(r"^本作品(?:是|不适用)|著作权法》?第五条|属于公有领域|^注[:：].{0,20}维基文库")


def _is_heading(line: str) -> bool:
    return bool(PART_RE.match(line) or (SECTION_RE.match(line) and len(line) <= 40) or ADDRESS_RE.match(line))


def mend_lines(lines: list[str]) -> list[str]:
    """Lines as paragraphs again after web copying: zero-width characters dropped, a paragraph broken
    mid-sentence joined back (a body line that does not end a sentence runs on into the next line),
    a stray character of the front matter ("政府工作报" / "告") joined to its line, non-Chinese
    boilerplate after the body and a web page's licence notice dropped."""
    out: list[str] = []
    body = False  # front matter (title, date line, speaker) ends at the first address or part heading
    for raw in lines:
        line = ZERO_WIDTH_RE.sub("", raw).strip()
        if not line:
            continue
        if not body and (ADDRESS_RE.match(line) or line.startswith("各位代表") or PART_RE.match(line)):
            body = True
            out.append(line)
            continue
        if not body:
            if out and len(line) == 1 and CJK_RE.match(line) and not END_RE.search(out[-1]):
                out[-1] += line
            else:
                out.append(line)
            continue
        if not CJK_RE.search(line) and re.fullmatch(r"[A-Za-z][A-Za-z .,:;'-]{3,}", line):
            continue  # "Public domain", "false": the web page's leftovers, nothing a person cites
        prev = out[-1] if out else ""
        if (prev and not END_RE.search(prev) and not _is_heading(prev) and not _is_heading(line)
                and not ITEM_RE.match(line) and not prev.startswith("各位代表")):
            out[-1] = prev + line
        else:
            out.append(line)
    # the web page's licence notice after the body ("本作品是…属于公有领域", "注：中文维基文库社群认为…")
    return [p for p in out if not LICENCE_RE.search(p)]


def document_year(lines: list[str]) -> int | None:
    """The year a report was delivered: its title, else its date line, else its headings."""
    front = lines[:8]
    for line in front[:2]:
        if "报告" in line and (m := re.search(r"((?:19|20)\d\d)年", line)):
            return int(m.group(1))
    for line in front:
        if m := re.match(r"^[—\-]*\s*((?:19|20)\d\d)年\d{1,2}月\d{1,2}日", line):
            return int(m.group(1))
    for line in lines:
        if PART_RE.match(line) and (m := re.search(r"((?:19|20)\d\d)年", line)):
            year = int(m.group(1))
            return year + 1 if _role(line) == "review" else year
    return None


PLACE_PART = r"[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|省|市|区|县|旗|盟)"
ISSUER_RE = re.compile(rf"((?:{PLACE_PART})+)人民政府")
LEVELS = {"省": "省", "自治区": "省", "市": "市", "自治州": "市", "盟": "市", "区": "区县", "县": "区县", "旗": "区县"}


def issuer_of(lines: list[str]) -> tuple[str, str, str]:
    """(issuer, level, place) from the front matter: 国务院 / 国家 / 全国, or 开州区人民政府 / 区县 / 重庆市开州区."""
    front = re.sub(r"\d+年|我代表|代表", " ", " ".join(lines[:8]))
    if "国务院" in front or "全国人民代表大会" in front:
        return "国务院", "国家", "全国"
    places = [m.group(1) for m in ISSUER_RE.finditer(front)]
    places += [m.group(1) for m in re.finditer(rf"在((?:{PLACE_PART})+)第", front)]
    if not places:
        return "", "", ""
    place = max(places, key=len)
    parts = re.findall(PLACE_PART, place)
    suffix = re.search(r"(自治区|自治州|省|市|区|县|旗|盟)$", parts[-1]).group(1)
    return f"{parts[-1]}人民政府", LEVELS[suffix], place


def _doc_id(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    # report.pdf beside report.docx: each keeps its suffix so that the two ids differ
    twins = [p for p in path.parent.glob(glob.escape(path.stem) + ".*") if p != path and p.stem == path.stem
             and supported(p)]
    return rel.as_posix() if twins else rel.with_suffix("").as_posix()


def structure(doc_id: str, lines: list[str], year: int | None = None) -> list[Paragraph]:
    """Number the paragraphs and give each its section path, lead phrase, part role and period."""
    paragraphs: list[Paragraph] = []
    part = section = item = ""
    section_inline = False  # a "(一)…。body" section covers only its own paragraph
    periods = PartPeriods(year)
    for number, text in enumerate(lines, start=1):
        lead = ""
        if m := PART_RE.match(text):
            part, section, item = text, "", ""
            path = (part,)
            periods.enter(part)
            paragraphs.append(Paragraph(doc_id, number, text, path, lead, periods.default, periods.role))
            continue
        elif m := SECTION_RE.match(text):
            title, has_body = _section_title(text)
            section, item, section_inline = title, "", has_body
            path = (part, section) if part else (section,)
        elif part and (m := ITEM_RE.match(text)):
            item = _item_title(m.group(1))
            if section_inline:
                section = ""
            path = tuple(p for p in (part, section, item) if p)
        else:
            if section_inline:
                section, section_inline = "", False
            if ADDRESS_RE.match(text) and item:
                item = ""  # "各位代表!" turns to a new subject
            if lm := LEAD_RE.match(text):
                lead = lm.group(1)
            path = tuple(p for p in (part, section, item) if p) or ((lines[0],) if number > 1 else ())
        period = periods.of(text) if part else OTHER
        paragraphs.append(Paragraph(doc_id, number, text, path, lead, period, periods.role if part else ""))
    return paragraphs


def _section_title(text: str) -> tuple[str, bool]:
    """The heading of a numbered section and whether body text follows it in the same paragraph."""
    head, sep, rest = text.partition("。")
    return head.strip(), bool(sep and rest.strip())


def _item_title(text: str) -> str:
    """"——五年来,我们坚定扛起“重要增长极”时代使命…" -> "——五年来 “重要增长极”"."""
    first = re.split(r"[,，。;；]", text, maxsplit=1)[0][:20]
    quoted = re.search(r"“[^”]{1,20}”", text)
    return f"——{first} {quoted.group(0)}" if quoted else f"——{first}"


def _cues(name: str) -> re.Pattern:
    return re.compile("|".join(genre_data()["headings"][name]))


def _role(heading: str) -> str:
    """The role of a part from its heading, by the genre's conventions (rag/data/genre.toml)."""
    if _cues("conduct").search(heading):
        return "conduct"
    review = bool(_cues("review").search(heading))
    goals = bool(_cues("plan_goals").search(heading)) and bool(PLAN_RE.search(heading) or "五年" in heading)
    if review and goals:
        return "review_goals"
    if review:
        return "review"
    if goals:
        return "plan_goals"
    if _cues("year_tasks").search(heading) or re.search(r"(?:19|20)\d\d年|今年", heading):
        return "year_tasks"
    return ""


class PartPeriods:
    """The period of each paragraph, from the role of its part and the paragraphs before it.

    A review part speaks of the year before the report (一、2024年工作回顾) or of five years
    (过去五年工作回顾, ——五年来 items), and a part that reviews both turns from one to the other at
    the paragraph that says so (过去一年… / 过去五年…); a five-year plan's part sets goals for its end
    year; the year's tasks are targets of the report's year; a part with no role of its own after
    the tasks (三、把改革开放扎实推向纵深) goes on with them."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.role = ""
        self.default = OTHER
        self.current = OTHER
        self.five = OTHER  # the five-year span a review part may turn to
        self.ahead = OTHER  # the plan goals a mixed part may turn to

    def enter(self, heading: str) -> None:
        role = _role(heading)
        if not role and self.role in ("year_tasks", "conduct"):
            role = "year_tasks"
        if role == "conduct" and self.role not in ("year_tasks", "conduct"):
            role = "conduct_review" if _cues("review").search(heading) else "conduct"
        self.role = role
        years = [int(y) for y in re.findall(r"((?:19|20)\d\d)年", heading)]
        plans = [plan_span(p) for p in PLAN_RE.findall(heading)]
        y = self.year
        self.five = result_span(*plans[0]) if plans else (result_span(y - 5, y - 1) if y else OTHER)
        self.ahead = goal_year(plans[-1][1], plans[-1][0]) if plans else OTHER
        if role in ("review", "review_goals", "conduct_review"):
            if years:
                self.default = result_year(years[-1])
            elif _cues("five_years").search(heading) or (plans and not re.search("一年|去年", heading)):
                self.default = self.five
            else:
                self.default = result_year(y - 1) if y else OTHER
        elif role == "plan_goals":
            self.default = self.ahead if plans else (goal_year(y + 4, y) if y else OTHER)
        elif role in ("year_tasks", "conduct"):
            target = years[-1] if years else y
            self.default = target_year(target) if target else OTHER
        else:
            self.default = OTHER
        self.current = self.default

    def of(self, text: str) -> Period:
        """The period of the next paragraph of the part."""
        body = re.sub(r"^各位代表[!！]?", "", text).lstrip("—").strip()
        if self.role in ("review", "review_goals", "conduct_review"):
            five = _cues("five_years").search(body[:12])
            one = _cues("one_year").search(body[:16]) if self.year else None
            # "2015年是“十二五”收官之年。过去五年，…": the year that ends a plan opens the plan's review
            stop = body.find("。")
            if one and not five and stop > 0 and re.search(r"收官|十[一二三四五六七八九]五", body[:stop]):
                five = _cues("five_years").match(body[stop + 1:])
                one = None if five else one
            if self.role == "review_goals" and self.ahead.kind == "goal" and _cues("plan_ahead").search(body[:40]):
                self.current = self.ahead
            elif one and (not five or one.start() <= five.start()):  # "过去一年是本届政府…的第一年"
                self.current = result_year(self.year - 1)
            elif five or (PLAN_RE.match(self.five.label) and self.five.label[:3] in body[:8]):
                self.current = self.five
        return self.current


def period_of(heading: str, year: int | None = None) -> Period:
    """The period a part's heading gives its paragraphs, in a report of the given year."""
    periods = PartPeriods(year)
    periods.enter(heading)
    return periods.default
