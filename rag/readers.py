"""Readers for the files people are actually given: HTML pages, PDF files and Word documents.

Each reader takes a path and returns what the text reader returns for the same report: the
paragraphs in order (the title first) and the encoding (the page's charset; "pdf" or "docx" for the
binary formats), so structure, periods, figures and commitments come out the same.
- HTML: the article only (trafilatura): menus, breadcrumbs, share buttons, related links, footers and
  scripts dropped; the title, the date line and the paragraph breaks kept.
- PDF: the text layer (PyMuPDF, chosen over pdfplumber and pypdf by bench/bench_pdf_readers.py):
  lines put back into whole paragraphs across line and page breaks, running headers, footers and page
  numbers dropped (see `pdf_paragraphs`).
- DOCX: the body's paragraphs and table rows in order (python-docx); headings stay paragraphs of their own.
A file that cannot be read whole (encrypted or scanned PDF, damaged DOCX, a page with no article)
raises UnreadableDocument, naming the file: the build skips it with a warning and indexes the rest.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from .errors import UnreadableDocument

PAGE_NUMBER_RE = re.compile(
    r"^[-—–_\s]*(第\s*)?\d{1,4}\s*(页)?(\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–_\s]*$"
    r"|^(page|p\.)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
GB_CHARSETS = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}
MIN_MAIN_TEXT = 30  # Han characters: a page whose longest paragraph is shorter has no article


def _clean(paragraphs) -> list[str]:
    """Ideographic spaces to spaces, ends trimmed, empty paragraphs dropped (as the text reader does)."""
    out = []
    for p in paragraphs:
        p = p.replace("\u3000", " ").strip()
        if p:
            out.append(p)
    return out


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:100]


# --- HTML -----------------------------------------------------------------------------------------


def _decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page's text: UTF-8 when it is valid UTF-8 (whatever the page declares: GBK text is almost
    never valid UTF-8, while stale declarations are common), else the declared charset (GB2312/GBK
    read as GB18030), else detected."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = CHARSET_RE.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        codec = "gb18030" if declared in GB_CHARSETS else declared
        try:
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    from .documents import decode_text

    return decode_text(data, name)


def read_html(path: Path) -> tuple[list[str], str]:
    """The article of a web page: its title, then its paragraphs; the site's chrome left out."""
    import trafilatura

    text, encoding = _decode_html(path.read_bytes(), path.name)
    # favor_precision without the fallback extractors: a page with no article yields nothing rather
    # than its menus and footer
    doc = trafilatura.bare_extraction(text, with_metadata=True, favor_precision=True, fast=True,
                                      include_comments=False, include_tables=True, include_links=False)
    lines = _clean((doc.text or "").split("\n")) if doc is not None else []
    if not lines or max(len(re.findall(r"[\u4e00-\u9fff]", line)) for line in lines) < MIN_MAIN_TEXT:
        raise UnreadableDocument(f"{path.name}: no main text found in the HTML page (only navigation, links "
                                 "or a footer): save the article's own page")
    title = (doc.title or "").replace("\u3000", " ").strip()
    if title and lines[0] != title:
        lines.insert(0, title)
    return lines, encoding


# --- DOCX -----------------------------------------------------------------------------------------


def read_docx(path: Path) -> tuple[list[str], str]:
    """The body of a Word document: paragraphs (headings included, each its own) and table rows, in order."""
    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(path):
        raise UnreadableDocument(f"{path.name}: not a readable Word document (not a complete DOCX package: "
                                 "truncated or damaged, or an old .doc or encrypted file renamed)")
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml and OPC errors
        raise UnreadableDocument(f"{path.name}: not a readable Word document ({type(exc).__name__}: "
                                 f"{_one_line(exc)})") from exc
    raw: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):  # merged cells repeat
                        cells.append(cell.text.strip())
                raw.append(" ".join(cells))
        else:
            raw.extend(block.text.split("\n"))  # a manual line break (Shift+Enter) ends a paragraph too
    lines = _clean(raw)
    if not lines:
        raise UnreadableDocument(f"{path.name}: the Word document has no text")
    return lines, "docx"


# --- PDF ------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of a PDF's text layer, as a library places it (points, origin at the page's top left)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size
    text: str


@dataclass
class Geometry:
    """The text block of a document: margins, body font size, line pitch, whether paragraphs indent."""

    left: float
    right: float
    size: float
    pitch: float
    indents: bool


def furniture(lines: list[Line], pages: int, page_height: float) -> set[int]:
    """Indexes of the running headers and footers (the same text at the same height at the top or foot
    of many pages, digits aside) and of the page numbers: a number alone near a page's top or bottom, set apart from
    the text block by more than a line's spacing."""
    def key(ln: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text)), round(ln.top / 6)

    tops: dict[int, list[float]] = {}
    for ln in lines:
        tops.setdefault(ln.page, []).append(ln.top)
    for page, ys in tops.items():
        ys.sort()

    def at_edge(ln: Line) -> bool:  # among the three highest or lowest lines of its page
        ys = tops[ln.page]
        return ln.top <= ys[min(2, len(ys) - 1)] or ln.top >= ys[max(0, len(ys) - 3)]

    pages_of: dict[tuple[str, int], set[int]] = {}
    for ln in lines:
        if at_edge(ln):
            pages_of.setdefault(key(ln), set()).add(ln.page)
    repeated = {k for k, on in pages_of.items() if len(on) >= 2 and len(on) >= 0.3 * pages}
    out = {i for i, ln in enumerate(lines) if at_edge(ln) and key(ln) in repeated}
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top]
    pitch = median(pitches) if pitches else 0.0
    band = 0.12 * page_height
    for i, ln in enumerate(lines):
        if i in out or not PAGE_NUMBER_RE.match(ln.text.strip()) or band < ln.top < page_height - band:
            continue
        others = [abs(o.top - ln.top) for j, o in enumerate(lines) if o.page == ln.page and j != i and j not in out]
        if not others or min(others) > 1.3 * pitch:
            out.add(i)
    return out


def geometry(lines: list[Line]) -> Geometry:
    """Left margin (the commonest line start), right margin, body size, line pitch and indent habit."""
    size = median(ln.size for ln in lines)
    left = float(Counter(round(ln.x0) for ln in lines).most_common(1)[0][0])
    ends = sorted(ln.x1 for ln in lines if abs(ln.x0 - left) < 0.5 * size) or sorted(ln.x1 for ln in lines)
    right = ends[int(0.9 * (len(ends) - 1))]
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 < b.top - a.top < 3 * size]
    pitch = median(pitches) if pitches else 1.5 * size
    indented = sum(0.8 * size < ln.x0 - left < 4.5 * size for ln in lines)
    return Geometry(left, right, size, pitch, indented >= max(3, 0.05 * len(lines)))


def starts_paragraph(prev: Line, line: Line, g: Geometry) -> bool:
    """Whether a line opens a new paragraph rather than continuing the one above it."""
    if line.page == prev.page and line.top - prev.top > g.pitch + 0.6 * g.size:
        return True  # more space than between two lines of a paragraph
    shortfall = g.right - prev.x1
    indented = line.x0 > g.left + 0.8 * g.size
    mid = (g.left + g.right) / 2

    def balanced(ln: Line) -> bool:
        return abs((ln.x0 + ln.x1) / 2 - mid) < g.size

    def centred(ln: Line) -> bool:  # set in further than a first-line indent, and balanced
        return balanced(ln) and ln.x0 > g.left + 2.5 * g.size

    if shortfall <= 1.5 * g.size:  # the line above ran to the margin
        return indented and not (centred(line) and balanced(prev))  # a centred title wraps onto a centred line
    if centred(prev):
        return True  # a centred line that ends short is whole (the title block)
    if g.indents:
        # first-line indents mark the paragraphs: a line ending a little short is ragged right (no break
        # inside a number or before a closing mark), not a paragraph's end
        return indented or shortfall > 0.3 * (g.right - g.left)
    return True


def _join(a: str, b: str) -> str:
    return f"{a} {b}" if re.search(r"[A-Za-z]$", a) and re.match(r"[A-Za-z]", b) else a + b


def pdf_paragraphs(lines: list[Line], pages: int, page_height: float) -> list[str]:
    """The paragraphs of a document's lines in reading order, page furniture dropped."""
    drop = furniture(lines, pages, page_height)
    body = [ln for i, ln in enumerate(lines) if i not in drop and ln.text.strip()]
    if not body:
        return []
    g = geometry(body)
    out: list[str] = []
    for prev, ln in zip([None, *body], body):
        text = ln.text.strip()
        if prev is None or starts_paragraph(prev, ln, g):
            out.append(text)
        else:
            out[-1] = _join(out[-1], text)
    return out


def _page_lines(page, number: int) -> list[Line]:
    """Horizontal text lines of a PyMuPDF page, pieces on one baseline joined, top to bottom."""
    pieces = []
    for block in page.get_text("dict")["blocks"]:
        for ln in block.get("lines", []):
            spans = [s for s in ln["spans"] if s["text"].strip()]
            dx, dy = ln["dir"]
            if not spans or abs(dy) > 0.01 or dx <= 0:  # rotated text: a watermark or a margin note
                continue
            x0, y0, x1, y1 = ln["bbox"]
            pieces.append(Line(number, x0, x1, y0, y1, median(s["size"] for s in spans),
                               "".join(s["text"] for s in ln["spans"])))
    pieces.sort(key=lambda p: (p.top, p.x0))
    lines: list[Line] = []
    for p in pieces:
        same = [ln for ln in lines[-3:] if abs((ln.top + ln.bottom) - (p.top + p.bottom)) / 2 < 0.3 * p.size]
        if same and p.x0 >= same[-1].x1 - 0.5 * p.size:
            last = same[-1]
            gap = " " if p.x0 - last.x1 > 0.8 * p.size else ""
            last.text, last.x1 = last.text + gap + p.text, max(last.x1, p.x1)
        else:
            lines.append(p)
    return lines


def read_pdf(path: Path) -> tuple[list[str], str]:
    """The paragraphs of a PDF's text layer; encrypted and scanned files are refused whole."""
    import pymupdf

    try:
        doc = pymupdf.open(str(path), filetype="pdf")
    except Exception as exc:  # noqa: BLE001 - PyMuPDF raises FileDataError, RuntimeError, ValueError
        raise UnreadableDocument(f"{path.name}: not a readable PDF ({_one_line(exc)})") from exc
    with doc:
        if doc.needs_pass and not doc.authenticate(""):
            raise UnreadableDocument(f"{path.name}: the PDF is encrypted (it needs a password to open): "
                                     "index an unprotected copy")
        lines: list[Line] = []
        scanned = []
        for n, page in enumerate(doc):
            on_page = _page_lines(page, n)
            if not on_page and page.get_images():
                scanned.append(n + 1)
            lines += on_page
        if scanned:
            if len(scanned) == doc.page_count:
                which = "no page has a text layer"
            else:
                listed = ", ".join(map(str, scanned[:5])) + (" …" if len(scanned) > 5 else "")
                which = f"page(s) {listed} of {doc.page_count} have no text layer"
            raise UnreadableDocument(f"{path.name}: {which}, only images (a scan?): OCR is out of scope; "
                                     "the file is skipped whole so that no part of it is indexed")
        height = doc[0].rect.height if doc.page_count else 842.0
        paragraphs = _clean(pdf_paragraphs(lines, doc.page_count, height))
    if not paragraphs:
        raise UnreadableDocument(f"{path.name}: the PDF has no text")
    return paragraphs, "pdf"


READERS = {".html": read_html, ".htm": read_html, ".pdf": read_pdf, ".docx": read_docx}
