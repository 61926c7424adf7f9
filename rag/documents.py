"""Read documents (any supported format and encoding) and recover their structure.

A government work report has a title, parts (一、二、三、), numbered sections ((一)…(十)),
"——五年来" items in the five-year review, and paragraphs that open with a short lead phrase
(深度融入双城经济圈。). Every paragraph gets its number and the section path it stands in.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import CorpusError, CorpusWarning

PART_RE = re.compile(r"^([一二三四五六七八九十]+)、(.{1,60})$")
SECTION_RE = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$")
ITEM_RE = re.compile(r"^——\s*(.+)$")
LEAD_RE = re.compile(r"^([^。！？!?，,：:；;]{2,24})。")
ADDRESS_RE = re.compile(r"^各位代表[!！]")
FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035)}


@dataclass
class Paragraph:
    """One paragraph, the unit a person cites."""

    doc: str
    number: int  # 1-based, counted over the non-empty paragraphs
    text: str
    section_path: tuple[str, ...]
    lead: str = ""
    period: str = "其他"
    year: int | None = None

    @property
    def id(self) -> str:
        return f"{self.doc}#p{self.number}"

    @property
    def section(self) -> str:
        return " > ".join(self.section_path)


@dataclass
class Document:
    """A parsed document: its text decoded, its paragraphs numbered and placed."""

    doc_id: str
    path: Path
    title: str
    encoding: str
    sha256: str
    paragraphs: list[Paragraph] = field(default_factory=list)


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


# Later formats (DOCX, PDF, HTML) add a reader here: suffix -> function(path) -> (paragraphs, encoding).
READERS: dict[str, Callable[[Path], tuple[list[str], str]]] = {".txt": read_plain, ".md": read_plain}


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


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Parse every supported document of a corpus directory."""
    return [parse_document(path, corpus_dir) for path in corpus_files(corpus_dir)]


def parse_document(path: Path, root: Path | None = None) -> Document:
    """Read one document and recover its structure."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise CorpusError(f"{path.name}: unsupported format {path.suffix!r} (supported: {', '.join(sorted(READERS))})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror})") from exc
    lines, encoding = reader(path)
    if not lines:
        raise CorpusError(f"{path.name}: the document is empty")
    doc_id = _doc_id(path, root)
    doc = Document(doc_id=doc_id, path=path, title=lines[0], encoding=encoding,
                   sha256=hashlib.sha256(data).hexdigest())
    doc.paragraphs = structure(doc_id, lines)
    return doc


def _doc_id(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    return rel.with_suffix("").as_posix()


def structure(doc_id: str, lines: list[str]) -> list[Paragraph]:
    """Number the paragraphs and give each its section path, lead phrase and period."""
    paragraphs: list[Paragraph] = []
    part = section = item = ""
    section_inline = False  # a "(一)…。body" section covers only its own paragraph
    for number, text in enumerate(lines, start=1):
        lead = ""
        if m := PART_RE.match(text):
            part, section, item = text, "", ""
            path = (part,)
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
        period, year = period_of(part, item, text)
        paragraphs.append(Paragraph(doc_id, number, text, path, lead, period, year))
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


def period_of(part: str, item: str, text: str = "") -> tuple[str, int | None]:
    """The period a paragraph speaks of, from the heading of its part (and its item).

    "一、“十四五”时期和2025年工作回顾": the five-year items are 十四五 results, the rest 2025 results;
    "二、“十五五”时期的主要目标任务": goals for 2030; "三、2026年工作安排": 2026 targets.
    """
    if not part:
        return "其他", None
    years = [int(y) for y in re.findall(r"(20\d\d)年", part)]
    plan = next((name for name in FIVE_YEAR_PLANS if name in part), None)
    review = any(w in part for w in ("回顾", "总结", "成就"))
    if review:
        if plan and (item.startswith("——") or not years):
            return f"{plan}时期", FIVE_YEAR_PLANS[plan][1]
        if years:
            return f"{years[-1]}年", years[-1]
        return "其他", None
    if years:
        return f"{years[-1]}年目标", years[-1]
    if plan:
        end = FIVE_YEAR_PLANS[plan][1]
        return f"{end}年目标", end
    return "其他", None
