"""Figures: text as written, value, unit, metric and period, in the patterns reports use."""

import pytest

from rag.periods import result_span, target_year
from rag.figures import figures_in


def by_text(figs):
    return {f.text: f for f in figs}


def fitting(text: str, period):
    """fits(question, figure text) over the figures of one passage of the given text and period."""
    from rag.figure_choice import Scored, fits
    from rag.matching import Stats
    from rag.models import Passage
    from rag.question import analyze

    figs = by_text(figures_in(text, period))
    passage = Passage(id="p", doc="d", paragraph=1, section="", text=text, figures=list(figs.values()))
    # the report's own year: the year after the results it reviews, the year of the targets it sets
    stats = Stats(idf={}, default=1.0, stop=frozenset(), doc_years={"d": (period.end or 0) + (period.kind == "result")})
    return lambda question, fig: fits(analyze(question), Scored(figs[fig], passage, 1.0, 1.0, 1.0), stats)



def test_targets_paragraph():
    figs = by_text(figures_in("今年经济社会发展主要预期目标是:地区生产总值增长6%,规上工业增加值增长6%,"
                              "固定资产投资增长3%,城镇新增就业7300人。", target_year(2026)))
    assert figs["3%"].metric == "固定资产投资增长"
    assert figs["7300人"].value == 7300 and figs["7300人"].unit == "人"
    assert figs["7300人"].metric == "城镇新增就业" and figs["7300人"].period.label == "2026年目标"


@pytest.mark.parametrize("text,figure,value,unit", [
    ("第一产业增加值96.94亿元", "96.94亿元", 96.94e8, "元"),
    ("城乡居民收入比缩小至2.01:1", "2.01:1", 2.01, "比"),
    ("年游客接待量突破1150万人次", "1150万人次", 1150e4, "人次"),
    ("人均预期寿命达到79.85岁", "79.85岁", 79.85, "岁"),
    ("粮食播面稳定在173万亩", "173万亩", 173e4, "亩"),
])
def test_values_and_units(text, figure, value, unit):
    f = by_text(figures_in(text))[figure]
    assert f.value == pytest.approx(value) and f.unit == unit


def test_respectively_maps_subjects_to_figures():
    figs = figures_in("地区生产总值、固定资产投资、社会消费品零售总额、一般公共预算收入年均分别增长4.8%、9.6%、10%、7.8%,"
                      "居民人均可支配收入达2020年的1.4倍。", result_span(2021, 2025))
    metrics = {f.text: f.metric for f in figs}
    assert metrics["4.8%"].startswith("地区生产总值") and metrics["9.6%"].startswith("固定资产投资")
    assert metrics["10%"].startswith("社会消费品零售总额") and "居民人均可支配收入" in metrics["1.4倍"]


def test_bare_verb_inherits_subject_and_qualifiers():
    figs = by_text(figures_in("A级旅游景区年游客接待量突破1150万人次、增长27%。力争完成投资145亿元以上,推动民间投资增长4%左右。"))
    assert figs["27%"].metric == "A级旅游景区年游客接待量增长"
    # a qualifier written after the figure is part of it as written; the qualifier field holds it too
    assert figs["145亿元以上"].qualifier == "以上" and figs["4%左右"].qualifier == "左右"
    assert figs["145亿元以上"].value == pytest.approx(145e8)


def test_dates_codes_and_ranges():
    figs = figures_in("2025年,G243岳溪至万州等国省干线开工,PM2.5下降,力争实质性开工50亿级以上项目1个、10亿—20亿级项目3个。"
                      "——2026年2月4日", target_year(2026))
    texts = [f.text for f in figs]
    assert "2025年" not in texts and not any(t.startswith("243") or t.startswith("2.5") for t in texts)
    assert "10亿—20亿" in texts and "3个" in texts
    assert by_text(figs)["3个"].metric == "10亿—20亿级项目"
    assert by_text(figs)["10亿—20亿"].value == pytest.approx(1e9)


def test_goal_year_in_sentence_overrides_period():
    f = figures_in("力争到2030年,常住人口城镇化率提高至58.5%。", target_year(2026))[0]
    assert f.period.label == "2030年目标" and f.period.kind == "goal" and f.period.end == 2030


def test_a_present_state_among_the_tasks_is_last_years_result():
    """"目前…已经超过2万亿元" in the 2013 tasks says where things stand, not what is planned; the plan beside it
    stays a target."""
    figs = figures_in("目前我国年度财政性教育经费支出总额已经超过2万亿元，今后还要继续增加。", target_year(2013))
    assert figs[0].period.kind == "result" and figs[0].period.end == 2012
    planned = figures_in("今年要完成棚户区改造600万套。", target_year(2013))[0]
    assert planned.period.kind == "target" and planned.period.end == 2013


def test_ge_counts_anything():
    from rag.question import analyze

    # 新建机场31个 answers "多少座机场": 个 is the measure word of every noun
    assert "个" in analyze("过去五年全国一共新修了多少座机场？").units
    assert "个" in analyze("全国有多少所高校？").units


# The genre's figure grammar, on sentences of the national reports (../shared/reports) and Kaizhou's.
@pytest.mark.parametrize("text,figure,value,unit,qualifier", [
    ("国内生产总值超过120万亿元", "120万亿元", 120e12, "元", "超过"),
    ("国内生产总值达到134.9万亿元，增长5.2%", "134.9万亿元", 1.349e14, "元", ""),
    ("外汇储备超过3.2万亿美元", "3.2万亿美元", 3.2e12, "美元", "超过"),
    ("粮食产量1.4万亿斤", "1.4万亿斤", 1.4e12, "斤", ""),
    ("发电装机容量3.7亿千瓦", "3.7亿千瓦", 3.7e8, "千瓦", ""),
    ("全社会用电量增长6.7%，达到9.2万亿千瓦时", "9.2万亿千瓦时", 9.2e12, "千瓦时", ""),
    ("国内生产总值增长５．２％", "５．２％", 5.2, "%", ""),
    ("城镇新增就业1200万人以上", "1200万人以上", 1.2e7, "人", "以上"),
    ("居民消费价格涨幅3%左右", "3%左右", 3.0, "%", "左右"),
    ("城镇调查失业率5.5%以内", "5.5%以内", 5.5, "%", "以内"),
    ("近1亿农业转移人口落户城镇", "1亿", 1e8, "", "近"),
    ("赤字率比去年提高0.2个百分点", "0.2个百分点", 0.2, "个百分点", ""),
    ("城乡居民基础养老金月最低标准提高20元", "20元", 20.0, "元", ""),
    ("人均财政补助标准提高到每人每年670元/人", "670元/人", 670.0, "元/人", ""),
    ("农村贫困人口减少1000万以上", "1000万以上", 1e7, "", "以上"),
    ("研发投入增长约三成", "三成", 30.0, "%", "约"),
    ("提高两个百分点", "两个百分点", 2.0, "个百分点", ""),
    ("出口额1,234亿元", "1,234亿元", 1234e8, "元", ""),
])
def test_figure_grammar(text, figure, value, unit, qualifier):
    f = by_text(figures_in(text))[figure]
    assert f.value == pytest.approx(value) and f.unit == unit and f.qualifier == qualifier


def test_fullwidth_and_halfwidth_give_the_same_figures():
    half = "国内生产总值增长5.2%，城镇新增就业1244万人，居民消费价格上涨0.2%。"
    full = "国内生产总值增长５．２％，城镇新增就业１２４４万人，居民消费价格上涨０．２％。"
    a, b = figures_in(half), figures_in(full)
    assert [(f.value, f.unit, f.metric) for f in a] == [(f.value, f.unit, f.metric) for f in b]
    assert [f.text for f in b] == ["５．２％", "１２４４万人", "０．２％"]


def test_a_report_in_full_width_punctuation_gives_the_same_figures(tmp_path):
    """Kaizhou's report uses half-width punctuation (,:()) and the national reports full-width (，：（）):
    the same report in either gives the same figures, metrics and periods."""
    from pathlib import Path

    from rag.documents import parse_document
    from rag.indexing import passages_of

    source = Path(__file__).resolve().parents[1] / "corpus" / "kaizhou-2026-government-work-report.txt"
    text = source.read_text(encoding="utf-8")
    full = text.translate(str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；", "!": "！", "?": "？"}))
    (tmp_path / "half.txt").write_text(text, encoding="utf-8")
    (tmp_path / "full.txt").write_text(full, encoding="utf-8")

    def figures(name):
        doc = parse_document(tmp_path / name)
        return [(f.value, f.unit, f.period.label, f.metric.translate(str.maketrans("，：（）", ",:()")))
                for p in passages_of([doc], 300) for f in p.figures]

    half, fullwidth = figures("half.txt"), figures("full.txt")
    assert len(half) > 200 and half == fullwidth


@pytest.mark.parametrize("sentence,period", [
    ("“十二五”时期，国内生产总值年均增长7.8%，经济总量稳居世界第二位。", "十二五时期"),  # the plan the sentence names
    ("过去五年，国内生产总值年均增长7.1%。", "十二五时期"),  # a five-year review ending in 2015
    ("三年来，地区生产总值年均增长6.2%。", "2013—2015年"),  # as many years as the sentence says
    ("全年国内生产总值增长6.9%。", "2015年"),  # no 年均: the year itself
])
def test_an_annual_average_in_a_years_review_is_the_periods(sentence, period):
    from rag.periods import result_year

    (fig,) = figures_in(sentence, result_year(2015))[:1]
    assert fig.period.label == period and fig.period.kind == "result"


def test_questions_ask_for_the_units_they_name():
    from rag.question import analyze

    assert analyze("2015年实际使用外资多少美元？").units == ("美元",)
    assert analyze("今年城乡居民医保财政补助提高到每人每年多少元？").units == ("元",)
    # a count of people is strict about its unit; no unit named means nothing to be strict about
    assert analyze("今年城镇新增就业多少人？").strict_units
    assert not analyze("2015年新设了哪几个自贸试验区？").wants_figure  # which ones, not how many
    # English people are counted only when counted: "per-person subsidy of residents" asks for money
    assert analyze("How many new urban jobs were created in 2024?").units[0] == "人"
    assert "人" not in analyze("To what level will the per-person subsidy for urban residents rise in 2015?").units
    # a number in a question that asks which two is context, not what is asked (national 2018)
    assert not analyze("今年迎来成立60周年的是哪两个自治区？").wants_figure
    assert not analyze("“十二五”末我国经济总量居世界第几位？").wants_figure  # a rank
    assert not analyze("2021年的粮食产量在历史上算什么水平？").wants_figure  # a standing (创历史新高)
    assert not analyze("报告里银行业资本充足率8.4%是什么时候的数据？").wants_figure  # the date of a figure given
    assert analyze("去年粮食产量达到什么水平？").wants_figure  # the level reached is a figure
    assert analyze("今年GDP增长目标是多少？").wants_figure
    # a year that names the report is not the period asked about, in English too
    assert analyze("What forest coverage rate does the 2023 report say has been reached?").period is None
    assert analyze("What was GDP growth in 2022?").period.year == 2022


def test_more_than_written_inside_the_figure():
    """"5700多亿元", "1200余万人次": 多/余 between the number and its magnitude, kept as written."""
    from rag.periods import result_year

    figs = by_text(figures_in("全年降低企业税负5700多亿元，实际使用外资1300多亿美元，接待游客1200余万人次。", result_year(2016)))
    assert figs["5700多亿元"].value == 5.7e11 and figs["5700多亿元"].unit == "元" and figs["5700多亿元"].qualifier == "多"
    assert figs["1300多亿美元"].unit == "美元" and figs["1300多亿美元"].metric == "使用外资"
    assert figs["1200余万人次"].value == 1.2e7 and figs["1200余万人次"].unit == "人次"
    # 多/余 after the magnitude, before the unit (national 2023: 专精特新中小企业达7万多家)
    figs = by_text(figures_in("专精特新中小企业达7万多家，惠及3万余户。", result_year(2022)))
    assert figs["7万多家"].value == 7e4 and figs["7万多家"].unit == "家"
    assert figs["3万余户"].value == 3e4 and figs["3万余户"].unit == "户"
    # thousands, alone or after 万, with 多 before the unit (national 2018: 日均新设企业由5千多户增加到1万6千多户)
    figs = by_text(figures_in("日均新设企业由5千多户增加到1万6千多户。", result_year(2017)))
    assert figs["1万6千多户"].value == 16000 and figs["1万6千多户"].unit == "户" and figs["1万6千多户"].qualifier == "多"
    assert figs["5千多户"].value == 5000 and figs["5千多户"].unit == "户"
    # a list member after 和 counts what follows it; an adverb jieba splits (有|效应|对) is no noun (Kaizhou 2026)
    figs = by_text(figures_in("有效应对21轮强降雨和2轮高温天气过程,实现自然灾害零伤亡。", result_year(2025)))
    assert figs["21轮"].metric == "有效应对强降雨" and figs["2轮"].metric == "高温天气过程"
    # an anniversary is of what was founded before it, not of the next member (national 2015)
    figs = by_text(figures_in("组织好西藏自治区成立50周年和新疆维吾尔自治区成立60周年庆祝活动。", result_year(2014)))
    assert figs["50周年"].metric == "组织好西藏自治区成立" and figs["60周年"].metric == "新疆维吾尔自治区成立"
    # 个 and the place noun it counts, at its clause's end; 重量箱 is a unit (national 2014, 2016)
    figs = by_text(figures_in("县级公立医院综合改革试点扩大到1000个县，平板玻璃7600多万重量箱。", result_year(2015)))
    assert figs["1000个县"].value == 1000 and figs["7600多万重量箱"].unit == "重量箱"
    assert "100个" in by_text(figures_in("建设100个区县级节点。", result_year(2015)))
    assert by_text(figures_in("制定修订行政法规180件次。", result_year(2022)))["180件次"].unit == "件次"
    # 亿 and 千万 written together (national 2018: 出境旅游人次由8300万增加到1亿3千多万)
    figs = by_text(figures_in("出境旅游人次由8300万增加到1亿3千多万，覆盖1亿3000万人。", result_year(2017)))
    assert figs["1亿3千多万"].value == 1.3e8 and figs["1亿3千多万"].qualifier == "多" and "1亿" not in figs
    assert figs["1亿3000万人"].value == 1.3e8 and figs["1亿3000万人"].unit == "人"


def test_a_review_gives_each_figure_the_year_its_words_name():
    """A five-year review (national 2013, 2018): a year the words name is the figure's own; the level
    reached at the span's end answers for its last year too; the level it came from has no period."""
    from rag.periods import PeriodSpec, result_span

    five = result_span(2008, 2012)
    figs = {f.text: f for f in figures_in(
        "全社会研究与试验发展经费支出占国内生产总值的比重由2007年的1.4%提高到2012年的1.97%。"
        "2012年，我们全面实现年初确定的主要目标，国内生产总值增长7.8%。"
        "城镇化率由45.9%提高到52.6%，五年累计投入就业专项资金1973亿元。", five)}
    assert figs["1.4%"].period.label == "2007年" and figs["1.97%"].period.label == "2012年"
    assert figs["7.8%"].period.label == "2012年"
    assert figs["45.9%"].period.kind == "other"  # where it came from
    level, total = figs["52.6%"].period, figs["1973亿元"].period
    year_2012 = PeriodSpec(("result",), 2012, 2012, False, "2012年")
    past_five = PeriodSpec(("result",), None, 2012, True, "2008—2012年")
    assert level.level and year_2012.fits(level) and past_five.fits(level)
    assert not total.level and not year_2012.fits(total) and past_five.fits(total)


def test_mixed_numerals_and_more_than_before_a_unit():
    figs = {f.text: f for f in figures_in("高速铁路运营里程从9000多公里增加到2万5千公里，新建100余所学校。")}
    assert figs["2万5千公里"].value == 25000 and figs["2万5千公里"].unit == "公里"
    assert figs["9000多公里"].value == 9000 and figs["9000多公里"].qualifier == "多"
    assert figs["100余所"].unit == "所"


def test_a_statistic_the_question_names_must_be_the_figures():
    """The lexicon's everyday names (GDP, 外资, 棚改 ...) must be said, in one of their forms, where the figure
    stands; a group member asked (城镇居民, 调查失业率) is not answered by another (全国居民, 登记失业率)."""
    from rag.lexicon import contrasted, named_metrics

    words = dict((forms[0], forms) for forms in named_metrics("“十四五”期间GDP年均增长目标是多少？"))
    assert "国内生产总值" in words["GDP"]
    assert named_metrics("服务业占GDP的比重去年提高到了多少？") == []  # GDP is the denominator, not the metric
    assert named_metrics("2013年服务业在GDP中的占比到了多少？") == []
    assert "外商直接投资" in dict((f[0], f) for f in named_metrics("2014年实际利用外资多少？"))["外资"]
    assert contrasted("去年城镇居民人均可支配收入实际增长多少？", "全国居民人均可支配收入实际增长7.4%")
    assert not contrasted("去年城镇居民人均可支配收入实际增长多少？", "城镇居民人均可支配收入实际增长6.8%")
    assert contrasted("2016年城镇调查失业率目标定的多少？", "城镇登记失业率4.5%以内")
    assert not contrasted("居民人均可支配收入增长多少？", "全国居民人均可支配收入实际增长7.4%")
    # capacity is not output, rural roads are not expressways (national 2018, 2016)
    assert contrasted("2017年全国粮食总产量是多少斤？", "粮食生产能力达到1.2万亿斤")
    assert contrasted("2016年一年要新建改建多少公里高速公路？", "新建改建农村公路20万公里")
    assert not contrasted("2016年要新建改建多少公里农村公路？", "新建改建农村公路20万公里")
    # exports are not trade (出口 said only inside 进出口), nor trade exports (national 2023)
    assert contrasted("2022年我国出口增长了多少？", "货物进出口总额增长7.7%")
    assert contrasted("2022年货物进出口总额增长了多少？", "出口增长10.5%")
    assert not contrasted("2022年货物进出口总额增长了多少？", "货物进出口总额增长7.7%")
    # subjects of statistics: railways are not civil aviation, high-speed rail not all railways, metros no railway;
    # a member's forms (高铁 | 高速铁路) say it alike (national 2018, 2023)
    assert contrasted("今年民航领域计划完成多少投资？", "今年要完成铁路投资7320亿元、公路水运投资1.8万亿元左右")
    assert not contrasted("今年铁路投资多少？", "今年要完成铁路投资7320亿元、公路水运投资1.8万亿元左右")
    assert contrasted("过去五年全国铁路营业总里程增加到了多少公里？", "高速铁路运营里程从2.5万公里增加到4.2万公里")
    assert not contrasted("这五年高铁运营里程增加到了多少公里？", "高速铁路运营里程从2.5万公里增加到4.2万公里")
    assert contrasted("铁路营业里程增加到多少？", "轨道交通运营里程从4500多公里增加到近1万公里")
    assert contrasted("2013年我国对外直接投资总额达到多少亿美元？", "进出口总额突破4万亿美元")
    assert not contrasted("2014年实际利用外资多少？", "使用外商直接投资1196亿美元")
    # a budget's two sides, and the instruments it pays with (Kaizhou, national 2022)
    assert contrasted("今年开州一般公共预算支出安排了多少？", "一般公共预算收入增长8%")
    assert not contrasted("2022年财政支出规模比上年扩大多少？",
                          "预计今年财政收入继续增长，加之…调入预算稳定调节基金等，支出规模比去年扩大2万亿元以上")
    assert contrasted("今年财政赤字规模具体是多少亿元？", "中央对地方转移支付增加约1.5万亿元、规模近9.8万亿元")
    # … and a subject the question names must be said where the figure stands (national 2014 names no 电解铝)
    from rag.lexicon import subject_unsaid
    assert subject_unsaid("今年要淘汰多少电解铝落后产能？", "今年要淘汰燃煤小锅炉5万台，推进燃煤电厂脱硫改造1500万千瓦")
    assert not subject_unsaid("今年要淘汰多少钢铁落后产能？", "今年要淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱等落后产能")
    assert not subject_unsaid("高铁运营里程多少？", "高速铁路运营里程从2.5万公里增加到4.2万公里")
    assert not subject_unsaid("今年要新增多少公里城市道路？", "今年要淘汰燃煤小锅炉5万台")  # names no subject of the lexicon
    # an English question is told apart by its glossed terms (national 2015: inbound is not outbound)
    from rag.question import analyze
    inbound = " ".join(analyze("How many inbound tourist trips did China receive in 2014?").terms)
    assert contrasted(inbound, "出境旅游超过1亿人次")
    assert not contrasted(inbound, "入境旅游人数增长")
    rail = " ".join(analyze("How long was China's high-speed railway network in operation by the end of 2014?").terms)
    assert not contrasted(rail, "高速铁路运营里程达1.6万公里")
    # … but rural roads are no part of what a question that names neither asks (as 中央财政赤字 is of 财政赤字)
    from rag.lexicon import names_a_part
    assert not names_a_part("过去五年新建改建了多少公里道路？", "新建改建农村公路146.5万公里")
    assert names_a_part("今年财政赤字是多少？", "中央财政赤字1.4万亿元")


def test_a_figure_that_sizes_what_is_set_up_takes_the_name_after_it():
    figs = {f.text: f.metric for f in figures_in(
        "国家已设立400亿元新兴产业创业投资引导基金。拟发行1万亿元超长期特别国债。安排中央预算内投资4776亿元。")}
    assert figs["400亿元"] == "国家已设立新兴产业创业投资引导基金"
    assert figs["1万亿元"] == "拟发行超长期特别国债"
    assert figs["4776亿元"] == "安排中央预算内投资"  # the name before the figure stays the metric


def test_english_share_questions_want_a_percentage_and_glosses_take_plurals():
    from rag.lexicon import gloss_english
    from rag.question import analyze

    q = analyze("What share of global new energy vehicle production and sales did China account for in 2023?")
    assert q.strict_units and q.units[0] == "%"
    assert "技术合同成交额" in gloss_english("How fast did the turnover of technology contracts grow last year?")
    # a tax refund is 退税; the VAT credit refund (留抵退税, one kind of it) is asked by its own name (national 2022:
    # 退税减税约2.5万亿元，其中留抵退税约1.5万亿元)
    assert "留抵退税" not in gloss_english("How large are the total tax refunds and cuts expected to be for 2022?")
    assert "留抵退税" in gloss_english("How much of the 2022 tax refunds were expected to be VAT credit refunds?")
    # "five years" names no 五大 (five major …); a customs office is 海关, a free trade area 自贸区
    assert "五大" not in gloss_english("Which free trade area was completed during the past five years?")
    assert "自贸区" in gloss_english("Which free trade area was completed during the past five years?")
    assert "五大" in gloss_english("What is the target for the output of the five specialty farm industry clusters?")
    assert "海关" in gloss_english("Which customs office will Kaizhou set up a regular cooperation mechanism with?")
    assert "双城经济圈" in gloss_english("Which twin-city economic circle does the report say will be advanced this year?")
    assert "客轮" in gloss_english("What was the name of the passenger ship that capsized in 2015?")


def test_an_official_statistic_is_named_by_one_of_its_forms_not_by_a_piece_of_it():
    """National 2013: 中央预算内投资 is not named by "比去年预算增加4000亿元" (that is the deficit); 研发投入强度 is
    named by the report's 研发经费支出与国内生产总值之比 (national 2017)."""
    from rag.figure_choice import _names_official
    from rag.lexicon import official_terms

    invest = official_terms("今年中央预算内投资一共安排了多少亿元？")
    assert invest and not _names_official(invest[0], "今年拟安排财政赤字1.2万亿元，比去年预算增加4000亿元")
    assert _names_official(invest[0], "中央预算内投资拟增加到4576亿元")
    rd = official_terms("去年研发投入强度到了多少？")
    assert rd and _names_official(rd[0], "全社会研发经费支出与国内生产总值之比达到2.08%")


def test_a_named_rate_asks_for_a_percentage_and_a_ratio_of_two_things_for_a_ratio():
    from rag.question import analyze

    # 赤字率 is a rate: 2.38万亿元 of 财政赤字 cannot answer; nor can 10亿元 "增长百分之几"
    q = analyze("2018年的财政赤字率定的是多少？")
    assert q.strict_units and "%" in q.units and "元" not in q.units
    assert analyze("今年进出口总额计划增长百分之几？").units == ("%",)
    # 劳动生产率 is an amount per person, 率先 no rate at all
    assert not analyze("到2020年全员劳动生产率要提高到人均多少？").strict_units
    assert not analyze("率先实现了多少个目标？").percent_ok
    # "几个百分点" asks for points, not a count; "几家大行…增长了多少": 几 describes, the last question word asks
    q = analyze("去年清洁能源在能源消费中的占比提高了几个百分点？")
    assert q.units[0] == "个百分点" and "个" not in q.units
    assert analyze("去年几家大行的普惠小微贷款增长了多少？").percent_ok
    assert not analyze("去年有几家企业上市？").percent_ok
    # "gross enrollment ratio" names a rate; "the ratio of A to B" and "income ratio" ask for a ratio
    q = analyze("What level did the gross enrollment ratio in higher education reach?")
    assert q.strict_units and q.units[0] == "%"
    assert analyze("How narrow had the urban-rural income ratio become?").units[0] == "比"
    assert analyze("What is the ratio of urban to rural income?").units[0] == "比"


def test_fractions_and_half_written_in_chinese_are_figures():
    """National 2014 "专项转移支付项目要减少三分之一", 2015 "限制类条目减少一半"; 另一半 is no figure."""
    figs = by_text(figures_in("专项转移支付项目要减少三分之一以上。限制类条目减少一半。另一半由地方承担。"))
    assert figs["三分之一以上"].unit == "%" and round(figs["三分之一以上"].value, 1) == 33.3
    assert figs["三分之一以上"].qualifier == "以上"
    assert figs["一半"].value == 50 and len(figs) == 2


def test_a_year_that_opens_a_sentence_speaks_for_its_clauses_after_semicolons():
    """National 2013, a five-year review: "2012年底，…住房面积32.9平方米…；城镇居民每百户拥有家用汽车21.5辆" —
    the car count is 2012's too; a sentence after a full stop is not."""
    from rag.periods import result_span

    figs = by_text(figures_in("2012年底，城镇人均住房面积32.9平方米；城镇居民每百户拥有家用汽车21.5辆。五年新增就业5870万人。",
                              result_span(2008, 2012)))
    assert figs["32.9平方米"].period.label == "2012年" and figs["21.5辆"].period.label == "2012年"
    assert figs["5870万人"].period.label == "2008—2012年"


def test_a_code_the_question_names_may_be_written_out():
    from rag.figure_choice import _said
    from rag.lexicon import code_words

    assert _said(("4G", *code_words("4G")), "新增第四代移动通信用户3.4亿")
    assert _said(("5G", *code_words("5G")), "建成5g基站")  # sentences are compared lower-cased
    assert not _said(("5G", *code_words("5G")), "新增第四代移动通信用户3.4亿")


def test_a_count_asked_with_its_magnitude_is_strict_about_the_unit():
    from rag.question import analyze

    q = analyze("今年粮食播种面积要稳定在多少亿亩以上？")
    assert q.strict_units and "亩" in q.units


def test_risen_to_and_working_days():
    from rag.periods import result_span

    figs = {f.text: f for f in figures_in("全国地表水优良水体比例由67.9%上升到87.9%。企业开办时间压缩到4个工作日以内。",
                                          result_span(2018, 2022))}
    assert figs["67.9%"].period.kind == "other" and figs["87.9%"].period.level
    assert figs["4个工作日以内"].qualifier == "以内"


def test_a_yearly_mean_concentration_is_the_years_own():
    """年均增长 in a year's review is the plan's average; 年均浓度 (the year's mean PM2.5) is that year's."""
    from rag.periods import result_year

    figs = {f.text: f for f in figures_in("重点城市细颗粒物(PM2.5)年均浓度下降9.1%。国内生产总值年均增长7.8%。",
                                          result_year(2016))}
    assert figs["9.1%"].period.label == "2016年" and figs["7.8%"].period.span


def test_a_decimal_before_a_year_is_a_duration_not_a_date():
    figs = {f.text: f.unit for f in figures_in("劳动年龄人口平均受教育年限提高到11.3年。到2025年建成。")}
    assert figs == {"11.3年": "年"}


def test_everyday_words_the_report_never_writes_ask_for_its_terms():
    """棚改 is never written in a report that writes 棚户区改造: the question asks for 棚户区 as strongly as
    for its own words. An everyday word the report does write keeps its own weight."""
    from rag.matching import Stats, bigrams, question_grams
    from rag.question import analyze

    idf = dict.fromkeys(bigrams("各类棚户区改造今年新开工"), 1.0)
    stats = Stats(idf, 2.0, frozenset(), {})
    grams = question_grams(analyze("今年棚改要开工多少套？"), stats)
    assert grams["棚户"] == 1.0 and "棚改" not in grams
    written = Stats(dict(idf, 棚改=1.0), 2.0, frozenset(), {})
    assert question_grams(analyze("今年棚改要开工多少套？"), written)["棚户"] < 1.0


def test_a_whole_asked_and_a_part_stated():
    from rag.lexicon import names_a_part

    assert names_a_part("今年财政赤字多少？", "其中中央财政赤字1.4万亿元")
    assert not names_a_part("今年中央财政赤字多少？", "其中中央财政赤字1.4万亿元")
    assert not names_a_part("今年财政赤字多少？", "拟安排财政赤字2.18万亿元")
    assert not names_a_part("进出口增长多少？", "进出口总额增长7.6%")  # both parts: the whole


def test_an_official_statistic_named_must_stand_in_the_figures_clause():
    """"社会消费品零售总额预期增长多少" is not answered by 进出口总额预期增长7.5%左右 in the same long sentence."""
    from rag.lexicon import official_terms

    (forms,) = official_terms("今年社会消费品零售总额预期增长多少？")
    assert forms[0] == "社会消费品零售总额" and "社零" in forms
    assert "地区生产总值" in official_terms("去年国内生产总值是多少？")[0]  # the district report's name for it
    assert official_terms("今年就业目标是多少？") == []


def test_english_statistics_asked_are_figure_questions_and_names_are_not():
    from rag.question import analyze

    assert analyze("What was China's general public budget revenue in 2020?").wants_figure
    assert analyze("What budget deficit does Kaizhou plan for 2026?").wants_figure
    assert analyze("What was Kaizhou's technology contract turnover in 2025?").wants_figure
    assert not analyze("What income distribution reform will be pursued?").wants_figure
    assert not analyze("What investment agreement did China conclude with the EU?").wants_figure
    q = analyze("去年第三产业占GDP的比重到了多少？")
    assert q.strict_units and q.units == ("%",)  # a share is a percentage, not the GDP's level


def test_how_many_years_is_strict_about_years_but_these_years_are_a_period():
    from rag.question import analyze

    q = analyze("超长期特别国债计划连续发行几年？")
    assert q.strict_units and q.units == ("年",)  # not answered by the 1万亿元 issued this year
    assert "年" not in analyze("关税总水平这几年降到了多少？").units


def test_the_whole_of_a_share_and_pairs_across_words_count_little():
    """"第三产业占GDP的比重升到多少了": the report says 服务业增加值比重; GDP, the whole, goes without saying,
    and 业占 or 重升 (pairs across two words the report never writes) are nobody's words."""
    from rag.matching import ACROSS_WEIGHT, DENOMINATOR_WEIGHT, Stats, bigrams, question_grams
    from rag.question import analyze

    report = "服务业增加值比重提高到48.2%，国内生产总值增长7.4%。"
    stats = Stats(dict.fromkeys(bigrams(report), 1.0), 2.0, frozenset(), {})
    grams = question_grams(analyze("去年第三产业占GDP的比重升到多少了？"), stats)
    assert grams["服务"] == 1.0 and grams["比重"] == 1.0
    assert grams["国内"] == DENOMINATOR_WEIGHT
    assert grams["业占"] == grams["重升"] == ACROSS_WEIGHT


def test_a_figure_written_as_a_change_or_as_the_level_reached():
    """"增长7.7%", "再增加30元", "减少1650万人" are changes; "提高到人均320元", "突破4万亿美元", "第一产业增加值96.94亿元"
    (增加值 is value added) are levels."""
    from rag.figure_choice import written_as_change
    from rag.periods import result_year

    def fig(text, sentence):
        return by_text(figures_in(sentence, result_year(2020)))[text]

    assert written_as_change(fig("7.7%", "国内生产总值比上年增长7.7%。"))
    assert written_as_change(fig("30元", "居民医保人均财政补助标准再增加30元。"))
    assert written_as_change(fig("18%", "单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。"))
    assert not written_as_change(fig("320元", "城乡居民基本医保财政补助标准提高到人均320元。"))
    assert not written_as_change(fig("4万亿美元", "进出口总额突破4万亿美元。"))
    assert not written_as_change(fig("96.94亿元", "第一产业增加值96.94亿元。"))


def test_the_purpose_money_is_asked_for():
    """国防 of 国防预算, 安居工程 past the one who pays (中央财政); 人均 or 中央 are no purpose."""
    from rag.figure_choice import purpose_asked

    assert purpose_asked("今年国防预算增长多少？") == "国防"
    assert purpose_asked("今年保障性安居工程中央财政投入多少亿元？") == "安居工程"
    assert purpose_asked("城乡居民医保的人均财政补助今年提高到每人每年多少钱？") == ""
    assert purpose_asked("今年中央预算内投资安排多少？") == ""


def test_ages_written_in_brackets():
    from rag.figure_choice import ages_of

    assert ages_of("What is the youth (16-24) unemployment rate cited in the report?") == {"16", "24"}
    assert ages_of("GDP growth (2013-2017)") == set()


def test_money_of_another_kind_than_the_one_asked():
    """"带动了多少销售额" asks what was sold; what was paid out for it (兑付补贴) is other money, unless the question
    names it."""
    from rag.figure_choice import money_kind_clash

    assert money_kind_clash("去年“消费品以旧换新”一共带动了多少销售额？", "消费品以旧换新”兑付补贴")
    assert not money_kind_clash("去年“消费品以旧换新”兑付了多少补贴？", "消费品以旧换新”兑付补贴")
    assert not money_kind_clash("今年研发投入多少？", "全社会研发经费投入")  # no kind of money named
    assert not money_kind_clash("去年一般公共预算收入是多少？", "一般公共预算收入")


def test_a_share_that_rose_is_answered_in_percentage_points():
    """"占比上升了多少" asks in % and strictly so, and a change: 提高1.7个百分点 answers it; the level does not."""
    from rag.periods import result_year
    from rag.question import analyze

    question = "2016年清洁能源在能源消费里的占比上升了多少？"
    q = analyze(question)
    assert q.units[:1] == ("%",) and q.strict_units
    fit = fitting("清洁能源消费比重提高1.7个百分点，达到19.7%。", result_year(2016))
    assert fit(question, "1.7个百分点")
    assert not fit(question, "19.7%")  # the level reached


def test_a_total_asked_is_not_answered_by_a_rate():
    from rag.question import analyze

    # "收入总共是多少", "余额总共有多少": the amount itself; the report's growth of it (增长8.6%) is no answer
    assert not analyze("2014年全国一般公共预算收入总共是多少？").percent_ok
    assert not analyze("截至2015年末，全国居民储蓄存款余额总共有多少？").percent_ok
    # a change asked with 一共 is still a change: "一共降了多少" wants the percentage
    assert analyze("过去五年单位GDP能耗一共降了多少？").percent_ok
    assert analyze("贷款余额增长了多少？").percent_ok


def test_a_few_years_is_a_period_not_a_count():
    from rag.question import analyze

    # "这几年", "过去几年" say when; what they ask for is a name (大部门体制, 学前教育三年行动计划)
    assert not analyze("政府机构改革这几年初步建起了什么体制框架？").wants_figure
    assert not analyze("为缓解孩子“入园难”，过去几年实施了什么计划？").wants_figure
    # quotation marks do not hide 哪几个 (哪“几个意识”)
    assert not analyze("讲政府自身建设时，报告要求政府牢固树立的是哪“几个意识”？").wants_figure
    # a count asked within those years is still a figure
    assert analyze("过去几年新增了多少就业？").wants_figure


def test_a_word_glossed_two_ways_is_covered_by_either():
    """"per-person … subsidy" glosses to 人均 / 每人 and 补助 / 补贴: a sentence that says 每人 … 补助 holds
    what was asked, not half of it. A shorter term inside a longer one (铁路 in 铁路建设投资) is no
    alternative: the longer's other words are still asked."""
    from rag.matching import Stats, bigrams, coverage, question_grams
    from rag.question import analyze

    report = "财政补助标准由每人每年320元提高到380元。人均补贴增加。今年要完成铁路投资7320亿元。铁路营业里程增加。"
    stats = Stats(dict.fromkeys(bigrams(report), 1.0), 2.0, frozenset(), {})
    q = analyze("How much will the per-person subsidy be raised to?")
    assert {"人均", "每人"} <= set(q.terms) and {"补助", "补贴"} <= set(q.terms)
    grams = question_grams(q, stats)
    said = coverage(stats, grams, bigrams("财政补助标准由每人每年320元提高到380元"))
    assert said == 1.0
    assert coverage(stats, dict(grams), bigrams("财政补助标准由每人每年320元提高到380元")) == 0.5  # all alternatives asked
    assert coverage(stats, grams, bigrams("财政补助标准")) == 0.5  # one word of two
    rail = question_grams(analyze("How much railway investment is planned?"), stats)
    assert coverage(stats, rail, bigrams("铁路营业里程增加")) < 0.5


def test_a_level_reached_from_an_old_one_keeps_what_both_are_of():
    """"财政补助标准由每人每年320元提高到380元": 380元 is per person per year too, the words between 由 and
    the old level; a year there (由2007年的1.4%) is the old level's own, not the subject's."""
    from rag.figures import figures_in

    metrics = {f.text: f.metric for f in figures_in("财政补助标准由每人每年320元提高到380元。")}
    assert "每人每年" in metrics["380元"] and metrics["380元"].startswith("财政补助标准")
    metrics = {f.text: f.metric for f in figures_in("研发投入强度由2007年的1.4%提高到2012年的1.97%。")}
    assert metrics["1.97%"] == "研发投入强度提高到"


def test_a_figure_after_a_verb_alone_is_of_the_noun_after_it():
    """"坚决守住18亿亩耕地红线": 坚决守住 says nothing of what is measured, 耕地红线 does; a metric with its noun before
    the figure keeps it."""
    from rag.figures import figures_in

    metrics = {f.text: f.metric for f in figures_in("坚决守住18亿亩耕地红线，划足划实永久基本农田。")}
    assert "耕地红线" in metrics["18亿亩"]
    # a time word and 的 say nothing of it either (national 2021)
    remaining = {f.text: f.metric for f in figures_in("年初剩余的551万农村贫困人口全部脱贫、52个贫困县全部摘帽。")}
    assert "农村贫困人口" in remaining["551万"]
    assert {f.text: f.metric for f in figures_in("国内生产总值增长7.5%左右。")}["7.5%左右"] == "国内生产总值增长"


def test_a_short_form_the_report_never_writes_is_read_as_what_it_abbreviates():
    """"疾控体制改革" — the report writes 疾病预防控制 (组建国家疾病预防控制局), never 疾控: the question asks for those
    words. A word the report writes, or one it abbreviates nothing of, is left as it is."""
    from types import SimpleNamespace

    from rag.matching import Stats, bigrams, question_grams, with_expansions
    from rag.question import analyze

    text = "改革完善疾病预防控制体系，组建国家疾病预防控制局。推动金融监管体制改革，统筹推进中小银行补充资本。"
    class Index:  # what the expansion reads of an index: its passages
        passages = [SimpleNamespace(text=text, doc="d")]

    index = Index()
    stats = Stats(dict.fromkeys(bigrams(text), 1.0), 2.0, frozenset(), {})
    q = with_expansions(analyze("疾控体制改革中新组建了哪个机构？"), stats, index)
    assert q.expansions == (("疾控", "疾病预防控"),)
    grams = question_grams(q, stats)
    assert grams["预防"] == 1.0 and "疾控" not in grams
    assert with_expansions(analyze("金融监管体制改革怎么推进？"), stats, index).expansions == ()


def test_a_share_asked_in_english_is_the_reports_proportion():
    """"What share of government spending went to people's livelihoods": the 2015 report writes 财政用于民生的比例达到
    70%以上 — share ~ 占比 / 比重 / 比例, any one of them, so the sentence holds the share asked."""
    from rag.matching import Stats, bigrams, coverage, question_grams
    from rag.question import analyze

    sentence = "尽管财政收入增速放缓、支出压力加大，但财政用于民生的比例达到70%以上。"
    stats = Stats(dict.fromkeys(bigrams(sentence), 1.0), 2.0, frozenset(), {})
    q = analyze("What share of spending went to people's livelihoods?")
    assert ("占比", "比重", "比例") in q.alternatives
    assert coverage(stats, question_grams(q, stats), bigrams(sentence)) >= 0.5


def test_a_change_in_output_is_of_the_subject_before_it():
    """"粮食产量1.37万亿斤，增产74亿斤": 增产 (like 增长) is a change of the 粮食产量 named before."""
    from rag.figures import figures_in

    metrics = {f.text: f.metric for f in figures_in("粮食产量1.37万亿斤，增产74亿斤。")}
    assert metrics["74亿斤"].startswith("粮食产量")


def test_a_fall_asked_is_not_answered_by_a_rise():
    """"中央本级支出下降多少" (national 2021): 中央本级基础研究支出增长10.6% is another statistic; the question's own
    change is its last word of direction (减半征收…上限提到多少 asks for a rise)."""
    from rag.figure_choice import direction_clash
    from rag.periods import target_year

    rise = by_text(figures_in("中央本级基础研究支出增长10.6%。", target_year(2021)))["10.6%"]
    assert direction_clash("今年中央本级支出具体下降多少？", rise)
    assert direction_clash("How much will central government spending be cut in 2021?", rise)
    assert not direction_clash("中央本级基础研究支出增长多少？", rise)
    raised = by_text(figures_in("小型微利企业年应纳税所得额上限由30万元提高到50万元。", target_year(2017)))["50万元"]
    assert not direction_clash("小微企业减半征收所得税，年应纳税所得额上限今年提到多少？", raised)


def test_what_has_already_started_is_no_answer_to_what_starts_this_year():
    """"重大水利工程已开工的57个项目要加快建设，今年再开工27个项目" (national 2015): 今年新开工 asks the 27."""
    fit = fitting("重大水利工程已开工的57个项目要加快建设，今年再开工27个项目。", target_year(2015))
    assert fit("今年计划新开工多少个重大水利项目？", "27个")
    assert not fit("今年计划新开工多少个重大水利项目？", "57个")


def test_a_question_that_names_another_member_of_a_list_asks_for_that_one():
    """"五年累计减税5.4万亿元、降费2.8万亿元" (national 2023): a question on 减税 — also one that sets 降费 aside —
    is not answered by the 降费 member; a change of the member before it (…3.9万亿元、比上年增加1000亿元) is no
    member of its own."""
    from rag.figure_choice import sibling_named

    figs = by_text(figures_in("五年累计减税5.4万亿元、降费2.8万亿元。", result_span(2018, 2022)))
    assert sibling_named("过去五年累计减税规模有多少？", figs["2.8万亿元"])
    assert sibling_named("过去五年光减税（不算降费）累计减了多少？", figs["2.8万亿元"])
    assert not sibling_named("过去五年累计减税规模有多少？", figs["5.4万亿元"])
    assert not sibling_named("过去五年降费多少？", figs["2.8万亿元"])
    more = by_text(figures_in("拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。", target_year(2024)))
    assert not sibling_named("今年给地方的专项债额度比去年多了多少？", more["1000亿元"])


def test_an_english_ratio_or_change_asked_wants_a_figure_and_a_ratio_is_no_growth():
    """"What R&D-to-GDP ratio does the government target", "What was China's PPI change", "What will the … deduction
    ratio be raised to" ask for figures; a ratio asked as a level is not answered by a growth (增长7.5%左右), while
    "the target for cutting energy intensity" asks for the cut."""
    from rag.question import analyze

    for question in ("What R&D-to-GDP ratio does the government target for 2014?", "What was China's PPI change in 2014?",
                     "What will the additional R&D expense deduction ratio for manufacturers be raised to?"):
        assert analyze(question).wants_figure, question
    assert not analyze("What change in the hukou system was made?").wants_figure
    fit = fitting("国内生产总值增长7.5%左右，能源消耗强度降低3.9%以上。", target_year(2014))
    assert not fit("What R&D-to-GDP ratio does the government target for 2014?", "7.5%左右")
    assert fit("What is the 2014 target for cutting energy intensity?", "3.9%以上")


def test_a_month_is_not_a_year_and_a_total_is_not_what_is_new():
    """"城乡低保标准每人每月提高到多少元" is not answered by 每人每年380元提高到420元; "2020年高速公路总通车里程" is not
    answered by what is newly built (新建改建高速公路通车里程约3万公里) — national 2016."""
    fit = fitting("财政补助由每人每年380元提高到420元。", target_year(2016))
    assert not fit("今年城乡低保标准每人每月提高到多少元？", "420元")
    assert fit("今年财政补助每人每年提高到多少元？", "420元")
    built = fitting("新建改建高速公路通车里程约3万公里。", target_year(2016))
    assert not built("今年全国高速公路总通车里程目标是多少公里？", "3万公里")
    assert built("今年要新建改建多少公里高速公路？", "3万公里")
    # … nor what is new by the total reached (national 2015: 高速公路通车里程达11.2万公里)
    from rag.periods import result_year
    reached = fitting("高速公路通车里程达11.2万公里。", result_year(2014))
    assert not reached("去年新增高速公路通车里程多少公里？", "11.2万公里")
    assert reached("去年高速公路通车里程达到多少公里？", "11.2万公里")


def test_what_is_finished_is_not_what_is_started():
    """national 2015: "今年保障性安居工程要基本建成多少套" is not answered by 新安排740万套 (a near miss, refused)."""
    from rag.figure_choice import stage_clash
    from rag.periods import result_year

    new, = [f for f in figures_in("今年保障性安居工程新安排740万套。", result_year(2014)) if f.text == "740万套"]
    done, = [f for f in figures_in("新开工保障性安居工程740万套，基本建成511万套。", result_year(2014)) if f.text == "511万套"]
    assert stage_clash("2015年保障性安居工程要基本建成多少套？", new)
    assert not stage_clash("2015年保障性安居工程新安排多少套？", new)
    assert not stage_clash("2014年保障性安居工程基本建成了多少套？", done)
    assert stage_clash("2014年保障性安居工程新开工了多少套？", done)


def test_an_answer_keeps_the_qualifier_written_before_its_figure():
    """超过2.6万亿元, 近30%: as the report writes them; a comparison (低于) and a verb (突破) are not kept, and the
    evaluation matches a figure with or without its qualifier either side."""
    from rag.evaluation import figure_match
    from rag.figures import as_written, figures_in

    def first(sentence: str) -> str:
        return as_written(figures_in(sentence)[0])

    assert first("全年为市场主体减负超过2.6万亿元。") == "超过2.6万亿元"
    assert first("“新三样”产品出口增长近30%。") == "近30%"
    assert first("货物吞吐量突破270万吨。") == "270万吨"
    assert figure_match("超过2.6万亿元", "2.6万亿元") and figure_match("2.6万亿元", "超过2.6万亿元")
    assert not figure_match("超过2.6万亿元", "2.4万亿元")


def test_a_level_asked_per_head_and_year_or_to_date_is_not_the_rise_or_the_plan():
    """"达到每人每年多少元" asks the standard reached, which "标准提高30元" does not give; "截至目前累计" and
    "目前" ask what is there by now, which this year's plan (建设高标准农田5万亩) does not give."""
    rise = fitting("居民医保人均财政补助标准提高30元。", target_year(2024))
    assert not rise("今年提标后居民医保人均财政补助标准达到每人每年多少元？", "30元")
    assert rise("今年居民医保人均财政补助标准提高多少？", "30元")
    plan = fitting("高质量建设高标准农田5万亩。", target_year(2026))
    assert not plan("截至目前累计建成高标准农田多少万亩？", "5万亩")
    assert plan("今年要建设多少万亩高标准农田？", "5万亩")


def test_an_english_budget_for_a_purpose_needs_the_purpose_said():
    """"education budget" is money for education: the deficit's 1.12万亿元 is no answer; the poverty funds'
    growth is one for "poverty-alleviation funding" (扶贫资金)."""
    from rag.question import analyze

    assert analyze("What is the central government's education budget for 2015?").wants_figure
    deficit = fitting("今年拟安排财政赤字1.62万亿元，其中，中央财政赤字1.12万亿元。", target_year(2015))
    assert not deficit("What is the central government's education budget for 2015?", "1.12万亿元")
    assert deficit("How large is the central government deficit for 2015?", "1.12万亿元")
    funds = fitting("中央财政扶贫资金增长43.4%。", target_year(2016))
    assert funds("By how much will central government poverty-alleviation funding increase this year?", "43.4%")
