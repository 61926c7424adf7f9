"""Questions people ask of national reports, through the real Service on the real reports.

The 2014, 2016 and 2017 State Council reports are read from ../shared/reports (skipped where absent, failed in
CI) and embedded with the bundled model; each question is asked of its report alone. The cases come from
gold questions written by people who never saw the code (eval/national-2014b.jsonl, -2016b.jsonl): each
one stands for a convention of the genre, named in its comment.
"""

from __future__ import annotations

import pytest

from rag.scope import Scope
from rag.service import Service

from .conftest import national_service

N14, N16, N17 = ("national-2014-government-work-report", "national-2016-government-work-report",
                 "national-2017-government-work-report")


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Service:
    return national_service(tmp_path_factory.mktemp("national"), N14, N16, N17)


@pytest.mark.parametrize("doc,question,answer", [
    # a clause that opens with a time word speaks of what the clause before it names
    (N14, "今年退耕还林还草安排了多大面积？", "500万亩"),
    # "其中…" is a part of the clause before; 棚改 is the report's 棚户区
    (N14, "今年棚改要开工多少套？", "470万套以上"),
    # 扣除物价 asks for the real (实际) growth, it names no price statistic
    (N14, "去年农民人均纯收入扣除物价后涨了多少？", "9.3%"),
    # 单位GDP能耗 is the report's 能源消耗强度
    (N14, "今年单位GDP能耗要下降多少？", "3.9%以上"),
    # "比去年多了多少" is the increase, not the total nor a part of it
    (N14, "今年赤字规模比去年多了多少？", "1500亿元"),
    # "…了多少" asks for what was done, not the year's target
    (N14, "新一届政府第一年一共取消和下放了多少项审批事项？", "416项"),
    # 多少周年 is answered with the numeral the report writes
    (N14, "2014年是和平共处五项原则提出多少周年？", "六十周年"),
    # of two names of the kind asked, the one beside the glossed words (成功登月)
    (N14, "Which Chinese probe landed on the Moon last year?", "嫦娥三号"),
    # "how fast … grow" wants a rate, not the level reached
    (N16, "How fast did China's GDP grow in 2015?", "6.9%"),
    # the whole deficit, not its central or local part
    (N16, "How big is the total fiscal deficit budgeted for 2016?", "2.18万亿元"),
    # "2015年是“十二五”收官之年。过去五年，…": the paragraph reviews the plan's five years
    (N16, "By how much did energy consumption per unit of GDP drop during the 12th Five-Year Plan?", "18.2%"),
    (N16, "十二五末我国高铁里程有多少公里？", "超过1.9万公里"),
    # a vessel asked by its measure word (哪艘): the name the report quotes
    (N16, "2015年发生翻沉事故的是哪艘客轮？", "东方之星"),
    # BM25 reads the topic, not the year: the year is matched as a period (the part headings say 2016 too)
    (N16, "2016年棚改要改多少套？", "600万套"),
    # 老百姓 are the report's 居民, their 人均收入 its 人均可支配收入
    (N16, "2015年老百姓人均收入扣除物价后涨了多少？", "7.4%"),
    # "per-person … subsidy" asks for a figure; "from what date" for the one date of the sentence
    (N14, "What was the per-person fiscal subsidy for basic medical insurance of urban and rural residents reached in 2013?",
     "280元"),
    (N16, "From what date is the VAT reform extended to construction, real estate, finance and consumer services?", "5月1日"),
    # a rate named by its own word (贡献率) is not answered by the growth it is a share of; 经济增长 only
    # modifies what is asked ("对经济增长的贡献率"), so the figure need not be GDP's
    (N17, "2016年中国经济对全球经济增长的贡献率是多少？", "超过30%"),
    (N17, "截至2016年，科技进步对经济增长的贡献率到了多少？", "56.2%"),
    # "落了户" is the report's 落户; "单位GDP的二氧化碳排放" is the per-unit statistic, 的 or not
    (N17, "户籍改革推进下，去年又有多少人在城里落了户？", "1600万人"),
    (N16, "十三五期间，单位GDP的二氧化碳排放要累计降低多少？", "18%"),
    # a rank keeps its counter
    (N14, "2013年在本届政府依法履职里算第几年？", "第一年"),
    # the genre's statistics in the words English speakers use: energy intensity is the report's 能源消耗强度,
    # investment from the central government budget its 中央预算内投资, operating length its 营业里程
    (N14, "By how much did China's energy intensity fall in 2013?", "3.7%"),
    (N14, "What share of power generation came from non-fossil energy in 2013?", "22.3%"),
    (N16, "How much investment from the central government budget is planned for 2016?", "5000亿元"),
    (N16, "What was the total railway operating length at the end of the 12th Five-Year Plan period?", "12.1万公里"),
    (N17, "In 2017, how many households are to switch from coal to electricity or gas?", "300万户以上"),
    # the longest phrase the glossary knows wins wherever it starts: "fiscal deficit-to-GDP ratio" is 赤字率, not GDP
    (N14, "What is the planned fiscal deficit-to-GDP ratio for 2014?", "2.1%"),
    # a word glossed two ways (per person ~ 人均 / 每人, subsidy ~ 补助 / 补贴) is covered by the one the report writes
    (N16, "How much will the per-person fiscal subsidy for basic medical insurance of urban and rural residents be raised to?",
     "420元"),
    # of a 、 list (完成铁路投资8000亿元以上、公路投资1.65万亿元) the member that names the question's own modifier
    (N16, "今年铁路投资是多少？", "8000亿元以上"),
    (N16, "今年公路投资是多少？", "1.65万亿元"),
])
def test_questions_in_the_words_people_use(national, doc, question, answer):
    got = national.ask(question, scope=Scope(docs=(doc,)))
    assert not got.refused, got.reason
    assert got.answer == answer


def test_english_words_the_glossary_does_not_know_reach_the_passage(national):
    """"Nobel Prize" is in no glossary: the dictionary gives the report's 诺贝尔…奖 and the answer comes from the
    sentence that names the laureate (jieba does not tag 屠呦呦 as a name, so the sentence is the answer)."""
    got = national.ask("Which Chinese scientist won the Nobel Prize mentioned in the report?", scope=Scope(docs=(N16,)))
    assert not got.refused and "屠呦呦" in got.answer


def test_a_name_of_the_kind_asked_before_one_of_another_kind(national):
    """"建立什么制度": the sentence that sets up 居住证制度, not the nearer one on a 提升计划."""
    got = national.ask("还没落户的农民工进城，政府打算给他们建立什么制度？", scope=Scope(docs=(N14,)))
    assert got.answer == "居住证制度"


def test_a_sentence_that_names_nothing_gives_way_to_one_that_does(national):
    """"适时启动哪个股市互联互通机制": the sentence that repeats most words (推动互联互通…) names no mechanism;
    the short one of the first-ranked passage does (适时启动“深港通”)."""
    got = national.ask("今年要适时启动的是哪个股市互联互通机制？", scope=Scope(docs=(N16,)))
    assert got.answer_kind == "span" and got.answer == "深港通"


def test_an_answer_made_of_the_questions_words_is_no_answer(national):
    """"扩大自贸试验区试点" repeats the question's pilot free trade zones: it does not displace the sentence that
    names the three new zones."""
    got = national.ask("Which three new pilot free trade zones were set up in 2015?", scope=Scope(docs=(N16,)))
    assert not got.refused and "广东、天津、福建" in got.answer


def test_a_name_asked_after_a_share_is_not_a_figure_question(national):
    """"产值比重第一次超过第二产业的是哪个产业" asks for the industry; 比重 only describes it."""
    got = national.ask("去年产值比重第一次超过第二产业的是哪个产业？", scope=Scope(docs=(N14,)))
    assert not got.refused and got.answer_kind != "figure" and "服务业" in got.answer


def test_a_lead_phrase_that_names_the_topic_brings_its_paragraph(national):
    """"重拳治理大气雾霾和水污染" heads the paragraph: its sentences on coal plants and straw concern 大气污染
    though they never say it."""
    texts = [c.text for c in national.commitments("大气污染", scope=Scope(docs=(N16,))).commitments]
    assert any("燃煤电厂超低排放" in t for t in texts) and any("秸秆" in t for t in texts)
    # a lead phrase on another topic brings nothing (the 2016 tasks on schools name no pollution)
    assert not any("学杂费" in t for t in texts)


def test_a_change_asked_is_not_answered_by_the_level_reached(national):
    """"进出口总额突破4万亿美元" is the level: it answers how much trade came to, not how much it grew."""
    level = national.ask("2013年我国进出口总额达到多少？", scope=Scope(docs=(N14,)))
    assert not level.refused and level.answer == "4万亿美元"
    change = national.ask("去年我国进出口总额比上年增长了多少？", scope=Scope(docs=(N14,)))
    assert change.refused


def test_a_statistic_given_only_in_another_form_is_a_near_miss(national):
    """The 2016 report gives the growth of central poverty funds (43.4%), not their total: a question on the
    total in 亿元 is refused with the growth named nearby, not answered with the deficit's 1.4万亿元."""
    total = national.ask("2016年中央财政扶贫资金总额是多少亿元？", scope=Scope(docs=(N16,)))
    assert total.refused and "43.4%" in total.reason
    growth = national.ask("2016年中央财政扶贫资金增长多少？", scope=Scope(docs=(N16,)))
    assert not growth.refused and growth.answer == "43.4%"


def test_money_for_a_purpose_the_figure_does_not_name_is_refused(national):
    """"国防预算": the 2014 report budgets defence by no figure; its 财政赤字 figures are no answer for it."""
    assert national.ask("今年国防预算增长多少？", scope=Scope(docs=(N14,))).refused
    deficit = national.ask("今年中央财政赤字安排多少？", scope=Scope(docs=(N14,)))
    assert not deficit.refused and deficit.answer == "9500亿元"
    # asked in English, by the glossary's terms (defence budget ~ 国防预算 | 国防支出: none of them said)
    assert national.ask("By how much will China's defence budget increase this year?", scope=Scope(docs=(N14,))).refused
    assert national.ask("By how much will China's national defence budget increase this year?", scope=Scope(docs=(N14,))).refused



def test_nominal_growth_is_not_growth_in_real_terms(national):
    """The 2014 report gives urban incomes' real growth (实际增长7%); nominal growth, asked in either language,
    it does not give."""
    assert national.ask("What was the nominal growth rate of urban residents' per capita disposable income in 2013?",
                        scope=Scope(docs=(N14,))).refused
    assert national.ask("2013年城镇居民人均可支配收入名义增长多少？", scope=Scope(docs=(N14,))).refused
    real = national.ask("2013年城镇居民人均可支配收入实际增长多少？", scope=Scope(docs=(N14,)))
    assert not real.refused and real.answer == "7%"


def test_what_is_left_is_not_answered_by_what_went(national):
    """"贫困人口还剩多少" asks for the level left; the 2014 report gives only the fall (减少1650万人)."""
    left = national.ask("到去年年底全国农村贫困人口还剩多少？", scope=Scope(docs=(N14,)))
    assert left.refused and "1650万人" in left.reason  # named nearby, not given as the answer
    fall = national.ask("去年农村贫困人口减少了多少？", scope=Scope(docs=(N14,)))
    assert not fall.refused and fall.answer == "1650万人"


def test_money_asked_is_answered_in_money_and_a_years_end_not_by_its_average(national):
    """"要投入多少资金" is not answered by a count of homes; "per capita GDP" not by a growth rate; the
    unemployment rate "at the end of the year" not by the year's average."""
    assert national.ask("今年保障性安居工程要投入多少资金？", scope=Scope(docs=(N14,))).refused
    assert national.ask("What was China's per capita GDP in 2013?", scope=Scope(docs=(N14,))).refused
    # a count asked in English is not answered by a measure (kilowatts, tons, yuan)
    plants = national.ask("How many coal-fired power plants will get desulfurization upgrades this year?", scope=Scope(docs=(N14,)))
    assert plants.refused or "千瓦" not in plants.answer  # (脱硫改造1500万千瓦 is capacity, not plants)
    rate = national.ask("2016年年末城镇登记失业率是多少？", scope=Scope(docs=(N17,)))
    assert not rate.refused and rate.answer == "4.02%"  # 年末城镇登记失业率4.02%
    from rag.figure_choice import time_base_clash

    assert time_base_clash("去年年末全国城镇调查失业率是多少？", "全年城镇调查失业率平均为5.1%")
    assert not time_base_clash("去年全国城镇调查失业率平均是多少？", "全年城镇调查失业率平均为5.1%")
    # nor the year's average by the level at its end (national 2021: 年末全国城镇调查失业率降到5.2％)
    assert time_base_clash("2020年全国城镇调查失业率全年平均是多少？", "年末全国城镇调查失业率降到5.2％")
    assert not time_base_clash("2020年年末全国城镇调查失业率是多少？", "年末全国城镇调查失业率降到5.2％")


def test_a_verb_and_its_object_split_by_the_question_word_are_the_reports_word(national):
    """"一共给企业减了多少税" asks about the report's 减税 (the separable verb 减…税); 新增了多少就业 holds no word
    增就, though the report writes the pair inside 新增就业."""
    from rag.matching import question_grams, stats_for
    from rag.question import analyze

    stats = stats_for(national.state.index, frozenset({N17}))
    assert question_grams(analyze("营改增以来一共给企业减了多少税？"), stats).get("减税") == 1.0
    assert "增就" in stats.idf and "增就" not in question_grams(analyze("五年里城镇一共新增了多少就业？"), stats)


def test_a_past_years_target_is_not_answered_by_what_was_done(national):
    """The 2017 report reviews 2016: "退出钢铁产能超过6500万吨" is what was done, not the year's target the
    question asks for; this year's target is answered by a target."""
    assert national.ask("2016年钢铁行业去产能的年度目标定的是多少万吨？", scope=Scope(docs=(N17,))).refused
    got = national.ask("今年钢铁去产能的目标是多少万吨？", scope=Scope(docs=(N17,)))
    assert not got.refused and got.answer == "5000万吨左右"


def test_a_level_asked_after_a_rise_is_not_answered_by_the_rise(tmp_path):
    """National 2024 writes only the rise ("城乡居民基础养老金月最低标准提高20元"): asked the level after it
    ("提高以后每月最低标准是多少元", "上调后每月最低是多少钱"), the report does not say; asked the rise, it does."""
    service = national_service(tmp_path, "national-2024-government-work-report")
    assert service.ask("城乡居民基础养老金提高以后，每月最低标准是多少元？").refused
    assert service.ask("城乡居民基础养老金上调后每月最低是多少钱？").refused
    assert service.ask("这次上调以后，城乡居民基础养老金月最低标准是多少元？").refused
    # the jobless rate of the young is not the urban surveyed one (5.2%)
    assert service.ask("What was the youth unemployment rate in 2023?").refused
    rise = service.ask("今年城乡居民基础养老金月最低标准提高多少？")
    assert not rise.refused and rise.answer == "20元"


def test_a_statistic_the_report_tells_apart_by_its_modifier_is_a_near_miss(national):
    """The 2017 report writes both 国内旅游 (no figure) and 出境旅游超过1.2亿人次; the 2014 report pilots reform in
    县级公立医院 and also names 城市公立医院: a question on the one is not answered by the other's figure."""
    assert national.ask("2016年国内旅游人数达到多少人次？", scope=Scope(docs=(N17,))).refused
    outbound = national.ask("2016年出境旅游有多少人次？", scope=Scope(docs=(N17,)))
    assert not outbound.refused and outbound.answer == "超过1.2亿人次"
    assert national.ask("2014年城市公立医院综合改革试点要扩大到多少个城市？", scope=Scope(docs=(N14,))).refused
    county = national.ask("2014年县级公立医院综合改革试点要扩大到多少个县？", scope=Scope(docs=(N14,)))
    assert not county.refused and county.answer.startswith("1000个")


def test_a_subject_of_statistics_the_passage_does_not_name_is_a_near_miss(national):
    """The 2014 report cuts the capacity of 钢铁, 水泥, 平板玻璃 and retires 燃煤小锅炉, and names no 电解铝; it
    gives the money for 水利, not for 铁路 (genre.toml contrasts.subjects)."""
    assert national.ask("今年要淘汰多少电解铝落后产能？", scope=Scope(docs=(N14,))).refused
    steel = national.ask("今年要淘汰多少钢铁落后产能？", scope=Scope(docs=(N14,)))
    assert not steel.refused and steel.answer == "2700万吨"
    assert national.ask("今年铁路建设投资安排多少亿元？", scope=Scope(docs=(N14,))).refused
    water = national.ask("今年中央预算内水利投资安排多少？", scope=Scope(docs=(N14,)))
    assert not water.refused and water.answer == "700多亿元"


def test_a_compound_of_another_field_does_not_name_the_topic(national):
    """法治宣传教育 and 国防教育 hold 教育 but are the rule of law's and defence's (lexicon topic_elsewhere): the
    2016 report's education commitments leave them out and keep the schools'."""
    texts = [c.text for c in national.commitments("教育", scope=Scope(docs=(N16,))).commitments]
    assert not any("法治宣传教育" in t or "国防教育" in t for t in texts)
    assert any("义务教育" in t for t in texts)


def test_money_asked_is_not_answered_by_a_count(national):
    """"再开工20项重大水利工程": the 2016 report gives the number of water projects, not what they cost."""
    got = national.ask("今年重大水利工程的投资规模是多少？", scope=Scope(docs=(N16,)))
    assert got.refused and "20项" in got.reason



def test_of_a_towns_and_countryside_pair_the_second_is_the_countryside(national):
    """"城乡低保标准分别提高13.1%和17.7%" (2014), "城乡低保人均补助标准分别提高5%和8%" (2016): the countryside's is the
    second of the pair, the towns' the first."""
    rural = national.ask("去年农村低保标准提高了多少？", scope=Scope(docs=(N14,)))
    assert rural.answer == "17.7%"
    urban = national.ask("去年城市低保标准提高了多少？", scope=Scope(docs=(N14,)))
    assert urban.answer == "13.1%"
    assert national.ask("2016年农村低保的人均补助标准要提高多少？", scope=Scope(docs=(N16,))).answer == "8%"



def test_an_english_name_asked_under_a_lead_phrase_is_in_the_sentences_it_heads(tmp_path):
    """"Which corridor … under the Belt and Road" (national 2022): the lead phrase 高质量共建“一带一路” names the
    topic; the sentence under it that names a corridor (通道) holds the answer."""
    service = national_service(tmp_path, "national-2022-government-work-report")
    got = service.ask("Which international corridor in western China does the Belt and Road section say to build?")
    assert got.answer == "西部陆海新通道"
    assert service.ask("Which national soil survey is to be launched this year?").answer == "第三次全国土壤普查"


def test_a_population_bounded_by_age_a_sum_by_its_name_and_a_unit_named_in_english():
    """National 2024 (questions of a refusal set): "16到24岁青年的城镇调查失业率" is not the rate of all
    (城镇调查失业率平均5.2%); "“新三样”出口额" asks for money, not the share 近30%, and "失业保险金总额" not
    the count 1000多万; "capacity in gigawatts" is not answered by 超过全球一半."""
    from rag.figure_choice import MONEY_ASKED, ages_of
    from rag.question import analyze

    assert ages_of("去年16到24岁青年的城镇调查失业率是多少？") == {"16", "24"} and ages_of("65周岁及以上老年人") == {"65"}
    assert ages_of("unemployment of youth aged 16-24") == {"16", "24"}
    assert not ages_of("城镇调查失业率平均5.2%") and not ages_of("from 2013 to 2017, GDP grew 7.1% a year")
    assert MONEY_ASKED.search("去年“新三样”出口额是多少？") and MONEY_ASKED.search("去年发放的失业保险金总额是多少？")
    assert not MONEY_ASKED.search("今年高校招生名额是多少？")
    q = analyze("What was China's installed renewable power generation capacity in gigawatts last year?")
    assert q.strict_units and q.units[0] == "千瓦"


def test_the_poor_are_not_those_moved_and_a_concentration_is_asked_in_its_unit(national):
    """National 2017: "农村贫困人口还剩多少" is not answered by 易地扶贫搬迁人口超过240万 (genre.toml contrasts.subjects);
    a concentration asked in 微克 is not answered by its fall in %."""
    from rag.figures import figures_in
    from rag.periods import target_year
    from rag.question import analyze

    left = national.ask("目前全国农村贫困人口还剩多少？", scope=Scope(docs=(N17,)))
    assert left.refused and "1240万" in left.reason
    moved = national.ask("去年易地扶贫搬迁了多少人？", scope=Scope(docs=(N17,)))
    assert not moved.refused and moved.answer == "超过240万"
    q = analyze("去年地级及以上城市PM2.5平均浓度是多少微克每立方米？")
    assert q.strict_units and "%" not in q.units
    (dense, fall) = figures_in("细颗粒物（PM2.5）年均浓度降至35微克/立方米，下降9.1%", target_year(2022))
    assert (dense.text, dense.unit, fall.unit) == ("35微克/立方米", "微克/立方米", "%")


def test_a_fiscal_figure_of_the_centre_is_not_the_whole(national):
    """National 2014 (opened sealed set): "中央财政赤字比去年增加了多少" is not answered by the increase of the whole
    deficit (比去年增加1500亿元); the central deficit itself is stated."""
    more = national.ask("今年中央财政赤字比去年增加了多少？", scope=Scope(docs=(N14,)))
    assert more.refused and "9500亿元" in more.reason
    central = national.ask("今年中央财政赤字安排多少？", scope=Scope(docs=(N14,)))
    assert not central.refused and central.answer == "9500亿元"


def test_an_item_a_paragraph_counts_off_brings_the_sentences_after_it(national):
    """"三要强化机动车尾气治理。基本淘汰黄标车…": the sentences after a counted item (一要, 二要, 三要) that names
    the topic are its tasks, up to the next item (the 2017 paragraph on 蓝天保卫战 counts off its sources)."""
    texts = [c.text for c in national.commitments("机动车尾气", scope=Scope(docs=(N17,))).commitments]
    assert any("黄标车" in t for t in texts) and any("国六标准燃油" in t for t in texts)
    assert not any("燃煤" in t for t in texts)  # 一要加快解决燃煤污染问题: another item of the paragraph
