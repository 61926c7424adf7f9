"""Span choice for questions that do not ask for a figure: the sentence (or clauses) that answers."""

from __future__ import annotations

import re

from .chunking import sentences
from .lexicon import class_words, english_kinds, expand_terms, gloss_groups, kind_endings, not_names, provinces, verb_forms
from .matching import Stats, bigrams, coverage
from .models import Passage

PERIOD_SPAN_SHARE = 0.75  # a past-tense question's answer comes from a result unless a target covers it much better
WHO_RE = re.compile(r"([\u4e00-\u9fff]{2,4})是谁|谁是([\u4e00-\u9fff]{2,4})")
ASKS_DATE = re.compile(r"哪一?天|哪一?年|什么时候|何时|几月|几号|哪个月|when\b|what date|which year", re.I)
DATE_RE = re.compile(r"\d+年|\d+月|\d+日|年底|年内|年末|月底|上半年|下半年")
ASKS_DAY = re.compile(r"哪一?天|几月几[日号]|几号|what date|which day", re.I)
DAY_RE = re.compile(r"\d+月\d+日")
ASKS_MONTH = re.compile(r"哪个月|几月份?(?!几)|which month|what month", re.I)
MONTH_RE = re.compile(r"\d+月|年底|年末|年初|月底|上半年|下半年")


HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、[^。；;]{2,30}$")
HEADING_SHARE = 0.5


def covered_sentences(grams: dict[str, float], passages: list[Passage], stats: Stats,
                      must: re.Pattern | None = None) -> list[tuple[float, str, Passage]]:
    """Every sentence of the passages (that matches must) with how well it covers the question, best first
    (on a tie, the earlier passage and sentence first)."""
    out = []
    for passage in passages:
        for sent in sentences(passage.text):
            if must is not None and not must.search(sent):
                continue
            cov = coverage(stats, grams, bigrams(sent))
            if HEADING_RE.match(sent):
                cov *= HEADING_SHARE  # "三、对今年政府工作的建议": a part's title names what follows, it answers little
            out.append((cov, sent, passage))
    return sorted(out, key=lambda t: -t[0])


def best_span(grams: dict[str, float], passages: list[Passage], stats: Stats,
              must: re.Pattern | None = None) -> tuple[str, Passage | None, float]:
    """The sentence (or, for a long one, the clauses) that best covers the question (and matches must)."""
    found = covered_sentences(grams, passages, stats, must)
    if not found or found[0][0] <= 1e-9:
        return "", None, 0.0
    cov, text, passage = found[0]
    if len(text) > 80:
        text = _best_clauses(grams, text, stats)
    return text, passage, cov


def _best_clauses(grams: dict[str, float], sent: str, stats: Stats, width: int = 3) -> str:
    clauses = [c for c in re.split(r"(?<=[,，;；:：])", sent) if c]
    windows = ["".join(clauses[i:i + width]) for i in range(max(1, len(clauses) - width + 1))]
    return max(windows, key=lambda w: coverage(stats, grams, bigrams(w))).rstrip(",，;；:：")


def names_whom_asked(question: str, span: str) -> bool:
    """"馆长是谁": an answer about a person must name the role asked for (区长 杨宏), not just the place."""
    m = WHO_RE.search(re.sub(r"(?:现在|目前|当前|如今|现任|今年|去年)", "", question))
    if not m or not (office := re.search(r"(?:[委总副])?(?:长|书记|主任|主席|总理|部长|委员|代表|局长|理事)$", m.group(1) or m.group(2))):
        return True  # "获奖的中国科学家是谁": a description, not an office the answer must name
    role = office.group(0) if office.group(0)[0] in "委总副" else (m.group(1) or m.group(2))[-2:]
    return role in span  # "区委书记是谁" is not answered by 习近平总书记


# --- the short answer inside the sentence ---

# the commonest Chinese surnames: a name jieba cannot tag opens its clause and wins an honour (，屠呦呦获得诺贝尔…奖)
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
            "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤屠")
HONOURED = re.compile(rf"(?:^|[，,。；;、])([{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?<![港市县区省镇村乡])(?:获得|荣获|获评|当选|获)")

# a person asked in English by a role ("which Chinese scientist", "which member of the … team")
PERSON_ASK = re.compile(r"\bwhich (?:[a-z-]+ ){0,2}(?:scientist|person|leader|expert|athlete|engineer|official|academician|"
                        r"hero|worker|teacher|doctor|writer|artist|prosecutor|researcher|individual)s?\b"
                        r"(?!['’]|\s+(?:meeting|summit|conference|forum|dialogue|talks)\b)|"  # a leaders' meeting is no person
                        r"\bwhich member of (?:the |a |an )?[\w' -]*?(?:team|group|squad)\b", re.I)

# what kind of span a question asks for, by its question word
ASK_KINDS: list[tuple[str, re.Pattern]] = [
    # "2013年是个什么样的年份" ~ 开局之年: the genre names what a year is for the plan it opens or closes
    ("year_role", re.compile(r"(?:什么样?的?|怎样的?|哪种)(?:年份|一年)|是个?什么年(?!份?\d)")),
    ("date", re.compile(r"哪一?天|几月几[日号]|几号|什么时候|什么时间|何时|哪一?年|哪个月|when\b|what date|which day|which year", re.I)),
    ("rank", re.compile(r"第几|排名|排第|哪一名|(?:排|居|列|处于|处在|是)[在于]?(?:什么|哪个|哪一?)(?:位置|位次|名次)|(?:算|处于|处在)(?:什么|怎样的?)(?:水平|地位)|what rank|\bwhat (?:was|is|were|are) [\w'’ ]{0,30}?\branking\b|"
                        r"which place\b(?!s)(?=.*\b(?:rank|ranked|ranking|came|come|finish)\b)|"
                        r"\bwhere (?:did|does|do|is|was|will) [\w'’ ]{0,40}?\brank(?:ed)?\b", re.I)),
    # (not through a preposition: "代表哪个机构向大会作的" asks for a body, not a meeting)
    ("meeting", re.compile(r"(?:哪|什么|哪一)(?:次|个|届)?(?:(?![向在给对于把被由从])[\u4e00-\u9fff]){0,6}?(?:会议|大会|全会)|(?:at|in) which (?:meeting|session)|what (?:meeting|session)", re.I)),
    ("person", re.compile(r"谁|哪位|什么人|who\b|which (?:premier|minister)\b|"
                          r"(?:总理|主席|书记|省长|市长|区长|县长|部长|局长|负责人)(?:的名字)?叫什么|" + PERSON_ASK.pattern, re.I)),
    ("org", re.compile(r"哪一?[几两]?家|哪[一几两]?所|哪[些几两]?(?:个|家|所)?(?:企业|公司|医院|银行|高校|学校|大学|院校|机构)|哪个(?:企业|公司|单位|机构|部门|部委|协定|组织)|(?:公司|企业|机构|单位)(?:叫什么|的名字|名称)|"
                       r"which agreement|which (?:[a-z-]+ ){0,2}(?:company|companies|firms?|enterprises?|organi[sz]ations?|banks?|agency|agencies|institutions?|"
                       r"institutes?|universit(?:y|ies)|hospitals?|laborator(?:y|ies)|ministry|ministries)\b", re.I)),
    ("place", re.compile(r"哪里|哪儿|什么地方|哪[几两]?个?(?:地方|地区(?!组织)|城市|省市|省份|省|市(?!场|值)|县|区(?!域[\u4e00-\u9fff]|间|块)|国家(?!级|部委|机关|部门|机构)|流域|镇街|镇|乡)|哪些(?:地方|城市|省市|省份|省|地区|国家(?!级)|县|区县|县市|镇|乡|村)|"
                         r"哪座|在哪(?![些一个方类级项])|哪[条个片](?:江|河|湖|海域|海湾|海峡)|where\b|which (?:city|cities|place|county|province|provinces|river|town)",
                         re.I)),
    ("name", re.compile(r"叫什么|什么名|哪个|哪项|哪部|哪份|哪类|哪一|哪些|哪几|哪两|哪场|哪条|哪[台艘架颗枚辆]|什么(?=[\u4e00-\u9fff]{2})(?!时候|样)|什么[\u4e00-\u9fff](?=[？?]?$)|什么(?:品牌|称号|计划|工程|行动|战略|政策|荣誉|奖|条例|法|规划|方案|机制|"
                        r"活动|项目|平台|模式|阶段|协定|目标|称|牌|之风|会)|what (?:is the name|programme|program|plan|brand|title|"
                        r"policy|strategy|law|initiative|campaign|award|honou?r)|which", re.I)),
]
RANK_RE = re.compile(r"第[一二三四五六七八九十百千\d]+(?:个|位|名|家|批|届|次|座|轮|期|年|条|项|部|代)?|(?:全[国省市区县]|全球|全世界|世界)?首(?:个|家|座|批|位|条|支|只|届|次|轮|期)")
# a standing the report gives in words (居世界主要经济体前列, 全球最大的移动宽带网): the answer to a question of the
# position ("处于什么位置"), never to one of the place in a ranking (排第几)
STANDING_SCOPE = r"(?:全[国省市区县]|全球|全世界|世界|国内|同类[\u4e00-\u9fff]{0,2}|同行业)"
# a standing in words, not a place in a ranking: 居世界前列, 全国最大, 创历史新高, 为多年来最大增幅
STANDING_RE = re.compile(STANDING_SCOPE + r"?(?:前列|前茅)|" + STANDING_SCOPE + r"最[大多高长快早]|创(?:历史|同期)?新高|历史(?:最好|最高)水平|"
                         r"(?:多年来|近年来|有史以来)最[大多高快好低少小]的?(?:增幅|降幅|涨幅|规模|水平|力度)?")
RANKING_ASK = re.compile(r"第几|排名|排第|名次|位次")


def rank_pattern(question: str) -> re.Pattern:
    """What answers a question of a rank: a place in a ranking (第二位, 首位), or for a question of the position
    (处于什么位置, 算什么水平) that asks no place in a ranking, a standing in words too (世界前列, 创历史新高)."""
    if "第几个五年" in question:
        return RANK_OR_PLAN
    return RANK_RE if RANKING_ASK.search(question) else RANK_OR_STANDING
MEETING_RE = re.compile(r"第[一二三四五六七八九十]+届[\u4e00-\u9fff]{0,16}?(?:大会|全会|会议)(?:第[一二三四五六七八九十]+次(?:全体)?会议)?"
                        r"|党的[一二三四五六七八九十]+大|(?:中国共产党)?第[一二三四五六七八九十]+次全国代表大会")
PLENUM_RE = re.compile(r"(?:[区市省县州]委|党的)?[一二三四五六七八九十]+届[一二三四五六七八九十]+次全会"
                       r"|(?:党的)?[一二三四五六七八九十]+届(?:[一二三四五六七八九十]+中[、和及])*[一二三四五六七八九十]+中全会")
DATE_SPAN_RE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}月(?:底|末|中旬|上旬|下旬)前?|"
                          r"(?:19|20)\d\d年(?:底|初|末|年底|上半年|下半年)?前?")
QUOTED_RE = re.compile(r"“([^”]{2,24})”|《([^》]{2,30})》|「([^」]{2,24})」")
YEAR_ROLE_RE = re.compile(r"[\u4e00-\u9fff]{2}(?:之年|一年)(?![\u4e00-\u9fff])")  # 开局之年, 关键一年, 收官之年
RANK_OR_STANDING = re.compile(f"{RANK_RE.pattern}|{STANDING_RE.pattern}")
# (a plan counted by its ordinal: 第几个五年普法规划 ~ “七五”普法规划)
PLAN_ORDINAL = re.compile(r"[一二三四五六七八九十]+五(?![\u4e00-\u9fff]{0,2}(?:年|期间|时期))|[一二三四五六七八九十]+五”")  # “七五”普法
RANK_OR_PLAN = re.compile(f"{RANK_RE.pattern}|{PLAN_ORDINAL.pattern}")
KIND_PATTERNS = {"meeting": re.compile(f"{MEETING_RE.pattern}|{PLENUM_RE.pattern}"), "rank": RANK_RE,
                 "year_role": YEAR_ROLE_RE}
MINISTRY = r"(?<![东西南北中内外全干局上下头])部"  # 住建部, 商务部; not 西部, 内部, 干部, 局部
ORG_TAIL = re.compile(r"(?:公司|集团|企业|银行|大学|学院|医院|实业|科技|电子|股份|中心|协会|委员会|研究院|研究所|实验室|基金|组织|协定|峰会|"
                      rf"(?<![格结布])局|{MINISTRY}|总署|交易所|办公室)$")  # 国家疾病预防控制局; not 格局, 布局
NAME_TAIL = re.compile(r"(?:计划|工程|行动|战略|政策|品牌|称号|之乡|之都|项目|平台|基地|奖|法|条例|规划|方案|机制|模式|体系|阶段|协定|"
                       r"中心|示范区|试验区|度假区|景区|之风|大县|城市|县|区|市|镇|乡|村|湖|河|流域|突击队|队)$")

def _has_tag(text: str, tags: tuple[str, ...]) -> bool:
    """jieba.posseg tags a word of the text as a person (nr), place (ns), organisation (nt) or name (nz)."""
    import jieba.posseg as pseg

    from .text import _jieba

    _jieba()  # initialised quietly
    return any((flag in tags or flag == "nrfg" and "nr" in tags) and len(word) >= 2  # nrfg: 习近平
               for word, flag in pseg.lcut(text))


def _has_sign(kind: str | None, text: str) -> bool:
    """The span looks like the kind of thing asked for: an organisation's or a place's ending or tag, a
    person's name, a name's kind word (计划, 称号, 之乡 ...)."""
    if kind == "org":
        return bool(ORG_TAIL.search(text)) or _has_tag(text, ("nt",))
    if kind == "place":
        return bool(re.search(r"(?:省|市|县|区|镇|乡|村|湖|河|江|溪|湾|峡|坝|岭|洲|滩|流域|山|岛|港|海)$", text)) or _has_tag(text, ("ns",))
    if kind == "person":
        return _has_person(text) and len(text) <= 10
    return bool(NAME_TAIL.search(text))


# What is no name of the kind asked: a count of things (5家金融机构); an event or a body where a place is asked
# (博鳌亚洲论坛); a region where a province, city or town is (中西部地区, 西南地区), or a part of the world (东亚, 中欧)
COUNTED_MENTION = re.compile(r"^(?:[\d０-９]+|[一二两三四五六七八九十百千几数]+)(?:个|家|所|座|批|项|件|条|处|类|种)")
EVENT_TAIL = re.compile(r"(?:论坛|峰会|会议|会晤|博览会|展会|运动会|组织|公司|集团|银行|协定|事故|事件|合作)$")
EVENT_HEAD = re.compile(EVENT_TAIL.pattern.rstrip("$"))  # a word that goes on into an event's name (达沃斯[论坛])
CITY_LEVEL = re.compile(r"哪[个座些一几两]?(?:国家(?!级)|省份|省|城市|市|区县|县|镇街|乡镇|镇|乡|街道)"
                        r"|\bwhich (?:cit(?:y|ies)|provinces?|countr(?:y|ies))\b", re.I)
REGION_END = re.compile(r"(?:地区|区域|一带|沿线|流域)$")
PROVINCE_ASK = re.compile(r"哪[个一]?(?:省份|省)(?!市)|\bwhich provinces?\b", re.I)
WORLD_REGION = re.compile(r"^(?:[东南西北中][亚欧非美]|亚太|亚欧|欧亚|拉美|东盟|北美|南美)")
# the words that frame a rank, not what is ranked (排名, 第几, 世界, 全国 ...)
RANK_FRAME = re.compile(r"[排名第几位次全世界球国省市区县]{2}|^[排名第几位次]|[排名第几位次]$")
MEETING_ACT = re.compile(r"提出|审议通过|通过|批准|部署|确定|作出|召开|举行|发布")
MEETING_FRAME = re.compile(r"[会议次届哪是的在上年去今]")  # the words of any meeting question


def _question_pairs(question: str, frame: re.Pattern | None = None) -> set[str]:
    """The question's pairs of Chinese characters, less those of the frame every such question has (第几, 会议)."""
    pairs = {question[i:i + 2] for i in range(len(question) - 1)}
    return {p for p in pairs if re.fullmatch(r"[\u4e00-\u9fff]{2}", p) and not (frame and frame.search(p))}


# the kind of meeting a question names after its wh-word (哪次区政府常务会议, 哪次全会): the answer must be one
MEETING_KIND_ASKED = re.compile(r"(?:哪|什么)[次届个一]?[\u4e00-\u9fff]{0,6}?(常务会议|全会|代表大会|党代会|常委会会议|工作会议)")


def of_meeting_kind(question: str, meeting: str) -> bool:
    """The meeting is of the kind the question names, if it names one: a 常务会议 for "哪次区政府常务会议", a
    congress for "哪次全国代表大会" (党的二十大, 党代会 are its short names)."""
    if not (named := MEETING_KIND_ASKED.search(question)):
        return True
    congress = ("代表大会", "党代会")
    return named.group(1) in meeting or named.group(1) in congress and bool(
        re.search(r"[一二三四五六七八九十]大$|代表大会|党代会", meeting))


def meets_for_act(question: str, sentence: str, at: int) -> bool:
    """The meeting at `at` is one where the act the question asks of happened: "…是在哪次会议上提出的" is not
    answered by a meeting the clause names only for the spirit it is followed by (贯彻党的十九大…精神)."""
    acts = MEETING_ACT.findall(question)
    start, end = _clause_bounds(sentence, at)
    # a meeting that opens its sentence is the subject of the clauses after it that open with a verb (党的十八大
    # 科学总结了…，确定了全面建成小康社会…的目标)
    while start == 0 and end < len(sentence) - 1 and sentence[end] in "，," and _opens_verb(_clause_at(sentence, end + 1)):
        end = _clause_bounds(sentence, end + 1)[1]
    clause = sentence[start:end]
    done = [a for a in acts if a not in ("召开", "举行")]  # (any meeting named was held)
    if done and not any(a in clause for a in done) and not any(p in clause for p in _question_pairs(question, MEETING_FRAME)):
        return False  # "部署金融工作的是哪次会议" ~ 出席…东亚合作领导人系列会议: a clause with nothing of the question
    return not (acts and not any(a in clause for a in acts) and re.search(r"贯彻|精神|落实", clause)
                and not re.search(r"贯彻|精神|落实", question))


RANK_GENERIC = {"我国", "我区", "我市", "我省", "我县", "现在", "目前", "当前", "去年", "今年", "规模", "总量", "总额", "增速", "增幅", "数量"}


def ranks_asked(question: str, sentence: str, at: int) -> bool:
    """The rank at `at` is of what a question of a ranking (排第几, 名次) ranks: its clause, with the clauses
    before it while it opens with a verb (…使用外商直接投资1196亿美元，居世界首位), says a word of the question
    other than the frame of a rank (世界, 排名, 第几), and ranks by size or by growth as the question does."""
    if not re.search(r"排|名次|位次|居第", question):
        # an ordinal (第几届, 第几个) is the name's own, whatever the clause says, unless the thing the question
        # names stands in another item of a list (进博会、广交会、服贸会及首届消博会: 首届 is the 消博会's)
        # (a standing in words is said of the clause it closes, not of one item: 增长18%、为多年来最大增幅)
        item = _clause_at(sentence, at, "；;。：:" if STANDING_RE.match(sentence, at) else "、" + CLAUSE_MARKS + "及和与")
        named = {question[i:i + 3] for i in range(len(question) - 2)} & {sentence[i:i + 3] for i in range(len(sentence) - 2)}
        return not named or any(n in item for n in named)
    if re.match(r"(?:全[国省市区县]|全球|全世界|世界)?首(?!位)", sentence[at:]):
        return False  # a first of its kind (西南地区首个潮玩产业园) holds no place in a ranking (居全市第三, 首位)
    words = _question_pairs(question, RANK_FRAME)
    for term in expand_terms(question):  # "经济总量" ~ 国内生产总值…跃升到世界第二位
        words |= _question_pairs(term, RANK_FRAME)
    start = max(sentence.rfind(c, 0, at) for c in "，,；;。：:") + 1
    clause = _clause_at(sentence, at)
    # (a clause that opens with a verb, or with the aspect ranked alone, says it of the clause before: 全社会研发
    # 投入年均增长11%以上，规模跃居世界第二位)
    while start > 0 and (_opens_verb(clause) or clause[:1] in "居并且从" or re.match(r"(?:规模|总量|总额|增速|增幅|数量)", clause)):
        before = max(sentence.rfind(c, 0, start - 1) for c in "，,；;。：:") + 1
        clause, start = sentence[before:start - 1] + clause, before
    part = re.split(r"[、，,；;。：:]", sentence[max(sentence.rfind(c, 0, at) for c in "、，,；;。：:") + 1:])[0]
    # (…突破6亿元、[增速全市第六]: the member of a list the rank closes)
    for size, pace in ((r"规模|总量|总额", r"增速|增幅|增长"), (r"增速|增幅|增长", r"规模|总量|总额")):
        if re.search(size, question) and re.search(pace, part) and not re.search(size, part):
            return False  # ranked by its size, not by its growth (增速全市第六), or the other way
    # (two words of the question at least, beyond the country and the aspect ranked: "数字重庆建设考核…排第几" is
    # not ranked by 区县对口协同工作考核全市第一, nor "我国对外直接投资规模" by 我国制造业规模跃居全球首位)
    return sum(w in clause for w in words - RANK_GENERIC) >= 2


def class_phrase(text: str) -> bool:
    """A mention of things by their class or their count, not by a name: 规上企业, 公立医院, 大中型商业银行,
    知名主题乐园, 5家金融机构, 一批乡村振兴重点帮扶县 (the report says which kind, not which one)."""
    text = text.strip("“”《》 ")
    if COUNTED_MENTION.match(text):
        return True
    rest, words = text, class_words()
    while word := next((w for w in words if rest.startswith(w)), None):
        rest = rest[len(word):]
    return rest != text and len(rest) >= 2 and "“" not in rest and not _has_tag(rest, ("nr", "ns", "nz", "eng"))


COLLECTIVE_NAME_ASK = re.compile(r"[合统简并总]称(?:为|是)?什么|一起叫什么|合起来叫什么")
CLASS_ASK = re.compile(r"哪[一几]?[类种]|什么类型|哪些类型|什么类别")
GENERIC_END = re.compile(r"(?:机构|企业|银行|单位|部门|公司)$")


def unnamed(text: str) -> bool:
    """Organisations of a generic kind without a name among the words (健全金融机构, 准确界定不同
    国有企业): no quoted name, and jieba.posseg tags no place, organisation, person or name in them."""
    return (bool(GENERIC_END.search(text)) and not re.search(r"[“《]", text)
            and not _has_tag(text, ("nt", "ns", "nr", "nz", "eng")))


def question_made(text: str, question: str) -> bool:
    """A span made only of pieces of the question, two characters or more each (水利|工程 for "27个重大水利
    项目包括哪些工程"), names nothing the question did not."""
    text = re.sub(r"[“”《》、，,\s]", "", text)
    made = [True] + [False] * len(text)  # made[i]: text[:i] splits into such pieces
    for end in range(2, len(text) + 1):
        made[end] = any(made[start] and text[start:end] in question for start in range(end - 1))
    return len(text) >= 3 and made[-1]


def _has_person(text: str) -> bool:
    """A person's name as jieba.posseg tags one, or a surname and a name before the honour it won (屠呦呦获得…,
    which jieba cuts into characters)."""
    return _has_tag(text, ("nr",)) or bool(HONOURED.search(text))


def asked_category(question: str, subject: bool = False) -> str:
    """The kind of thing a question asks for, as its own word: "建设什么经济带" -> 经济带 (the first word of
    the kind _category_of reads after the wh-word); with `subject`, also the noun a subject question names
    before its copula ("…的行动叫什么" -> 行动)."""
    wh = WH_RE.search(question)
    if not wh:
        return ""
    kind, _ = _category_of(re.sub(r"[？?。！!\s]+$", "", question[wh.end():]))
    if subject and not kind and SUBJECT_ASK.search(re.sub(r"[？?。！!\s]+$", "", question)) and "的" in question[:wh.start()]:
        kind = _words(COPULA_END.sub("", question[:wh.start()].rsplit("的", 1)[1]))[-1:]  # "…的行动叫什么": 行动
    word = kind[0] if kind else ""
    if len(word) == 1 and len(kind) > 1:
        word += kind[1]
    return word if len(word) >= 2 and word not in ("时候", "时间", "地方", "样子", "意思", "名字") else ""


def asked_head(question: str) -> str:
    """The head noun of the kind a question asks for: 称号 of "哪个国家级称号", 行动 of "…的行动叫什么"."""
    q = re.sub(r"[？?。！!\s]+$", "", question)
    wh = WH_RE.search(q)
    if not wh:
        return ""
    kind, _ = _category_of(q[wh.end():])
    word = kind[-1] if kind else asked_category(question, subject=True)
    return word if len(word) >= 2 else ""


# kinds of one family: a name ending in one is no answer to a question asking for another (体育场 ~ 壹圆剧场)
KIND_FAMILIES = (
    ("体育场", "体育馆", "剧场", "剧院", "影院", "乐园", "公园", "博物馆", "纪念馆", "图书馆", "机场", "车站", "码头", "广场", "场馆"),
    ("公司", "集团", "企业", "银行", "大学", "学院", "医院", "研究院", "研究所", "实验室", "协会", "基金会"),
)


FAMILY_HEADS = {"企业", "场馆"}  # a kind every member of its family is one of (西南油气田公司 is an 企业)


def _family_member(text: str, family: tuple[str, ...]) -> str:
    return max((m for m in family if text.endswith(m)), key=len, default="")


def other_of_family(head: str, span: str) -> bool:
    """The span is a name of another kind of the family the asked kind belongs to: a 剧场 for a 体育场, an 企业
    for a 银行, a 研究院 for a 医院 (any of them is an 企业)."""
    for family in KIND_FAMILIES:
        asked, named = _family_member(head, family), _family_member(span, family)
        if asked and named and asked != named and asked not in FAMILY_HEADS:
            return True
    return False


def kind_follows(sentence: str, end: int, kind: str) -> bool:
    """The kind word follows a name in its clause: “国家水上国民休闲运动中心”称号, “中国春橙之都”“中国香肠之乡”称号."""
    return kind in re.split(r"[，,。；;：:]", sentence[end:end + 30])[0]


# "X都有哪些", "X分别是哪几家": the noun before the ask says the kind of what is listed
LIST_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,}?)(?:都|具体|分别|主要|一共)?(?:有|是|包括|为|指|[设落选放建]?在|位于)(?:哪些|哪几[个家所座]?)")
LISTED_KINDS = (("org", re.compile(r"(?:企业|公司|医院|银行|高校|学校|大学|院校|机构|单位|部门|厂|交易所)$")),
                ("place", re.compile(r"(?:城市|省份|省市|省|县|区县|镇|乡|村|国家)$")))


def ask_kind(question: str) -> str | None:
    """The kind of short answer a non-figure question asks for, or None (a description, a judgement)."""
    kind = next((kind for kind, cue in ASK_KINDS if cue.search(question)), None)
    if kind == "name" and (listed := LIST_SUBJECT.search(question)):  # "100个地级以上城市都有哪些": what is listed
        kind = next((k for k, tail in LISTED_KINDS if tail.search(listed.group(1))), kind)
    if kind == "name" and "哪" in question and (head := asked_head(question)):
        kind = next((k for k, tail in LISTED_KINDS if tail.search(head)), kind)  # "哪些大型商业银行": banks
    if kind is None and re.match(r"\s*what\b", question, re.I):
        from .lexicon import english_kinds

        if english_kinds(question):  # "What new tool will be set up": a name of the kind the lexicon knows
            return "name"
    return kind


EDGE_WORDS = ("成为|获评|获得|荣获|荣膺|入选|评为|被评为|建成|打造|实施|推进|推动|支持|鼓励|引导|组建|培育|引进|新建|完成|争创|创成|"
              "筹建|构建|建设|办好|依托|供应|抓紧|全面供应|发生|等地|等国|"
              "启动|吸引|举办|召开|出台|制定|实现|达到|拿到|携手|落地|起步|生效|投用|获|是|为|在|把|将|和|与|及|的|了|等|中|上|下|"
              "全面|加快|深入|持续|成功|首次|正式|我们|大力|积极|要|已|新|并|同")
LEAD_TRIM = re.compile(rf"^(?:{EDGE_WORDS})+")
TAIL_TRIM = re.compile(rf"(?:{EDGE_WORDS})+$")


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    from .text import _jieba

    out, pos = [], 0
    for token in _jieba().lcut(sentence):
        out.append((pos, pos + len(token), token))
        pos += len(token)
    return out


def _covered_mask(sentence: str, grams: dict[str, float], question: str) -> list[bool]:
    """Which characters of the sentence belong to words the question also uses (whole words, not bigrams
    across word borders: 德凯实业建成 shares 建成 with 哪家企业建成了, not 业建)."""
    mask = [False] * len(sentence)
    tokens = _tokens(sentence)
    for i, (start, end, token) in enumerate(tokens):
        pairs = [token[i:i + 2] for i in range(len(token) - 1)]
        if len(token) >= 2 and (token in question or sum(p in grams for p in pairs) * 2 >= len(pairs)):
            mask[start:end] = [True] * (end - start)
        # a one-character word the question writes with its neighbour (渝|东北 of "渝东北第一家AEO企业")
        elif len(token) == 1 and "\u4e00" <= token <= "\u9fff" and any(
                0 <= j < len(tokens) and len(tokens[j][2]) >= 2 and (token + tokens[j][2] if j > i else tokens[j][2] + token) in question
                for j in (i - 1, i + 1)):
            mask[start:end] = [True]
    return mask


def _runs(sentence: str, mask: list[bool]) -> list[tuple[int, int]]:
    """Maximal stretches the question does not name, cut at punctuation, trimmed of verbs and function words."""
    out: list[tuple[int, int]] = []
    start = None
    tokens = _tokens(sentence)
    for i, (s, e, token) in enumerate(tokens + [(len(sentence), len(sentence), "。")]):
        blocked = mask[s] if s < len(mask) else True
        # a list (鲁甸、景谷) stays one answer: 、 between two words the question does not name
        listed = token == "、" and start is not None and i + 1 < len(tokens) and not mask[tokens[i + 1][0]]
        blocked = blocked or (not re.search(r"[\w\u4e00-\u9fff]", token) and not listed)
        if not blocked and start is None:
            start = s
        if blocked and start is not None:
            out.append((start, s))
            start = None
    trimmed = []
    for s, e in out:
        text = sentence[s:e]
        if (lead := LEAD_TRIM.match(text)) and lead.end() < len(text):
            s += lead.end()
        text = sentence[s:e]
        if (tail := TAIL_TRIM.search(text)) and tail.start() > 0:
            e -= len(tail.group(0))
        if e - s >= 2 and not TAIL_TRIM.fullmatch(sentence[s:e]):
            trimmed.append((s, e))
    return trimmed


def _extend_left(sentence: str, start: int, most: int) -> int:
    """A span may take in the nouns right before it (区长 杨宏, 国家 水上…中心, 中国南方 玉米制种 大县)."""
    from .text import _jieba

    head = sentence[:start]
    tokens = _jieba().lcut(head)
    taken = 0
    for token in reversed(tokens[-most:]):
        if token.strip() == "":
            taken += len(token)
            continue
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", token) or TAIL_TRIM.fullmatch(token):
            break
        taken += len(token)
    return start - taken


# --- the answer where the question's wh-word stands: "去年云南[哪些地方]发生了地震" ~ "去年云南[鲁甸、景谷]等地发生地震" ---

WH_RE = re.compile(r"什么|谁|哪(?:(?:一|两|几)?(?:个|家|些|位|项|类|部|条|场|座|处|所|支|种|届|期|批|份|次|台|艘|架|颗|枚|辆|片|级)|一|两|几|里|儿)?")
SUBJECT_ASK = re.compile(r"(?:是|叫|叫做|称为|为)(?:什么|哪个|哪一个|哪些|哪家|哪项|哪里|谁|哪位|哪一?[届次期批])(?:名字|名称)?$")
COPULA_END = re.compile(r"(?:是|叫|叫做|称为|为)$")
WEAK_ANCHORS = {"今年", "去年", "明年", "我们", "报告", "要", "已经", "全国", "主要", "重点", "方面", "中国", "国家"}
SPAN_STOP = re.compile(r"[，,。；;：:！？!?（(）)]")
INLINE_GROUP = re.compile(r"(?<=[\u4e00-\u9fff])[（(]([\u4e00-\u9fff]{1,6})[）)](?=[\u4e00-\u9fff])")
SPAN_LEAD = re.compile(r"^(?:了|的|好|着|现有|一个|一批)+")
SPAN_TAIL = re.compile(r"(?:等(?:[地国省市]|地区|城市|国家|方面)?|的|了)$")
QUOTE_HEAD = re.compile(r"^(?:“([^”]{2,24})”|《([^》]{2,30})》)")


def inline_marks(sentence: str) -> str:
    """The sentence with the brackets of a place inside a name masked (中国(重庆)自由贸易试验区, 重庆(开州)潮玩产业园):
    they are part of the name, no end of a span. The same length, so offsets hold."""
    return INLINE_GROUP.sub(lambda m: "〔" + m.group(1) + "〕", sentence)


def _words(text: str) -> list[str]:
    from .text import _jieba

    return [t for t in _jieba().lcut(text) if t.strip() and t not in ("了", "过", "呢", "吗", "啊")]


def _anchor_ok(text: str) -> bool:
    return len(text) >= 2 and text not in WEAK_ANCHORS and bool(re.search(r"[\u4e00-\u9fff]", text))


def _word_end(sentence: str, offset: int) -> int:
    """The end of the sentence's word (jieba) that holds the offset: an anchor that cuts a word (上市|公司)
    leaves the rest of that word, which is no answer on its own (but 供应|国四标准 is: jieba's 供应国)."""
    return next((end for start, end, _ in _tokens(sentence) if start < offset < end), offset)


MODALS = {"要", "将", "会", "应", "需", "需要", "应该", "打算", "准备", "计划", "拟"}


def _left_anchors(left: str, sentence: str) -> list[tuple[int, int]]:
    """(end in the sentence, length) of each occurrence of the longest tail of the question's words before
    the wh-word that the sentence holds. When the question's last verb is its own (延伸到哪里 ~
    拓展至白家溪), the words before it anchor, with a shorter length."""
    words = [w for w in _words(left) if w not in MODALS]  # 企业年检制度[要]改成 ~ 由企业年检制度改为
    if words and words[-1] not in sentence:  # 改成 ~ 改为: the report's verb for the same action
        words[-1] = next((v for v in verb_forms(words[-1]) if v in sentence), words[-1])
    for drop in (0, 1):
        if drop and (len(words) < 2 or not (_is_verb(words[-1]) or words[-1] not in sentence)
                     or COPULA_END.fullmatch(words[-1])):
            break
        usable = words[:len(words) - drop]
        for i in range(len(usable)):
            tail = "".join(usable[i:])
            if not _anchor_ok(tail) or tail not in sentence:
                continue
            starts = {start for start, _, _ in _tokens(sentence)}
            hits = [(m.end(), len(tail) - 2 * drop) for m in re.finditer(re.escape(tail), sentence)
                    if m.start() in starts]  # an anchor begins a word (not 年是 of 今年是)
            if hits:
                return hits
    return []


def _ends_in_verb(text: str, flags: tuple[str, ...] = ("v", "vd", "d", "ad")) -> bool:
    """The words end in a verb or adverb (启动, 依法开展): no name closes on one."""
    import jieba.posseg as pseg

    tokens = pseg.lcut(text)
    return bool(tokens) and tokens[-1].flag in flags


def _opens_verb(text: str, flags: tuple[str, ...] = ("v", "vn", "vd", "ad", "d")) -> bool:
    """实行, 全面审计: a verb (or its adverb) opens the words, not a noun (机关|建立). An organisation's name may open
    with a verbal noun (投资协定): `flags`."""
    import jieba.posseg as pseg

    tokens = pseg.lcut(text)
    return bool(tokens) and tokens[0].flag in flags and any(t.flag.startswith("v") for t in tokens)


def _verb_phrase(text: str) -> bool:
    """A verb and what goes with it (相继推出), or an idiom of four that ends in one, one word to jieba (全面实现/i,
    圆满完成)."""
    return _opens_verb(text) or len(text) <= 4 and _is_verb(text[-2:])


def _is_verb(word: str) -> bool:
    import jieba.posseg as pseg

    return any(flag.startswith("v") for _, flag in pseg.lcut(word))


def _right_anchor(right: str, sentence: str, after: int) -> tuple[int, int] | None:
    """(start in the sentence, length) of the longest head of the question's words after the wh-word that
    the sentence holds after position `after`."""
    words = _words(right)
    for i in range(len(words), 0, -1):
        head = "".join(words[:i])
        if _anchor_ok(head) and (j := sentence.find(head, after)) >= 0:
            return j, len(head)
    return None


ASPECT_WORDS = {"方面", "领域", "类型", "性质", "层面", "方向"}
# kinds no name ends in: a question that asks for a 说法 or a 措施 asks for a phrase of any wording
GENERIC_HEADS = {"说法", "提法", "表述", "措施", "举措", "做法", "口号", "名称", "名字", "词", "方针", "取向", "理念", "思路", "原则"}


def _category_of(right: str) -> tuple[list[str], str]:
    """"标准的车用柴油" -> (["标准"], "车用柴油"): the words of the kind the wh-word asks for, and the words
    after them."""
    import jieba.posseg as pseg

    from .text import _jieba

    _jieba()
    taken: list[str] = []
    pos = 0
    tokens = pseg.lcut(right)
    for i, (word, flag) in enumerate(tokens):
        # the last word of the question is its kind even where jieba tags it a verb (双边 自贸 协定/v)
        # (not a verb after a kind that closes the question as a relative clause: 哪个证券交易所|推出的？)
        closing = tokens[i + 1:i + 2] and tokens[i + 1].word == "的" and all(t.word in "？?" for t in tokens[i + 2:])
        last = (flag.startswith("v") and len(word) >= 2 and (taken or i + 1 == len(tokens))
                and (i + 1 == len(tokens) or tokens[i + 1].word in ("的", "？", "?") and not (taken and closing)))
        # (a verb inside a compound the question ends with: 股份|转让|系统)
        last = last or (flag.startswith("v") and len(word) >= 2 and bool(taken) and i + 2 == len(tokens)
                        and tokens[i + 1].flag == "n" and len(tokens[i + 1].word) >= 2)
        # a modifier before a noun: 新 会议, 重大/a 展会, 多边/r 会议 (jieba's pronoun tag; not 这 / 其 / 我们)
        adjective = (flag == "a" or flag == "r" and len(word) == 2 and not re.match(r"[这那哪我你他她它其各每某本该此自]", word)) \
            and i + 1 < len(tokens) and (tokens[i + 1].flag.startswith("n") or len(word) == 2 and tokens[i + 1].flag.startswith("v"))
        if adjective and not (flag == "a" and len(word) == 1):
            pos += len(word)  # 重大 国际峰会, 多边 会议: a modifier of the kind, not a word the answer must hold
            continue
        if (word == "的" or not (flag.startswith("n") or flag in ("j", "an", "b", "l", "m", "t") or last or adjective
                                or flag == "vn" and (not taken or i + 1 < len(tokens) and tokens[i + 1].flag.startswith("n")))
                or len(taken) >= 4):
            break
        taken.append((word, flag))
        pos += len(word)
    while taken and taken[-1][1] in ("m", "t"):  # 五年 规划: a number or a time only modifies the kind
        pos -= len(taken.pop()[0])
    # "哪家云南的医院": a place before 的 says where the kind asked is, the noun after 的 is that kind
    placed = bool(taken) and all(flag == "ns" and len(word) >= 2 and not word.startswith("之") for word, flag in taken)
    taken = [word for word, _ in taken]
    if placed and (m := re.match(r"的([\u4e00-\u9fff]{2,4})$", right[pos:])):
        return [m.group(1)], ""
    if taken and taken[-1] in ASPECT_WORDS and (m := re.match(r"的([\u4e00-\u9fff]{2,4})", right[pos:])):
        # "签了什么经济方面的协议", "建成什么类型的政府": the kind is 协议, 政府; the aspect describes it
        return [m.group(1)], right[pos + m.end():]
    if not taken and (m := re.match(r"之[\u4e00-\u9fff]", right)):  # 大兴什么之风
        taken, pos = [m.group(0)], 2
    if not taken and (m := re.match(r"[\u4e00-\u9fff]{1,8}?的([\u4e00-\u9fff]{1,4})$", right)):
        return [m.group(1)], ""  # "加入哪个跨太平洋的协定": the kind is the noun after 的
    rest = right[pos:]
    return taken, rest[1:] if rest.startswith("的") else rest


SCOPE_WORD = re.compile(r"全[国省市区县球]|国家|世界|国际|中国|全世界")


def _find_kind(text: str, kind: list[str]) -> tuple[int, int] | None:
    """Where the kind asked for ends the answer: the whole of it, else its first words (市级旅游度假区,
    then 市级旅游 …), as (offset, length)."""
    spans = [kind]  # the whole kind, then its tail (双边自贸协定 -> 自贸协定), then its head (not a scope: 全国|榜单)
    spans += [kind[i:] for i in range(1, len(kind))] + [kind[:n] for n in range(len(kind) - 1, 0, -1)
                                                       if not SCOPE_WORD.fullmatch("".join(kind[:n]))]
    for words in spans:
        word = "".join(words)
        if len(word) >= 2 and (k := text.find(word)) >= 0:
            return k, len(word)
    return None


def _clean(sentence: str, start: int, end: int) -> tuple[int, int]:
    text = sentence[start:end]
    if text.count("“") > text.count("”") and (close := sentence.find("”", end)) >= 0 and close - end <= 12 \
            and not re.search(r"[，,。；;：:“]", sentence[end:close]):
        end = close + 1  # “厕所革命” whole; “崖柏突击队” for "组建一支什么名字的突击队": the name holds its kind
        text = sentence[start:end]
    if lead := SPAN_LEAD.match(text):
        start += lead.end()
    text = sentence[start:end]
    while (tail := SPAN_TAIL.search(text)) and tail.start() > 1:
        end -= len(tail.group(0))
        text = sentence[start:end]
    return start, end


NAMED_ASK = re.compile(r"(?:叫|叫做|名为|称为|称作)$")
PERIOD_LEAD = re.compile(r"^(?:(?:19|20)\d\d年|去年|今年|明年|上年|过去一年|过去五年|五年来|这五年|近五年)(?:的|里|中|内)?")
LINK_VERB = re.compile(r"(?:成为|是|为|作为)$")


def aligned_spans(question: str, sentence: str) -> list[tuple[float, int, str]]:
    """Spans of the sentence that stand where the question's wh-word stands, between the words the
    question puts before and after it (score, start, text).

    A subject question ("…的队伍叫什么名字", "…的要害是什么") reads the words before its relative
    clause's 的 as the left side, or, when the sentence puts the answer first ("南水北调中线一期工程正式
    通水" for "正式通水的工程叫什么"), as the words right after the answer. A "什么X" question ends its
    answer with X (什么方案 -> 国企改革三年行动方案); a name followed by the kind of thing the question names
    answers with the name alone (“梧桐计划”人才工作品牌 -> 梧桐计划)."""
    q = re.sub(r"[？?。！!\s]+$", "", question.strip())
    wh = WH_RE.search(q)
    if not wh:
        return []
    out: list[tuple[float, int, str]] = []
    left, right = q[:wh.start()], q[wh.end():]
    left = PERIOD_LEAD.sub("", left)  # "去年正式通水…的是哪项工程": the year is no word of the sentence
    subject = bool(SUBJECT_ASK.search(q))
    named = subject
    if not subject and NAMED_ASK.search(left):  # "组建一支叫什么的队伍"
        left, named = NAMED_ASK.sub("", left), True
    left = re.sub(r"(?:一|两|几)?[个支批项家座条种位所处]$", "", left)  # "组建一支", "推进哪两条"
    relative = left.endswith("的是")  # "在创业板上市的是哪家企业": the one the sentence says did it
    left = re.sub(r"的是$", "", left)  # "今年启动实施的是哪一期普法规划": what is 启动实施
    if re.search(r"(?:到|至)哪", q):
        left = re.sub(r"(?:到|至)$", "", left)
    kind, after = ([], "") if subject else _category_of(right)
    if named and not subject or re.search(r"谁|哪位", wh.group(0)):
        kind = []  # "哪位中国科学家获得了…" ~ 屠呦呦获得…: a person, whatever the description
    sides = [(left, kind, after)]
    head = ""
    if subject and "的" in left:  # "今年要实施的新一轮粮食产能行动叫" -> "今年要实施" ... "行动"
        head, noun = left.rsplit("的", 1)
        noun_words = _words(re.sub(r"的?(?:全称|名称|名字|全名)$", "", COPULA_END.sub("", noun)))  # 进口博览会[全称]
        # the whole noun first (期货交易所, not any 交易所); "…的中国科学家是谁": a person, whatever the description
        sides.append((head, [] if re.search(r"谁|哪位", wh.group(0)) else noun_words[-3:], ""))
    to_place = bool(re.search(r"(?:到|至)哪", q))
    plural = bool(re.search(r"哪(?:些|几|两|三)", wh.group(0) + right[:1]))
    if collective := _collective_list(q, sentence):  # "“三重压力”具体是哪三个" ~ 需求收缩、供给冲击、预期转弱三重压力
        return [collective]
    if APPOSITION_ASK.search(q):  # "外贸新三样指的是哪些产品" ~ 电动汽车、锂电池、光伏产品“新三样”
        for m in QUOTED_RE.finditer(sentence):
            inner = next(g for g in m.groups() if g)
            if inner in q and (start := _list_start(sentence, m.start())) is not None:
                return [(3.0, start, sentence[start:m.start()])]
    if left and right:  # "以谁为重点" ~ "以行政首长为重点": a preposition and the words after frame the answer
        lw = left[-1] if left[-1] in "以在向对与被把为将从由给跟同请" else ""  # (请[全国政协委员]提出意见)
        # the words after the wh-word that the sentence holds; else the question's closing verb, with the
        # report's own light verb before it: "对哪方面开展全面审计" ~ 对土地出让金收支和耕地保护情况进行全面审计,
        # "在哪些学校实行的" ~ 在教育部直属师范大学实行
        frames = [(h, 12, "") for h in _heads(right) if len(h) >= 2 and h in sentence]
        frames += [(t, 24, r"(?:进行|开展|实施|实行|加强|加大)?")
                   for t in _tails(re.sub(r"的$", "", right)) if len(t) >= 2 and t in sentence and _opens_verb(t)][:1]
        # a verb of one character the report writes in two ("请哪些人提意见" ~ 请全国政协委员提出意见)
        frames += [(t[1:], 24, re.escape(t[0]) + r"[\u4e00-\u9fff]")
                   for t in _tails(re.sub(r"的$", "", right)) if len(t) >= 3 and t not in sentence and t[1:] in sentence
                   and _is_verb(t[0])][:1] if not frames else []
        for word, width, verb in frames if lw else []:
            frame = re.escape(lw) + r"([^，,。；;：:、]{2,%d}?)" % width + verb + re.escape(word)
            own = kind[0] if kind and word.startswith(kind[0]) and not kind[0].startswith("为") else ""  # 在东京奥运会上
            out = []
            for m in re.finditer(frame, sentence):  # "以推进“高效办成一件事”为牵引": not the verb before the name
                at = _after_lead_verb(sentence, m.start(1), m.end(1))
                if sentence[at:at + 1] not in "“《":
                    at = m.start(1)  # "以提高经济增长质量和效益为中心": the whole of what the frame holds
                inner = sentence[at:m.end(1)]
                if verb:  # 情况[进行全面]审计: the light verb and its adverb close what 对 takes
                    inner = re.sub(verb.rstrip("?") + r"[\u4e00-\u9fff]{0,2}$", "", inner) or inner
                out.append((2.9, at, inner + own))
            if out:
                return out
    if fronted := _fronted_object(q, sentence, left, subject and not relative, kind):  # ("全面实现的是什么": what did)
        return fronted
    for n, (lhs, cat, rhs) in enumerate(sides):
        anchors = _left_anchors(lhs, sentence) if lhs else [(0, 0)] if rhs else []
        for a_end, a_len in anchors:
            if re.match(r"[、和及与]", sentence[a_end:a_end + 1]):
                continue  # "成都大运会、杭州亚运会": the anchor is one of a list, the answer is not after it
            if sentence[:a_end].count("“") > sentence[:a_end].count("”"):
                continue  # "春橙" of “中国春橙之都”: the answer is the name that holds the anchor, not what follows
            stop = SPAN_STOP.search(inline_marks(sentence), a_end)
            end = stop.start() if stop else len(sentence)
            right_hit = _right_anchor(rhs, sentence, a_end) if rhs else None
            both = right_hit is not None and right_hit[0] <= end
            if both:
                end = right_hit[0]
                if not cat and right_hit[0] > a_end and NAME_TAIL.search(sentence[:right_hit[0] + right_hit[1]]) and \
                        rhs == re.sub(r"[？?。！!\s]+$", "", right):
                    end = right_hit[0] + right_hit[1]  # "实施什么产能提升行动" ~ 实施新一轮千亿斤粮食[产能提升行动]
                elif (right_hit[0] > a_end and rhs == re.sub(r"[？?。！!\s]+$", "", right)
                      and sentence[right_hit[0] - 1] != "等"  # 生物制造、低空经济等[新增长引擎]: the members
                      and (stop is None or stop.start() == right_hit[0] + right_hit[1])):
                    # "开展什么学习教育" ~ 开展[党史学习教育]。: the question's words after the wh-word close the
                    # clause with the name, so they are its kind (less a closing verb: 西部陆海新通道[建设])
                    tail = TAIL_TRIM.search(sentence[right_hit[0]:right_hit[0] + right_hit[1]])
                    end = right_hit[0] + (tail.start() if tail and tail.start() >= 2 else right_hit[1])
            elif not lhs:
                continue
            start = a_end if lhs else _np_start(sentence, end)
            if to_place and (m := re.match(r"[\u4e00-\u9fff]{0,2}?(?:至|到)", sentence[start:end])):
                start += m.end()  # "延伸到哪里" ~ "拓展至白家溪"
            text = sentence[start:end]
            if named and (quoted := QUOTE_HEAD.match(text)):
                inner = quoted.group(1) or quoted.group(2)
                rest = re.match(r"[\u4e00-\u9fff]*", text[quoted.end():]).group(0)
                if cat and cat[-1] in rest:  # (up to the first of the kind: …主题教育[和党史学习教育])
                    rest = rest[:rest.index(cat[-1]) + len(cat[-1])]
                if len(rest) >= 4 and sum(ch not in q for ch in rest) >= 2 and (not cat or rest.endswith(cat[-1])):
                    # “一带一路”国际合作高峰论坛 for "…的国际论坛叫什么": the words after the name that the question
                    # does not say are part of it, not the kind it is
                    out.append((2.9 - 0.2 * n + 0.05 * min(a_len, 6), start, quoted.group(0) + rest))
                    continue
                out.append((2.9 - 0.2 * n + 0.05 * min(a_len, 6), start + 1, inner))
                continue
            if named and cat and (quoted := re.search(re.escape(cat[-1]) + r"[“《]([^”》]{2,24})[”》]", text)):
                # "共建新质生产力飞地园区“水土研发中心”": the kind, then its name
                out.append((2.8 - 0.2 * n, start + quoted.start(1), quoted.group(1)))
                continue
            weak = 0.0
            if cat and (found := _find_kind(text, cat)):
                end = start + found[0] + found[1]
                kind_text = text[found[0]:found[0] + found[1]]
                head_at = _np_start(sentence, start + found[0], q)
                if not plural and head_at > start and re.search(r"[和与及]$", sentence[start:head_at]):
                    start = head_at  # "北京证券交易所和广州期货交易所" for "期货交易所是哪家": the one of that kind
                if plural:  # "培养哪两类医生" ~ 全科医生、儿科医生: every member of the list
                    while (m := re.match(r"[、和及与][^，,。；;、]{1,12}?" + re.escape(kind_text[-2:]), sentence[end:])):
                        end += m.end()
                if (m := re.search(r"等[\u4e00-\u9fff]{0,4}$", sentence[start:start + found[0]])) and m.start() > 1:
                    end = start + m.start()  # "中巴、孟中印缅等经济走廊": the members, not the kind
                elif re.match(r"[一二三四五六七八九十两几][重大类项个种条件批方点]", cat[0]) and found[0] > 1:
                    end = start + found[0]  # "面临哪三重压力" ~ 需求收缩、供给冲击、预期转弱三重压力
            elif cat and not both:
                # 设立什么部门 ~ 设立普惠金融事业部, 推行什么制度 ~ 推行河长制: the name ends in a character of the kind;
                # 实现什么证照改革 ~ 逐步实现“三证合一”: a quoted name right after the anchor
                if not (text and (text[-1] in "".join(cat) or text.endswith(kind_endings(cat))
                                  or re.fullmatch(r"“[^”]{2,24}”|《[^》]{2,30}》", text))
                        and len(text) <= (30 if "、" in text else 16)):
                    # "启动了什么合作机制" ~ 启动中拉论坛。: the question's own verb, right before what closes its
                    # clause, takes the name whatever kind the report gives it (a short phrase, no verb of its own)
                    # (a kind any action is, 措施 or 做法: "在长江流域重点水域实行了什么措施" ~ 实施长江流域重点水域[十年禁渔],
                    # the rest of the clause after the question's words)
                    generic = "".join(cat) in GENERIC_HEADS and not _opens_verb(text)
                    if generic and (said := next((k for k in range(len(text) - 2, 1, -1) if text[:k] in q), 0)):
                        start, text = start + said, text[said:]  # (the question's own words first: 长江流域重点水域)
                    if not (a_len >= 2 and stop is not None and end == stop.start() and 3 <= len(text) <= 10
                            and (generic or _ends_in_verb(sentence[a_end - a_len:a_end], ("v", "vn")) and not _ends_in_verb(text))):
                        continue  # "什么方案" and no 方案 after the anchor: not this clause
                    weak = 0.6
                else:
                    weak = 0.4
            start, end = _clean(sentence, start, end)
            start = _after_lead_verb(sentence, start, end)
            start = _after_asked_place(sentence, start, end, q)
            text = sentence[start:end]
            if lhs and end <= _word_end(sentence, a_end):
                continue  # only the rest of a word the anchor cut
            if 2 <= len(text) <= 30:
                score = (2.8 if both else 2.5) - 0.2 * n + 0.05 * min(a_len, 6) + (0.2 if cat else 0.0) - weak
                out.append((score, start, text))
        if out:
            return out
    if relative and not subject:  # "紫建电子成为山区库区首家创业板上市公司": the name before the question's words
        out = [(score - 0.1, start, text) for score, start, text in _before_clause(sentence, _heads(left), [], q)
               if not _verb_phrase(text)]  # (圆满完成|文物“四普”工作: a verb, no name)
        if not out and kind:  # its closing words, when its first are not the sentence's
            out = [(score - 0.1, start, text) for score, start, text in _before_closing_words(sentence, left, kind, q)]
        if out:
            return out
    if head:  # the noun the question names is the answer's own end, not a word that stops it (双城|经济圈)
        out = _before_clause(sentence, _tails(head), sides[-1][1], q.replace(COPULA_END.sub("", noun), ""))
    elif after and not subject:  # "是靠哪家企业落地起步的" ~ "氦星光联成功落地": the answer before the words after
        out = [(score + (0.3 if len(after) >= 3 else 0.0), start, text)  # right before the question's own words
               for score, start, text in _before_clause(sentence, _heads(after), [], q)
               if not question_made(text, q)]  # (空天信息产业实现开篇布局: the question's own subject)
        if not out and len(kind) > 1:  # 企业|落地/n 起步: jieba's noun is the question's verb
            out = [(score + 0.3, start, text)
                   for score, start, text in _before_clause(sentence, _heads("".join(kind[1:]) + after), [], q)]
        # (a kind of four the report writes in its first two: 高速公路 ~ 巫云开高速)
        short_kind = kind[-1][:2] if kind and len(kind[-1]) >= 4 else ""
        if not out and kind:  # "实现了全线通车" ~ 巫云开高速[全线通车]: the question's closing words
            out = [(score + 0.2, start, text) for score, start, text in _before_closing_words(sentence, after, kind, q)]
        if kind and out and not any(_find_kind(text, kind) or text.startswith(("“", "《")) or text.endswith(kind_endings(kind))
                                    or short_kind and text.endswith(short_kind) for _, _, text in out):
            # "哪几条高铁相继投入运营": not 一批城际铁路, the phrase must be of the kind asked (or a name); a company's
            # own name opens its clause (氦星光联成功落地 for "靠哪家企业落地起步")
            out = [o for o in out if re.search(r"企业|公司|单位|机构", "".join(kind)) and (o[1] == 0 or sentence[o[1] - 1] in "，,；;。")
                   and not re.match(r"[一二三四五六七八九十两几\d]|这|那|该|我", o[2]) and 3 <= len(o[2]) <= 10]
    if not out and kind and not subject:
        out = _headed_spans(sentence, kind, after, q)
    if not out and subject and head:  # "…上市的公司是哪家" ~ 紫建电子成为山区库区首家…: the name before its words
        out = [(score - 0.1, start, text) for score, start, text in _before_clause(sentence, _heads(head), [], q)]
    if not out and subject and head:  # "和中亚国家的主场峰会叫什么" ~ 中国－中亚峰会: the phrase its noun ends
        out = [(score - 0.5, start, text) for score, start, text in _headed_spans(sentence, sides[-1][1], "", "")
               if _mostly_new(text, q)]
    if not out and subject and not head and (noun := COPULA_END.sub("", left)):
        # "川渝首个省市级综合技术创新平台是哪一个" ~ "万达开技术创新中心成为川渝首个…平台": the name before its description
        out = [(score - 0.1, start, text) for score, start, text in _before_clause(sentence, _heads(noun), [], q)]
    return out


def _mostly_new(text: str, question: str) -> bool:
    """Most of a name, before the end it shares with the question (首届中国国际[进口博览会]), is not the question's
    own words."""
    end = next((n for n in range(len(text), 1, -1) if text[-n:] in question), 0)
    return mostly_unasked(text[:len(text) - end] or text, question)


def asked_share(text: str, asked) -> float:
    """The share of the text's character pairs that are in `asked` (the question's text, or its bigrams); 0.0
    for a text of one character."""
    pairs = [text[i:i + 2] for i in range(len(text) - 1)]
    return sum(p in asked for p in pairs) / len(pairs) if pairs else 0.0


def mostly_unasked(text: str, asked) -> bool:
    """Fewer than half the character pairs of the text are in `asked` (the question's text, or its bigrams):
    "扩大自贸试验区试点" is mostly the question's own words."""
    return asked_share(text, asked) < 0.5


QUESTION_ECHO = 0.75  # a sentence whose character pairs are this much the question's own says nothing more


def echoes_question(question: str, sentence: str) -> bool:
    """The sentence says (almost) only what the question says ("第一批国家公园正式设立。" for "去年正式设立的第一批国家
    公园都有哪几个"): it names nothing the question asks for."""
    text = re.sub(r"[^\u4e00-\u9fff]", "", sentence)
    return len(text) > 1 and asked_share(text, question) >= QUESTION_ECHO


def _opening_subject(sentence: str) -> str:
    """The noun phrase a sentence opens with, up to its first verb (城镇调查失业率|涵盖…), or "" if it opens with
    a verb or the phrase is no short name."""
    import jieba.posseg as pseg

    words = []
    for word, flag in pseg.lcut(sentence):
        if flag.startswith("v") and flag != "vn" or flag in ("p", "d", "ad", "x", "c", "u", "uj"):
            break
        words.append(word)
    text = "".join(words)
    return text if 3 <= len(text) <= 16 and re.fullmatch(r"[\u4e00-\u9fff]+", text) else ""


def _fronted_object(question: str, sentence: str, left: str, subject: bool, kind: list[str]) -> list[tuple[float, int, str]]:
    """"资本市场相继推出了哪些板块和业务" ~ 创业板、股指期货和融资融券业务[相继推出]，: the verb the question asks
    what of closes a clause of the sentence, so what it acts on stands before it (the report fronts it), a phrase
    of the kind asked if the question names one (not 中国与冰岛、[瑞士自贸区]启动实施 for "哪两个国家")."""
    if subject:
        return []
    verb = re.sub(r"[了过着]$", "", re.split(r"[，,；;]", left)[-1])
    wh = WH_RE.search(question)
    kinds = [*kind, *_words(question[wh.end():])] if wh else kind  # (哪些板块和业务: 业务 too)
    for tail in _tails(verb):
        if len(tail) < 2 or not _verb_phrase(tail):
            continue
        if m := re.search(re.escape(tail) + r"(?=[，,；;。]|$)", sentence):
            # (the object opens its clause: no verb before it there, as in 加快[竹溪高铁新区]站城一体化开发)
            found = [(score + 0.2, start, text) for score, start, text in _before_clause(sentence[:m.end()], [tail], [], question)
                     if not question_made(text, question) and not _is_verb(sentence[_clause_bounds(sentence, start)[0]:start])
                     and (not kind or any(len(w) >= 2 and text.endswith(w) for w in kinds)
                          or kind[-1] in GENERIC_ORGS and _has_sign("org", text))]  # (哪个机构 ~ …技术创新中心)
            return [_item_named(question, sentence, *f) for f in found]
    return []


def _item_named(question: str, sentence: str, score: float, start: int, text: str) -> tuple[float, int, str]:
    """A fronted object that closes a list (成都大运会、[杭州亚运会和亚残运会]成功举办): for one thing asked, the
    item the question's words name ("在成都…举办的" ~ 成都大运会); for several, the whole list."""
    begin = _clause_bounds(sentence, start)[0]
    if begin == start or sentence[start - 1] not in "、和及":
        return score, start, text
    if PLURAL_ASK.search(question):
        return score, begin, sentence[begin:start + len(text)]
    pairs = {question[i:i + 2] for i in range(len(question) - 1)}
    items = [(m.start(), m.group(0)) for m in re.finditer(r"[^、和及]+", sentence[begin:start + len(text)])]
    named = [(at, item) for at, item in items if any(item[i:i + 2] in pairs for i in range(len(item) - 1))]
    if len(named) == 1:
        return score, begin + named[0][0], named[0][1]
    return score - 1.0, start, text  # one of several, none the question names: no answer with confidence


def _tails(text: str) -> list[str]:
    words = _words(text)
    return ["".join(words[i:]) for i in range(len(words))]


def _heads(text: str) -> list[str]:
    words = _words(text)
    return ["".join(words[:i]) for i in range(len(words), 0, -1)]


def _before_clause(sentence: str, anchors: list[str], kind: list[str], question: str) -> list[tuple[float, int, str]]:
    """"去年正式通水的大型调水工程叫什么" ~ "南水北调中线一期工程正式通水": the noun phrase right before the
    first of the anchors (the question's words, longest first) that the sentence holds; an adverb or a
    linking verb between them (成功, 成为) is skipped. With a kind asked, the phrase must end in it."""
    import jieba.posseg as pseg

    out: list[tuple[float, int, str]] = []
    asked = WH_RE.search(question)
    # the kind the question asks, or the first two of a kind of four (高速公路 ~ 巫云开高速)
    kind_asked = (_words(question[asked.end():]) or [""])[0] if asked else ""
    kind_forms = [k for k in (kind_asked, kind_asked[:2] if len(kind_asked) >= 4 else "") if len(k) >= 2]
    for anchor in anchors:
        if not _anchor_ok(anchor) or anchor not in sentence:
            continue
        for m in re.finditer(re.escape(anchor), sentence):
            end = m.start()
            if link := LINK_VERB.search(sentence[:end]):
                end = link.start()
            for word, flag in reversed(pseg.lcut(sentence[:end])[-2:]):
                if flag not in ("d", "ad", "a") or asked and word in question[asked.end():]:
                    break  # (not the kind the question asks for: 巫云开[高速]全线通车 for "哪条高速", 高速/d)
                end -= len(word)
            start = _np_start(sentence, end, question)
            clause = re.search(r"(?:^|[，,；;：:。])([\u4e00-\u9fff]{2,12})$", sentence[:end])
            subject = clause.group(1) if clause else ""
            ending = next((k for k in kind_forms if subject.endswith(k)), "")
            if clause and clause.start(1) < start and not VERBISH.match(subject) and (
                    len(subject) <= 4 or (NAME_TAIL.search(subject) or ORG_TAIL.search(subject)
                                          or ending and not any(t.flag in ("p", "ad", "d", "c") for t in pseg.lcut(subject[:-len(ending)])))
                    and not _opens_predicate(subject)):
                # "，屠呦呦获得…", "，万达开技术创新中心成为…": a clause subject jieba cannot read is the whole name
                start = clause.start(1)
            text = sentence[start:end]
            if 2 <= len(text) <= 24 and (not kind or text.endswith(kind[-1]) or text[-1] in kind[-1]):
                out.append((2.3 + 0.05 * min(len(anchor), 6), start, text))
        break
    return out


NP_BREAK = ("v", "p", "c", "u", "uj", "ul", "uz", "x", "r", "vd", "ad", "t")


def _after_lead_verb(sentence: str, start: int, end: int) -> int:
    """"推广使用国六标准" after 推广: a verb that opens the span is not part of the name (使用 国六标准)."""
    import jieba.posseg as pseg

    tokens = pseg.lcut(sentence[start:end])
    if len(tokens) >= 3 and tokens[0].word in ("将", "要", "已", "还", "再", "并") and tokens[1].flag[:1] in ("v", "b"):
        start, tokens = start + 1, tokens[1:]  # "将主办二十国集团领导人峰会"
    elif (len(tokens) >= 2 and len(tokens[0].word) == 4 and pseg.lcut(tokens[0].word[:2])[0].flag in ("ad", "d")
          and _is_verb(tokens[0].word[2:])):
        return start + 4  # "充分发挥|工会、共青团、妇联": an adverb and its verb, one word to jieba
    if (len(tokens) >= 2 and tokens[0].flag in ("v", "b") and len(tokens[0].word) == 2 and end - start - 2 >= 3
            and not tokens[1].flag.startswith("v")):  # 需求 收缩 is no verb and its object
        return start + 2
    return start


def _after_asked_place(sentence: str, start: int, end: int, question: str) -> int:
    """"去年四川发生的是哪场地震" ~ 四川芦山地震: a place the question names opens the span as context."""
    import jieba.posseg as pseg

    tokens = pseg.lcut(sentence[start:end])
    if len(tokens) >= 2 and tokens[0].flag == "ns" and tokens[0].word in question:
        return start + len(tokens[0].word)
    return start


JOINERS = "－-—·•"


def _np_start(sentence: str, end: int, question: str = "") -> int:
    """Where the noun phrase that ends at `end` begins: leftwards over nouns up to a verb or a mark (or a
    word the question says itself: "四川发生的是哪场地震" ~ 四川 芦山地震)."""
    import jieba.posseg as pseg

    start, quoted = end, False
    for word, flag in reversed(pseg.lcut(sentence[:end])):
        if word in JOINERS or word in "“”《》" and (start < end or word in "”》"):  # 澜沧江－湄公河合作, “八五”普法规划, “十二五”
            start -= len(word)
            quoted = word in "”》" or (quoted and word not in "“《")
            continue
        if quoted:  # inside a quoted name every word belongs to it (“东方之星”)
            start -= len(word)
            continue
        if (flag in NP_BREAK and not (flag == "t" and not TIME_WORD.search(word))  # 国六 (标准) is tagged a time
                or flag.startswith("v") and flag != "vn" or SPAN_STOP.search(word)
                or len(word) >= 2 and word in question and start < end):
            break
        start -= len(word)
    return start


TIME_WORD = re.compile(r"[年月日天时期季代初末底前后今去明昨]|现在|目前|当前|以来")


def _headed_spans(sentence: str, kind: list[str], after: str, question: str) -> list[tuple[float, int, str]]:
    """"推动哪处遗址申报…" ~ "推进温汤井盐业遗址国保申报": the noun phrase of the sentence that ends in the
    kind asked for, taken leftwards over nouns up to a verb or a mark; surer when the question's next words
    follow it."""
    import jieba.posseg as pseg

    out: list[tuple[float, int, str]] = []
    found = _find_kind(sentence, kind)
    literal = [sentence[found[0]:found[0] + found[1]]] if found else []
    # "出台了什么文件" ~ 法治政府建设实施纲要, "首届大型展会" ~ 首届中国国际消费品博览会: names of the class asked
    class_endings = kind_endings(kind)
    endings = [e for e in class_endings if e in sentence and e not in literal]
    if not literal + endings:
        return out
    pattern = "|".join(map(re.escape, sorted(literal + endings, key=len, reverse=True)))
    modifiers = [w for w in kind if len(w) >= 2 and w not in literal and w not in class_endings]
    for m in re.finditer(pattern, sentence):
        category = m.group(0)
        if sentence[:m.start()].endswith("等") and (first := _members_start(sentence, m.start() - 1)
                                                    or _after_last_verb(sentence, m.start() - 1, listed=True)) is not None \
                and first < m.start() - 2:
            first = _after_lead_verb(sentence, first, m.start() - 1)  # (充分发挥|工会、共青团、妇联等群团组织)
            out.append((2.7, first, sentence[first:m.start() - 1]))  # "京沪、京广、哈大等高铁": the members
            continue
        start = _np_start(sentence, m.start(), question)
        if m.start() - start < 2 and 2 <= m.start() - (lex := _after_last_verb(sentence, m.start())) <= 8:
            start = lex  # "开展扫黑除恶专项斗争": jieba tags 扫黑 a verb; the words since the clause's verb name it
        elif m.start() - start < 2 and question and (opened := _after_clause_verb(sentence, m.start())) is not None \
                and 4 <= m.start() - opened <= 16 and _pairs_shared(sentence[opened:m.start()], question) >= 2 \
                and _mostly_new(sentence[opened:m.end()], question):  # (not 区人民医院与医学类高校: the question's own)
            start = opened  # "在提升粮食产能方面要搞什么行动" ~ 实施[新一轮千亿斤粮食产能提升]行动: a verb inside the name,
            # whose words the question gives
        if start >= 2 and sentence[start - 1] in "和及" and (framed := re.search(r"[对把将]([^，,。；;：:、和及]{2,12})$", sentence[:start - 1])):
            start = framed.start(1)  # "对哪方面的情况进行审计" ~ 对[土地出让金收支和耕地保护情况]进行全面审计: all it frames
        text = sentence[start:m.end()]
        if len(text) - len(category) < 2 or len(text) > 24:
            continue
        before = pseg.lcut(sentence[start:m.start()])
        if before[-1].flag in ("a", "ad", "d"):
            continue  # "成功落地": an adverb before the word, so no name of that kind
        if all(t.flag in ("a", "b", "m", "q", "mq", "d", "ad") for t in before):
            continue  # "重特大疾病", "20种重大疾病": the class described, not a name in it (儿童白血病)
        follows = bool(after) and _right_anchor(after, sentence, m.end()) is not None
        described = any(w in sentence[max(0, start - 4):m.start()] for w in modifiers)  # 首届[中国国际…博览会]
        out.append((2.5 + (0.4 if follows else 0.0) + (0.3 if described else 0.0), start, text))
    if question and PLURAL_ASK.search(question):  # "哪两个自治区" ~ 广西壮族自治区、宁夏回族自治区: the members together
        merged: list[tuple[float, int, str]] = []
        for score, start, text in sorted(out, key=lambda o: o[1]):
            if merged and sentence[merged[-1][1] + len(merged[-1][2]):start] in ("、", "和", "及", "与"):
                last = merged.pop()
                score, start, text = max(score, last[0]), last[1], sentence[last[1]:start + len(text)]
            merged.append((score, start, text))
        out = merged
    return out


APPOSITION_ASK = re.compile(r"指的是|是指|指哪|包括哪|包含哪|具体是|分别是")


COLLECTIVE = re.compile(r"([一二三四五六七八九十两])(重|大|个|项|条|种|类)?(?=[\u4e00-\u9fff])")
NUMERALS = "一二三四五六七八九十"


def _collective_list(q: str, sentence: str) -> tuple[float, int, str] | None:
    """A question that asks for the members of a numbered whole it names (“三重压力”具体是哪三个, 三大攻坚战是哪三个,
    宅基地“三权分置”探索的是哪三权): the list of as many members right before that whole (or its noun) in the
    sentence (需求收缩、供给冲击、预期转弱三重压力; 防范化解重大风险、精准脱贫、污染防治的攻坚战)."""
    if not (APPOSITION_ASK.search(q) or re.search(r"哪[一二三四五六七八九十两几]+[个项条种类大重权]?|哪些", q)):
        return None
    for m in COLLECTIVE.finditer(q):
        count = NUMERALS.index(m.group(1)) + 1 if m.group(1) != "两" else 2
        if count < 2 or q[max(0, m.start() - 1):m.start()] == "哪":
            continue
        for size in range(4, 0, -1):
            noun = q[m.end():m.end() + size]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", noun):
                continue
            # the whole as the question writes it, else its noun (攻坚战), else its noun less the members' own
            # ending (权分置 ~ 所有权、资格权、使用权分置)
            for form in dict.fromkeys((m.group(0) + noun, noun[1:] if len(noun) >= 3 else "", noun)):
                if not form or len(form) < 2:
                    continue
                for hit in re.finditer(re.escape(form), sentence):
                    end = hit.start()
                    if sentence[:end].count("“") > sentence[:end].count("”"):
                        end = sentence.rfind("“", 0, end)  # 光伏产品“新三样”: the members stand before the quotation
                    while end > 0 and sentence[end - 1] in "的等":
                        end -= 1
                    start = _list_before(sentence, end, count)
                    if start is None:
                        continue
                    members = sentence[start:end].split("、")
                    if form == noun[1:] and not all(x.endswith(noun[0]) for x in members):
                        continue
                    if len(members) == count and all(2 <= len(x) <= 12 for x in members):
                        return (3.0, start, sentence[start:end])
    return None


LIST_LEAD = re.compile(r"(?:面临|打好|包括|实现|推进|推动|坚持|做到|探索|建立|形成|完善|加强|以|是|有|的)")


def _list_before(sentence: str, end: int, count: int) -> int | None:
    """Where the list of `count` members joined by 、 that ends at `end` begins: its first member runs back to
    the verb that opens the list in its clause (面临|需求收缩、…; 打好|防范化解重大风险、…), else is as long as the
    second."""
    clause = max((m.end() for m in re.finditer(r"[，,。；;：:！？]", sentence[:end])), default=0)
    parts = sentence[clause:end].split("、")
    if len(parts) < count or any(not 2 <= len(x) <= 12 for x in parts[len(parts) - count + 1:]):
        return None
    first = parts[len(parts) - count]
    start = end - len("、".join(parts[len(parts) - count:]))
    leads = list(LIST_LEAD.finditer(first))
    if leads and len(first) - leads[-1].end() >= 2:
        start += leads[-1].end()
    elif len(first) > len(parts[-1]) + 2:
        start += len(first) - len(parts[-1])
    return start


def _list_start(sentence: str, end: int) -> int | None:
    """Where the noun phrase, or the list of them joined by 、, that ends at `end` begins (None: none)."""
    start = _np_start(sentence, end)
    while start > 1 and sentence[start - 1] == "、" and (more := _np_start(sentence, start - 1)) < start - 1:
        start = more
    return start if end - start >= 2 else None


def _members_start(sentence: str, end: int) -> int | None:
    """Where a list "A、B、C" (or the one name "细颗粒物PM2.5") that ends at `end`, before 等, begins; None
    when no noun stands there."""
    import jieba.posseg as pseg

    start, members, right = end, 0, ""
    for word, flag in reversed(pseg.lcut(sentence[:end])):
        if word == "、":
            start -= 1
            continue
        part = (flag.startswith("n") or flag in ("j", "nz", "l", "eng") or re.fullmatch(r"\.\d+", word)  # PM2|.5
                or flag == "a" and len(word) == 1 and right.startswith("n"))  # 细|颗粒物
        if not part or SPAN_STOP.search(word):
            break
        right = flag
        if start == end or sentence[start] == "、":
            members += 1
        start -= len(word)
    return start if members >= 1 and start < end and sentence[start] != "、" else None




# "Which Olympic events does…", "which home-court diplomatic events will…": a plural noun asked for several names
EN_PLURAL_ASK = re.compile(r"\bwhich (?:[a-z-]+ ){0,3}?[a-z]+(?<![su])s (?:or [a-z]+s )?(?:did|does|do|will|would|were|are|got|have|has|should|can)\b",
                           re.I)


def _joined_verb_spans(question: str, sentence: str) -> list[tuple[float, int, str]]:
    """"上了哪个榜单" ~ 上榜全国百强纪念馆: a one-character verb and the kind asked are one word of the report
    (上榜, 获奖, 夺冠); what follows that word in its clause is the answer."""
    q = re.sub(r"[？?。！!\s]+$", "", question)
    wh = WH_RE.search(q)
    if not wh or not (verb := re.search(r"([\u4e00-\u9fff])(?:了|过)?$", q[:wh.start()])):
        return []
    kind, _ = _category_of(q[wh.end():])
    head = kind[-1] if kind else ""
    out = []
    for ch in dict.fromkeys(head):
        word = verb.group(1) + ch
        if len(word) == 2 and word not in q and (at := sentence.find(word)) >= 0 and word in [t for _, _, t in _tokens(sentence)]:
            stop = SPAN_STOP.search(sentence, at + 2)
            start, end = _clean(sentence, at + 2, stop.start() if stop else len(sentence))
            if 2 <= end - start <= 20:
                out.append((2.6, start, sentence[start:end]))
    return out


def _english_span(question: str, sentence: str, grams: dict[str, float]) -> tuple[str, int] | None:
    """"Which investment agreement did China finish negotiating with the EU?" ~ 完成中欧投资协定谈判:
    the noun phrase of the Chinese sentence that ends in a name of the kind asked (lexicon en_kinds),
    the one nearest the words the question glosses."""
    from .lexicon import english_kinds

    if ASKS_DATE.search(question):  # "By when will … be refunded" ~ 于6月底前一次性全额退还: the one date there
        dates = {m.group(0): m.start() for m in DATE_SPAN_RE.finditer(sentence)}
        return next(iter(dates.items())) if len(dates) == 1 else None
    kinds = english_kinds(question)
    person = PERSON_ASK.search(question)
    if person or not kinds and re.search(r"\bwho\b", question, re.I):  # "Who is named as General Secretary": a person's name
        import jieba.posseg as pseg

        pos, names = 0, []
        for word, flag in pseg.lcut(sentence):
            if flag in ("nr", "nrfg") and 2 <= len(word) <= 4:
                names.append((pos, word))
            pos += len(word)
        if not names:  # a name jieba does not know (屠呦呦): a surname opening a clause, before an honour won
            names = [(m.start(1), m.group(1)) for m in HONOURED.finditer(sentence)]
        return (names[0][1], names[0][0]) if len(names) == 1 else None
    if not kinds:
        return None
    number = re.search(r"\bwhich (two|three|four|five)\b", question, re.I)
    asked_count = ("two", "three", "four", "five").index(number.group(1).lower()) + 2 if number else 0
    plural = bool(number or EN_PLURAL_ASK.search(question))
    for m in QUOTED_RE.finditer(sentence):  # 第一艘航母“辽宁舰”: a quoted name of the kind, beside a glossed word
        inner = next(g for g in m.groups() if g)
        before = re.split(r"[，,。；;、]", sentence[max(0, m.start() - 6):m.start()])[-1]  # 坚持和发展新时代“枫桥经验”
        if inner.endswith(tuple(kinds)) and any(before[i:i + 2] in grams for i in range(len(before) - 1)):
            return inner, m.start() + 1
    found: list[tuple[float, int, str]] = []
    ends = {e for _, e, _ in _tokens(sentence)}
    for kind in kinds:
        for m in re.finditer(re.escape(kind), sentence):
            if m.end() not in ends and len(kind) == 1:
                continue  # 上海合作组织等区|域: a one-character kind inside a word ends no name
            np_at = _np_start(sentence, m.start())
            lex = _after_last_verb(sentence, m.start())
            if lex < np_at and m.start() - lex <= 14 and not _verb_at(sentence[lex:np_at], 0):
                np_at = lex  # jieba tags 排放 of 碳排放权交易市场 a verb: the words since the last verb of the clause
            start, end = _clean(sentence, np_at, m.end())
            while plural and (more := re.match(r"[、和及与][^，,。；;、]{0,12}?(?:" + "|".join(map(re.escape, kinds)) + ")",
                                               sentence[end:])):
                end += more.end()  # "which two autonomous regions": 广西壮族自治区、宁夏回族自治区
            if (sentence[start - 1:start] == "与" and (joined := re.search(r"[\u4e00-\u9fff]{2}$", sentence[:start - 1]))
                    and _verb_at(sentence[:joined.start()], -1)):
                start = joined.start()  # 加入[全面与进步跨太平洋伙伴关系协定]: two words joined by 与 open the name
            while plural and start > 1 and sentence[start - 1] == "、" and (first := _np_start(sentence, start - 1)) < start - 1:
                start = first  # "which three new zones": 广东、天津、福建自贸试验区, the names that share the kind
            text = sentence[start:end]
            if len(text) - len(kind) < 2 or len(text) > (40 if plural else 24) or any(text in f[2] for f in found):
                continue
            covered = sum(1 for i in range(len(text) - 1) if text[i:i + 2] in grams)
            # the glossed words beside it, in its clause ("嫦娥三号成功登月" for "landed on the Moon")
            after = re.split(r"[，,。；;、]", sentence[end:end + 8])[0]  # not another name of its list
            before = re.split(r"[，,。；;、]", sentence[max(0, start - 8):start])[-1]
            near = any(w[i:i + 2] in grams and w[i:i + 2] not in kind for w in (after, before) for i in range(len(w) - 1))
            # a name made of the question's own words is no answer (自由贸易协定 for "free trade agreements"),
            # but of a list of names of the kind, the one whose own part holds a word the question names is the
            # one asked (四川芦山地震、甘肃岷县漳县地震 for "Which earthquake in Sichuan")
            own = text[:len(text) - len(kind)] if text.endswith(kind) else text
            named = any(own[i:i + 2] in grams for i in range(len(own) - 1))
            listed = sentence[end:end + 1] in ("、", "和", "及", "与") or sentence[start - 1:start] in ("、", "和", "及", "与")
            share = covered / max(len(text), 1)
            counted = 0.4 if asked_count and text.count("、") + 1 == asked_count else 0.0  # "which three": three names
            # (of the name's own part: 北京证券 of 北京证券交易所, for "which stock exchange … in Beijing")
            own_share = sum(own[i:i + 2] in grams for i in range(len(own) - 1)) / max(len(own) - 1, 1)
            found.append((len(kind) / 4 + (0.3 if named and listed and own_share < 1 else -share) + 0.5 * near + counted,
                          start, text))
    if not found and re.search(r"\bwhich (?:two |three |four |five )?(?:cit(?:y|ies)|province|river|region|count(?:y|ies)|countr(?:y|ies)|place)"
                               r"|\bwhere\b", question, re.I):
        # "Which city hosted the Asian Games" ~ 杭州亚运会: a place name next to a word the glosses give
        def beside(s_: int, e_: int) -> tuple[str, str]:  # the words up to the next 、 or comma either side
            return (re.split(r"[、，,；;和及与。]", sentence[max(0, s_ - 6):s_])[-1],
                    re.split(r"[、，,；;和及与。]", sentence[e_:e_ + 6])[0])

        near_words = sorted(((sum(grams[g] if isinstance(grams, dict) else 1 for g in grams
                                  if any(g in side for side in beside(s_, e_))), s_, e_)
                             for s_, e_ in _place_lists(sentence, "")), reverse=True)
        if near_words and near_words[0][0] and (len(near_words) == 1 or near_words[0][0] > near_words[1][0]):
            return sentence[near_words[0][1]:near_words[0][2]], near_words[0][1]
        return None
    if not found:
        return None
    _, start, text = max(found, key=lambda f: f[0])
    end = start + len(text)
    if (quoted := re.match(r"“[^“”]+”", text)) and text[quoted.end():] in kinds:
        end = start + quoted.end()  # “市场定价、价补分离”原则: the quoted name, without the kind after it
        text = sentence[start:end]
    elif "、" in text:  # 广东、天津、福建自贸试验区 for "which three … zones": the names, less the kind the question names
        last = text.rsplit("、", 1)[1]
        shared = max((n for n in range(1, len(last) - 1)
                      if all(last[i:i + 2] in grams for i in range(len(last) - n, len(last) - 1))),
                     default=0) if last.endswith(tuple(kinds)) else 0
        if shared and all(len(member) <= len(last) - shared for member in text.split("、")[:-1]):
            end -= shared
            text = sentence[start:end]
    titled = re.search(TITLE_VERBS, sentence[start:end])
    if titled and titled.start() >= 2 and asked_share(sentence[start + titled.end():end], grams) > asked_share(
            sentence[start:start + titled.start()], grams):
        # "Which company became the first AEO-certified enterprise" ~ 紫建电子获评渝东北首家AEO企业: the title is
        # the question's words, the one who won it the answer
        return _tidy(question, sentence, start, sentence[start:start + titled.start()], "name")
    inner = [m for m in re.finditer(INNER_VERBS, sentence[start:end]) if end - start - m.end() >= 3]
    if inner:  # 高标准建设雄安新区 -> 雄安新区
        start += inner[-1].end()
    start = _after_lead_verb(sentence, start, end)
    if (lead := re.match(r"(?:全面|加快|深入|持续|积极|大力|成功|正式)?(?:实施|推进|推动|开展|落实|参与|加强)",
                         sentence[start:end])) and end - start - lead.end() >= 2:
        start += lead.end()  # [全面实施]长江十年禁渔 for "which river": the words that act on a name
    if (made := re.match(r"国产|自主研发的?|自主", sentence[start:end])) and made.group(0)[:2] in grams and end - start - made.end() >= 4:
        start += made.end()  # "Which domestically made jet" ~ [国产]C919大型客机: the question's own description
    return _tidy(question, sentence, start, sentence[start:end], "name")


LEVEL_ASK = re.compile(r"哪一?级|哪个级别|什么级别|什么层级|哪个层级|at what level\b|which level\b", re.I)
LEVEL_RE = re.compile(r"(?:国家|省|市|县|乡|区|部|地市|省部|国际|世界|[一二三])级")
TITLE_VERBS = re.compile(r"获评|荣获|被评为|评为|成为|入选")


def _gap_spans(question: str, sentence: str) -> list[tuple[int, str]]:
    """What the sentence writes inside words the question runs together: the question's words before its
    wh-word, split in two, stand in the sentence on either side of the answer ("持续推进十年禁渔的是哪条江" ~
    持续推进[长江]十年禁渔)."""
    wh = WH_RE.search(question)
    if not wh:
        return []
    words = re.sub(r"的是$|的$", "", PERIOD_LEAD.sub("", question[:wh.start()]))
    out = []
    for i in range(2, len(words) - 1):
        right = words[i:i + 4]
        # (the nearest two to four characters on the left: "今年要落实" ~ 落实[长江]十年禁渔)
        for left in dict.fromkeys(words[max(0, i - n):i] for n in (4, 3, 2)):
            if len(right) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", left + right):
                continue
            found = [(m.start(1), m.group(1)) for m in re.finditer(re.escape(left) + r"([\u4e00-\u9fff]{2,8}?)" + re.escape(right), sentence)]
            if found:
                out += found
                break
    return out


def short_span(question: str, sentence: str, grams: dict[str, float]) -> tuple[str, int] | None:
    """The short answer inside the answering sentence (a name, a place, a rank, a date, a programme), with
    its offset in the sentence; None when no span fits the question with confidence."""
    # when no name of the kind asked stands out, a question for several may find the members the report
    # lists right before its words ("新设的自由贸易试验区是哪几个地方" ~ 新设[广东、天津、福建]自由贸易试验区)
    if not re.search(r"[\u4e00-\u9fff]", question):  # "Which new pilot free trade zones…": the members first
        return _listed_before(question, sentence) or _counted_whole(sentence, _named_span(question, sentence, grams))
    return _rest_of_list(question, sentence) or _counted_whole(sentence, _named_span(question, sentence, grams)) \
        or _listed_before(question, sentence)


def _counted_whole(sentence: str, found: tuple[str, int] | None) -> tuple[str, int] | None:
    """A span never ends in a number cut from its measure word: "…反法西斯战争胜利70" is …胜利70周年."""
    if found and re.search(r"\d$", found[0]) and (m := re.match(r"周年|年|个|项|家|次|届|批", sentence[found[1] + len(found[0]):])):
        return found[0] + m.group(0), found[1]
    return found


ASIDE_RE = re.compile(r"除了?([^，,。？?]{2,20}?)(?:以外|之外|外)?(?:[，,]|(?=还|也|另))")
LIST_ITEM = re.compile(r"[、和及]((?:[\u4e00-\u9fff]|“[^”]{1,12}”){2,14}?)(?=等|[、和及，,。；;：:]|$)")


def _rest_of_list(question: str, sentence: str) -> tuple[str, int] | None:
    """"除了韩国和澳大利亚，还有哪个区域组织" ~ 加快与韩国、澳大利亚、[海湾合作委员会]等自贸区谈判进程: the members of the
    list the question sets aside are there, joined as a list; the answer is what the list goes on with."""
    for aside in ASIDE_RE.findall(re.sub(r"[“”]", "", question)):
        members = [m for m in re.split(r"[、和及与]", aside) if len(m) >= 2]
        if len(members) < 2 or not all(m in sentence for m in members):
            continue
        at = [sentence.find(m) for m in members]
        first, last = min(at), max(a + len(m) for a, m in zip(at, members))
        if any(re.sub("|".join(map(re.escape, members)), "", sentence[first:last]).strip("、和及")):
            continue  # (the members are not one list in the report)
        end = last
        while item := LIST_ITEM.match(sentence, end):
            end = item.end()
        if end > last:
            return sentence[last + 1:end], last + 1
    return None


def _named_span(question: str, sentence: str, grams: dict[str, float]) -> tuple[str, int] | None:
    question = re.sub(r"[“”「」\"]", "", question)  # 推进什么“革命”: the marks are not words of the question
    if re.search(r"版本|\bversion\b", question, re.I) and len(versions := set(VERSION_RE.findall(sentence))) == 1:
        version = versions.pop()  # "推进到哪个版本" ~ 推进中国－东盟自贸区3.0版谈判
        return version, sentence.index(version)
    kind = ask_kind(question)
    if not re.search(r"[\u4e00-\u9fff]", question):  # English: a name of the kind asked for
        found = _whole_document(sentence, _english_span(question, sentence, grams))
        if found and (code := MODEL_CODE.match(sentence, found[1] + len(found[0]))):
            found = code.group(0), code.start()  # "Which … aircraft" ~ 国产大飞机[C919]: the model named is the answer
        if found and kind == "org" and not ORG_TAIL.search(found[0]) and (
                tail := re.match(r"[\u4e00-\u9fff]{0,2}?(?:组织|公司|集团|银行|委员会|协会|基金)", sentence[found[1] + len(found[0]):])):
            found = found[0] + tail.group(0), found[1]  # "which … organisation" ~ 上海合作[组织]: the name ends in its kind
        if found is None and kind == "name":
            found = _english_quoted(question, sentence)
        # (a place of the kind asked: "which city" ~ 中国－中亚峰会 names a part of the world; no place the question
        # itself names: "together with Beijing" ~ 北京)
        return (found if found is None or _of_kind_asked(question, sentence, found[1], found[0], kind)
                and not (kind in ("place", "org") and found[0] in _glossed(question)) else None)
    if counted := counted_span(question, sentence):
        return counted
    if named := full_name(question, sentence):
        return named
    if COLLECTIVE_NAME_ASK.search(question):  # "电动汽车、锂电池、光伏产品…合称什么" ~ …光伏产品“新三样”
        for m in QUOTED_RE.finditer(sentence):
            before = sentence[max(0, m.start() - 16):m.start()]
            if sum(before[i:i + 2] in question for i in range(len(before) - 1)) >= 4:
                return next(g for g in m.groups() if g), m.start() + 1
    if re.search(r"型号|代号|编号|哪一?款|model\b", question, re.I) and (codes := MODEL_CODE.findall(sentence)):
        if len(set(codes)) == 1:  # "国产大飞机是哪个型号" ~ 国产大飞机C919投入商业运营
            return codes[0], sentence.index(codes[0])
    if LEVEL_ASK.search(question) and len(levels := set(LEVEL_RE.findall(sentence)) - set(LEVEL_RE.findall(question))) == 1:
        level = levels.pop()  # "在哪一级实现了统收统支" ~ 实现企业养老保险基金省级统收统支: the one level written
        at = sentence.index(level)
        body = _words(question[LEVEL_ASK.search(question).end():])[:1]
        if body and len(body[0]) >= 2 and sentence.startswith(body[0], at + len(level)):
            level += body[0]  # "哪一级政府" ~ 省级政府: the level of the body asked, as the report names it
        return level, at
    aligned = aligned_spans(question, sentence) if kind not in ("date", "rank", "year_role") else []
    if kind == "person":  # "以谁为重点" ~ 以行政首长为重点: a role the frame holds, when no name is there
        aligned = [a for a in aligned if a[0] >= 2.59] if not _has_person(sentence) else []
    if kind == "meeting" and KIND_PATTERNS["meeting"].search(sentence):
        # a meeting written as the genre writes meetings (第…届…次会议, 区委十五届九次全会), or one the question's
        # words frame by its name's own end ("按照哪个会议的部署" ~ 按照[中央经济工作会议]部署)
        aligned = [a for a in aligned if re.search(r"(?:会议|大会|全会)$", a[2]) and not KIND_PATTERNS["meeting"].search(a[2])]
    if not aligned:
        aligned = _joined_verb_spans(question, sentence)
    if kind is None and not aligned:
        return None
    # an organisation or place asked needs a sign of one (公司, 集团, 市 …), less so for the subject that opens
    # its clause right before the question's words (氦星光联成功落地 for "靠哪家企业落地起步"); not a verb's
    # object (完善歇马、丰泰等城市新区) nor a quoted brand (“开州金厨”)
    candidates: list[tuple[float, int, str]] = []
    for score, start, text in aligned:
        if text in question:
            continue
        if kind in ("org", "place") and not _has_sign(kind, text):
            if _opens_verb(text) or text.startswith("“"):
                continue
            score -= 0.5 if start == 0 or sentence[start - 1] in "，,；;：:。" else 1.0
        candidates.append((score + 0.05, start, text))

    def add(start: int, text: str, score: float) -> None:
        text = text.strip()
        if text and re.sub(r"[“”《》]", "", text) not in question and not (len(text) < 2 and kind not in ("rank",)):
            candidates.append((score, start, text))

    category = asked_category(question)
    head = asked_head(question)
    wh_at = WH_RE.search(question)
    asked_right = re.sub(r"[？?。！!\s]+$", "", question[wh_at.end():]) if wh_at else ""
    mask = _covered_mask(sentence, grams, question)
    # the clause that holds most of the question's words is where its answer stands
    bounds = [0] + [m.end() for m in re.finditer(r"[，,；;。：:！？]", sentence)] + [len(sentence)]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    weight = [sum(mask[a:b]) for a, b in clauses]
    top = max(weight, default=0) or 1
    best_clause = max(range(len(clauses)), key=lambda i: weight[i]) if clauses else 0

    def near(start: int, end: int) -> float:
        i = next((j for j, (a, b) in enumerate(clauses) if a <= start < b), best_clause)
        covered = [c for c in range(*clauses[i]) if mask[c]] if clauses else []
        inside = any(start <= c < end for c in covered)
        dist = 0 if inside else min((min(abs(c - start), abs(c - end)) for c in covered), default=12)
        return 0.6 * weight[i] / top + 0.6 / (1 + dist / 4) if clauses else 0.0

    if kind == "person":  # a name as jieba.posseg tags it, without the role before it (代表王莉 -> 王莉)
        import jieba.posseg as pseg

        pos = 0
        for word, flag in pseg.lcut(sentence):
            after = sentence[pos + len(word):]
            if flag in ("nr", "nrfg") and 2 <= len(word) <= 4 and not EVENT_HEAD.match(after):
                # (not the name of a place an event is named after: 达沃斯论坛); with the title the report gives
                # the person after the name, as it names them (习近平主席)
                title = re.match(r"(?:主席|总理|副总理|总书记|委员长|院士)(?![\u4e00-\u9fff]{0,1}(?:论坛|会议|峰会))", after)
                add(pos, word + (title.group(0) if title else ""), 1.5 + near(pos, pos + len(word)))
            pos += len(word)
        for m in HONOURED.finditer(sentence):
            add(m.start(1), m.group(1), 1.5 + near(*m.span(1)))
    if kind is None:
        pass
    elif kind == "date":
        for m in DATE_SPAN_RE.finditer(sentence):
            date = m.group(0)  # "什么时间之前" ~ 2005年底前: the deadline as the report writes it
            add(m.start(), date, 2 + len(date) / 10 + near(*m.span()))
    elif kind == "year_role":
        for m in YEAR_ROLE_RE.finditer(sentence):
            add(m.start(), m.group(0), 2 + near(*m.span()))
    elif kind == "rank":
        for m in RANK_RE.finditer(sentence):
            if re.search(r"位置|地位", question) and re.search(r"[代届批期轮次年]$", m.group(0)):
                continue  # "在全球是什么位置" ~ 第五代移动通信: a generation, a session, no place among others
            scope = question[max(0, question.find("第几") - 2):question.find("第几")] if "第几" in question else ""
            bonus = 0.5 if scope and sentence[max(0, m.start() - 2):m.start()] == scope else 0.0
            add(m.start(), m.group(0) + _rank_noun(question, sentence, m), 2 + bonus + near(*m.span()))
        for m in STANDING_RE.finditer(sentence) if not RANKING_ASK.search(question) else ():
            add(m.start(), m.group(0), 2 + near(*m.span()))
        plan = re.search(r"第几个五年([\u4e00-\u9fff]{0,6})", question)
        for m in PLAN_ORDINAL.finditer(sentence) if plan else ():
            # "第几个五年普法规划" ~ “七五”普法规划: the plan's ordinal, with the plan it counts as the report names it
            begin = m.start() - 1 if sentence[m.start() - 1:m.start()] == "“" else m.start()
            end = m.end() + (1 if not m.group(0).endswith("”") and sentence[m.end():m.end() + 1] == "”" else 0)
            plan_kind = plan.group(1)
            end += len(plan_kind) if plan_kind and sentence.startswith(plan_kind, end) else 0
            add(begin, sentence[begin:end], 2 + near(begin, end))
    elif kind == "meeting":
        for m in KIND_PATTERNS["meeting"].finditer(sentence):
            text = re.sub(r"^(?:在|于|经)", "", m.group(0))
            if not of_meeting_kind(question, text):
                continue  # "贯彻党的哪几次全会精神" ~ 党的十八大和十八届三中、四中全会: the plenums, not the congress
            own = 0.5 if text[:2] in question else 0.0  # "区委哪次全会": the 区委's, not the 市委's
            add(m.start() + len(m.group(0)) - len(text), text, 2 + own + near(*m.span()))
    else:
        subject_noun = (asked_category(question, subject=True)
                        if SUBJECT_ASK.search(re.sub(r"[？?。！!\s]+$", "", question)) else "")
        for m in QUOTED_RE.finditer(sentence):
            inner = next(g for g in m.groups() if g)
            tail = re.match(r"[\u4e00-\u9fff]{0,8}?(?:计划|工程|行动|品牌|称号|之乡|之都|项目|平台|阶段|战略|政策|基地|中心|"
                            r"论坛|峰会|会议|合作|机制|协定|试验区|示范区|规划|纲要|方案)", sentence[m.end():])
            if tail and tail.group(0) in ("称号", "品牌", "荣誉", "称谓", "美誉"):
                tail = None  # "获得了什么称号": the name is the answer, not the kind of name
            if tail and tail.group(0) == subject_noun:
                tail = None  # "…的行动叫什么" ~ “人工智能+”行动: the name is what the action is called
            text = m.group(0) + tail.group(0) if tail else inner
            # a quoted name is a programme's or a brand's; an organisation asked takes one only with its sign
            if kind == "org" and not _has_sign(kind, text):
                continue
            base = 1.6 if kind in ("name", "org") else 0.8
            wanted = "" if head in GENERIC_HEADS else head  # "报告用的是哪个说法": any quoted phrase is one
            if wanted and wanted not in text and wanted not in sentence[m.end():m.end() + 10]:
                base -= 0.5  # "…的主场峰会叫什么": a quoted name of another kind (“一带一路”国际合作) is less likely
            add(m.start() if tail else m.start() + 1, text, base + near(*m.span()))  # the name's own offset
        for s, text in _gap_spans(question, sentence) if not PLURAL_ASK.search(question) else ():
            # "持续推进十年禁渔的是哪条江" ~ 持续推进[长江]十年禁渔
            # (not a word that links it to what the question names: 抓好标志性项目[在]雄安新区落地建设, 国家医学中心[和]…)
            if ((_has_sign(kind, text) or len(head) >= 2 and text.endswith(head))  # (…新通道 for "哪条通道")
                    and text[0] not in "在于从向对把被由给和与及的了" and not _opens_verb(text)):
                add(s, text, 1.4 + near(s, s + len(text)))
        for s, e in _runs(sentence, mask):
            most = {"person": 1, "name": 4, "org": 2}.get(kind, 0)
            s2 = _extend_left(sentence, s, most) if most else s
            text = sentence[s2:e]
            if len(text) > 24:
                continue
            if kind == "place" and e < len(sentence) and all(mask[e:_item_end(sentence, e)]) and not PLURAL_ASK.search(question) and (
                    item := re.search(r"[、和及与]([^、和及与“”]{2,8})$", text)) and _has_sign(kind, item.group(1)):
                # "世博会是在哪个城市办的" ~ 北京奥运会、残奥会和上海世博会: the place of the item the question's
                # words go on with to its end, not the list before it (nor 上海 of 上海合作组织峰会 for "中非合作论坛峰会")
                s = s2 = e - len(item.group(1))
                text = item.group(1)
            # a span answers only with a sign of the kind asked: a person's name, an organisation's or a
            # place's ending, a name's kind word (计划, 称号, 之乡 ...); else the sentence is the answer
            if kind == "person":
                sign = _has_person(sentence[s:e]) and len(text) <= 10
            elif kind == "org":  # not what a verb acts on (完善歇马、丰泰等城市新区), nor a quoted brand (“开州金厨”)
                sign = _has_sign(kind, text) or (_has_tag(sentence[s:e], ("nt", "nr", "nz")) and not _opens_verb(text)
                                                 and not sentence[:s2].endswith("“"))
            else:
                sign = _has_sign(kind, text)
            if sign:
                # "颁布实施的全国性规划叫什么" ~ 颁布实施全国主体功能区规划: the name goes on with the kind asked
                named = next((w for w in (category, head) if len(w) >= 2 and w not in GENERIC_HEADS and sentence.startswith(w, e)), "")
                add(s2, text + named, 1.2 + near(s, e))
            elif category and sentence.startswith(category, e) and len(text) <= 16 and (
                    category == head or sentence.startswith("".join(_category_of(asked_right)[0]), e)):
                # "建设什么经济带" ~ "建设长江经济带": the words right before the kind the question names
                s3 = _after_title_verb(sentence, s, question)
                add(s3, sentence[s3:e] + category, 1.2 + near(s, e))
    # "这一指标", "该项目", "一指标": a pointer to the kind asked, not its name; what it points back to is the
    # subject that opens the sentence (城镇调查失业率涵盖…，今年首次把这一指标作为预期目标)
    pointed = [c for c in candidates if re.fullmatch(r"(?:这|该|此)?一?[个项]?([\u4e00-\u9fff]{1,3})", c[2])
               and (re.search(r"(?:这|该|此)一?[个项]?" + re.escape(c[2].lstrip("这该此一个项")) + r"$", sentence[:c[1] + len(c[2])]))]
    if pointed and (subject := _opening_subject(sentence)) and subject not in question:
        candidates.append((max(c[0] for c in pointed), 0, subject))
    candidates = [c for c in candidates if not (category and c[2].endswith(category) and len(c[2]) - len(category) < 2)
                  and not re.match(r"^(?:这|那|该|此|本|其)[一个项类种批]?", c[2])
                  and not re.fullmatch(r"一[个项类种批条]?[\u4e00-\u9fff]{1,2}", c[2])
                  and not re.match(r"(?:一系列|一批|一些|若干|多项|多个|各类|各项)", c[2])]  # a number of them, none named
    # "除了春橙之都，还拿到了哪个…称号": what the question sets aside is not its answer
    for aside in ASIDE_RE.findall(question):
        # "除了垃圾收集处理还要推进什么" ~ “厕所革命”[和垃圾收集处理]: the aside leaves a list it is a member of;
        # an aside of several ("除韩国、澳大利亚外") leaves each of its members (与韩国、澳大利亚、[海湾合作委员会])
        members = sorted({aside, *(m for m in re.split(r"[、和及与]", aside) if len(m) >= 2)}, key=len, reverse=True)
        either = "|".join(map(re.escape, members))
        trimmed = []
        for score_, start_, text_ in candidates:
            lead = re.match(rf"(?:[、和及与]|(?:{either})[、和及与])+", text_)
            cut = lead.end() if lead else 0
            trimmed.append((score_, start_ + cut, re.sub(rf"(?:[、和及与](?:{either}))+$", "", text_[cut:])))
        # also a full name the aside abbreviates (北交所 ~ 北京证券交易所: its characters in order, the first first)
        candidates = [c for c in trimmed if c[2] and not any(m in c[2] for m in members) and c[2] not in aside
                      and not _abbreviation_of(aside, c[2])]
    if not candidates and PLACE_KIND.search(question):
        # "哪两个国家" ~ "中国与冰岛、瑞士自贸区启动实施": the places jieba.posseg names that the question does not
        for s_, e_ in _place_lists(sentence, question):
            add(s_, sentence[s_:e_], 1.5 + near(s_, e_))
    if not candidates and FIRST_ASK.search(question):
        # "去年第一次办的是哪个展会" ~ 进博会、广交会、服贸会及首届消博会: the name the report marks as the first
        for m in re.finditer(r"(?:首届|第一届)([^、和及与等，,。；;]{2,16})", sentence):
            if m.group(1) not in question and re.search(r"(?:会|展|节|赛|论坛|峰会)$", m.group(1)):
                add(m.start(1), m.group(1), 1.6 + near(*m.span(1)))
    if not candidates and kind == "place" and re.search(r"在哪(?:里|儿)?(?:开|召开|举行|举办|办)", question):
        # "全军政治工作会议是在哪里开的" ~ 召开古田全军政治工作会议: the proper name right before the event the
        # question names, after the verb that holds it (jieba may tag a place 古田 as a person's name)
        import jieba.posseg as pseg

        pos, tokens = 0, []
        for word, flag in pseg.lcut(sentence):
            tokens.append((pos, word, flag))
            pos += len(word)
        for i in range(1, len(tokens) - 2):
            at, word, flag = tokens[i]
            event = "".join(w for _, w, _ in tokens[i + 1:i + 4])
            if (flag in ("ns", "nr", "nz") and 2 <= len(word) <= 3 and word not in question and tokens[i - 1][2] == "v"
                    and len(event) >= 4 and event[:4] in question):
                add(at, word, 1.6 + near(at, at + len(word)))
    if not candidates:
        return None
    if len(head) >= 2 and any(c[2].endswith(head) for c in candidates):
        # "建立什么制度" ~ 居住证制度, not the 农民工职业技能提升计划 of the same sentence: a name of another kind
        # ranks below one of the kind asked (a bare name, “十二五” for "哪个五年规划", does not)
        candidates = [(c[0] - 0.5, *c[1:]) if not c[2].endswith(head) and NAME_TAIL.search(c[2])
                      and not kind_follows(sentence, c[1] + len(c[2]), head) else c for c in candidates]
    # the example the report names of a class the question counts ("20种重大疾病…点名的是哪种病" ~ 开展儿童白血病等
    # 20种重大疾病保障试点) before another name of the kind
    # ("报告举的是哪种病": the example is the name the report lists before 等)
    counts = set(re.findall(r"\d+[种项个类批家所]", question))
    example = bool(re.search(r"举的|举了|举出|列举|举例|例子|点名", question))
    candidates = [(c[0] + 0.3, *c[1:]) if (after := re.match(r"等(\d+[种项个类批家所])?", sentence[c[1] + len(c[2]):])) and (
        counts and after.group(1) in counts or example) else c for c in candidates]
    # "“十三五”规划纲要草案是根据哪份文件编制的": a name that ends in what the question's subject is called (…规划纲要（草案）)
    # is that subject, not the answer
    subject = (re.sub(r"[“”《》（）()\s]", "", question[:wh_at.start()])
               if wh_at and not SUBJECT_ASK.search(re.sub(r"[？?。！!\s]+$", "", question)) else "")  # (…是哪个: what it is called)
    candidates = [(c[0] - 0.6, *c[1:]) if len(bare := re.sub(r"[“”《》（）()]", "", c[2])) >= 6 and bare[-4:] in subject
                  and not (head and bare.endswith(head)) else c for c in candidates]  # (…的行动叫什么 ~ …行动: the kind asked)
    # a span cut inside a quoted name (“开州金厨品牌 of “开州金厨品牌周”活动) is no name
    candidates = [c for c in candidates if _balanced(sentence, c[1], c[1] + len(c[2]))] or [(0.0, 0, "")]
    score, start, text = max(candidates, key=lambda c: (c[0], -len(c[2])))
    if score < 1.5:  # the kind asked is not there with confidence: answer with the sentence
        return None
    text, start = _trim_asked(question, sentence, start, text)
    text, start = _without_subject(question, start, text)
    text, start = _named_prefix(question, sentence, start, text)
    text, start = _tidy(question, sentence, start, text, kind)
    text, start = _word_start(sentence, start, text, kind)
    text, start = _whole_list(question, sentence, start, text)
    if "、" in text and (head := asked_head(question)) in CLASS_WORDS and text.endswith(head) and len(text) > len(head) + 3:
        text = re.sub(r"等$", "", text[:-len(head)])  # "瞄准哪些市场" ~ [东盟、中国香港]市场: the class said of every member
    if not _of_kind_asked(question, sentence, start, text, kind):
        return None
    if paren := re.search(r"中国[（(][\u4e00-\u9fff]{2,4}[)）]$", sentence[:start]):
        start, text = paren.start(), sentence[paren.start():start + len(text)]  # 中国(重庆)自由贸易试验区…: the whole name
    # "区域全面经济伙伴关系协定（RCEP）": the name people use is the abbreviation the report gives with it
    if (abbr := re.match(r"[\u4e00-\u9fff]{0,4}[（(]([A-Z]{2,8})[）)]", sentence[start + len(text):])) and abbr.group(1) not in question:
        return abbr.group(1), start + len(text) + abbr.start(1)
    return _whole_document(sentence, (text, start))


def _item_end(sentence: str, at: int) -> int:
    """Where the list item or clause that goes on at `at` ends (the next 、, 和, 等 or punctuation)."""
    end = re.search(r"[、和及与等，,；;。：:！？]", sentence[at:])
    return at + end.start() if end else len(sentence)


def _after_title_verb(sentence: str, start: int, question: str) -> int:
    """"被评为什么典型" ~ 获评联合国人居环境生态保护修复典型: a title runs from the verb that confers it, the
    question's own words inside it too (not across a clause)."""
    if not TITLE_VERBS.search(question):
        return start
    left = sentence[max(0, start - 20):start]
    verbs = list(TITLE_VERBS.finditer(left))
    if verbs and not re.search(r"[，,。；;：:、“”]", left[verbs[-1].end():]):
        return start - len(left) + verbs[-1].end()
    return start


def _english_quoted(question: str, sentence: str) -> tuple[str, int] | None:
    """"Which dance work from Kaizhou won the national Qunxing Award?" ~ 舞蹈作品《织卡织卡》荣获全国群星奖: the one
    quoted or titled name of the sentence in a clause that says a word the question glosses (not one of its own
    names), with its offset."""
    own = [o for o in _glossed(question) if len(o) >= 2]
    found = {}
    for m in QUOTED_RE.finditer(sentence):
        inner = next(g for g in m.groups() if g)
        start, end = _clause_bounds(sentence, m.start())
        clause = sentence[start:m.start()] + sentence[m.end():end]
        if not any(inner in o or o in inner for o in own) and any(o in clause for o in own):
            found.setdefault(inner, m.start() + 1)
    return next(iter(found.items())) if len(found) == 1 else None


def _balanced(sentence: str, start: int, end: int) -> bool:
    """The span [start, end) of the sentence cuts no quoted or titled name: it holds each “ with its ” and
    each 《 with its 》, and does not begin or end inside one (the marks themselves may be left out)."""
    for opening, closing in (("“", "”"), ("《", "》")):
        text = sentence[start:end]
        if text.count(opening) != text.count(closing):
            return False
        depth, inner = 0, set()  # the characters of a quoted name, its marks left out
        for i, ch in enumerate(sentence):
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth = max(depth - 1, 0)
            elif depth:
                inner.add(i)
        # a span that starts or ends strictly inside a name that goes on beyond it
        if {start - 1, start} <= inner or {end - 1, end} <= inner:
            return False
    return True


DOCUMENT_TAIL = re.compile(r"(?:纲要|实施方案|行动计划|实施意见|实施细则|实施条例)(?![\u4e00-\u9fff])")


def _of_kind_asked(question: str, sentence: str, start: int, text: str, kind: str | None) -> bool:
    """The short answer at `start` is one of the kind the question asks for, not something near it."""
    if kind == "rank" and not ranks_asked(question, sentence, start):
        return False  # "经济总量世界排名第几" ~ 研发投入规模跃居世界第二位: the rank of another thing
    if kind == "meeting" and not of_meeting_kind(question, text):
        return False  # "在哪次区政府常务会议上审议通过" ~ 市委六届八次全会: a meeting of another kind
    if kind == "meeting" and not meets_for_act(question, sentence, start):
        return False  # "新发展理念是在哪次会议上提出的" ~ 贯彻党的十九大…精神: a meeting whose spirit is followed
    if kind == "meeting" and not (KIND_PATTERNS["meeting"].search(text) or re.search(r"(?:会议|大会|全会|会晤|峰会|论坛)$", text)):
        return False  # "在哪一次全国人大会议上作的" ~ 国务院提请全国人大: no meeting
    if kind in ("org", "place", "person") and re.search(r"\d[\d.]*(?:%|％|万|亿|元)", text):
        return False  # "哪家公司研制的" ~ 科技进步贡献率由52.2%: a figure is no name
    if kind == "place" and (EVENT_TAIL.search(text) or CITY_LEVEL.search(question)
                            and (REGION_END.search(text) or WORLD_REGION.match(text))):
        return False  # "亚信峰会在哪座城市召开" ~ 博鳌亚洲论坛: no place; "哪个省份" ~ 中西部地区: a region, no province
    if kind == "place" and PROVINCE_ASK.search(question) and not (
            re.search(r"(?:省|自治区)$", text) or any(text.startswith(p) for p in provinces())):
        return False  # "汶川特大地震发生在哪个省" ~ 舟曲: a county, no province
    if kind == "org" and re.match(r"(?:我国|我们|我区|我市|我省|我县)", text):
        return False  # "哪家企业研制的" ~ 我国自主研制: the country, no organisation
    if kind in ("org", "place", "person") and text in not_names():
        return False  # "级别最高的是哪位官员" ~ 党风廉政 (jieba: a person): a word of the genre, nobody
    if kind in ("org", "place") and len(text) <= 2 and not _has_tag(text, ("ns", "nt", "nz", "nr")):
        return False  # "哪几个城市" ~ 园区: a bare common noun names no one place
    if (kind == "place" and _opens_verb(text) or kind == "org" and _opens_verb(text, ("v", "vd", "ad", "d"))
            and not re.fullmatch(rf"[\u4e00-\u9fff]{{1,6}}{MINISTRY}", text)  # 住建部: a ministry
            or LEAD_TRIM.fullmatch(text)):
        return False  # "哪几个城市" ~ 推出海南自由贸易港, "哪家机构" ~ 开展第三次国务院大, "编导是谁" ~ 荣获: no name
    # "哪家企业" ~ 规上企业, "哪些医院" ~ 公立医院: a class of them, not one by name; nor the question's own words
    # (a class asked is answered by the class: "推动哪类银行设立…" ~ 大中型商业银行)
    return not (kind in ("org", "place") and not CLASS_ASK.search(question) and (class_phrase(text) or kind == "org" and unnamed(text))
                or kind == "name" and re.match(r"\d", text) and COUNTED_MENTION.match(text)
                or kind in ("org", "place", "name") and question_made(text, question) and not _titled_of_kind(question, sentence, start, text)
                or kind in ("org", "place") and question_made(_past_opening_verb(text), question))


def _before_closing_words(sentence: str, words: str, kind: list[str], question: str) -> list[tuple[float, int, str]]:
    """The name right before the question's closing words (all but its first, four characters or more), of the kind
    asked (or a kind of four in its first two: 高速公路 ~ 巫云开高速), beginning where a word does: "开州全线通车的是
    哪条高速公路" ~ 巫云开高速[全线通车]."""
    endings = (kind[-1], kind[-1][:2] if len(kind[-1]) >= 4 else kind[-1])
    return [(score, start, text) for score, start, text in _before_clause(
        sentence, [t for t in _tails(words)[1:] if len(t) >= 4 and t[0] not in "了的着过"], [], question)
        if text.endswith(endings) and not question_made(text, question) and text not in kind and _word_begins(sentence, start)]


def _word_begins(sentence: str, at: int) -> bool:
    """A word of the sentence begins at `at` (not 做[好]广西…: the end of 做好)."""
    return at == 0 or any(b == at for b, _, _ in _tokens(sentence))


def _word_start(sentence: str, start: int, text: str, kind: str | None) -> tuple[str, int]:
    """A place or an organisation begins where a word does (设立中[国上海]: not the end of 中国)."""
    cut = next(((e, w) for b, e, w in _tokens(sentence) if b < start < e), None) if kind in ("place", "org") else None
    # (only a proper name cut in two: jieba may run a verb into the name, 获住|建部)
    if cut is not None and cut[0] - start <= 2 and len(text) - (cut[0] - start) >= 2 and _has_tag(cut[1], ("ns", "nr", "nt")):
        return text[cut[0] - start:], cut[0]
    return text, start


LIST_OPENING = ("v", "vd", "d", "a", "ad", "p", "r", "ul", "uj", "c")  # 新设|, 加快与|, 我们成功举办了|


CLASS_WORDS = ("市场", "地区", "国家", "城市", "领域", "行业", "产业", "企业", "方面", "省份")  # a class, no name's end


EN_LIST_ASK = re.compile(r"\b(?:which|what) ((?:[a-z-]+ ){0,5}?)(?:did|do|does|will|would|were|are|was|is|has|have|got|can|should|must|may)\b", re.I)


def _asks_several(question: str) -> bool:
    """哪些, 哪几个, "which new pilot free trade zones did …": a question for several things."""
    if PLURAL_ASK.search(question) and re.search(r"[\u4e00-\u9fff]", question):
        return True
    m = EN_LIST_ASK.search(question)
    head = re.split(r"\b(?:in|of|for|with|to|from|on|at|by)\b", m.group(1))[0].split() if m else []
    return bool(head) and bool(re.search(r"[a-z](?<![su])s$", head[-1], re.I))


def _listed_before(question: str, sentence: str) -> tuple[str, int] | None:
    """A question for several (哪些, 哪几个) of what it names, where the report lists them right before the
    question's words: "…的群团组织有哪些" ~ 充分发挥[工会、共青团、妇联]等群团组织作用, "用哪几个词形容刚办完的北京
    冬奥会" ~ [简约、安全、精彩]的北京冬奥会; an English question's words as the report writes them ("which new pilot
    free trade zones" ~ 新设[广东、天津、福建]自由贸易试验区); places asked, the places a list closes with 等地. The
    list is of two members or more joined by 、 (the last two may be joined by 和 or 及), none of them a word of the
    question; the verb that opens its clause is left out."""
    if not _asks_several(question):
        return None
    import jieba.posseg as pseg

    kind = ask_kind(question)
    zh = bool(re.search(r"[\u4e00-\u9fff]", question))
    words = question if zh else " ".join(w for w in (*_glossed(question), *english_kinds(question)) if len(w) >= 2)
    pairs = _question_pairs(words)
    ends = []
    for at in range(1, len(sentence) - 1):
        if sentence[at:at + 2] not in pairs or sentence[at - 1:at + 1] in pairs:
            continue  # (where the question's words begin)
        after = at + 1
        while sentence[after:after + 2] in pairs:
            after += 1
        if not _word_begins(sentence, at) or sentence[after + 1:after + 2] == "、":
            continue  # (革命老区、民族|地区、边疆地区: the question's words end a member of the list)
        end = at - sentence[:at].endswith("的")
        ends.append((end - sentence[:end].endswith("等"), False))
    if kind == "place":  # "云南鲁甸、景谷等地发生较强地震": 等地 says they are places
        ends += [(m.start(), True) for m in re.finditer(r"等(?:地|国|省|城市)(?![\u4e00-\u9fff]{0,1}区)", sentence)]
    for end, placed in ends:
        begin = max(sentence.rfind(c, 0, end) for c in "，,；;。：:！？!?“”") + 1
        items = sentence[begin:end].split("、")
        if len(items) >= 2 and len(last := re.split(r"[和及]", items[-1])) == 2:
            items[-1:] = last
        if len(items) < 2 or not all(re.fullmatch(r"[\u4e00-\u9fff]{1,12}", x) and not re.search(r"[等的]", x) for x in items):
            continue
        # the first member without the words that open the list (充分发挥|工会, 新设|广东, 我们成功举办了|简约),
        # about as long as the others
        rest = max(len(x) for x in items[1:])
        tokens = pseg.lcut(items[0])
        while len(tokens) > 1 and (tokens[0].flag in LIST_OPENING or sum(len(t.word) for t in tokens) > rest + 2):
            begin += len(tokens.pop(0).word)
        if len(tokens) > 1 and (tokens[0].word in question or tokens[0].word in words):
            begin += len(tokens.pop(0).word)  # (云南|鲁甸、景谷: the province the question names)
        items[0] = "".join(t.word for t in tokens)
        lengths = [len(x) for x in items]  # members about as long as each other (not 北京、[上海建设具有全球影响力]的…)
        if max(lengths) <= 2 * min(lengths) + 2 and not any(x in question or x in words for x in items) and all(map(_list_member, items)) and (
                kind not in ("place", "org", "person") or placed or all(_has_sign(kind, x) for x in items)):
            return sentence[begin:end], begin  # (哪些城市 ~ 建设[国家、省级]区域医疗中心: no places, no answer)
    return None


def _list_member(text: str) -> bool:
    """A member of a list is a word or a name of two characters or more, not ending in a word that links it
    to what follows (政策、财力、服务[向]民生聚焦) nor in a verb after a name (瑞士、冰岛[签署]自由贸易协定, 北京、
    上海[建设]科技创新中心)."""
    import jieba.posseg as pseg

    words = pseg.lcut(text)  # (nor a name and the verb after it: 冰岛|签署)
    return len(text) >= 2 and words[-1].flag not in ("p", "c", "u", "uj", "ul", "f") and not any(
        len(w.word) >= 2 and (w.flag in ("v", "vd") and k == len(words) - 1  # (达州无水港: jieba's 无水/v inside a name)
                              or w.flag == "vn" and before.flag in ("ns", "nr", "nt", "nz", "j"))
        for k, (before, w) in enumerate(zip(words, words[1:]), 1))


def _whole_list(question: str, sentence: str, start: int, text: str) -> tuple[str, int]:
    """"哪些单位要带头清欠" ~ [机关、事业单位和]国有企业要带头清欠: a question for several takes the whole list the
    span closes, when the list is all its clause holds before it (a verb that opens the clause left out)."""
    if not PLURAL_ASK.search(question) or start < 2 or sentence[start - 1] not in "、和及" or "、" in text:
        return text, start  # (a list already; 中国与[冰岛、瑞士]: 与 links a partner, no member)
    import jieba.posseg as pseg

    begin = max(sentence.rfind(c, 0, start) for c in "，,；;。：:") + 1
    for word, flag in pseg.lcut(sentence[begin:start - 1]):  # (充分发挥|工会、共青团、妇联: the verb that takes them)
        if flag not in ("v", "vd", "d", "ad", "p") and not (flag == "a" and len(word) == 1):  # (组织好: its complement)
            break
        begin += len(word)
    items = sentence[begin:start - 1].split("、")
    if not all(1 <= len(item) <= 10 and re.fullmatch(r"[\u4e00-\u9fff“”]+", item) for item in items):
        return text, start
    return sentence[begin:start] + text, begin


def _titled_of_kind(question: str, sentence: str, start: int, text: str) -> bool:
    """A name the report writes in title marks that ends in the kind the question asks for: "优化营商环境方面…落实
    哪部条例" ~ 《优化营商环境条例》 is the document's name, though the question's words make it up."""
    head = asked_head(question)
    return (len(head) >= 2 and text.endswith(head) and sentence[start - 1:start] == "《"
            and sentence[start + len(text):start + len(text) + 1] == "》")


FULL_NAME_ASK = re.compile(r"全称|全名|完整(?:的)?名称|正式名称|full name", re.I)


def full_name(question: str, sentence: str) -> tuple[str, int] | None:
    """"…的总体方案全称是什么" ~ 《推动川渝万达开地区统筹发展总体方案》: the quoted or titled name of the sentence
    that holds the most of the question's words, beyond them (the question gives a shortened form)."""
    if not FULL_NAME_ASK.search(question):
        return None
    pairs = {question[i:i + 2] for i in range(len(question) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", question[i:i + 2])}
    best, shared = None, 1.0
    for m in QUOTED_RE.finditer(sentence):
        inner = next(g for g in m.groups() if g)
        clause = _clause_at(sentence, m.start()).replace(m.group(0), "")
        # its own words first, then its clause's: "国务院…提交…的五年规划文件" ~ 国务院编制了《…纲要（草案）》, not
        # 根据《…规划的建议》
        n = (sum(inner[i:i + 2] in pairs for i in range(len(inner) - 1))
             + 0.5 * sum(clause[i:i + 2] in pairs for i in range(len(clause) - 1)))
        if n > shared and inner not in question:
            best, shared = (inner, m.start() + 1), n
    return best


def _past_opening_verb(text: str) -> str:
    """The text after the verb it opens with (培育|国家“小巨人”企业), else the text."""
    import jieba.posseg as pseg

    from .text import _jieba

    _jieba()
    words = pseg.lcut(text)
    return text[len(words[0].word):] if len(words) > 1 and words[0].flag in ("v", "vn") else text


def _whole_document(sentence: str, found: tuple[str, int] | None) -> tuple[str, int] | None:
    """A plan's name goes on through the document word that closes it (粤港澳大湾区发展规划[纲要])."""
    if found is None or not re.search(r"(?:规划|计划|方案|意见)$", found[0]):
        return found
    text, start = found
    if m := DOCUMENT_TAIL.match(sentence, start + len(text)):
        return text + m.group(0), start
    return found


def _abbreviation_of(short: str, name: str) -> bool:
    """北交所 ~ 北京证券交易所: a short form of three or more characters whose characters the name holds in order,
    beginning with its first."""
    from .text import in_order

    return len(short) >= 3 and len(name) > len(short) and name.startswith(short[0]) and in_order(short, name)


def _rank_noun(question: str, sentence: str, rank: re.Match) -> str:
    """"第几支柱养老保险" ~ 第三支柱: the noun the question counts after 第几, where the sentence goes on with it
    after a rank that has no counter of its own (第三次[全国]土壤普查, 第三个[历史]决议 keep theirs)."""
    import jieba

    if "第几" not in question or not re.search(r"[一二三四五六七八九十百千\d]$", rank.group(0)):
        return ""
    words = jieba.lcut(question[question.find("第几") + 2:])
    noun = words[0] if words else ""
    return noun if len(noun) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", noun) and sentence.startswith(noun, rank.end()) else ""


PLACE_KIND = re.compile(r"哪[一两几三四]?(?:个|些)?(?:国家|城市|省份|省|地方|地区|区域|口岸)")


CITY_ASK = re.compile(r"哪(?:个|座|一个)?(?:城市|省份|省|市)|在哪里?(?:举办|举行|召开)|\b(?:which|what) (?:city|province)\b|"
                      r"\bin which city\b|\bwhere (?:was|is|will|were)\b.*\b(?:held|hosted|host)\b", re.I)


def names_no_place(question: str, sentence: str) -> bool:
    """"首届进口博览会在哪个城市举办" and a sentence that names no place but the question's own: no answer."""
    return bool(CITY_ASK.search(question)) and not [
        (s, e) for s, e in _place_lists(sentence, question) if not WORLD_REGION.match(sentence[s:e])]


PROPER_TAGS = ("nr", "nrt", "ns", "nsf", "nt", "nz", "eng")
ORG_NAME = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:公司|集团|银行|大学|学院|医院|研究院|研究所|实验室|交易所|总署|协会|委员会|实业|电子|股份)")
GENERIC_ORGS = {"企业", "公司", "机构", "单位", "部门", "组织", "国企", "集团"}
MISSING_KIND = {"org": "单位或企业名称", "place": "地名", "rank": "名次", "meeting": "会议", "person": "人名"}
# a thing counted by its own measure word (哪艘飞船, 哪台超算, 哪颗卫星): a craft, a machine, one of its kind by name
THING_ASK = re.compile(r"[哪那]一?(?:台|艘|架|颗|枚|辆)([\u4e00-\u9fff]{2,8}?)(?=[？?，,。；;呢]|$|是|叫|呀|啊)")
# the name of a thing asked by what it is called: "首艘国产大型邮轮叫什么名字", "那款支线客机叫什么型号"
THING_NAME_ASK = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:具体|到底|究竟|分别|的)?(?:叫什么|叫啥|名字是什么|名称是什么|是什么型号|"
                            r"型号是什么)")
# "…，全称叫什么", "两条“丝路”分别叫什么": the name itself or an adverb, no thing
NAME_WORD = re.compile(r"(?:(?:正式)?(?:全称|名称|名字|简称)|具体|到底|究竟|分别)$")


LIST_ASK = re.compile(r"哪些|哪几|分别是|分别叫|都有哪|都是哪|包括哪")


def count_only(question: str, sentence: str, span: tuple[str, int] | None = None) -> str:
    """The mention that counts what a question asks to list, when the sentence gives the count and names
    none of them ("首批5个国家公园分别是哪几个" ~ 设立首批5个国家公园，…): the report says how many, not which. With
    a short answer (`span`: text, offset), only when it stands neither in the count's clause nor in a list
    after it: "6个国家自主创新示范区是哪几个" ~ 支持北京、上海建设…科技创新中心，新设6个国家自主创新示范区."""
    listed = LIST_SUBJECT.search(question)
    if not LIST_ASK.search(question) or not listed:
        return ""
    subject = listed.group(1).lstrip("个家所座项批件条处")[-4:]
    if len(subject) < 2:
        return ""
    mentions = list(re.finditer(rf"(?<![第每])(?:\d+|[一二两三四五六七八九十百千]+|一批|首批\d*|若干)(?:个|家|所|座|项|批|件|条|处)?"
                                rf"[\u4e00-\u9fff]{{0,10}}?{re.escape(subject[-2:])}"
                                # (or counted after: 引进知名品牌首店11家)
                                rf"|{re.escape(subject[-2:])}(?:\d+|[一二两三四五六七八九十]+)(?:个|家|所|座|项|批|件|条|处)", sentence))
    # the one of the number the question says (今年再开工的27个…: 27个项目, not the 57个 already started)
    counted = next((m for m in mentions if (n := re.match(r"\d+", m.group(0))) and n.group(0) in question),
                   mentions[0] if mentions else None)
    if not counted:
        return ""
    clause_start, end = _clause_bounds(sentence, counted.start())
    if "、" in sentence[clause_start:end]:
        return ""
    if span is not None:
        after = _clause_at(sentence, end + 1) if end < len(sentence) else ""
        # (in them, a span that holds what is counted is no member: 粮食主产省选择部分县市 for "13个粮食主产省是哪些")
        # the clause after, when it goes on to list them (…，分别是三江源、大熊猫…), not to another matter
        reach = end + 1 + len(after) if "、" in after or re.match(r"(?:分别|包括|即|其中)", after) else end
        if clause_start <= span[1] < reach and subject[-2:] not in span[0]:
            return ""
    return counted.group(0)


# "知名主题乐园是哪一家", "落户的知名商业综合体是哪个品牌": the one thing a question asks to name
ONE_SUBJECT = re.compile(r"([\u4e00-\u9fff]{3,}?)(?:具体|到底|究竟)?(?:是|为)(?:哪一?[个家所座项款位]|哪个品牌|什么品牌|什么名字)")


def class_only(question: str, sentence: str, span: tuple[str, int] | None = None) -> str:
    """The mention of the thing a question asks to name, when the sentence speaks of it only by its class
    (引进知名主题乐园, 落户知名商业综合体1家以上: which one is not said) and the short answer, if any, stands in
    another clause; "" otherwise."""
    asked = ONE_SUBJECT.search(question)
    if not asked or len(subject := asked.group(1)[-4:]) < 3:
        return ""
    for m in re.finditer(re.escape(subject[-3:]), sentence):
        start, end = _clause_bounds(sentence, m.start())
        near = max(start, m.start() - 6)
        at = min((k for w in class_words() if (k := sentence.find(w, near, m.start())) >= 0), default=-1)
        if at < 0:
            continue  # named, or not by a class word right before it
        if span is not None and start <= span[1] < end:
            continue  # the short answer is in the clause of the mention
        return sentence[at:m.end()]
    return ""


def _glossed(question: str) -> set[str]:
    """The report's words for an English question's own words (Beijing -> 北京)."""
    return {t for group in gloss_groups(question) for t in group}


def lacks_thing(question: str, sentence: str, called: bool = False) -> str:
    """What an answer's sentence lacks of a thing the question counts by its measure word ("" when it says
    the thing): "哪艘飞船" is not answered by a sentence that lists 载人航天、探月工程 … by their kinds, nor by
    the name of another thing in it (第一艘航母“辽宁舰”). With `called`, also of a thing asked by what it is
    called, when no short answer was found: "首艘国产大型邮轮叫什么名字" ~ 国产大型邮轮成功建造."""
    thing = THING_ASK.search(question) or (THING_NAME_ASK.search(question) if called else None)
    # (the thing after what the question says of it: 去年建成的|首艘国产大型邮轮)
    if thing is None or len(what := NAME_WORD.sub("", thing.group(1)).rsplit("的", 1)[-1]) < 2:
        return ""
    head = what[-2:]
    named = head in sentence and any(QUOTED_RE.search(c) or MODEL_CODE.search(c) or re.search(r"[\u4e00-\u9fff]{2,4}[号舰]", c)
                                     for c in re.split(r"[，,。；;]", sentence) if head in c)
    return "" if named else f"{what}名称"  # (国产大型邮轮成功建造: the ship, by no name)


def lacks_kind(question: str, sentence: str) -> str:
    """What a sentence answer lacks of the kind of thing the question names ("" when it may hold it): a
    question for an organisation or a place is not answered by a sentence without a name of its own (a
    proper name jieba tags, a quoted name, a place's ending) beside the question's words; one for a rank,
    a meeting or a person not by a sentence with none. "哪家平台公司" ~ "强化反垄断…": the report names none."""
    kind = ask_kind(question)
    if kind == "person":
        return MISSING_KIND[kind]  # a person's name is found by the short answer or not at all
    if kind == "rank":
        found = [m.group(0) for m in (*rank_pattern(question).finditer(sentence), *PLAN_ORDINAL.finditer(sentence))
                 if ranks_asked(question, sentence, m.start())]  # (a place in a ranking is no 首次, 首个 of an event)
    elif kind == "meeting":
        found = [m.group(0) for m in KIND_PATTERNS["meeting"].finditer(sentence) if meets_for_act(question, sentence, m.start())
                 and of_meeting_kind(question, m.group(0))]  # (市委六届八次全会 is no 常务会议)
    elif kind == "name" and (THING_ASK.search(question) or THING_NAME_ASK.search(question)):
        return lacks_thing(question, sentence, called=True)
    elif kind == "name" and re.search(r"[\u4e00-\u9fff]", question):
        # "从哪个水库调出来的", "在哪个造船厂改建的": a sentence that does not say the kind asked names none of it
        head = asked_head(question)
        if len(head) >= 2 and head not in GENERIC_HEADS and head not in ASPECT_WORDS and head[-2:] not in sentence:
            return head
        return ""
    elif kind in ("org", "place"):
        import jieba.posseg as pseg

        # beside the question's words: the clauses that say most of them (歇马、丰泰 of 完善歇马、丰泰等城市新区商业设施
        # is no developer of the 商业综合体 a later clause names)
        zh = bool(re.search(r"[\u4e00-\u9fff]", question))
        own = set() if zh else _glossed(question)  # an English question's words, as the report writes them
        # (an item of a list: 出席二十国集团领导人峰会、…上海合作组织峰会 names no city of the first)
        # (and of things joined by 和: “东方之星”号客轮翻沉事件和天津港…事故 names no province of the first)
        items = re.split(r"[，,；;。！？、]|(?<=[\u4e00-\u9fff]{2})(?:和|以及|及)(?=[\u4e00-\u9fff]{3})", sentence)
        said = [(sum(c[i:i + 2] in question for i in range(len(c) - 1)) if zh else sum(o in c for o in own), c) for c in items]
        most = max((n for n, _ in said), default=0)
        if zh or most:  # (an English question whose glosses the sentence does not say keeps it whole)
            sentence = "，".join(c for n, c in said if n and n * 2 >= most)
        # a place is no organisation, and a city or a province asked is one jieba tags a place or a (foreign) name
        # (约翰内斯堡/nrt), not 二十国集团/nt; for an English question, a word jieba only guesses a name (弘扬/nr,
        # 诚信/nz) is no organisation: no word of the question stands beside it to say it is the one asked
        tags = (("ns", "nsf", "nr", "nrt") if kind == "place" and CITY_LEVEL.search(question)
                else PROPER_TAGS if kind == "place" else ("nr", "nrt", "nt", "nz", "eng") if zh else ("nt",))
        found = [w for w, flag in pseg.lcut(sentence) if flag in tags and len(w) >= 2 and w not in OWN_COUNTRY
                 and not class_phrase(w) and w not in not_names()]  # (公立医院, 商业银行 are tagged as organisations)
        if not zh:  # an English question's own places, in Chinese (Beijing), or in its own names (上海合作组织)
            found = [f for f in found if not any(f in o for o in own)]
        if kind == "place":
            found += [m.group(1) or m.group(2) or m.group(3) for m in QUOTED_RE.finditer(sentence)]
            found += re.findall(r"[\u4e00-\u9fff]{2,6}?(?:省|市|县|新区|镇|乡|村|港|岛)(?![\u4e00-\u9fff])", sentence)
            if CITY_LEVEL.search(question):  # "在哪个城市举行" ~ 中非合作论坛峰会、中欧领导人会晤: no city
                found = [f for f in found if not WORLD_REGION.match(f) and not REGION_END.search(f)]
            # no place the question names, with words before it (建设雄安新区 for "雄安新区位于哪个省")
            found = [f for f in found if not any(f[i:] in question for i in range(len(f) - 2))]
        else:
            head = asked_head(question)
            # not the question's own organisation (促进区人民医院 for "区人民医院和哪所医学院校…"), nor a class
            found += [n for n in map(_past_opening_verb, ORG_NAME.findall(sentence)) if not class_phrase(n) and not any(
                n[i:] in question and not head.endswith(n[i:]) for i in range(len(n) - 2))]
            # "哪家航空公司", "哪家交易所": a kind of its own the sentence must say
            if head and head not in GENERIC_ORGS and head[-2:] not in sentence:
                return MISSING_KIND[kind]
    else:
        return ""
    return "" if any(f not in question for f in found) else MISSING_KIND[kind]


OWN_COUNTRY = {"中国", "我国", "中华人民共和国", "全国"}


def _place_lists(sentence: str, question: str) -> list[tuple[int, int]]:
    """Runs of place names (jieba.posseg ns) joined by 、 or 和, none of them a word of the question nor the
    report's own country (中国 of 中国国际进口博览会 is no city where it was held)."""
    import jieba.posseg as pseg

    out, pos, run = [], 0, None
    for word, flag in pseg.lcut(sentence) + [pseg.pair("。", "x")]:
        if flag in ("ns", "nsf") and word not in question and len(word) >= 2 and word not in OWN_COUNTRY:
            run = (run[0] if run else pos, pos + len(word))
        elif not (word in ("、", "和") and run):
            if run:
                out.append(run)
            run = None
        pos += len(word)
    return out


CLAUSE_VERB = re.compile(r"[，,。；;：:！？、“”]|启动|吸引|引进|培育|携手|依托|设立|建设|打造|实施|推进|推动|支持|办好|举办|主办|组建|建成|创建|成立|"
                         r"开展|出台|完成|实现|推出|加快|深化|完善|发展|加强|扩大|实行|建立|健全|开通|落实|签署|制定|发布|"
                         r"成功|举行|召开|上线|运行|办好|庆祝|纪念|迎接|筹办|发生|出现|遭受|的|和|与|及|在|对|将|把")


def _verb_at(text: str, index: int) -> bool:
    """The text's word at index (0: the first, -1: the last) is a verb, as jieba.posseg tags it."""
    import jieba.posseg as pseg

    tokens = pseg.lcut(text)
    return bool(tokens) and tokens[index].flag == "v"


def _after_clause_verb(sentence: str, at: int) -> int | None:
    """Where the words after the first verb of the clause that `at` stands in begin (None: no verb before it)."""
    import jieba.posseg as pseg

    begin = max(sentence.rfind(c, 0, at) for c in "，,；;。：:！？!?") + 1
    for word, flag in pseg.lcut(sentence[begin:at]):
        begin += len(word)
        if flag.startswith("v") and flag != "vn":
            return begin
    return None


def _pairs_shared(text: str, question: str) -> int:
    """How many of the text's character pairs the question holds."""
    return sum(text[i:i + 2] in question for i in range(len(text) - 1))


def _after_last_verb(sentence: str, at: int, listed: bool = False) -> int:
    """Where the words after the clause's last verb or mark before `at` begin (with `listed`, a list's 、 is no
    break: "吸引昱宏玩具、华芯潮玩等头部企业", names jieba cannot read)."""
    last = 0
    for m in CLAUSE_VERB.finditer(sentence, 0, at):
        if not (listed and m.group(0) == "、"):
            last = m.end()
    return last


INNER_VERBS = re.compile(r"建设|打造|实施|推进|推动|支持|办好|举办|主办|设立|组建|建成|创建|启动|成立|开展|投用|投运|开通|开工|引进|培育")
VERSION_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?版(?!本)")
FIRST_ASK = re.compile(r"第一次|首次|首届|第一届|头一回|头一次|\bfirst\b|\binaugural\b", re.I)
RANK_HEAD = re.compile(r"^(?:首届|首次|首批|第一批|第[一二三四五六七八九十\d]+届)(?=[\u4e00-\u9fff“《]{2})")
OWNER_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,10}组织(?=[\u4e00-\u9fff]{4,}$)(?![\u4e00-\u9fff]*(?:会议|峰会|论坛|大会)$)")
PLAN_CODE = re.compile(r"十?[一二三四五六七八九十]五")
SINGULAR_ASK = re.compile(r"哪(?:一|个|届|项|家|座|条|部|场)|是什么|叫什么")
PLURAL_ASK = re.compile(r"哪(?:些|几|两|三|四)|哪[一二三四五六七八九十两几]+[个项类条家座种批]|which (?:two|three)|\bwhich \w+s\b", re.I)


def _tidy(question: str, sentence: str, start: int, text: str, kind: str | None) -> tuple[str, int]:
    """The answer as a name is written: without a leading particle (的二十国集团…), an ordinal of the event
    (首届中国国际进口博览会 for "which expo"), 党的 before a plenum (十九届六中全会); one member of a list
    for a question that asks for one (北京冬奥会, not 北京冬奥会、冬残奥会); the members without the kind
    they share when the question asks for several places (广东、天津、福建[自由贸易试验区]); a name that opens
    with the mark joining two parties takes back the first of them ([中国]－东盟自贸区)."""
    import jieba.posseg as pseg

    if text[:1] in "－—-" and (party := re.search(r"[\u4e00-\u9fff]{1,4}$", sentence[:start])):
        words = pseg.lcut(party.group(0))
        first = words[-1].word if words else ""
        start, text = start - len(first), first + text

    def drop(n: int) -> None:
        nonlocal text, start
        text, start = text[n:], start + n

    if kind == "place" and (lead := re.match(r"^(?:至|到|在|去年|今年|明年|当年|(?:中国|我国|国)(?:与|同|和|跟))(?=[\u4e00-\u9fff]{2})", text)):
        drop(lead.end())  # [至]白家溪, [去年]云南鲁甸、景谷: the word before a place is no part of it
    while (lead := re.match(r"^(?:的|了|将|并|好(?=[\u4e00-\u9fff]{3})|(?:早日)?(?:(?:深入|全面|大力|扎实|认真)?开展|颁布实施|制定实施|出台实施|颁布|荣获|获评|荣膺|被评为|评为|上报|报送|提请|提交|改为|改成|变为|变成|实施|实行|推行|出台|设立|组建|"
                         r"修订|修改|制定|启动|落实|举办|召开|筹办|办好|印发|发布|结束|成功|(?:升级|晋升|转型|更名|调整)(?:为|成))"
                         r"(?=[\u4e00-\u9fff“《]{2}[\u4e00-\u9fff“《(（]{2}))", text)) and len(text) > 3:  # 组织[好]内蒙古自治区, [实施]保障…条例,
        drop(lead.end())  # [提请][修订]税收征管法
    if kind == "org" and (lead := re.match(r"^(?:获|受到|得到)(?=[\u4e00-\u9fff]{2,6}(?:部|局|委|厅|办|院)$)", text)):
        drop(lead.end())  # "受到了哪个部委的通报表扬" ~ [获]住建部通报表扬
    if kind == "org" and re.search(r"(?:部|局|厅)$", text) and (pair := next((
            n for n in (2, 3, 4) if re.search(rf"(?:^|[、，,；;报向经由给])[\u4e00-\u9fff]{{{n}}}和$", sentence[:start])), 0)):
        start, text = start - pair - 1, sentence[start - pair - 1:start] + text  # 文化和旅游部: one ministry's name
    if (lead := re.match(r"^(?:我们?)?代表(?=[\u4e00-\u9fff]{2})", text)) and "代表" in question:
        drop(lead.end())  # "代表哪个机构作的报告" ~ [我代表]国务院
    if (desc := re.match(r"^([^的“”《》，,]{2,24})的(?=[\u4e00-\u9fff“”《》]{4})", text)) and text[desc.end():] not in question:
        # "在我国举行的二十国集团领导人峰会", "突如其来的非典疫情": a description before the name, made of a verb or an
        # idiom, is no part of it (a name of the kind asked follows)
        rest, head = text[desc.end():], asked_head(question)
        praise = bool(re.fullmatch(r"[\u4e00-\u9fff]{2}(?:、[\u4e00-\u9fff]{2})+", desc.group(1)))
        if praise and len(rest) >= 3:  # 简约、安全、精彩的北京冬奥会: words of praise are no part of the name
            drop(desc.end())
        elif (NAME_TAIL.search(rest) or ORG_TAIL.search(rest) or rest[:1] in "“《" or head and rest.endswith(head)) and (
                desc.group(1).startswith("在") or any(t.flag in ("v", "vn", "i", "l", "a", "ad") for t in pseg.lcut(desc.group(1)))):
            drop(desc.end())
    if re.fullmatch(r"(?:“[^“”]{2,24}”){2,}", text) and not PLURAL_ASK.search(question):
        names = [(m.start(), m.group(1)) for m in re.finditer(r"“([^“”]+)”", text)]
        own = [(at, n) for at, n in names if any(n[i:i + 2] in question for i in range(len(n) - 1))]
        if len(own) == 1:  # "哪个“之都”的称号" ~ “中国春橙之都”“中国香肠之乡”: the one the question's words name
            return own[0][1], start + own[0][0] + 1
    if re.search(r"(?:谁|哪些人|什么人)的", question) and (de := text.find("的")) >= 2:
        text = text[:de]  # "用于支付谁的服务" ~ 支付[村医]的基本公共卫生服务: whose, the owner before 的
    if (frame := re.search(r"为(重点|核心|主线|引领|牵引|主体|抓手|中心|导向|突破口|支撑)", text)) and frame.start() >= 2 \
            and frame.group(1) in question:
        text = text[:frame.start()]  # "重点是疏解什么" ~ 以疏解[北京非首都功能]为重点推进…: the frame the question names closes it
    tokens = pseg.lcut(text)
    if (len(tokens) >= 3 and all(t.flag == "v" and len(t.word) == 2 for t in tokens[:2]) and tokens[2].flag != "v"
            and len(text) >= 7 and (NAME_TAIL.search(text) or ORG_TAIL.search(text) or tokens[2:] and all(t.flag == "nt" for t in tokens[2:]))):
        drop(4)  # [提请修订]税收征管法: the verbs that act on a name are no part of it
    if re.fullmatch(r"“[^“”]{2,24}”", text) and not PLAN_CODE.fullmatch(text[1:-1]):  # “崖柏突击队”: without the marks
        return text[1:-1], start + 1
    if kind not in ("rank", "meeting") and (m := RANK_HEAD.match(text)) and not re.search(r"第几|哪一届|哪届|哪一批|哪批", question):
        drop(m.end())  # (a meeting's session is its name's: 第十一届全国人民代表大会第一次会议)
    if kind == "meeting" and re.match(r"党的[一二三四五六七八九十]+届", text):
        drop(2)
    if (owner := OWNER_HEAD.match(text)) and owner.group(0) not in question:
        drop(owner.end())  # 国际货币基金组织特别提款权货币篮子 -> 特别提款权货币篮子: the owner is not the name
    if (m := re.match(r"“([^”]{2,24})”([\u4e00-\u9fff]{1,6})$", text)) and (
            re.search(r"叫什么|什么名字|名称|称为|叫做", question) and len(m.group(2)) <= 4
            or m.group(2)[-2:] in question and len(m.group(1)) >= 3 and not PLAN_CODE.fullmatch(m.group(1))
            and not re.search(r"哪[一]?类", question)):
        # "客轮叫什么名字" ~ “东方之星”号客轮, "打造什么品牌" ~ “投资中国”品牌: the name, not the kind the question
        # already says; a plan's number (“八五”普法规划) and a short code (“两山”基地) keep it, and a class
        # asked (哪类企业) is the class with its kind (“专精特新”企业)
        return m.group(1), start + 1
    if (head := next((h for h in (asked_category(question), asked_head(question)) if h in GENERIC_HEADS | {"方向"}), "")) \
            and text.endswith(head) and len(text) > len(head) + 1 and ("、" in text or head in ("方向", "方针", "取向")):
        # "坚持什么方针" ~ 全覆盖、保基本、多层次、可持续方针, "按照什么方向" ~ 三档并两档方向: the words, less the kind the
        # question names, and all of them (one 方针 of four words); a name of its own (和平共处五项原则) keeps its kind
        return text[:-len(head)], start
    outside = re.sub(r"“[^”]*”|《[^》]*》", lambda m: "x" * len(m.group(0)), text)  # 、 inside quotes is one name
    if sentence[:start].count("“") > sentence[:start].count("”"):
        outside = "x" * len(text)  # the answer is inside a quotation ("不忘初心、牢记使命"主题教育)
    if outside.find("、") > 1 and not PLURAL_ASK.search(question) and SINGULAR_ASK.search(question):
        if FIRST_ASK.search(question) and (first := re.search(r"(?:^|[、和及与])(首届|首次|第一届)([^、和及与]{2,24})$", outside)):
            # "第一次举办的展会" ~ 进博会、广交会、服贸会及首届消博会: the member the report marks as the first
            return text[first.start(2):], start + first.start(2)
        return text[:outside.index("、")], start
    if "、" in outside and PLURAL_ASK.search(question):
        tokens = pseg.lcut(text)
        place = [f in ("ns", "nsf") for _, f in tokens]
        # 广东、天津、福建自由贸易试验区: every member a place, the last followed by the kind they share
        if any(place) and "、" not in text[sum(len(w) for w, _ in tokens[:max(i for i, p in enumerate(place) if p)]):]:
            last = max(i for i, p in enumerate(place) if p)
            listed = [p for (w, _), p in zip(tokens[:last + 1], place) if w != "、"]
            cut = sum(len(w) for w, _ in tokens[:last + 1])
            if len(listed) >= 2 and all(listed) and cut < len(text):
                return text[:cut], start
    return text, start


PREDICATE_LEAD = re.compile(rf"^(?:{EDGE_WORDS}|全线|相继|陆续|顺利|基本|圆满)")


def _opens_predicate(text: str) -> bool:
    """"全线贯通", "建设科技…", "十年禁渔": words that go on with what is said of the answer, not its name."""
    import jieba.posseg as pseg

    first = pseg.lcut(text)[0]
    return bool(PREDICATE_LEAD.match(text)) or first.flag in ("v", "vd", "d", "ad", "m", "p", "t")  # not vn: 专题教育


MODEL_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,4}-?\d{2,5}[A-Z]?(?![A-Za-z0-9])")
# 几 before a counter; 多少 only before the counters reports write in Chinese numerals (六十周年, 三届, 十连增)
EN_ANNIVERSARY = re.compile(r"\b(?:which|what) anniversary\b", re.I)
COUNT_ASK = re.compile(r"(?<![第哪这近那前去头])(?:几|多少(?=周年|届|连|年))([\u4e00-\u9fff]{1,2})")  # not 这几年
CN_COUNT = "一二三四五六七八九十两百"


def counted_pattern(question: str) -> re.Pattern | None:
    """What a sentence must hold to answer a 几 question with a numeral ("几档" -> 三档), or None."""
    if EN_ANNIVERSARY.search(question):  # "Which anniversary … falls this year" ~ 六十周年
        return re.compile(f"[{CN_COUNT}]+周年")
    m = COUNT_ASK.search(question)
    if m and m.group(1)[0] == "年" and not re.match(r"年[前后来内底末初]", m.group(1)):
        # "长江禁渔要禁多少年" ~ 十年禁渔, "再延几年" ~ 再延长三年; not 过去五年, 五年来 (a period)
        return re.compile(f"(?<![过去今后未来近这前])[{CN_COUNT}]+年(?![来以间里中前后底末初])")
    if not m or re.match(r"[个年月天日号岁次人名家所]", m.group(1)):
        return None
    return re.compile(f"[{CN_COUNT}]+{re.escape(m.group(1)[:1])}")


CLAUSE_MARKS = "，,；;。：:"


def _clause_bounds(sentence: str, at: int, marks: str = CLAUSE_MARKS) -> tuple[int, int]:
    """(start, end) of the clause around `at`: between the marks before and after it (an item of a list with
    marks that hold 、)."""
    start = max(sentence.rfind(c, 0, at) for c in marks) + 1
    ends = [e for e in (sentence.find(c, at) for c in marks) if e >= 0]
    return start, min(ends, default=len(sentence))


def _clause_at(sentence: str, at: int, marks: str = CLAUSE_MARKS) -> str:
    start, end = _clause_bounds(sentence, at, marks)
    return sentence[start:end]


def counted_span(question: str, sentence: str) -> tuple[str, int] | None:
    """"粮食产量实现了几连增" ~ 九连增, "税率简并到几档" ~ 三档: the numeral the report writes where the
    question writes 几, with the word after it."""
    m = COUNT_ASK.search(question)
    if not (pattern := counted_pattern(question)):
        return None  # 几个, 几年, 几号 ...: counted in digits, a figure's business
    if m is None:  # English: the one numeral of the pattern the sentence writes
        found = {f.group(0): f.start() for f in pattern.finditer(sentence)}
        return next(iter(found.items())) if len(found) == 1 else None
    to = bool(re.search(r"(?:到|至|为|成)几", question))  # "简并到几档" ~ "由四档减至三档": the level it goes to
    years = m.group(1)[0] == "年"
    asked = {question[i:i + 2] for i in range(len(question) - 1)} - {"几年", "多少", "少年"} if years else set()
    for word in (m.group(1), m.group(1)[:1]):
        found = list((pattern if years else re.compile(f"[{CN_COUNT}]+{re.escape(word)}")).finditer(sentence))
        if years:  # a count of years is of what its own clause names (开州故城历时三年 is not the museum's)
            found = [f for f in found if any(g in _clause_at(sentence, f.start()) for g in asked)]
        if to:
            found = [f for f in found if sentence[f.start() - 1:f.start()] in ("到", "至", "为", "成")] or found
        if found:
            f = found[0]
            # "实施的是几孩政策" ~ 三孩生育政策: through the kind the question names after the count
            rest = re.sub(r"[？?。！!\s]+$", "", question[m.start(1) + len(word):])
            tail = next((t for t in (rest[:n] for n in range(len(rest), 1, -1)) if t and
                         0 <= sentence.find(t, f.end()) <= f.end() + 4), "")
            end = sentence.find(tail, f.end()) + len(tail) if tail else f.end()
            return sentence[f.start():end], f.start()
    return None


VERBISH = re.compile(rf"(?:{EDGE_WORDS}|深化|加强|完善|健全|实行|开展|落实|高标准|高质量)")
NOUNISH = ("n", "nz", "nt", "j", "vn")  # not a place or a person the question names apart


def _named_prefix(question: str, sentence: str, start: int, text: str) -> tuple[str, int]:
    """A name the question describes with its own first words keeps them: "中欧之间完成谈判的是哪个协定" ~
    中欧投资协定, "科技体制改革按照哪个方案" ~ 科技体制改革三年攻坚方案. Only nouns the question says, right
    before the name, and not the words right before the question's wh-word (云南[哪些地方] ~ 云南[鲁甸、景谷]);
    never for a list or a quotation."""
    import jieba.posseg as pseg

    wh = WH_RE.search(question)
    if not wh or "、" in text or text[:1] in "“《" or start == 0 or not (NAME_TAIL.search(text) or ORG_TAIL.search(text)):
        return text, start
    adjacent = (_words(question[:wh.start()]) or [""])[-1]
    words = pseg.lcut(sentence[max(0, start - 12):start])
    taken: list[tuple[str, str]] = []
    stop = ("", "")  # the word before the name's first, or none when the window's start is reached
    for word, flag in reversed(words):
        if (flag not in NOUNISH or word not in question or word == adjacent or adjacent.endswith(word)
                or word + "的" in question  # (积极商签的…协定: the verb of the question's relative clause)
                or len(word) + sum(len(w) for w, _ in taken) > 8):
            stop = (word, flag)
            break
        taken.insert(0, (word, flag))
    while taken and (taken[0][1] == "vn" or VERBISH.match(taken[0][0])):  # 深化|澎溪河流域, 建设|雄安新区: a
        taken.pop(0)  # verb (whatever jieba tags it) is no part of the name
    added = "".join(w for w, _ in taken)
    # the name begins where its noun phrase does: after a verb or a clause break, not inside a quoted
    # name's phrase (“三北”工程[三大标志性战役]) nor after a place the question names apart (舟曲[特大山洪泥石流])
    if not added or stop[0] in ("”", "》") or stop[1] in ("n", "nz", "vn", "j", "ns", "nr"):
        return text, start
    return added + text, start - len(added)


SUBJECT_OPENING = re.compile(r"^(?:(?:19|20)\d\d年|今年|去年|明年)?([\u4e00-\u9fff]{2,8}?)(?:今年|明年)?(?:要|将|需要|应)")


def _without_subject(question: str, start: int, text: str) -> tuple[str, int]:
    """"车用燃油要全面推广什么标准" ~ 车用燃油国五标准: the subject the question opens with, right before its modal,
    is no part of the name it asks of that subject (国五标准); a topic it opens with (安全生产方面…) may be."""
    m = SUBJECT_OPENING.match(question)
    if m and not re.search(r"(?:方面|领域|部分|这块|工作)$", subject := m.group(1)) and text.startswith(subject) \
            and len(text) - len(subject) >= 3 and not _opens_verb(text[len(subject):]):
        return text[len(subject):], start + len(subject)  # (not 自由贸易试验区|提升战略: a name on its own)
    return text, start


def _trim_asked(question: str, sentence: str, start: int, text: str) -> tuple[str, int]:
    """The answer without the words the question itself says around it: 港珠澳大桥[全线贯通] for
    "哪座大桥全线贯通了", [宅基地]所有权、资格权、使用权 for "宅基地改革要探索哪三权分置"."""
    q = re.sub(r"[？?。！!\s]+$", "", question)
    wh = WH_RE.search(q)
    if not wh or ask_kind(question) in ("meeting", "rank", "date"):
        return text, start
    left, right = q[:wh.start()], q[wh.end():]
    right_words = _words(right)
    kind_len = next((len("".join(right_words[:i + 1])) for i, w in enumerate(right_words) if len(w) >= 2), len(right))
    if right_words[:1] and right_words[0] in ASPECT_WORDS and right[kind_len:kind_len + 1] == "的":
        # "建成什么类型的政府": the kind is the noun after the aspect (服务型政府), not words said of it
        kind_len += 1 + next((len("".join(right_words[2:i + 1])) for i, w in enumerate(right_words[2:], 2) if len(w) >= 2), 0)
    where = wh.group(0) in ("哪里", "哪儿")  # "在哪里落地建设": no kind after the wh-word, what follows is said of the place
    rest = right if where else right[kind_len:]  # after the kind the wh-word asks (新通道|建设: a one-character word opens the kind)
    bounds = {b - start for b, _, _ in _tokens(sentence) if start < b < start + len(text)}
    last = (right_words or [""])[-1]  # the question's last word, a kind of name (…自贸协定): the answer ends in it
    named = len(last) >= 2 and text.endswith(last) and bool(NAME_TAIL.search(last) or ORG_TAIL.search(last))
    after_kind = rest[1:] if rest.startswith("的") else ""  # "哪个协定的谈判": 谈判 is no part of the name
    kind_part = None  # the kind's words, read (with jieba) only where a cut may end in a name's kind
    for cut in sorted(bounds):
        said = re.sub(r"^(?:要|将|应|须|必须|需要?|应当)(?=.)", "", text[cut:])  # (…省级政府[要]带头 for "哪两级政府带头")
        if NAME_TAIL.search(said) or re.search(r"(?:系统|治理|制度|体制|标准|法规)$", said):
            kind_part = "".join(_category_of(right)[0]) if kind_part is None else kind_part
            if said[:2] in kind_part:
                continue  # the kind the question asks is the name's own end (中欧投资[协定] for "哪项投资协定的谈判")
        if not named and cut >= 2 and len(text) - cut >= 2 and said in rest and (
                _opens_predicate(said) or after_kind.startswith(said) or where and rest.startswith(said)
                or rest.startswith(said + "的") and _is_verb(said)):  # (促进[西藏…、新疆]发展的政策: the
            # question's own verb before 的, not the kind it asks: 哪两条经济[走廊]的建设)
            text = text[:cut]  # 港珠澳大桥[全线贯通]; 区域全面经济伙伴关系协定[谈判] for "哪个协定的谈判"
            break
    bounds = {b for b in bounds if b < len(text)}
    left_bounds = {b for b, _, _ in _tokens(left)} | {len(left)}
    for cut in sorted(bounds, reverse=True):
        head = text[:cut]
        # only where what is left is a name or a list on its own (“两山”实践创新基地; 所有权、资格权、使用权),
        # not a name the question's words begin (自由贸易试验区|提升战略)
        bare = re.sub(r"[“”《》]", "", head)  # the question's marks were taken out before
        if cut >= 2 and len(text) - cut >= 4 and (re.match(r"[“《]|[^、]+、", text[cut:]) or re.search(r"[”》]", head)) and any(
                m.start() in left_bounds and m.end() in left_bounds for m in re.finditer(re.escape(bare), left)):
            return text[cut:], start + cut
    return text, start
