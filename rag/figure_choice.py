"""Figure choice: every figure of the candidate passages scored against what the question asks for
(metric, period, unit), and the one that may answer — or none, and the question is refused.

A figure answers only when the question names its metric (metric_cover) and the figure's clause holds
the question's words (question_cover), or, for an embedder whose cosines were calibrated, when it is
the figure closest to the question and very close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .calibration import Calibration
from .chunking import sentences
from .lexicon import code_words, contrasted, gloss_groups, named_metrics, names_a_part, official_terms, subject_unsaid, zh_synonyms
from .matching import Stats, bigrams, coverage
from .models import Figure, Passage
from .periods import PeriodSpec, resolve
from .question import Question
from .text import cut
from .retrieval import Hit

# Cosine of the question with a figure's clause: a ranking signal, and (for an embedder calibrated
# for it, rag.calibration) enough to answer when the figure is the closest one and very close.
DENSE_WEIGHT = 8.0


@dataclass
class Scored:
    figure: Figure
    passage: Passage
    score: float
    metric_cover: float
    question_cover: float
    subject_cover: float = 1.0
    dense: float = 0.0  # cosine of the question with the figure in its clause
    # read once per figure by `surroundings`: its sentence, the clauses before its own there, and the clause a
    # subject-less clause speaks on from
    sentence: str = ""
    before: str = ""
    lead: str = ""


def sentence_of(passage: Passage, clause: str) -> str:
    return next((s for s in sentences(passage.text) if clause and clause in s), clause)


def period_spec(q: Question, stats: Stats, doc: str) -> PeriodSpec | None:
    """The period the question names, as it reads in the report the figure comes from."""
    return resolve(q.period, stats.doc_years.get(doc))


# A clause that opens with a time word, 其中 or a modal has no subject of its own: it speaks of what the
# clause before it names ("继续实施退耕还林还草，今年拟安排500万亩"; "新开工700万套以上，其中各类棚户区470万套以上").
SUBJECTLESS = re.compile(r"^(?:其中|今年|去年|全年|当年|明年|同时|并|拟|要|将|再|比上年|比去年|较上年|同比)")


EARLIER_CLAUSES = 0.6  # how much the words of the clauses before a figure's own count for it


def surroundings(passage: Passage, clause: str) -> tuple[str, str, str]:
    """A figure's sentence, the clauses before its clause in it, and — for a subject-less clause — the
    clause right before, which it speaks on from ("" when it has a subject of its own)."""
    sentence = sentence_of(passage, clause)
    at = sentence.find(clause)
    before = sentence[:at] if at > 0 else ""
    pieces = re.split(r"[，,；;：:]", before.rstrip("，,；;：:")) if before and SUBJECTLESS.match(clause) else []
    return sentence, before, pieces[-1] if pieces else ""


def subject_cover(stats: Stats, grams: dict[str, float], fig: Figure, sentence: str) -> float:
    """How much of what the question is about, beyond the figure's metric, the figure's sentence holds.

    Only words the report uses count (paraphrase that matches nothing is no evidence either way); 1.0
    when the question says nothing beyond the metric."""
    metric = bigrams(fig.metric)
    subject = {g: w for g, w in grams.items() if g not in metric and g in stats.idf and w >= 1.0}
    if not subject:
        return 1.0
    return coverage(stats, subject, bigrams(sentence) | metric)


ASKS_CHANGE = re.compile(r"(?:增长|增加|提高|上升|下降|减少|降低|增|涨|降|多出来|多出|多)了?(?:多少|几)(?![万亿千百]?[元人吨个家])|by how much|"
                         r"(?:增产|减产|增收|减收)了?(?:多少|几)|"  # 粮食增产了多少吨: the change, in whatever unit
                         r"how (?:much|many) (?:more|larger|bigger|higher|greater|lower|smaller|less|fewer)\b|(?<![占对])比(?![重例率值较])[^，,。？?]{1,10}?(?:多|少|增加|减少|提高|降低)(?![到至])[\u4e00-\u9fff]{1,3}?了?"
                         r"(?:多少|几)|"
                         r"how much (?:did|has|have|will|does|do) [\w'’ -]+? (?:grow|increase|rise|fall|drop|decline|decrease)\b", re.I)
LEVEL_BEFORE = re.compile(r"(?:到|至|达到|达|突破|超过)(?:人均|每人(?:每年)?|每年)?$")  # "提高到人均320元": a level
ASKS_LEVEL = re.compile(r"(?:达到|提高到|提到|增加到|增至|升至|升到|涨到|降到|降至|减少到|下降到|达)了?(?:每[人户年]{1,2}){0,2}多少|"
                        r"(?:上调|提高|调整|增加|上涨)(?:以)?后[，,]?[^，,。？?]{0,20}?(?:是|为|有)?多少|"  # 上调后每月最低是多少钱
                        r"(?:还剩|剩下|剩余|还有)(?:了)?多少")  # 贫困人口还剩多少: what is left, not what went
CHANGE_METRIC = re.compile(r"(?:增加|增长|提高|减少|下降|降低|上涨|上升|增|涨|多|少)$")
LEVEL_METRIC = re.compile(r"(?:到|至|达到|达|突破|超过)$")
EN_PURPOSE = re.compile(r"\b([a-z-]{3,}) (?:budget|spending|expenditure|funding|allocation|funds|subsid(?:y|ies))\b", re.I)  # education budget
NAMED_COVER = 0.7  # a figure whose metric the question covers this well is named by it, in whatever words
PER_UNIT = re.compile(r"单位(?:GDP|gdp|国内生产总值|地区生产总值|生产总值)的?([\u4e00-\u9fff]{2})")
# "每个孩子一年发多少钱", "人均补助多少", "per person": an amount for each one, which a total (发放育儿补贴超1亿元)
# does not give; the figure's words must say it is for each (人均, 每, 标准, 元/人)
PER_HEAD_ASK = re.compile(r"每(?:个|位|名|一个)?(?:人|孩子|儿童|学生|老人|户|家庭)|人均|"
                          r"\bper (?:person|capita|head|child|student|household|resident)\b|\beach (?:person|child)\b", re.I)
PER_HEAD_SAID = re.compile(r"人均|每|标准|/")
ASKS_SHARE = re.compile(r"比重|占比|份额|what share|what proportion|\bshare of\b", re.I)
CHANGE_WORDS = re.compile(r"增长|增速|增幅|涨幅|下降|降低|减少|提高|上涨|回落|上升")
SHARE_WORDS = re.compile(r"比重|占|比例|份额|之比|率|share|proportion", re.I)
FROM_ASKED = re.compile(r"从|由|原来|原先|之前|以前|起初|起点|当初|from\b", re.I)


MONEY_HEAD = re.compile(r"预算|支出|资金|经费|投入|补助|补贴|拨款")
# who pays or per whom (中央财政, 人均): what stands between a purpose and its money, and is no purpose itself
FUNDER = re.compile(r"中央财政|财政|中央|地方|政府|各级政府|中央预算内|人均|每人|每年")
NOT_PURPOSE = re.compile(rf"(?:{FUNDER.pattern}|今年|去年|明年|全国|全年|我国|中国|报告|一共|总共|大概|多少|目标|预期|计划|安排|"
                         r"年度|累计|新增|总|标准|(?:19|20)\d\d年?)$")


@lru_cache(maxsize=256)  # asked once per figure a question's answer is chosen among
def purpose_asked(question: str) -> str:
    """The purpose a question names for money (国防 of 国防预算, 扶贫 of 扶贫资金), or ""."""
    words = [w for w in cut(question) if w.strip()]
    for i, w in enumerate(words):
        if not re.fullmatch(rf"(?:{FUNDER.pattern})?(?:{MONEY_HEAD.pattern})", w):  # 投入, 财政投入
            continue
        for x in reversed(words[max(0, i - 3):i]):  # 保障性安居工程[中央财政]投入: past the one who pays
            if len(x) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", x) and not NOT_PURPOSE.search(x):
                return x
            if not FUNDER.fullmatch(x):
                break
    return ""


# the kind of money a question asks for by name: what is sold, spent, earned or invested (销售额, 投资, 收入)
MONEY_KIND = re.compile(r"[\u4e00-\u9fff]额|收入|投资|产值|增加值|税收|利润|营收|销售|消费")


def money_kind_clash(question: str, metric: str) -> bool:
    """The question asks for one kind of money (销售额, 消费额, 投资) and the figure is money of another that the
    question does not name: what was paid out for it (兑付补贴), its funds or its budget."""
    head = re.search(rf"(?:{MONEY_HEAD.pattern})$", metric)
    return bool(head and MONEY_KIND.search(question) and head.group(0) not in question
                and not any(w in question for w in zh_synonyms(head.group(0))))


ALREADY = re.compile(r"已经|目前|至今已|已有|到现在|so far|already|\bto date\b|\bcurrently\b|\bat present\b", re.I)  # what has been done by now, not a plan
TARGET_NOUN = re.compile(r"目标|\btarget(?:ed|s)?\b|\bgoals?\b", re.I)  # the target itself is asked, not what was done
# a rate the question names by its own word (贡献率, 赤字率, 失业率, 覆盖率): the figure's words must name a rate;
# not a growth rate (增长率: the report writes 增长), 效率, 频率, 率先
NAMED_RATE_WORD = re.compile(r"[\u4e00-\u9fff](?<![长速效频概])率(?!先)")
MODIFIED_HEAD = re.compile(r"[\u4e00-\u9fff]{0,4}?的([\u4e00-\u9fff]{2})")
GENERIC_HEAD = re.compile(r"[多几是有什哪]|目标|指标|数据|情况|水平|幅度|速度|规模|总量|数量|比例|比重|增速|增幅|涨幅|预期")


def _rate_forms(question: str, end: int) -> tuple[str, ...]:
    """The words a figure may name a rate by: its last two characters (献率 of 贡献率) and the lexicon's terms
    for the word it ends (通胀率 ~ 通胀 ~ 居民消费价格)."""
    forms = [question[end - 2:end]]
    for k in range(2, 6):
        for word in (question[max(0, end - k):end], question[max(0, end - k):end - 1]):
            forms.extend(t for t in zh_synonyms(word) if t not in forms)
    return tuple(forms)


def _modifies(key: str, question: str, clause: str) -> bool:
    """The statistic the question names only modifies what it asks ("物价的翘尾因素", "对经济增长的贡献率"), and
    the figure's words give that (价格上涨的翘尾影响, 科技进步贡献率): the statistic itself need not be said."""
    at = question.lower().find(key.lower())
    head = MODIFIED_HEAD.match(question, at + len(key)) if at >= 0 else None
    return bool(head) and not GENERIC_HEAD.match(head.group(1)) and head.group(1) in clause


def _names_official(forms: tuple[str, ...], text: str) -> bool:
    """The text names an official statistic by one of its forms: a piece of its name is another statistic
    (中央预算内投资 is not "比去年预算增加", 营业里程 not 运营里程)."""
    return any(f.lower() in text.lower() for f in forms)


def _said(words: tuple[str, ...], sentence: str) -> bool:
    """The sentence says the statistic: one of its forms, or for a Chinese name of three characters or
    more one of its two-character words (研发投入强度 ~ 研发经费支出与国内生产总值之比)."""
    key = words[0]
    if any(w.lower() in sentence for w in words):
        return True
    cjk = re.fullmatch(r"[\u4e00-\u9fff]{3,}", key)
    return bool(cjk) and any(key[i:i + 2] in sentence for i in range(0, len(key) - 1, 2))


CHANGE_BEFORE = re.compile(r"(?:增(?!加值|值)|减|涨|降|提高|提升|上升|上调|下调|扩大|缩小|压缩|压减|节约|节省|再上|多|少|翻)[\u4e00-\u9fff]{0,10}$")
LISTED_BEFORE = re.compile(r"(?:[\d.]+[%％]?[\u4e00-\u9fff]{0,3}[、和及与])+$")  # "分别降低13.5%、[18%]"


def written_as_change(fig: Figure) -> bool:
    """The report writes the figure as a change ("增长7.7%", "减少1650万人", "提高0.5个百分点", "涨幅控制在
    2.6%"), not as the level reached ("增加到280元", "突破4万亿美元", "达到46.1%")."""
    if "百分点" in fig.text or fig.unit == "倍" or re.search(r"涨幅|增幅|增速|降幅", fig.metric):
        return True  # a rate of change is a change whatever it came to ("涨幅回落到2.6%")
    at = fig.context.find(fig.text)
    before = LISTED_BEFORE.sub("", fig.context[:at]) if at >= 0 else fig.metric
    if LEVEL_BEFORE.search(before) or fig.period.level:
        return False
    return bool(CHANGE_BEFORE.search(before))


def said_before(fig: Figure) -> str:
    """The figure's metric and the words of its clause before it: what the report says the figure is."""
    return fig.metric + fig.context[:max(0, fig.context.find(fig.text))]


def old_level(fig: Figure) -> bool:
    """"贫困发生率由10.2%下降到3.1%": 10.2% is the level it came from (the figure extraction gives it no period)."""
    if fig.period.kind != "other":
        return False
    at = fig.context.find(fig.text)
    return at >= 0 and bool(re.search(r"(?:从|由)(?:(?:19|20)\d\d年(?:底|末)?的?)?[^，,。；;\d]{0,10}$", fig.context[:at])) and bool(
        re.search(r"(?:到|至)", fig.context[at + len(fig.text):]))


def period_fit(q: Question, spec: PeriodSpec | None, fig: Figure) -> float:
    if old_level(fig) and not FROM_ASKED.search(q.text):
        return -0.5
    if spec is not None:
        return 0.6 if spec.fits(fig.period) else -0.6
    if q.target:
        return 0.2 if fig.period.forward else -0.1
    if q.result:  # "达到了多少", "完成了": a result, not a target
        return -0.1 if fig.period.forward else 0.1
    return 0.0


def score_figures(q: Question, grams: dict[str, float], hits: list[Hit], stats: Stats,
                  sims: dict[tuple[str, int], float] | None = None) -> list[Scored]:
    """Every figure of the candidate passages, scored against the metric, period and unit asked for."""
    out: list[Scored] = []
    sims = sims or {}
    for rank, hit in enumerate(hits):
        spec = period_spec(q, stats, hit.passage.doc)
        for j, fig in enumerate(hit.passage.figures):
            dense = sims.get((hit.passage.id, j), 0.0)
            metric = bigrams(fig.metric) - stats.stop
            sentence, before, lead = surroundings(hit.passage, fig.context)
            context = bigrams(fig.context) | metric | bigrams(lead)
            metric_cover = coverage(stats, metric, set(grams)) if metric else 0.0  # the metric named in the question
            # the question's words near the figure: in its clause, or (less) in the clauses before it in its
            # sentence, which a Chinese sentence's later clauses speak on from ("向低收入群众发放价格补贴，约6700万人受益")
            question_cover = max(coverage(stats, grams, context),
                                 EARLIER_CLAUSES * coverage(stats, grams, context | bigrams(before)))
            score = 1.0 * metric_cover + 1.2 * question_cover + 0.25 / (1 + rank)
            score += period_fit(q, spec, fig)
            if ASKS_CHANGE.search(q.text) and CHANGE_METRIC.search(fig.metric):
                score += 0.5  # "比上年增加1000亿元" answers "how much more", the new total does not
            if q.units:  # the unit asked nearest the question word counts most
                score += (0.35 if fig.unit == q.units[0] else 0.15) if fig.unit in q.units else -0.25
            if names_a_part(q.text, fig.metric + fig.context):
                score -= 0.3  # the whole asked, a part stated (中央财政赤字 for "财政赤字")
            subject = subject_cover(stats, grams, fig, sentence)
            out.append(Scored(fig, hit.passage, score + 0.3 * subject, metric_cover, question_cover, subject, dense,
                              sentence, before, lead))
    return sorted(out, key=lambda s: -s.score)


def _per_unit_unsaid(asked: str, said_in: str) -> bool:
    """The text asks per unit of output (单位GDP能耗) for a measure `said_in` does not say (能耗)."""
    return bool((per := PER_UNIT.search(asked)) and not _said((per.group(1), *zh_synonyms(per.group(1))), said_in))


def _purpose_unsaid(asked: str, said_in: str) -> bool:
    """The text asks for money for a purpose (国防预算) that `said_in` does not name."""
    return bool((purpose := purpose_asked(asked)) and not any(
        form[j:j + 2] in said_in for form in (purpose, *zh_synonyms(purpose)) for j in range(len(form) - 1)))


def _english_purpose_unsaid(question: str, said_in: str) -> bool:
    """An English question asks for money for a purpose ("education budget", "poverty-alleviation funding") that
    `said_in` names by none of the glossary's terms for it ("the central government's education budget" is not
    answered by 中央财政赤字1.12万亿元)."""
    groups = gloss_groups(purpose.group(1).replace("-", " ")) if (purpose := EN_PURPOSE.search(question)) else []
    return bool(groups) and not any(_said(group, said_in.lower()) for group in groups)


def _asks_unsaid(q: Question, unsaid, said_in: str) -> bool:
    """`unsaid(text, said_in)` holds of the question; for an English question, of every glossed term of one of
    its phrases (the glossary's terms for a phrase are alternatives: one said is enough)."""
    if q.lang == "zh":
        return unsaid(q.text, said_in)
    return any(group and all(unsaid(term, said_in) for term in group) for group in gloss_groups(q.text))


def fits(q: Question, s: Scored, stats: Stats) -> bool:
    """The figure is of the period the question names and of the unit its wording counts in."""
    spec = period_spec(q, stats, s.figure.doc)
    if spec is not None and not spec.fits(s.figure.period):
        return False
    if (TARGET_NOUN.search(q.text) and s.figure.period.kind == "result"
            and not TARGET_NOUN.search(s.figure.metric + s.figure.context + s.lead)):
        return False  # "2016年钢铁去产能的年度目标" is not answered by what was done (退出钢铁产能超过6500万吨)
    if ALREADY.search(q.text) and s.figure.period.forward and not TARGET_NOUN.search(q.text):
        return False  # "目前已经开了多少家" is not answered by what is planned (建设授权店200个)
    if s.figure.unit == "%" and not q.percent_ok:  # "多少常住人口" is not answered by a rate
        return False
    clause = s.figure.metric + s.figure.context
    own_sentence = s.sentence or sentence_of(s.passage, s.figure.context)
    sentence = (s.figure.metric + own_sentence).lower()
    if not PER_UNIT.search(q.text) and "per unit" not in q.text.lower():
        sentence = re.sub(r"单位(?:国内|地区)?生产总值", "", sentence)  # 单位国内生产总值能耗 names energy use, not GDP
    if s.metric_cover < NAMED_COVER and any(not _said(words, sentence) and not _modifies(words[0], q.text, clause)
                                            for words in named_metrics(q.text)):
        return False  # "GDP年均增长目标" is not answered by a sentence on 研发经费投入年均增长7%以上
    if ((rate := NAMED_RATE_WORD.search(q.text)) and not _said(_rate_forms(q.text, rate.end()), clause + s.lead)
            and not NAMED_RATE_WORD.search(clause + s.lead)):
        return False  # "对全球经济增长的贡献率" is not answered by the growth of GDP (渗透率 may be the report's 普及率)
    if ASKS_SHARE.search(q.text) and CHANGE_WORDS.search(s.figure.metric) and not SHARE_WORDS.search(clause):
        return False  # "第三产业占GDP的比重" is not answered by the growth of GDP
    around = clause + s.lead + s.before
    asked = q.text if q.lang == "zh" else " ".join(q.terms)  # an English question by its glossed terms

    # (not an English question's glossed terms: they are too loose for it)
    if s.metric_cover < NAMED_COVER and any(not _names_official(forms, around) for forms in official_terms(q.text)):
        return False  # "社会消费品零售总额预期增长多少" is not answered by 进出口总额预期增长7.5%左右
    if contrasted(asked, clause):
        return False  # "城镇居民人均可支配收入" is not answered by the 全国居民 figure
    if q.lang == "zh" and subject_unsaid(q.text, s.figure.metric + s.passage.text + s.lead):  # (glosses are loose)
        return False  # "今年要淘汰多少电解铝落后产能" is not answered by 今年要淘汰燃煤小锅炉5万台
    if _asks_unsaid(q, _per_unit_unsaid, clause + s.lead):
        return False  # "单位GDP能耗下降多少" is about energy use per unit of output, not the output's growth
    if s.figure.unit.startswith("元") and PER_HEAD_ASK.search(q.text) and not PER_HEAD_SAID.search(
            s.figure.unit + s.figure.metric + s.figure.context[:s.figure.context.find(s.figure.text) + 1] + s.lead):
        return False  # "育儿补贴每个孩子一年发多少钱" is not answered by the total paid out
    if ASKS_LEVEL.search(q.text) and not CHANGE_WORDS.search(ASKS_LEVEL.sub("", q.text)) and written_as_change(s.figure) \
            and not LEVEL_METRIC.search(s.figure.metric):
        return False  # "补助标准达到每人多少元" is not answered by the increase ("再增加30元")
    change = bool(ASKS_CHANGE.search(q.text))
    if change and not written_as_change(s.figure):
        return False  # "比上年增长了多少" is not answered by the level it rose to ("增加到11.7万亿元", "突破4万亿美元")
    if s.figure.text in q.text:  # "去年过了270万吨，今年想冲到多少": what the question states is not its answer
        return False
    if _asks_unsaid(q, _purpose_unsaid, around + own_sentence) or q.lang == "en" and _english_purpose_unsaid(
            q.text, around + own_sentence):
        return False  # "国防预算增长多少" is not answered by the budget deficit's 年初预算增加1800亿元
    if q.lang == "zh" and money_kind_clash(q.text, s.figure.metric):
        return False  # "以旧换新带动了多少销售额" is not answered by what was paid out for it (兑付补贴5200万元)
    if (level := GOV_LEVEL.search(q.text)) and level.group(1) not in clause:
        return False  # "中央财政收入增长了多少" is not answered by all revenue (全国一般公共预算收入增长10.1%)
    if (ages := ages_of(q.text)) and not ages <= ages_of(own_sentence):
        return False  # "16到24岁青年的城镇调查失业率" is not answered by the rate of all (城镇调查失业率平均5.2%)
    if q.codes and not all(_said((c, *code_words(c)), own_sentence.lower()) for c in q.codes):
        return False  # "5A级景区" is not answered by the 4A ones, "5G基站" by nothing without 5G
    if (rate := LEVEL_RATE.search(q.text)) and not CHANGE_WORDS.search(q.text) and not EN_CHANGE.search(q.text) \
            and not ASKS_CHANGE.search(q.text) \
            and written_as_change(s.figure) and rate.group(0) in s.figure.metric:
        return False  # "研发经费投入强度是多少" is not answered by how fast it grows (投入强度年均增长15%以上)
    if (EN_LEVEL_RATE.search(q.text) and not EN_CHANGE.search(q.text) and not EN_CHANGING.search(q.text)
            and written_as_change(s.figure)):
        return False  # "What R&D-to-GDP ratio does the government target" is not answered by GDP growth (增长7.5%左右)
    if MONEY_ASKED.search(q.text) and "元" not in s.figure.unit and (
            s.figure.unit not in RATE_UNITS or not (CHANGE_WORDS.search(q.text) or EN_CHANGE.search(q.text))):
        return False  # "重大水利工程的投资规模是多少" is not answered by a count (再开工20项, 1000多万), "per capita GDP" by a rate
    if (TARGET_ASK.search(q.text) and not ALREADY.search(q.text) and re.search(r"已(?:经)?[\u4e00-\u9fff]{1,3}的$", s.figure.metric)
            and not re.search(r"已(?:经)?", q.text)):
        return False  # "今年计划新开工多少个" is not answered by what has started (已开工的57个项目)
    if (side := _respective_side(q.text, s)) is not None and not side:
        return False  # "农村低保标准提高了多少" is the second of 城乡低保标准分别提高13.1%和17.7%
    if time_base_clash(q.text, clause):
        return False  # "每人每月提高到多少元" is not answered by 每人每年380元提高到420元
    if (TOTAL_ASK.search(q.text) and not NEW_SAID.search(q.text)
            and NEW_SAID.search(said_before(s.figure))):
        return False  # "高速公路总通车里程" is not answered by what is newly built (新建改建高速公路通车里程约3万公里)
    if (NEW_SAID.search(q.text) and not TOTAL_ASK.search(q.text) and re.search(r"达到?|总|突破|超过|[到至]$", s.figure.metric)
            and not NEW_SAID.search(s.figure.metric + s.lead) and (not CHANGE_WORDS.search(s.figure.metric)
                                                                  or LEVEL_METRIC.search(s.figure.metric) and q.lang == "zh")):
        # "去年新增高速公路通车里程多少公里" is not answered by the total reached (通车里程达到11.2万公里), "新增了多少
        # 个托位" not by the level it rose to (托位增至5676个); in English "new" may be a name's own (the new rural
        # cooperative medical scheme: 由每人每年240元提高到280元 answers it)
        return False
    if direction_clash(q.text, s.figure):
        return False  # "中央本级支出下降多少" is not answered by what grows (基础研究支出增长10.6%)
    if stage_clash(q.text, s.figure):
        return False  # "要基本建成多少套" is not answered by what is started (新安排740万套)
    if q.strict_units and not s.figure.unit and MEASURE_UNIT.fullmatch(q.units[0]):
        return False  # "capacity in gigawatts", "多少吨" are not answered by a share (超过全球一半)
    if re.search(r"\bhow many\b", q.text, re.I) and not q.units and MEASURE_UNIT.search(s.figure.unit):
        return False  # "How many new energy vehicles were sold" is a count, not 10亿千瓦 of capacity
    points = s.figure.unit == "个百分点" and "%" in q.units and change  # 占比上升了多少
    return not (q.strict_units and s.figure.unit not in q.units and s.figure.unit and not points)  # 务工规模3300万: 万 of people


TARGET_ASK = re.compile(r"今年|明年|计划|打算|要|将|目标|力争|this year|plan|target|will", re.I)
# units that measure (power, weight, length, area, money, a share): no count of things or people is in them
MEASURE_UNIT = re.compile(r"微克/立方米|微克每立方米|千瓦|瓦|吨|公里|米|亩|公顷|斤|克|元|%|％|百分点|岁|标箱")
URBAN_ASK = re.compile(r"城镇|城市|城里|\burban\b|\bcit(?:y|ies)\b", re.I)
RURAL_ASK = re.compile(r"农村|乡村|农民|\brural\b", re.I)


def _respective_side(question: str, s: Scored) -> bool | None:
    """Of "城乡…分别提高A和B", A is the towns' and B the countryside's: whether the figure is the side the question
    asks (None where the question asks neither or the clause is no such pair)."""
    fig, context = s.figure, s.figure.context
    at = context.find("分别")
    if at < 0 or "城乡" not in context[:at]:
        return None
    urban, rural = bool(URBAN_ASK.search(question)), bool(RURAL_ASK.search(question))
    if urban == rural:
        return None
    pair = sorted({f.text: context.find(f.text, at) for f in s.passage.figures
                   if f.context == context and context.find(f.text, at) > at}.items(), key=lambda kv: kv[1])
    if len(pair) != 2:
        return None
    return pair[1 if rural else 0][0] == fig.text


MONTHLY = re.compile(r"每(?:人)?每?月|月人均|按月|per month|a month|monthly", re.I)
YEARLY = re.compile(r"每(?:人)?每?年|年人均|按年|per year|a year|annually|annual (?:per|rate)", re.I)
TOTAL_ASK = re.compile(r"总(?:里程|通车里程|量|数|规模|面积|产量|人数|额|共)|\btotal\b|\bin all\b", re.I)
NEW_SAID = re.compile(r"新建|新增|新开工|新改建|新修|新发放|新招|\bnew(?:ly)?\b|\badded\b", re.I)


def time_base_clash(question: str, clause: str) -> bool:
    """The question asks per month (每人每月) and the figure's clause counts per year (每人每年), or the other way;
    or it asks for the level at the year's end and the clause gives the year's average."""
    month_q, year_q = bool(MONTHLY.search(question)), bool(YEARLY.search(question))
    month_c, year_c = bool(MONTHLY.search(clause)), bool(YEARLY.search(clause))
    if re.search(r"年末|年底|末的", question) and not re.search(r"平均", question) and re.search(r"平均", clause):
        return True  # "年末城镇调查失业率" is not the year's average (全年城镇调查失业率平均5.1%)
    if (re.search(r"平均|\baverage\b", question, re.I) and not re.search(r"年末|年底|末的", question)
            and re.search(r"年末|年底", clause) and not re.search(r"平均", clause)):
        return True  # "全年平均的城镇调查失业率" is not the level at the year's end (年末…降到5.2％)
    return (month_q and not year_q and year_c and not month_c) or (year_q and not month_q and month_c and not year_c)


STARTED = re.compile(r"开工|开建|动工|新安排|\bstart(?:ed)?\b|\bbegun\b|\bbegin\b", re.I)
FINISHED = re.compile(r"建成|竣工|完工|交付|\bcomplet(?:e|ed|ion)\b|\bfinish(?:ed)?\b", re.I)


def stage_clash(question: str, fig: Figure) -> bool:
    """What is finished (基本建成) is not what is started or newly arranged (新开工, 新安排), nor the other way:
    "今年保障性安居工程要基本建成多少套" is not answered by 新安排740万套."""
    said = said_before(fig)
    done_q, start_q = bool(FINISHED.search(question)), bool(STARTED.search(question))
    done_f, start_f = bool(FINISHED.search(said)), bool(STARTED.search(said))
    return (done_q and not start_q and start_f and not done_f) or (start_q and not done_q and done_f and not start_f)


UP_WORDS = re.compile(r"增长|增加|提高|上升|上涨|扩大|增")
DOWN_WORDS = re.compile(r"下降|减少|压减|降低|缩减|削减|回落|减|降")
EN_UP = re.compile(r"\b(?:grow|grew|grown|growth|rise|rose|risen|increased?|raised?)\b")
EN_DOWN = re.compile(r"\b(?:fall|fell|fallen|drop|dropped|decline|declined|decrease|decreased|cut|reduced?|lower(?:ed)?)\b")


def direction_clash(question: str, fig: Figure) -> bool:
    """The question asks how much something fell (下降, 压减) and the report writes the figure as a rise (增长,
    提高), or the other way: another statistic, a near miss."""
    at = fig.context.find(fig.text)
    verb = fig.context[max(0, at - 4):at] if at >= 0 else ""
    # the question's own change is its last word of direction (减半征收…上限提到多少: a rise)
    said = [m for m in re.finditer(UP_WORDS.pattern + "|" + DOWN_WORDS.pattern + r"|提到|升到|涨到|加到|" + EN_UP.pattern + "|"
                                   + EN_DOWN.pattern, question, re.I)]
    if not said:
        return False
    down_q = bool(DOWN_WORDS.fullmatch(said[-1].group(0)) or EN_DOWN.fullmatch(said[-1].group(0).lower()))
    up_f, down_f = bool(UP_WORDS.search(verb)), bool(DOWN_WORDS.search(verb))
    return (down_q and up_f and not down_f) or (not down_q and down_f and not up_f)


MOD_FLAGS = ("n", "ns", "nz", "s", "b", "nt", "j")


@lru_cache(maxsize=4096)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    import jieba.posseg as pseg

    from .text import _jieba

    _jieba()
    return tuple((w, f) for w, f in pseg.lcut(text))


# a rate or share asked as a level; the question says no change of it
LEVEL_RATE = re.compile(r"强度|比重|占比|[\u4e00-\u9fff]率")  # 城镇化率, 失业率 … as 化率, 业率
EN_CHANGE = re.compile(r"\b(?:grow|grew|growth|increase|increased|rise|rose|risen|fall|fell|drop|dropped|decline|declined|decrease|"
                       r"decreased|change|changed|cut|reduce|reduced|lower|lowered|raise|raised)\b|by how much", re.I)
EN_LEVEL_RATE = re.compile(r"\b(?:ratio|intensity|share|proportion)\b", re.I)
EN_CHANGING = re.compile(r"\b(?:cutting|cuts|reduction|reductions|reducing|lowering|raising|rising|falling|dropping|declining|"
                         r"increasing|growing|improvement)\b", re.I)
RATE_UNITS = ("%", "‰", "个百分点", "倍", "成")
# the level of government a fiscal figure is of: 中央财政收入 is a part of 财政收入, 地方专项债 of all bonds
GOV_LEVEL = re.compile(r"(中央|地方)(?:本级|政府)?(?:财政|预算|一般公共预算|专项债|赤字)")
# the ages that bound a population: 16到24岁, 60岁以上, aged 16-24, 16-to-24-year-olds
AGE_RE = re.compile(r"(\d+)\s*(?=周?岁|[到至\-—~－]\s*\d+\s*周?岁)|\baged\s+(\d+)(?:\s*(?:-|to|and)\s*(\d+))?"
                    r"|(?<=\()(\d{1,2})\s*[-–~]\s*(\d{1,2})(?=\))"  # youth (16-24)
                    r"|\b(\d+)(?:\s*(?:-|to)\s*(\d+))?[- ]years?[- ]old", re.I)


def ages_of(text: str) -> set[str]:
    """The ages a text names of a population."""
    return {n for m in AGE_RE.finditer(text) for n in m.groups() if n}


# an amount of money is what the question ends on (投资规模是多少, 资金有多少): no count answers it
# (铁路投资实际完成了多少, 人均可支配收入是多少); in English, an amount of money asked as such
MONEY_ASKED = re.compile(r"(?:投资|资金|金额|经费|收入|支出|产值|生产总值|增加值|营业额|营收|利润|税收|贷款|余额|GDP|补贴|补助|投入|"
                         r"(?<!名)额|预算)(?:规模|总量|总额)?(?:实际|一共|总共|共)?"
                         r"(?:是|有|为|达到?|完成|实现|了)*多少(?:钱)?[？?]?$|多少(?:钱|资金|经费)[？?]?$|"
                         r"^(?!.*\b(?:how many|grow|grew|growth|rate|increase|rise|rose|share|percent|percentage|ratio|intensity|"
                         r"proportion|fall|fell|drop|decline|change|target|goal|inflation|consumer prices?|CPI|index)\b)"
                         r"(?=.*\b(?:how much|what (?:was|is|were|are|will))\b)"
                         r".*\b(?:investment|invested|spent|revenue|expenditure|spending|budget|income|GDP|profits?|funding|funds|"
                         r"loans|sales|turnover|price)\b",
                         re.I)


def _list_member(fig: Figure) -> str:
    """The member of a 、 list that holds the figure ("公路投资1.65万亿元" of "完成铁路投资8000亿元以上、公路投资1.65万亿元"),
    or its whole clause."""
    members = [m for m in fig.context.split("、") if fig.text in m]
    # "科技金融、普惠金融、绿色金融贷款余额分别突破50亿元、120亿元…": a list of subjects, each figure of one of them
    return members[0] if len(members) == 1 and "分别" not in fig.context else fig.context


def modifier_clash(question: str, clause: str, texts: str) -> bool:
    """The question and the figure's clause name the same thing (旅游, 公立医院, 投资) with different words
    before it (国内 / 出境, 城市 / 县级, 铁路建设 / 水利): another statistic of the same kind, a near miss."""
    qt, ct = _tagged(question), _tagged(clause)
    official = [term for words in named_metrics(question) for term in words]  # 经济增长 ~ 国内生产总值增长
    for i in range(1, len(qt)):
        word = qt[i][0]
        if len(word) < 2:
            continue
        for j in range(1, len(ct)):
            if ct[j][0] != word:
                continue
            (qm, qf), (cm, cf) = qt[i - 1], ct[j - 1]
            if (qf in MOD_FLAGS and cf in MOD_FLAGS and len(qm) >= 2 and len(cm) >= 2 and qm != cm
                    and qm not in clause and cm not in question and qm + word in texts
                    and cm not in zh_synonyms(qm) and qm not in zh_synonyms(cm)
                    and not any(cm in term for term in official)):
                return True
    return False


def sibling_named(question: str, fig: Figure) -> bool:
    """Of a 、 list of figures (五年累计减税5.4万亿元、降费2.8万亿元), the question names another member's own words
    (减税) and none of the figure's member (降费): it asks for the other one."""
    if "分别" in fig.context or "、" not in fig.context:
        return False
    members = fig.context.split("、")
    own = [m for m in members if fig.text in m]
    if len(own) != 1:
        return False

    def words(member: str) -> set[str]:
        return {w for w, f in _tagged(re.sub(r"[\d.]+[%\u4e00-\u9fff]?", " ", member))
                if len(w) >= 2 and (f.startswith(("n", "v")) or f in ("j", "l"))}

    question = re.sub(r"[（(]?(?:不算|不含|不包括|除去)[^，,。？?）)]*[）)]?", "", question)  # （不算降费）: set aside
    if re.search(r"比|增长|增加|提高|下降|减少|增速|涨幅|增幅|降幅", own[0]):
        return False  # "拟安排…3.9万亿元、比上年增加1000亿元": a change of the member before, not a member of its own
    mine = words(own[0])
    if any(w in question for w in mine):
        return False
    return any(w in question for m in members if m is not own[0] and re.search(r"\d", m) for w in words(m) - mine)


def eligible(q: Question, s: Scored, cal: Calibration, dense_top: float = 0.0) -> bool:
    """Whether a fitting figure may answer: the question names its metric, or (with a calibrated
    embedder) it is the figure closest to the question and very close."""
    if (s.metric_cover >= cal.min_metric_cover and s.question_cover >= cal.min_question_cover
            and s.metric_cover + s.question_cover >= cal.min_both_cover):
        return True
    floor = cal.dense_floor(q.lang)
    return (floor is not None and s.dense >= floor and s.dense >= dense_top
            and s.metric_cover + s.question_cover >= cal.min_dense_lexical)


def rank_fitting(q: Question, scored: list[Scored], stats: Stats) -> list[Scored]:
    """The figures that fit the question's period and unit, best first by score and closeness."""
    texts = "\n".join({s.passage.text for s in scored})
    fitting = [s for s in scored if fits(q, s, stats) and not modifier_clash(q.text, _list_member(s.figure), texts)
               and not sibling_named(q.text, s.figure)]
    if not fitting:
        return []
    top = max(s.dense for s in fitting)
    return sorted(fitting, key=lambda s: -(s.score + DENSE_WEIGHT * (s.dense - top)))


def choose_figure(q: Question, ranked: list[Scored], cal: Calibration) -> Scored | None:
    """The best fitting figure that may answer (ranked by rank_fitting), or None."""
    top = max((s.dense for s in ranked), default=0.0)
    return next((s for s in ranked if eligible(q, s, cal, top)), None)


OTHERWISE_GAP = 0.4  # how much better the question's words fit a figure of its metric that cannot answer


def named_otherwise(q: Question, best: Scored, scored: list[Scored], fitting: list[Scored], stats: Stats) -> bool:
    """The question names another figure's metric, of the period it asks, which the report gives only in a
    form that cannot answer (a growth rate for "资金总额是多少亿元": 中央财政专项扶贫资金增长30%以上), and
    covers the best fitting figure far less (中央财政赤字1.55万亿元): a near miss, refused."""
    spec = period_spec(q, stats, best.figure.doc)
    able = {id(s) for s in fitting}
    return any(id(s) not in able and s.metric_cover >= NAMED_COVER and (spec is None or spec.fits(s.figure.period))
               and s.metric_cover + s.question_cover - best.metric_cover - best.question_cover >= OTHERWISE_GAP
               and not _same_metric(s.figure.metric, best.figure.metric) and not _speaks_on(s, best) for s in scored)


def _speaks_on(earlier: Scored, later: Scored) -> bool:
    """Both of one sentence, the later's clause speaking on about what the earlier names (中央对地方转移支付增加约
    1.5万亿元、规模近9.8万亿元，增长18%: the 18% is the transfers' growth)."""
    return (earlier.passage.id == later.passage.id and earlier.sentence == later.sentence
            and earlier.sentence.find(earlier.figure.context) < earlier.sentence.find(later.figure.context))


def _same_metric(metric: str, other: str) -> bool:
    """Most of one metric's words are the other's (货物吞吐量 ~ 货物吞吐量较2020年增长): the same statistic."""
    grams = bigrams(metric)
    return bool(grams) and len(grams & bigrams(other)) >= 0.5 * len(grams)
