"""Periods: part roles and document years of every report, relative words resolved per report year,
and the broken paragraphs of web copies read whole."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from rag.documents import mend_lines, parse_document
from rag.periods import ask_of, plan_span, resolve, result_span, result_year, target_year, goal_year

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "reports"
KAIZHOU = ROOT / "corpus" / "kaizhou-2026-government-work-report.txt"


def reports_or_skip() -> list[Path]:
    files = sorted(REPORTS.glob("national-*.txt")) if REPORTS.is_dir() else []
    if not files:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{REPORTS} is missing: the development reports are required under CI")
        pytest.skip(f"{REPORTS} is absent: the national development reports are not on this machine")
    return files


def test_plan_years():
    assert plan_span("十一五") == (2006, 2010)
    assert plan_span("十三五") == (2016, 2020)
    assert plan_span("十四五") == (2021, 2025)
    assert plan_span("十五五") == (2026, 2030)
    assert result_span(2021, 2025).label == "十四五时期"
    assert result_span(2018, 2022).label == "2018—2022年"


@pytest.mark.parametrize("question,year,label", [
    ("今年GDP增长目标是多少？", 2024, "2024年"),
    ("今年GDP增长目标是多少？", 2016, "2016年"),
    ("去年国内生产总值增长多少？", 2024, "2023年"),
    ("去年国内生产总值增长多少？", 2013, "2012年"),
    ("过去五年城镇新增就业多少？", 2018, "2013—2017年"),
    ("过去五年城镇新增就业多少？", 2023, "2018—2022年"),
    ("十四五期间年均增长多少？", 2026, "十四五时期"),
    ("十四五期间年均增长多少？", 2021, "2025年目标"),
    ("What was GDP growth last year?", 2022, "2021年"),
    ("What is this year's deficit ratio?", 2015, "2015年"),
    ("2023年粮食产量是多少？", 2024, "2023年"),
    # a multiple's base year is not the period asked; the five years to a year end in it
    ("“十四五”这五年，居民人均可支配收入涨到了2020年的几倍？", 2026, "十四五时期"),
    ("How many kilometres of new expressways were built over the five years to 2012?", 2013, "2008—2012年时期"),
    ("截至2012年的五年里新增了多少公里高速公路？", 2013, "2008—2012年时期"),
])
def test_relative_words_resolve_against_the_report_year(question, year, label):
    assert resolve(ask_of(question), year).label == label


def test_resolved_periods_pick_the_right_figure_periods():
    last = resolve(ask_of("去年GDP增长多少"), 2024)
    assert last.fits(result_year(2023)) and not last.fits(target_year(2024)) and not last.fits(result_year(2022))
    this = resolve(ask_of("今年GDP增长目标"), 2024)
    assert this.fits(target_year(2024)) and not this.fits(result_year(2023))
    five = resolve(ask_of("过去五年"), 2018)
    assert five.fits(result_span(2013, 2017)) and not five.fits(result_year(2017))
    plan = resolve(ask_of("十五五时期的目标"), 2026)
    assert plan.fits(goal_year(2030, 2026)) and not plan.fits(target_year(2026))
    # "五年后达到多少": the end of the review's span (从8.2万亿元增加到23.8万亿元) or the plan's goal, not one year
    after = resolve(ask_of("普惠小微贷款余额五年后达到多少？"), 2023)
    assert after.fits(result_span(2018, 2022)) and after.fits(goal_year(2025, 2023))
    assert not after.fits(result_year(2022)) and not after.fits(target_year(2023))
    assert resolve(ask_of("今后五年的目标"), 2023).fits(goal_year(2027, 2023))


def test_kaizhou_parts_and_year():
    doc = parse_document(KAIZHOU)
    assert (doc.year, doc.level, doc.place) == (2026, "区县", "重庆市开州区")
    roles = {p.section_path[0]: (p.role, p.period.label) for p in doc.paragraphs if p.section_path}
    assert roles["一、“十四五”时期和2025年工作回顾"][0] == "review"
    assert roles["二、“十五五”时期的主要目标任务"] == ("plan_goals", "2030年目标")
    assert roles["三、2026年工作安排"] == ("year_tasks", "2026年目标")


def test_every_national_report_has_its_year_parts_and_periods():
    for path in reports_or_skip():
        year = int(re.search(r"(\d{4})", path.name).group(1))
        doc = parse_document(path)
        assert (doc.year, doc.issuer, doc.level) == (year, "国务院", "国家"), path.name
        periods = {p.period for p in doc.paragraphs}
        labels = {p.label for p in periods}
        # every report reviews the year before it (or five years) and sets this year's targets
        assert f"{year}年目标" in labels, (path.name, labels)
        assert any(p.kind == "result" and p.end == year - 1 for p in periods), (path.name, labels)
        # a report has pledges: paragraphs in target parts
        assert sum(p.period.kind == "target" for p in doc.paragraphs) > 20, path.name


@pytest.mark.parametrize("name,heading,role,label", [
    ("national-2013", "一、过去五年工作回顾", "review", "2008—2012年"),
    ("national-2013", "三、对今年政府工作的建议", "year_tasks", "2013年目标"),
    ("national-2015", "六、切实加强政府自身建设", "conduct", "2015年目标"),
    ("national-2016", "二、“十三五”时期主要目标任务和重大举措", "plan_goals", "2020年目标"),
    ("national-2024", "二、2024年经济社会发展总体要求和政策取向", "year_tasks", "2024年目标"),
    ("national-2024", "三、2024年政府工作任务", "year_tasks", "2024年目标"),
])
def test_part_roles_of_national_headings(name, heading, role, label):
    path = next((p for p in reports_or_skip() if p.name.startswith(name)), None)
    doc = parse_document(path)
    para = next(p for p in doc.paragraphs if p.text == heading)
    assert (para.role, para.period.label) == (role, label)


def test_mixed_review_turns_between_one_year_and_five():
    path = next(p for p in reports_or_skip() if p.name.startswith("national-2023"))
    doc = parse_document(path)
    labels = [p.period.label for p in doc.paragraphs if p.text.startswith(("过去一年", "过去五年", "——经济发展再上新台阶"))]
    assert labels == ["2022年", "2018—2022年", "2018—2022年", "2018—2022年"]


def test_the_closing_year_of_a_plan_opens_its_review():
    """"2015年是“十二五”收官之年。过去五年，…" reviews the plan's five years, not the one year it opens with."""
    path = next(p for p in reports_or_skip() if p.name.startswith("national-2016"))
    doc = parse_document(path)
    (para,) = [p for p in doc.paragraphs if p.text.startswith("2015年是“十二五”收官之年")]
    assert para.period.label == "十二五时期" and (para.period.start, para.period.end) == (2011, 2015)
    # a paragraph that only opens with the year stays that year's
    assert doc.paragraphs[[p.text[:4] for p in doc.paragraphs].index("过去一年")].period.label == "2015年"


def test_broken_paragraphs_read_whole():
    lines = ["2017年某市人民政府工作报告", "\u200b", "政府工作报", "告", "各位代表：",
             "一、2016年工作回顾", "国内生产总值达到74.4", "\u200b", "万亿元，增长6.7%。", "（一）加强", "——经济运行稳中向好。"]
    assert mend_lines(lines) == ["2017年某市人民政府工作报告", "政府工作报告", "各位代表：", "一、2016年工作回顾",
                                 "国内生产总值达到74.4万亿元，增长6.7%。", "（一）加强", "——经济运行稳中向好。"]
    for path in reports_or_skip():
        if path.name.startswith(("national-2017", "national-2021")):
            doc = parse_document(path)
            body = [p.text for p in doc.paragraphs[6:]]
            assert all("\u200b" not in t for t in body)
            # web copying broke these reports mid-sentence; read back, a body paragraph ends a sentence
            ends = [t for t in body if not re.search(r"[。！？：；…!?:;][”’」』)）]*$", t) and not t.startswith(("一", "二", "三", "（"))]
            assert len(ends) <= 2, ends[:3]
            # sentences the file breaks over lines ("…交出一份人" / "民满意、世界瞩目…") come back whole
            assert any("国内生产总值达到74.4万亿元" in t or "交出一份人民满意、世界瞩目" in t for t in body)


def test_a_web_pages_licence_notice_is_no_paragraph():
    """The national files end with the web page's licence notice, broken over lines: read back, it is
    dropped with the page's other leftovers, and the closing words of the report are kept."""
    lines = ["2022年政府工作报告", "各位代表：", "一、2021年工作回顾", "为实现中华民族伟大复兴的中国梦不懈奋斗！",
             "本作品是中华人民共和国的法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，及其官方正式译文。",
             "根据《", "中华人民共和国著作权法", "》第五条第一项，本作品不适用于该法，在", "中国大陆", "，也可能在其他管辖区，属于",
             "公有领域", "。", "注：中文维基文库社群认为，中华人民共和国公务演讲，", "不总是", "具有立法、行政、司法性质的文件。",
             "Public domain", "false"]
    assert mend_lines(lines) == lines[:4]
    for path in reports_or_skip():
        assert not any("公有领域" in p.text or "维基文库" in p.text for p in parse_document(path).paragraphs)


def test_a_year_reached_before_the_report_is_a_result():
    """"到2012年公共财政收入达到多少" in the 2013 report asks for a level reached, not a goal."""
    from rag.periods import ask_of, resolve

    spec = resolve(ask_of("到2012年公共财政收入达到多少万亿元？"), 2013)
    assert spec.kinds == ("result",) and spec.end == 2012
    assert resolve(ask_of("到2025年要达到多少？"), 2021).kinds == ("goal", "target")


def test_the_base_of_a_comparison_is_not_the_period_asked():
    """"和2020年比", "跟十三五末相比", "比上年": what the figure is compared with, not when it is."""
    assert ask_of("和2020年比，开州居民人均可支配收入涨到了原来的几倍？") is None
    assert ask_of("跟十三五末相比，开州工业用电量涨了多少？") is None
    assert ask_of("开州港现在的货物吞吐量比2020年增长了多少？") is None
    assert ask_of("2016年比上年增长多少？").year == 2016  # the year asked stays
    assert ask_of("本届政府任期内财政收入增加到多少？").rel == "past5"


def test_a_price_base_year_is_no_period():
    """"扶贫标准提高到2300元（2010年不变价）": 2010 is the price base of the figure, not the year asked about."""
    from rag.periods import ask_of

    assert ask_of("To what level was the national rural poverty line raised (at 2010 constant prices)?") is None
    assert ask_of("扶贫标准按2010年不变价提高到了多少？") is None
    assert ask_of("2012年按2010年不变价计算的扶贫标准是多少？").year == 2012
