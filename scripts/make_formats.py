#!/usr/bin/env python3
"""Make the files people are actually given from a plain-text report: an HTML page, a PDF, a DOCX.

    python scripts/make_formats.py OUT_DIR REPORT.txt [REPORT.txt ...] [--formats html,pdf,docx] [--bad] [--chromium]

Each report (a title line, then a paragraph a line, as in ../shared/reports/) becomes
  OUT_DIR/NAME.html  the report inside a government site's page: top bar, menus, a search box, a
                     breadcrumb, the disclosure table, share buttons, related links, a footer with an
                     ICP number, scripts and styles;
  OUT_DIR/NAME.pdf   A4, rendered by WeasyPrint with Debian's Noto CJK fonts (fonts-noto-cjk): page
                     headers, page numbers, first-line indents and no space between paragraphs (the
                     official-document look), paragraphs breaking across lines and pages;
  OUT_DIR/NAME.docx  Word: Title, Heading 1 for the 一、 parts, Heading 2 for the （一） sections, a bold
                     lead for a section whose body follows in the same paragraph, a page header and footer.
--bad adds the files a reader must refuse: scanned.pdf (an image of a page, no text layer),
encrypted.pdf (password-protected), truncated.docx (the first half of a DOCX) and empty.html (site
chrome around no article). --chromium prints the PDFs with Chromium (through playwright) instead.

The styles differ between reports on purpose (three site layouts, two page styles) so the readers
are not fitted to one template. Needs the `test` extra (weasyprint; PyMuPDF, a core dependency, for
the scanned and encrypted files) and fonts-noto-cjk (scripts/install-fonts.sh).
"""

from __future__ import annotations

import argparse
import html
import io
import re
import sys
from pathlib import Path

PART_RE = re.compile(r"^[一二三四五六七八九十]+、.{1,60}$")
SECTION_RE = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def report_lines(path: Path) -> list[str]:
    """The paragraphs of a plain-text report, as written (empty lines dropped)."""
    text = path.read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip()]


def front_matter(lines: list[str]) -> int:
    """How many lines open the report before the body: the title block up to "各位代表"."""
    for i, line in enumerate(lines[:8]):
        if line.startswith("各位代表"):
            return i
    return 1


def kind_of(line: str) -> str:
    """part | section (a heading alone) | inline (a section heading with its body) | body."""
    if PART_RE.match(line):
        return "part"
    if SECTION_RE.match(line):
        head, _, rest = line.partition("。")
        return "inline" if rest.strip() else "section"
    return "body"


def _profile(name: str) -> dict:
    """Site and page look for a report: the district site for local reports, two national layouts."""
    m = re.search(r"20\d\d", name)
    year = m.group(0) if m else "2024"
    if "national" not in name:
        place = "开州区"
        return {"site": "district", "page": "official", "year": year, "site_name": f"重庆市{place}人民政府",
                "office": f"{place}人民政府办公室", "icp": "渝ICP备05003300号-1", "beian": "渝公网安备 50023402000118号",
                "crumbs": ["首页", "政务公开", "法定主动公开内容", "政府工作报告"], "pubdate": f"{year}-02-10 09:30:00"}
    style = "gov" if int(year) % 2 == 0 else "news"
    return {"site": style, "page": "numbered", "year": year, "site_name": "中国政府网",
            "charset": "utf-8" if style == "gov" else "gbk",  # wire-service pages are often still GBK
            "office": "国务院办公厅", "icp": "京ICP备05070218号", "beian": "京公网安备 11010202000001号",
            "crumbs": ["首页", "政策", "政府工作报告"], "pubdate": f"{year}-03-12 16:07"}


# --- HTML -----------------------------------------------------------------------------------------

def _content_district(lines: list[str], head: int) -> str:
    out = []
    for i, line in enumerate(lines[1:], start=1):
        t = html.escape(line)
        if i < head:
            out.append(f'<p style="text-align: center;">{t}</p>')
        elif kind_of(line) == "part":
            out.append(f"<h2>{t}</h2>")
        elif kind_of(line) == "section":
            out.append(f"<h3>{t}</h3>")
        elif kind_of(line) == "inline":
            h, _, rest = line.partition("。")
            out.append(f'<p style="text-indent: 2em;"><strong>{html.escape(h)}。</strong>{html.escape(rest)}</p>')
        else:
            out.append(f'<p style="text-indent: 2em;">{t}</p>')
    return "\n".join(out)


def _content_gov(lines: list[str], head: int) -> str:
    out = []
    for i, line in enumerate(lines[1:], start=1):
        t = html.escape(line)
        if i < head:
            out.append(f'<p style="text-align: center; font-family: 楷体;">{t}</p>')
        elif kind_of(line) in ("part", "section"):
            out.append(f'<p style="text-indent: 2em; font-family: 黑体;"><strong>{t}</strong></p>')
        else:
            out.append(f'<p style="text-indent: 2em; font-family: 宋体, SimSun;">{t}</p>')
    return "\n".join(out)


def _content_news(lines: list[str], head: int) -> str:
    """Wire-service style: full-width spaces as the indent, the title block in one <p> split by <br>."""
    block = "<br/>\n".join(html.escape(line) for line in lines[1:head])
    out = [f'<p align="center">{block}</p>'] if head > 1 else []
    for line in lines[head:]:
        t = html.escape(line)
        if kind_of(line) in ("part", "section"):
            out.append(f"<p><b>\u3000\u3000{t}</b></p>")
        else:
            out.append(f"<p>\u3000\u3000{t}</p>")
    return "\n".join(out)


def make_html(lines: list[str], name: str) -> str:
    """The report as a government site shows it: the article inside the site's chrome."""
    p = _profile(name)
    title = html.escape(lines[0])
    head = front_matter(lines)
    content = {"district": _content_district, "gov": _content_gov, "news": _content_news}[p["site"]](lines, head)
    return _page(p, title, content)


def _page(p: dict, title: str, content: str) -> str:
    crumbs = " &gt; ".join(f'<a href="/{i}/">{c}</a>' for i, c in enumerate(p["crumbs"]))
    y = int(p["year"])
    related = "\n".join(f'<li><a href="/zfgzbg/{y - k}.html">{y - k}年{"政府工作报告" if k else "政府工作报告解读"}</a>'
                        f'<span>{y - k}-03-0{k + 1}</span></li>' for k in range(4))
    menu = "".join(f'<li><a href="/{m}/">{m}</a></li>' for m in
                   ("首页", "走进" + p["site_name"][:2], "政务公开", "政务服务", "互动交流", "数据发布", "专题专栏"))
    article_info = "" if not content else f"""
    <table class="xxgk-info">
      <tr><th>索引号：</th><td>11500234MB1A{y}01/{y}-00012</td><th>发布机构：</th><td>{p["office"]}</td></tr>
      <tr><th>主题分类：</th><td>综合政务/政府工作报告</td><th>发文日期：</th><td>{p["pubdate"][:10]}</td></tr>
    </table>"""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{p.get("charset", "utf-8")}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{p["site_name"]}">
<meta name="ColumnName" content="{p["crumbs"][-1]}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{p["pubdate"]}">
<meta name="ContentSource" content="{p["office"]}">
<title>{title}_{p["site_name"]}</title>
<link rel="stylesheet" href="/static/css/common.css">
<style>.nav li{{float:left;margin:0 18px}}.footer{{background:#0b4a8b;color:#fff}}#zoom p{{line-height:2}}</style>
<script>
var _hmt = _hmt || [];
(function() {{ var hm = document.createElement("script"); hm.src = "/static/js/stat.js?v={y}";
  var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); }})();
</script>
</head>
<body>
<div class="topbar"><div class="w1200">
  <span class="welcome">您好，欢迎访问{p["site_name"]}门户网站！</span>
  <a href="javascript:;" id="wza">无障碍浏览</a> | <a href="javascript:;" id="lzms">长者模式</a> |
  <a href="/user/login">登录</a> | <a href="/user/register">注册</a> | <a href="/wap/">手机版</a>
</div></div>
<div class="header"><div class="w1200">
  <a class="logo" href="/"><img src="/static/images/logo.png" alt="{p["site_name"]}"></a>
  <form class="search" action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键字">
  <button type="submit">搜索</button></form>
  <div class="hot">热门搜索：<a href="/search/?q=社保">社保</a> <a href="/search/?q=公积金">公积金</a>
  <a href="/search/?q=招聘">招聘</a> <a href="/search/?q=营商环境">营商环境</a></div>
</div></div>
<ul class="nav w1200">{menu}</ul>
<div class="breadcrumb w1200">当前位置：{crumbs}</div>
<div class="main w1200">
  <div class="article">{article_info}
    <h1 class="article-title">{title}</h1>
    <div class="article-meta">
      <span>发布时间：{p["pubdate"]}</span> <span>来源：{p["office"]}</span>
      <span>浏览次数：<em id="views">2,318</em></span>
      <span class="fontsize">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a>
      <a href="javascript:doZoom(14)">小</a></span>
      <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a>
    </div>
    <div class="article-content" id="zoom">
{content}
    </div>
    <div class="share">分享到：<a class="wx" href="javascript:;">微信</a> <a class="wb" href="javascript:;">微博</a>
      <a class="qq" href="javascript:;">QQ空间</a></div>
    <div class="prev-next"><p>上一篇：<a href="/zwgk/{y}/0201.html">关于{y}年春节期间安全生产工作的通知</a></p>
      <p>下一篇：<a href="/zwgk/{y}/0215.html">{y}年第一季度重点项目集中开工</a></p></div>
  </div>
  <div class="sidebar">
    <div class="related"><h3>相关链接</h3><ul>
{related}
    </ul></div>
    <div class="hot-list"><h3>热点专题</h3><ul><li><a href="/zt/yshj/">优化营商环境</a></li>
      <li><a href="/zt/xczx/">乡村振兴</a></li><li><a href="/zt/aqsc/">安全生产月</a></li></ul></div>
  </div>
</div>
<div class="links w1200">友情链接：<select><option>—— 政府网站 ——</option><option>中国政府网</option>
  <option>重庆市人民政府</option></select></div>
<div class="footer"><div class="w1200">
  <p><a href="/about/">关于本网</a> | <a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a> |
  <a href="/privacy/">隐私声明</a></p>
  <p>主办单位：{p["office"]} &nbsp; 网站标识码：5002340001 &nbsp; <a href="https://beian.miit.gov.cn/">{p["icp"]}</a>
  &nbsp; <a href="/beian/">{p["beian"]}</a></p>
  <p>建议使用1920×1080分辨率 &nbsp; 联系电话：023-52222222 &nbsp; 地址：开州区汉丰街道平桥路1号</p>
  <script>document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script>
</div></div>
<script src="/static/js/jquery-3.6.0.min.js"></script>
<script>
$(function() {{ $("#views").load("/api/views?id={y}0212"); $(".nav li").hover(function() {{ $(this).addClass("on"); }}); }});
function doZoom(size) {{ document.getElementById("zoom").style.fontSize = size + "px"; }}
</script>
</body>
</html>
"""


def make_empty_html() -> str:
    """A page of site chrome whose article is missing (a listing page saved by mistake)."""
    return _page(_profile("kaizhou-2026"), "政务公开", "")


# --- PDF ------------------------------------------------------------------------------------------

def _print_html(lines: list[str], name: str) -> str:
    p = _profile(name)
    head = front_matter(lines)
    if p["page"] == "official":
        margins = "@top-center { content: '%s'; font-size: 9pt; color: #555; border-bottom: 0.5pt solid #999; width: 100%%; }" \
                  " @bottom-center { content: '— ' counter(page) ' —'; font-size: 12pt; }" % lines[0]
    else:
        margins = ("@top-left { content: '政府工作报告'; font-size: 9pt; color: #555; }"
                   " @top-right { content: '%s年'; font-size: 9pt; color: #555; }"
                   " @bottom-right { content: '第 ' counter(page) ' 页 共 ' counter(pages) ' 页'; font-size: 9pt; }"
                   % p["year"])
    body = [f'<h1>{html.escape(lines[0])}</h1>']
    body += [f'<p class="c">{html.escape(line)}</p>' for line in lines[1:head]]
    for line in lines[head:]:
        t = html.escape(line)
        k = kind_of(line)
        if k == "part":
            body.append(f'<p class="part">{t}</p>')
        elif k == "section":
            body.append(f'<p class="sec">{t}</p>')
        elif k == "inline":
            h, _, rest = line.partition("。")
            body.append(f'<p><b>{html.escape(h)}。</b>{html.escape(rest)}</p>')
        else:
            body.append(f"<p>{t}</p>")
    size = "15pt" if p["page"] == "official" else "12pt"
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 32mm 26mm 30mm 28mm; {margins} }}
body {{ font-family: "{SERIF}"; font-size: {size}; line-height: 1.65; }}
h1 {{ font-family: "{SANS}"; font-size: 20pt; text-align: center; margin: 0 0 10pt; font-weight: normal; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; orphans: 1; widows: 1; }}
p.c {{ text-align: center; text-indent: 0; }}
p.part {{ font-family: "{SANS}"; }}
p.sec, b {{ font-weight: bold; }}
</style></head><body>
{chr(10).join(body)}
</body></html>"""


def make_pdf(lines: list[str], name: str, out: Path) -> None:
    """Render the report to an A4 PDF with WeasyPrint (the fonts come from fontconfig)."""
    from weasyprint import HTML

    HTML(string=_print_html(lines, name)).write_pdf(out)


CHROMIUM = "/usr/bin/chromium"


def make_pdfs_chromium(jobs: list[tuple[list[str], str, Path]]) -> None:
    """The same pages printed by Chromium (Debian's, through playwright): another PDF producer, whose
    justification spreads CJK lines to the margin as Word and WPS do."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            for lines, name, out in jobs:
                page.set_content(_print_html(lines, name))
                page.pdf(path=str(out), prefer_css_page_size=True)
        finally:
            browser.close()


def _scan_image(lines: list[str]) -> bytes:
    """A PNG of a printed page, as a scanner sees it (150 dpi, grey)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1240, 1754), 250)
    font = ImageFont.truetype(FONT_FILES[0], 30)
    draw = ImageDraw.Draw(img)
    y = 160
    for line in lines:
        for k in range(0, len(line), 30):
            if y > 1600:
                break
            draw.text((150, y), line[k:k + 30], font=font, fill=20)
            y += 48
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def make_scanned_pdf(lines: list[str], out: Path, text_pages: int = 0) -> None:
    """A scanned report: pages that are only pictures, no text layer. With text_pages, a PDF whose
    first pages have text and whose last page is a scan (a report with a scanned annex)."""
    import pymupdf

    doc = pymupdf.open()
    if text_pages:
        buf = io.BytesIO()
        make_pdf(lines[:12], "kaizhou-2026", buf)
        doc.insert_pdf(pymupdf.open(stream=buf.getvalue(), filetype="pdf"), to_page=text_pages - 1)
    page = doc.new_page(width=595.28, height=841.89)  # A4
    page.insert_image(page.rect, stream=_scan_image(lines[12 if text_pages else 0:]))
    doc.save(out)


def make_encrypted_pdf(lines: list[str], out: Path, user_password: str = "secret") -> None:
    """A password-protected PDF (AES-256). With user_password="", only the owner password is set:
    anyone can open it (copying and printing restricted), as many published PDFs are."""
    import pymupdf

    buf = io.BytesIO()
    make_pdf(lines, "kaizhou-2026", buf)
    doc = pymupdf.open(stream=buf.getvalue(), filetype="pdf")
    doc.save(out, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner-secret", user_pw=user_password,
             permissions=pymupdf.PDF_PERM_ACCESSIBILITY)


# --- DOCX -----------------------------------------------------------------------------------------

def make_docx(lines: list[str], name: str, out: Path) -> None:
    """The report as a Word document with heading styles, as a government office writes it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    head = front_matter(lines)
    section = doc.sections[0]
    section.header.paragraphs[0].text = lines[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)

    doc.add_paragraph(lines[0], style="Title")
    for line in lines[1:head]:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in lines[head:]:
        k = kind_of(line)
        if k == "part":
            doc.add_paragraph(line, style="Heading 1")
        elif k == "section":
            doc.add_paragraph(line, style="Heading 2")
        else:
            para = doc.add_paragraph()
            para.paragraph_format.first_line_indent = Pt(32)
            if k == "inline":
                h, _, rest = line.partition("。")
                para.add_run(h + "。").bold = True
                para.add_run(rest)
            else:
                para.add_run(line)
    doc.save(out)


def make_truncated_docx(lines: list[str], out: Path) -> None:
    """The first half of a DOCX, as an interrupted download leaves it."""
    buf = io.BytesIO()
    make_docx(lines[:30], "kaizhou-2026", buf)
    data = buf.getvalue()
    out.write_bytes(data[: len(data) // 2])


# --- command line ---------------------------------------------------------------------------------

def make_all(reports: list[Path], out_dir: Path, formats: tuple[str, ...] = ("html", "pdf", "docx"),
             bad: bool = False, chromium: bool = False) -> list[Path]:
    """Write every format of every report (and the bad files) into out_dir; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    jobs: list[tuple[list[str], str, Path]] = []
    for report in reports:
        lines = report_lines(report)
        stem = report.stem
        if "html" in formats:
            charset = _profile(stem).get("charset", "utf-8")
            (out_dir / f"{stem}.html").write_bytes(make_html(lines, stem).encode(
                "gb18030" if charset == "gbk" else charset, errors="xmlcharrefreplace"))
            written.append(out_dir / f"{stem}.html")
        if "pdf" in formats:
            if chromium:
                jobs.append((lines, stem, out_dir / f"{stem}.pdf"))
            else:
                make_pdf(lines, stem, out_dir / f"{stem}.pdf")
            written.append(out_dir / f"{stem}.pdf")
        if "docx" in formats:
            make_docx(lines, stem, out_dir / f"{stem}.docx")
            written.append(out_dir / f"{stem}.docx")
    if jobs:
        make_pdfs_chromium(jobs)
    if bad:
        lines = report_lines(reports[0])
        make_scanned_pdf(lines, out_dir / "scanned.pdf")
        make_encrypted_pdf(lines[:20], out_dir / "encrypted.pdf")
        make_truncated_docx(lines, out_dir / "truncated.docx")
        (out_dir / "empty.html").write_text(make_empty_html(), encoding="utf-8")
        written += [out_dir / n for n in ("scanned.pdf", "encrypted.pdf", "truncated.docx", "empty.html")]
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("reports", type=Path, nargs="+")
    ap.add_argument("--formats", default="html,pdf,docx")
    ap.add_argument("--bad", action="store_true", help="also write the bad files")
    ap.add_argument("--chromium", action="store_true", help="print the PDFs with Chromium instead of WeasyPrint")
    args = ap.parse_args(argv)
    for path in make_all(args.reports, args.out_dir, tuple(args.formats.split(",")), args.bad, args.chromium):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
