"""Question understanding: is a figure asked for, for which period, about which metric, in which language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import flat_terms, genre_data, term_groups
from .periods import PeriodAsk, ask_of

TARGET_CUE = re.compile(r"目标|计划|预期|力争|打算|要|将|拟|争取|确保|target|goal|plan|aim|expect|will|intend", re.I)
RESULT_CUE = re.compile(r"完成了|实现了|达到了|取得|已经|已|做到了|[到得评成上选过入]了|了(?:多少|几)|achieved|reached|was|were|did|actual",
                        re.I)
FIGURE_CUE = re.compile(
    r"多少|(?<![第哪])几[个家项所座名人天年倍次万亿]|(?<![第哪])几(?!个?地方)|多大|多高|多长|多远|比例|比重|占比|百分之|增长率|增速|增幅|涨幅|比率|"
    r"率是|率为|率达|率要|数量|规模|金额|总额|总量|指标|目标值|(?<!\d)(?!(?:19|20)\d\d)\d+(?!\d|st|nd|rd|th)|"
    r"增长目标|预期目标|目标[是为]?[？?。]?$|指标[是为]?[？?。]?$|什么水平|多高|多大|比值|怎样的比|什么比例|几个点|几个?周年|"
    r"how many|how much|how large|how big|how high|how fast|what percentage|what percent|what share|what rate|"
    r"what proportion|which milestone|what milestone|"
    r"what ratio|what growth|"
    r"what(?: was| is| were| are|['’]s) (?:the )?(?:[\w'’()-]+ ){0,4}(?:rate|growth|target|number|amount|total|output|value|ratio|"
    r"share|volume|balance|concentration|increase|level|budget|spending|expenditure|funding|allocation|deficit|subsid(?:y|ies)|"
    r"revenue|income)\b|what (?:increase|growth|rise|decline|drop)|"
    r"\bhow (?:narrow|wide|low|long|far|big|large|high|fast|much|many)\b|"
    r"\bwhat (?:was|is|were|are) (?:[\w'’&/-]+ ){0,3}(?:change|fall|rise|drop)\b|"
    r"\bwhat(?:['’]s)? (?:[\w'’()&/-]+ ){0,6}(?:figure|volume|value|level|ratio|number|amount|total|output|throughput|rate|percentage|"
    r"share|target|size|scale|balance|sum|count|concentration|average|cap|ceiling|limit|subsidy|subsidies|allowance|"
    r"pension|inflation|capacity|red line|grade|intensity)s?\b|\bper[- ](?:person|capita|head|student|resident)\b|"
    r"\b(?:which|what) anniversary\b|"
    r"\bwhat (?:[\w'’-]+ ){0,5}(?:revenue|deficit|income|spending|expenditure|debt|surplus|investment|exports|imports|trade|sales|turnover|profit|earnings|reserve|GDP)s?"
    r"(?= (?:does|did|do|is|was|were|are|will|would|has|have|had|of|in|at|for|from|by|to|planned|budgeted|set)\b|\s*[?？]|$)|"
    r"by how much|what target|how far|how long|what level", re.I)
# "A与B的比例", "ratio of A to B", "income ratio": a ratio such as 2.5:1; a named ratio (deficit-to-GDP ratio,
# gross enrollment ratio, capital adequacy ratio) is a percentage
RATIO_CUE = re.compile(r"(?:与|和|同).{1,15}?(?:之|的)?(?<![相对])比(?!较)(?:例|值|率)?|收入比|\bratio (?:of|between)\b|income ratio\b",
                       re.I)
NAMED_RATIO = r"(?<!income )\bratio\b(?! of\b| between\b)"
# "赤字率定的多少", "gross enrollment ratio": a named rate is a percentage (or per mille), whatever else the
# question names; not 劳动生产率 or 汇率 (amounts), 效率, nor 率先
NAMED_RATE = re.compile(rf"[\u4e00-\u9fff](?<![效频概汇产])率(?!先)|{NAMED_RATIO}", re.I)
PERCENT_ASK = re.compile(r"百分之(?:几|多少)|what percent(?:age)?\b", re.I)
# "多少人", "几所学校", "how many people": a count of one kind of thing; "多少" alone, 增长, 率 are not
# "多少年", "几年": a number of years; not 这几年 (a period) nor 几年前 (a time)
YEARS_ASK = r"(?<![第这近那前])(?:多少|几)年(?!前|后|来|以来|内|底|末|初)"
STRICT_UNIT_CUE = re.compile(rf"(?:多少|几)(?:万亿|亿|万)?(?:个?人|名|所|座|天|吨|亩|岁|户|家|件|项|元|美元)|{YEARS_ASK}|百分之(?:几|多少)|占[^，,。？?]{{0,12}}比重|占比|"
                             r"how many (?:people|persons|students|days)(?!'s)|what percent(?:age)?|what (?:share|proportion)|"
                             r"\bin (?:(?:kilo|mega|giga)watts|(?:metric )?ton(?:ne)?s|(?:kilo)?met(?:er|re)s|hectares|yuan|micrograms)\b|"
                             r"多少微克|几微克",
                             re.I)
# "多少辆", "几台", "多少万千瓦": a count in the measure word the report counts that thing in; another unit,
# or a percentage, cannot answer
COUNTER_ASK = re.compile(r"(?<![哪第])(?:多少|几)(?:万亿|亿|万|千|百)?(千瓦时|千瓦|平方公里|平方米|立方米|公顷|公斤|千克|标箱|辆|台|艘|架|套|张|只|"
                         r"头|颗|款|栋|间|条|部|篇|轮|处|斤)")
# A percentage answers only a question about a rate, share, growth or progress
PERCENT_CUE = re.compile(r"率|比例|比重|占比|增长|增速|增幅|涨幅|降幅|增加|上升|下降|降低|减少|提高|提升|扩大|缩小|多了|少了|涨|降|"
                         r"百分|进度|完成|目标|指标|%|"
                         r"\b(?:percent|percentage|rate|share|growth|grow|grew|increase|rise|rose|more|fewer|less|higher|"
                         r"lower|up|down|proportion|progress|target|goal|coverage)\b", re.I)
CODE_RE = re.compile(r"(?<![A-Za-z0-9.])(?:\d+[A-Z]+|[A-Z]+\d+(?:\.\d+)?)(?![A-Za-z0-9])")  # 5A, 5G, PM2.5; not 14th
# "多少常住人口", "多少钱": an amount of people or money, not a rate (unless a rate word is there too)
AMOUNT_CUE = re.compile(r"人口|人数|多少钱|金额|总额|总量|总数|余额|总共|一共|共计|合计|总计|规模|多少资金|[亿万]?元|how much money|yuan", re.I)
# "怎么评价", "如何看待", "什么样的": asks for a judgement or a description, not a figure
NOT_FIGURE_CUE = re.compile(r"怎么评价|如何评价|怎样评价|怎么看|如何看待|怎么说|什么样的|怎样的(?!比)|几连[增胜冠涨降跌升丰]|"
                            r"几月几[日号]|(?<!多少)几号|"  # a date, not a figure
                            r"指标叫什么|叫什么指标|指标的?名称|[合统简并总]称(?:为|是)?什么|"  # a name, not its figure
                            r"(?:算|处于|处在)(?:什么|怎样的?)(?:水平|位置|地位)|"  # a standing (创历史新高), not the figure
                            r"(?:什么时候|什么时间|哪一?年|何时)的(?:数据|数字|水平)|"  # the date of a figure it gives
                            r"^(?!.*(?:多少|how many|how much)).*(?:第几|哪几|排第|排名第?几)(?!个?周年)")  # a rank or a list of names
# "how many", "多少个": a count of things, never a percentage
COUNT_CUE = re.compile(r"how many|(?:多少|几)(?:个(?!点|百分点)|家|所|座|户|项|件|人|名|天)", re.I)
NAME_ASK = re.compile(r"哪[两几三四五]?(?:一|个|些|位|家|项|类|座|条|种|届|年|里|儿|部|场)|什么(?!时候)|谁|\b(?:which|who|where)\b|what is the name",
                      re.I)
NAMED_THING = re.compile(r"哪[两几三四五]?(?:一|个|些|位|家|项|类|座|条|种|届|部|场|里|儿)(?!年)|什么(?=[\u4e00-\u9fff]{2})(?!时候|水平|比例|程度|规模|数量|金额|总额|总量|价格|速度|幅度)|"
                         r"\bwhich\b(?! anniversary| milestone)|\bwho\b|what is the name|what (?:new )?(?:initiative|programme|program|tool|market|"
                         r"agency|expo|summit|zone|policy|principle|strategy|plan|law|fund|system|mechanism)\b", re.I)
QUANTITY_ASK = re.compile(r"多少|几|多大|多高|多长|多远|百分之|比例|比重|占比|增速|增幅|涨幅|降幅|率是|率为|率达|率要|"
                          r"how (?:many|much|large|big|high|fast|far|long)|what (?:percentage|percent|share|rate|level)|"
                          r"by how much|\brate\b|\bgrowth\b|\btarget\b|(?<!\d)(?!(?:19|20)\d\d)\d+(?!\d|st|nd|rd|th)", re.I)
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
WH_QUANTITY = re.compile(r"多少|几|多大|多高|多长|多远|how|what (?:percentage|percent|share|rate|level)|by how much", re.I)


FEW_YEARS = re.compile(r"(?:这|过去|近|前|最近|头)几年(?:来|间|里|中)?")


def _count_asked(text: str) -> bool:
    """A count is asked (多少人, 几所, how many): not "几家大行…增长了多少", where 几 describes what the question
    asks a figure of and a later question word asks."""
    return any(not any(w.start() >= m.end() for w in WH_QUANTITY.finditer(text)) for m in COUNT_CUE.finditer(text))


def _asks_name(text: str) -> bool:
    """The question asks for a named thing, not a figure: a which/what ask, and no quantity asked — or only
    quantity words in what describes the thing ("产值比重第一次超过第二产业的是哪个产业")."""
    named = NAMED_THING.search(text)
    if not named:
        return False
    quantities = list(QUANTITY_ASK.finditer(text))
    # "哪个省份的经济增速最快": a quantity the question ranks by (…最快, 最高) describes what is named
    return all((m.end() <= named.start() or text.startswith("最", m.end())) and not WH_QUANTITY.match(m.group(0))
               for m in quantities)
CJK = re.compile(r"[\u4e00-\u9fff]")

# What unit a question asks for, by its wording.
UNIT_CUES: list[tuple[re.Pattern, tuple[str, ...]]] = [
    # "提高了几个百分点": a change in points, not a count of things (几个) nor a percentage
    (re.compile(r"(?:多少|几)个?(?:百分)?点|percentage points?", re.I), ("个百分点", "百分点")),
    (re.compile(r"增长|增速|增幅|涨幅|降幅|[涨降升]了|下降|降低|百分之|比例|比重|占比|[^效]率|percent|percentage|rate|growth|share|how fast|"
                rf"%|{NAMED_RATIO}", re.I), ("%",)),
    # English: people counted ("how many new urban jobs", "number of students"), not "per-person" or "residents' income"
    (re.compile(r"多少人|几人|人数|多少名|(?:how many|number of) (?:[\w-]+ ){0,4}?(?:people|persons|jobs|students|residents|"
                r"workers|graduates|migrants)", re.I),
     ("人", "名", "人次")),
    (re.compile(r"多少所|几所", re.I), ("所", "个")),  # 个 counts anything
    (re.compile(r"多少座|几座", re.I), ("座", "个")),
    (re.compile(r"多少件|几件", re.I), ("件", "件次", "个")),
    (re.compile(r"人次|visitors|tourist", re.I), ("人次",)),
    (re.compile(r"美元|dollars?\b|usd", re.I), ("美元",)),
    (re.compile(r"多少(?:[万亿]*元|投资|资金|钱|收入|产值|贷款|补贴|经费|消费)|几元|多少钱|资金|金额|总额|亿元|万元|投资额|投资(?:规模|总量)?(?:是|有|为|达到?)?多少|产值|收入(?!比)|余额|yuan|rmb|money|worth|value|funds|investment", re.I),
     ("元",)),
    (re.compile(r"多少家|几家|企业数|companies|firms|enterprises", re.I), ("家", "户", "个")),
    (re.compile(r"多少户|几户", re.I), ("户",)),
    (re.compile(r"(?:多少个|几个)(?!(?:百分)?点)", re.I), ("个", "项", "家", "座", "所", "件")),
    (re.compile(r"多少项|几项", re.I), ("项", "件", "个")),
    (re.compile(r"多少天|几天|天数|days", re.I), ("天",)),
    (re.compile(rf"{YEARS_ASK}|how many years", re.I), ("年",)),
    (re.compile(r"多少吨|吨|tons|tonnes", re.I), ("吨", "标箱")),
    (re.compile(r"多少亩|亩|面积|mu\b|hectare|acre", re.I), ("亩", "亩次", "平方米", "平方公里")),
    (re.compile(r"岁|寿命|life expectancy|years old", re.I), ("岁",)),
    (re.compile(r"倍|times|fold", re.I), ("倍",)),
    (re.compile(r"比(?!例|重)|ratio (?:of|between)|income ratio|gap", re.I), ("比",)),
    (re.compile(r"公里|km|kilomet", re.I), ("公里",)),
    (re.compile(r"多少(?:万|亿)?千瓦(?!时)|(?:kilo|mega|giga)watts?\b", re.I), ("千瓦",)),
    (re.compile(r"微克|micrograms?", re.I), ("微克/立方米", "微克每立方米")),
]


@dataclass
class Question:
    """What a question asks for."""

    text: str
    lang: str  # "zh" or "en"
    wants_figure: bool
    period: PeriodAsk | None  # the period the question names (今年, 2023年, 过去五年), resolved per report
    target: bool  # asks for a target or plan (rather than a result)
    units: tuple[str, ...]  # units the wording asks for, best first
    strict_units: bool = False  # the wording names a countable unit (多少人, 几所): other units cannot answer
    result: bool = False  # asks for a result already reached (完成了, 达到了), not a target
    percent_ok: bool = True  # the wording allows a percentage as the answer
    codes: tuple[str, ...] = ()  # grades and codes the question names (5A, 5G, PM2.5): the figure's sentence must too
    terms: list[str] = field(default_factory=list)  # Chinese terms to match (with English glossed)
    search_text: str = ""  # the question with glossed Chinese terms, for BM25
    dictionary: tuple[str, ...] = ()  # an English question's other words in the report's Chinese (rag.bilingual)
    # terms and dictionary words by the word of the question they stand for (per capita -> 人均, 每人)
    alternatives: tuple[tuple[str, ...], ...] = ()
    # a short form the report never writes, with the words it abbreviates there (疾控 -> 疾病预防控制)
    expansions: tuple[tuple[str, str], ...] = ()


def detect_lang(text: str) -> str:
    return "en" if len(ASCII_WORD.findall(text)) * 2 > len(CJK.findall(text)) else "zh"


def strip_period_words(text: str) -> str:
    """The question without the words that name its period (they are matched as periods, not as topic)."""
    cues = genre_data()["question_periods"]
    for words in cues.values():
        text = re.sub("|".join(words), " ", text, flags=re.I)
    text = re.sub(r"十[一二三四五六七八九]五(?:时期|期间|规划)?|\d{1,2}(?:st|nd|rd|th) five[- ]year(?: plan)?", " ", text,
                  flags=re.I)
    return re.sub(r"(?:19|20)\d\d年?", " ", text)


GROWTH_LAST = re.compile(r"(?:涨幅|增幅|增速|增长率|同比增长|同比)[^，,。；;]{0,6}(?:多少|几|多大|怎样|如何|是)?[？?]?$")
ASKING = re.compile(r"多少|几|什么|怎样|怎么|哪|谁|吗|是否|how|what|which|who|when|where|\?|？", re.I)


REPORT_YEAR = re.compile(r"(?:(?:19|20)\d\d年?|今年|去年)的?(?:政府)?(?:工作)?报告|"
                         r"(?:19|20)\d\d(?:'s)? (?:government )?(?:work )?report", re.I)


def asked_clause(text: str) -> str:
    """The clause of a question that holds its question word (the last such clause)."""
    clauses = [c for c in re.split(r"[,，;；。]", text) if c.strip()]
    asking = [c for c in clauses if ASKING.search(c)]
    return asking[-1] if asking else text


def analyze(text: str) -> Question:
    """Read a question: language, figure or not, period, target or result, unit, terms."""
    lang = detect_lang(text)
    asked = asked_clause(text)
    # "去年过了270万吨，今年想冲到多少": the period of the clause that asks wins
    # "2023年的政府工作报告": a year that names the report is not the period asked about
    unnamed = REPORT_YEAR.sub("报告", text)
    period = ask_of(REPORT_YEAR.sub("报告", asked)) or ask_of(unnamed)
    target = bool(TARGET_CUE.search(text)) and not RESULT_CUE.search(text)
    units: list[str] = []
    if RATIO_CUE.search(text):  # "A与B的比例" asks for a ratio such as 1.8:1, not a percentage
        units.append("比")
    # the unit named nearest the end (where Chinese puts the question word) comes first
    cues = sorted(((m.end(), unit_list) for cue, unit_list in UNIT_CUES for m in [None, *cue.finditer(text)][-1:] if m),
                  key=lambda t: -t[0])
    for _, unit_list in cues:
        units.extend(u for u in unit_list if u not in units and not (units[:1] == ["比"] and u == "%"))
    # a count noun (多少人, 几所), or growth asked last (同比涨幅有多大): other units cannot answer
    strict = bool(STRICT_UNIT_CUE.search(text)) and bool(units)  # strict about a unit the wording names
    if units[:1] == ["%"] and (GROWTH_LAST.search(asked) or PERCENT_ASK.search(asked)):
        strict, units = True, ["%"]  # "计划增长百分之几": a percentage, not the total it is to reach
    elif units[:1] == ["%"] and NAMED_RATE.search(asked) and not AMOUNT_CUE.search(text):
        strict, units = True, [*units, *(["‰"] if "‰" not in units else [])]
    if counter := COUNTER_ASK.search(asked):
        strict, units = True, [counter.group(1), *(u for u in units if u != counter.group(1))]
    # "这几年", "过去几年" name a period, not a count; "哪“几个意识”" asks 哪几个 whatever the marks
    scan = FEW_YEARS.sub("近年", re.sub(r"[“”\"「」]", "", text))
    cues_found = [m.group(0) for m in FIGURE_CUE.finditer(scan)]
    # "扶贫标准2300元是按哪一年的不变价算的", "which region marks its 60th anniversary": a number in a
    # question that asks for a name is context, not what is asked
    only_numbers = bool(cues_found) and all(c.isdigit() for c in cues_found)
    # "新增了什么监测指标", "就业指标是哪个", "What is the name of the initiative": a name is asked for,
    # whatever figure words the question holds, unless it also asks how much
    names = _asks_name(scan)
    wants = (bool(cues_found) and not NOT_FIGURE_CUE.search(scan) and not (only_numbers and NAME_ASK.search(scan))
             and not names)
    core = strip_period_words(text)
    groups = term_groups(core)
    terms = flat_terms(groups)  # expand_terms(core), read once
    search_text = f"{core} {' '.join(terms)}".strip() if lang == "zh" else f"{text} {' '.join(terms)}"
    result = bool(RESULT_CUE.search(text)) and not target
    return Question(text, lang, wants, period, target, tuple(units), strict, result,
                    not _count_asked(text) and not COUNTER_ASK.search(asked)
                    and not (AMOUNT_CUE.search(text) and not PERCENT_CUE.search(text)),
                    tuple(sorted({c.upper() for c in CODE_RE.findall(text)})), terms, search_text,
                    alternatives=tuple(g for g in groups if len(g) > 1))
