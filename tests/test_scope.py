"""Scopes (which reports a request covers) and the routing of unscoped questions by their own words."""

import pytest

from rag.errors import QuestionError
from rag.models import DocumentInfo
from rag.question import analyze
from rag.scope import Scope, asks_plan, place_filter, report_year, route


def info(doc: str, year: int, national: bool = True) -> DocumentInfo:
    issuer, level, place = ("国务院", "国家", "全国") if national else ("开州区人民政府", "区县", "重庆市开州区")
    return DocumentInfo(doc=doc, title=f"{year}年政府工作报告", path="", encoding="utf-8", paragraphs=1, passages=1,
                        sha256="", year=year, issuer=issuer, level=level, place=place)


LIBRARY = [info("kz-2026", 2026, national=False), info("n-2021", 2021), info("n-2022", 2022), info("n-2023", 2023),
           info("n-2024", 2024), info("n-2016", 2016)]


def groups(question: str, docs=LIBRARY) -> list[tuple[str, ...]]:
    return route(question, analyze(question).period, docs).groups


def test_scope_selects_by_id_year_issuer_and_level():
    assert [d.doc for d in Scope(docs=("n-2023",)).select(LIBRARY)] == ["n-2023"]
    assert [d.doc for d in Scope(years=(2023, 2024)).select(LIBRARY)] == ["n-2023", "n-2024"]
    assert [d.doc for d in Scope(issuer="开州").select(LIBRARY)] == ["kz-2026"]
    assert [d.doc for d in Scope(level="国家", years=(2022,)).select(LIBRARY)] == ["n-2022"]
    assert len(Scope().select(LIBRARY)) == len(LIBRARY)


def test_scope_errors_are_one_line_and_name_the_problem():
    with pytest.raises(QuestionError, match="unknown report id.*nope.*rag documents"):
        Scope(docs=("nope",)).select(LIBRARY)
    with pytest.raises(QuestionError, match="no indexed report matches"):
        Scope(years=(1999,)).select(LIBRARY)
    with pytest.raises(QuestionError, match="must be a year"):
        Scope.of(years=["twenty"])
    with pytest.raises(QuestionError, match="between 1900 and 2100"):
        Scope.of(years=[3000])
    assert Scope.of(docs=[" n-2023 ", "", "n-2023"], years=["2023"]) == Scope(docs=("n-2023",), years=(2023,))


def test_a_place_name_routes_to_that_place_and_national_words_to_the_country():
    assert groups("开州去年新增城镇就业多少人？") == [("kz-2026",)]
    assert groups("What is Kaizhou's target for new urban jobs in 2026?") == [("kz-2026",)]
    assert groups("What is the urbanization target of Kaizhou District?") == [("kz-2026",)]  # by its pinyin
    assert groups("How many jobs did Chongqing add last year?") == [("kz-2026",)]
    assert groups("What does the report of Kaifeng say?") != [("kz-2026",)]
    assert groups("开州是全国第几个“中国厨师之乡”？") == [("kz-2026",)]  # the place beats 全国
    docs, why = place_filter("全国粮食产量是多少", LIBRARY)
    assert {d.level for d in docs} == {"国家"} and "全国" in why


def test_a_named_report_is_the_only_one_asked():
    assert groups("2022年的报告安排地方政府专项债券多少？") == [("n-2022",)]
    assert groups("According to the 2016 report, what was the target?") == [("n-2016",)]
    assert report_year("去年的报告里赤字率是多少", LIBRARY)[0] == 2025  # the latest report is 2026's
    assert report_year("去年的报告里赤字率是多少", LIBRARY[1:])[0] == 2023


def test_a_year_of_data_asks_the_report_of_its_results_or_of_its_targets():
    assert groups("2022年GDP实际增长多少？") == [("n-2023",), ("n-2022",)]  # results come the year after
    assert groups("2022年城镇新增就业目标是多少？") == [("n-2022",), ("n-2023",)]
    assert groups("2024年先发行多少超长期特别国债？") == [("n-2024",)]  # no 2025 report: the year's own
    assert asks_plan("2017年赤字率按多少安排？") and not asks_plan("2021年居民消费价格实际涨了多少？")
    assert asks_plan("Under the 13th Five-Year Plan, by how much was energy consumption to fall?")


def test_plans_and_relative_words():
    assert groups("十三五规划的经济增长目标是多少？")[0] == ("n-2016",)  # set in the plan's first year
    assert groups("“十四五”时期单位GDP能耗要降低多少？")[0] == ("n-2021",)
    assert groups("今年城镇调查失业率目标是多少？") == [("kz-2026",)]  # 今年: the latest report in scope
    assert groups("今年城镇调查失业率目标是多少？", LIBRARY[1:]) == [("n-2024",)]
    no_year = route("城镇调查失业率目标是多少？", None, LIBRARY[1:])  # the latest report, then the others
    assert no_year.groups == [("n-2024",), ("n-2021", "n-2022", "n-2023", "n-2016")] and no_year.latest_first


def test_one_report_in_scope_is_never_routed_away():
    assert groups("2022年GDP实际增长多少？", [LIBRARY[0]]) == [("kz-2026",)]
