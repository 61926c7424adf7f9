"""Span choice for questions that do not ask for a figure: the sentence (or clauses) that answers."""

from __future__ import annotations

import re

from .chunking import sentences
from .matching import Stats, bigrams, coverage
from .models import Passage

PERIOD_SPAN_SHARE = 0.75  # a past-tense question's answer comes from a result unless a target covers it much better
WHO_RE = re.compile(r"([\u4e00-\u9fff]{2,4})是谁|谁是([\u4e00-\u9fff]{2,4})")
ASKS_DATE = re.compile(r"哪一?天|哪一?年|什么时候|何时|几月|几号|哪个月|when\b|what date|which year", re.I)
DATE_RE = re.compile(r"\d+年|\d+月|\d+日|年底|年内|年末|月底|上半年|下半年")
ASKS_DAY = re.compile(r"哪一?天|几月几[日号]|几号|what date|which day", re.I)
DAY_RE = re.compile(r"\d+月\d+日")


def best_span(grams: dict[str, float], passages: list[Passage], stats: Stats,
              must: re.Pattern | None = None) -> tuple[str, Passage | None, float]:
    """The sentence (or, for a long one, the clauses) that best covers the question (and matches must)."""
    best = ("", None, 0.0)
    for passage in passages:
        for sent in sentences(passage.text):
            if must is not None and not must.search(sent):
                continue
            cov = coverage(stats, grams, bigrams(sent))
            if cov > best[2] + 1e-9:
                best = (sent, passage, cov)
    text, passage, cov = best
    if len(text) > 80:
        text = _best_clauses(grams, text, stats)
    return text, passage, cov


def _best_clauses(grams: dict[str, float], sent: str, stats: Stats, width: int = 3) -> str:
    clauses = [c for c in re.split(r"(?<=[,，;；:：])", sent) if c]
    windows = ["".join(clauses[i:i + width]) for i in range(max(1, len(clauses) - width + 1))]
    return max(windows, key=lambda w: coverage(stats, grams, bigrams(w))).rstrip(",，;；:：")


def names_whom_asked(question: str, span: str) -> bool:
    """"馆长是谁": an answer about a person must name the role asked for (区长 杨宏), not just the place."""
    m = WHO_RE.search(question)
    if not m:
        return True
    role = (m.group(1) or m.group(2))[-2:]
    return role in span


# --- the short answer inside the sentence ---

# what kind of span a question asks for, by its question word
ASK_KINDS: list[tuple[str, re.Pattern]] = [
    ("date", re.compile(r"哪一?天|几月几[日号]|几号|什么时候|何时|哪一?年|哪个月|when\b|what date|which day|which year", re.I)),
    ("rank", re.compile(r"第几|排名|排第|哪一名|what rank|which place", re.I)),
    ("meeting", re.compile(r"(?:哪|什么|哪一)(?:次|个|届)?[\u4e00-\u9fff]{0,6}?(?:会议|大会|全会)|(?:at|in) which (?:meeting|session)|what (?:meeting|session)", re.I)),
    ("person", re.compile(r"谁|哪位|什么人|who\b", re.I)),
    ("org", re.compile(r"哪家|哪些(?:企业|公司)|哪个(?:企业|公司|单位|机构|部门|协定|组织)|which (?:company|firm|enterprise|agreement|organi[sz]ation)",
                       re.I)),
    ("place", re.compile(r"哪里|哪儿|哪个(?:地方|城市|省|市|县|区|国家(?!级)|流域|镇|乡)|哪座|在哪|where\b|which (?:city|place|county|province|river|town)",
                         re.I)),
    ("name", re.compile(r"叫什么|什么名|哪个|哪项|哪部|哪类|哪一|哪些|哪几|哪两|哪场|哪条|什么(?=[\u4e00-\u9fff]{2})(?!时候|样)|什么(?:品牌|称号|计划|工程|行动|战略|政策|荣誉|奖|条例|法|规划|方案|机制|"
                        r"活动|项目|平台|模式|阶段|协定|目标|称|牌|之风|会)|what (?:is the name|programme|program|plan|brand|title|"
                        r"policy|strategy|law|initiative|campaign|award|honou?r)|which", re.I)),
]
RANK_RE = re.compile(r"第[一二三四五六七八九十百千\d]+(?:个|位|名|家|批|届|次|座)?|(?:全[国省市区县]|全球|全世界)?首(?:个|家|座|批|位|条|支|只)")
MEETING_RE = re.compile(r"第[一二三四五六七八九十]+届[\u4e00-\u9fff]{0,16}?(?:大会|全会|会议)(?:第[一二三四五六七八九十]+次(?:全体)?会议)?"
                        r"|党的[一二三四五六七八九十]+大")
DATE_SPAN_RE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|(?:19|20)\d\d年")
QUOTED_RE = re.compile(r"“([^”]{2,24})”|《([^》]{2,30})》|「([^」]{2,24})」")
KIND_PATTERNS = {"meeting": MEETING_RE, "rank": RANK_RE}
ORG_TAIL = re.compile(r"(?:公司|集团|企业|银行|大学|学院|医院|实业|科技|电子|股份|中心|协会|委员会|研究院|实验室|基金|组织|协定|峰会)$")
NAME_TAIL = re.compile(r"(?:计划|工程|行动|战略|政策|品牌|称号|之乡|之都|项目|平台|基地|奖|法|条例|规划|方案|机制|模式|体系|阶段|协定|"
                       r"中心|示范区|试验区|度假区|景区|之风|大县|城市|县|区|市|镇|乡|村|湖|河|流域|突击队|队)$")

def _has_tag(text: str, tags: tuple[str, ...]) -> bool:
    """jieba.posseg tags a word of the text as a person (nr), place (ns), organisation (nt) or name (nz)."""
    import jieba.posseg as pseg

    from .text import _jieba

    _jieba()  # initialised quietly
    return any(flag in tags and len(word) >= 2 for word, flag in pseg.lcut(text))


def _has_person(text: str) -> bool:
    return _has_tag(text, ("nr",))


ASKED_NOUN = re.compile(r"(?:什么|哪个|哪家|哪场|哪些|哪条|哪部|哪类|哪项|哪座|哪两个|哪几个|哪两条|哪几条|哪两|哪几)"
                        r"(?:样的|类的|种)?([\u4e00-\u9fff]{1,6})")


def asked_category(question: str) -> str:
    """The kind of thing a question asks for, as its own word: "建设什么经济带" -> 经济带."""
    from .text import _jieba

    m = ASKED_NOUN.search(question)
    if not m:
        return ""
    tokens = _jieba().lcut(m.group(1))
    word = tokens[0] if tokens else ""
    if len(word) == 1 and len(tokens) > 1:
        word += tokens[1]
    return word if len(word) >= 2 and word not in ("时候", "时间", "地方", "样子", "意思", "名字") else ""


def ask_kind(question: str) -> str | None:
    """The kind of short answer a non-figure question asks for, or None (a description, a judgement)."""
    return next((kind for kind, cue in ASK_KINDS if cue.search(question)), None)


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
    for start, end, token in _tokens(sentence):
        pairs = [token[i:i + 2] for i in range(len(token) - 1)]
        if len(token) >= 2 and (token in question or sum(p in grams for p in pairs) * 2 >= len(pairs)):
            mask[start:end] = [True] * (end - start)
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


def short_span(question: str, sentence: str, grams: dict[str, float]) -> tuple[str, int] | None:
    """The short answer inside the answering sentence (a name, a place, a rank, a date, a programme), with
    its offset in the sentence; None when no span fits the question with confidence."""
    kind = ask_kind(question)
    if kind is None:
        return None
    candidates: list[tuple[float, int, str]] = []

    def add(start: int, text: str, score: float) -> None:
        text = text.strip()
        if text and text not in question and not (len(text) < 2 and kind not in ("rank",)):
            candidates.append((score, start, text))

    category = asked_category(question)
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

    if kind == "date":
        for m in DATE_SPAN_RE.finditer(sentence):
            add(m.start(), m.group(0), 2 + len(m.group(0)) / 10 + near(*m.span()))
    elif kind == "rank":
        for m in RANK_RE.finditer(sentence):
            scope = question[max(0, question.find("第几") - 2):question.find("第几")] if "第几" in question else ""
            bonus = 0.5 if scope and sentence[max(0, m.start() - 2):m.start()] == scope else 0.0
            add(m.start(), m.group(0), 2 + bonus + near(*m.span()))
    elif kind == "meeting":
        for m in MEETING_RE.finditer(sentence):
            text = re.sub(r"^(?:在|于|经)", "", m.group(0))
            add(m.start() + len(m.group(0)) - len(text), text, 2 + near(*m.span()))
    else:
        for m in QUOTED_RE.finditer(sentence):
            inner = next(g for g in m.groups() if g)
            tail = re.match(r"[\u4e00-\u9fff]{0,8}?(?:计划|工程|行动|品牌|称号|之乡|之都|项目|平台|阶段|战略|政策|基地|中心|"
                            r"论坛|峰会|会议|合作|机制|协定|试验区|示范区)", sentence[m.end():])
            if tail and tail.group(0) in ("称号", "品牌", "荣誉", "称谓", "美誉"):
                tail = None  # "获得了什么称号": the name is the answer, not the kind of name
            text = m.group(0) + tail.group(0) if tail else inner
            base = 1.6 if kind in ("name", "org") else 0.8
            add(m.start(), text, base + near(*m.span()))
        for s, e in _runs(sentence, mask):
            most = {"person": 1, "name": 4, "org": 2}.get(kind, 0)
            s2 = _extend_left(sentence, s, most) if most else s
            text = sentence[s2:e]
            if len(text) > 24:
                continue
            # a span answers only with a sign of the kind asked: a person's name, an organisation's or a
            # place's ending, a name's kind word (计划, 称号, 之乡 ...); else the sentence is the answer
            if kind == "person":
                sign = _has_person(sentence[s:e]) and len(text) <= 10
            elif kind == "org":
                sign = bool(ORG_TAIL.search(text)) or _has_tag(sentence[s:e], ("nt", "nr", "nz"))
            elif kind == "place":
                sign = bool(re.search(r"(?:省|市|县|区|镇|乡|村|湖|河|流域|山|岛|港)$", text)) or _has_tag(text, ("ns",))
            else:
                sign = bool(NAME_TAIL.search(text))
            if sign:
                add(s2, text, 1.2 + near(s, e))
            elif category and sentence.startswith(category, e) and len(text) <= 16:
                # "建设什么经济带" ~ "建设长江经济带": the words right before the kind the question names
                add(s, sentence[s:e] + category, 1.2 + near(s, e))
    if not candidates:
        return None
    score, start, text = max(candidates, key=lambda c: (c[0], -len(c[2])))
    if score < 1.5:  # the kind asked is not there with confidence: answer with the sentence
        return None
    return text, start
