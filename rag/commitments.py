"""Commitments of the plan (pledges and targets) and the lookup of every one that concerns a topic.

A commitment is one sentence of the plan: of the year's work plan (its targets, requirements and
every work area) and of the five-year goals. A topic lookup returns all commitments that name the
topic or the words reports use for it, plus those the embedding model finds close enough: a
thresholded set, never a top-k.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from .calibration import Calibration
from .chunking import sentences
from .documents import ADDRESS_RE, PART_RE, SECTION_RE, Document, Paragraph
from .figures import figures_in
from .lexicon import topic_elsewhere, topic_parts, topic_terms
from .models import Commitment, CommitmentResult
from .text import cut, in_order, normalize, STOPWORDS

MARKERS = ("力争", "确保", "加快", "推动", "推进", "新建", "新增", "新培育", "实施", "建设", "打造", "完成", "启动",
           "开工", "培育", "深化", "实现", "提升", "建成", "争创", "创成", "落实", "开展", "强化", "完善", "支持",
           "构建", "健全", "促进", "扩大", "持续", "全面", "大力", "积极", "坚决", "稳定在", "控制在", "突破", "达到")
# "今年是…开局之年", "当前…": the situation, not a pledge
SITUATION_CUE = re.compile(r"^(?:今年是|当前|目前|这些年|过去|我们也|同时也要看到|在看到|我国发展)")
PLEDGE_WORDS = ("要", "将", "着力", "抓好", "坚持", "继续", "进一步", "今年", "拟", "力争", "安排")
LIST_MARK = re.compile(r"[、“”‘’]")
COUNTED_ITEM = re.compile(r"^[一二三四五六七八九十]+(?:要|是)")  # 一要…, 二是…: an item a paragraph counts off
PREAMBLE_CUE = re.compile(r"(?:目标|要求|任务)(?:是|为)[:：]|上述目标")  # "主要预期目标是:", "总体要求是:"


def _is_target_part(para: Paragraph) -> bool:
    return para.period.forward


def commitment_paragraphs(doc: Document) -> list[Paragraph]:
    """Paragraphs of the target and goal parts (not the part headings, nor a bare "各位代表!" address)."""
    out = []
    for para in doc.paragraphs:
        if not _is_target_part(para) or PART_RE.match(para.text) or not _body(para.text):
            continue
        # national reports set out their tasks in paragraphs straight under the part, with no numbered
        # sections: every paragraph of a target part may pledge (its sentences are filtered by _pledges)
        out.append(para)
    return out


def _body(text: str) -> str:
    """A paragraph without the address it opens with: "各位代表!工业是立区之本…新的一年,我们将…" closes a work area
    with what the government will do."""
    return ADDRESS_RE.sub("", text, count=1).strip() if ADDRESS_RE.match(text) else text


def _pledges(para: Paragraph, sent: str) -> bool:
    """Inside a numbered work area or a work item under its lead phrase every sentence is a pledge; elsewhere
    only one that says what will be done."""
    if len(para.section_path) > 1 or PREAMBLE_CUE.search(para.text):
        return True
    if para.lead:  # a work item headed by its lead phrase (national reports number none): each sentence is a task
        return not _situation(sent)
    return any(m in sent for m in MARKERS + PLEDGE_WORDS) and not _situation(sent)


def _situation(sent: str) -> bool:
    """The sentence states the situation ("今年是…开局之年"), unless it goes on to say what is to be done
    ("当前…已进入常态化防控阶段，要…更加科学、精准、高效做好防控工作")."""
    return bool(SITUATION_CUE.search(sent)) and not re.search(r"[，,；;](?:我们)?(?:要|必须|将|需要)", sent)


# "X是Y" in one clause; not "二是推进城镇保障性安居工程建设", an item of a list of tasks
STATEMENT = re.compile(r"^(?![一二三四五六七八九十]+是)[^，,；;：:]{1,30}?(?:都|也|就|才)?是[^，,；;：:]+$")


# what a view of the work says of it: what it bears, what it bears on, whose duty it is
VIEW = re.compile(r"承载着|事关|关乎|关系到|人人有责|是硬任务|是重中之重|是头等大事")


def _statement(text: str) -> bool:
    """One clause that says what something is ("就业是最基本的民生", "国有企业、民营企业、外资企业都是现代化建设的
    重要力量"), or a view of what the work bears on ("教育承载着国家的未来", "保护环境，人人有责"): a view of the
    work, not a task, unless it says what is to be done."""
    unpledged = not any(w in re.sub(r"[重主需只]要", "", text) for w in PLEDGE_WORDS)
    return unpledged and (bool(STATEMENT.match(text))
                          or bool(VIEW.search(text)) and not any(m in text for m in MARKERS) and not re.search(r"\d", text))


def extract_commitments(documents: list[Document]) -> list[Commitment]:
    """One record per pledge sentence, with its figures, markers and keywords."""
    out: list[Commitment] = []
    for doc in documents:
        for para in commitment_paragraphs(doc):
            for sent in sentences(_body(para.text)):
                text = sent.rstrip("。；;")
                if len(text) < 6:
                    continue
                # a work area's heading and a work item's lead phrase are its first pledge (（六）稳定粮食生产和
                # 推进乡村振兴, 深化国资国企改革), unless they state a view ("开放也是改革")
                titled = bool(SECTION_RE.match(text)) or text == para.lead
                if not (titled or _pledges(para, sent)) or _statement(text) or titled and _situation(text):
                    continue
                figs = figures_in(sent, para.period)
                for f in figs:
                    f.section, f.paragraph, f.doc = para.section, para.number, doc.doc_id
                cid = hashlib.sha1(f"{doc.doc_id}\n{para.number}\n{text}".encode()).hexdigest()[:16]
                out.append(Commitment(
                    id=f"{doc.doc_id}:{cid}", text=text, doc=doc.doc_id, section=para.section,
                    paragraph=para.number, lead=para.lead, title=titled, period=para.period, figures=figs,
                    markers=[m for m in MARKERS if m in text],
                    keywords=_keywords(text)))
    return out


def _keywords(text: str, limit: int = 12) -> list[str]:
    words = [w for w in cut(text) if len(w) >= 2 and w not in STOPWORDS and not w.isdigit()]
    return list(dict.fromkeys(words))[:limit]


def commitment_text(c: Commitment) -> str:
    """What the embedder sees of a commitment: its section and its text."""
    return f"{c.section}\n{c.text}"


def topic_signals(index, retriever, topic: str) -> tuple[list[int], np.ndarray]:
    """Per commitment: 2 when it (or its paragraph's lead phrase) names the topic itself or a specific word
    for it (three characters or more), 1 when only a short word for it (the lexicon's topic terms), 0 when
    neither; and its cosine with the topic. Independent of the thresholds (rag.calibration)."""
    own = normalize(topic)
    terms = [normalize(t) for t in topic_terms(topic)]
    elsewhere = [normalize(c) for c in topic_elsewhere([own, *terms])]
    parts = [[normalize(w) for w in words] for words in topic_parts(own)]
    if not parts and len(halves := [w for w in cut(own) if w.strip()]) == 2 and all(len(w) >= 2 for w in halves):
        parts = [[w] for w in halves]  # 对口协作 ~ a lead phrase "深化区域协作与对口支援" names both its words
    levels = []
    # a paragraph that opens on the topic as its subject ("城镇化是我国现代化建设的历史任务。…特大城市要…") is
    # about it: each of its sentences concerns the topic, though only the first names it
    opening: dict[tuple[str, int], str] = {}
    for c in index.commitments:
        opening.setdefault((c.doc, c.paragraph), normalize(c.text))
    opens_on = re.compile(re.escape(own) + r"(?:是|要|工作|建设)") if len(own) >= 2 else None
    # the topic's words with a few words between (涉企收费 ~ 涉企行政事业性收费, 涉企经营性收费): the topic itself
    words = [w for w in cut(own) if w.strip()]
    # a short form of three characters written out in a few more (自贸区 ~ 加快实施自由贸易区战略): its characters in
    # order within twice its length, the first and the last its own
    compact = (re.compile("".join(re.escape(ch) + (r"[\u4e00-\u9fff]{0,2}?" if k < len(own) - 1 else "")
                                  for k, ch in enumerate(own)))
               if len(own) == 3 and re.fullmatch(r"[\u4e00-\u9fff]{3}", own) else None)
    spread = (re.compile(r"[^，,。；;：:、]{0,8}?".join(re.escape(w) for w in words))
              if 2 <= len(words) <= 3 and all(len(w) >= 2 for w in words) else None)
    for c in index.commitments:
        # a paragraph whose lead phrase names every part of the topic (重拳治理大气雾霾和水污染 ~ 大气污染) is
        # about it: each of its sentences concerns the topic
        lead = normalize(c.lead)
        if (lead and parts and all(any(w in lead for w in words) for words in parts)) or (
                opens_on is not None and opens_on.match(opening[(c.doc, c.paragraph)])):
            levels.append(2)
            continue
        # a work item's lead phrase speaks for its sentences (推动医改向纵深发展), unless it names the topic as one of
        # several things (加强粮食和重要农产品稳产保供: 种业振兴, 病虫害防控 concern the item, not the topic):
        # then only the sentences themselves
        shared = any(t and re.search(rf"[和与及、]{re.escape(t)}|{re.escape(t)}(?:和|与|及|、|等)", lead) for t in terms)
        text = normalize(c.text if shared else f"{c.lead} {c.text}")
        for compound in elsewhere:  # 加强全民国防教育 does not name 教育
            text = text.replace(compound, " ")
        listed = LIST_MARK.sub("", text)  # 碳达峰碳中和 is written 碳达峰、碳中和
        named = [t for t in terms if t and (t in text or t in listed)]
        # the topic itself, or a specific word for it (银发经济, 棚户区改造): 2; only a short, broad one (健康, 项目),
        # a lead phrase that names it among others, or a section heading the topic abbreviates (扩大内需 ~
        # （一）着力扩大国内需求): 1
        abbreviated = len(own) >= 3 and _abbreviates(own, c.section.split(" > ")[-1])
        levels.append(2 if own and (own in text or own in listed) or any(len(t) >= 3 for t in named)
                      or spread is not None and spread.search(normalize(c.text))
                      or compact is not None and compact.search(text)  # 自贸区 ~ 自由贸易区, 自贸试验区
                      or shared and named  # a lead phrase naming it among others, a word for it under that lead
                      else 1 if named or abbreviated or shared else 0)
    # an item a paragraph counts off (一要…, 二是…) that names the topic speaks for the sentences after it, up to
    # the next one ("三要强化机动车尾气治理。基本淘汰黄标车…"): they concern the topic as its lead's sentences do
    under, place = False, None
    for i, c in enumerate(index.commitments):
        if (c.doc, c.paragraph) != place:
            under, place = False, (c.doc, c.paragraph)
        if COUNTED_ITEM.match(c.text):
            under = levels[i] == 2
        elif under:
            levels[i] = 2
    # a work item whose sentences mostly name the topic is about it: each of its sentences concerns the topic
    items: dict[tuple[str, int], list[int]] = {}
    for i, c in enumerate(index.commitments):
        if c.lead and not c.title:
            items.setdefault((c.doc, c.paragraph), []).append(i)
    for members in items.values():
        if len(members) >= 2 and 2 * sum(levels[i] == 2 for i in members) >= len(members):
            for i in members:
                levels[i] = max(levels[i], 1)
    return levels, _semantic_scores(index, retriever, topic)


def _abbreviates(short: str, heading: str) -> bool:
    """Whether a Chinese term is the abbreviation of words in a heading: its characters in order (扩大内需 ~
    扩大国内需求), not the term itself."""
    return short not in heading and in_order(short, heading)


def select_commitments(levels: list[int], scores: np.ndarray, cal: Calibration,
                       places: list[tuple[str, int]] | None = None, titles: list[bool] | None = None) -> list[int]:
    """The commitments that concern the topic:
    - those that name it;
    - those that name only a word reports use for it (粮食 for 农业), when the model also finds them
      close to the topic (within commitment_term_margin of the best match): such words are broad;
    - those the model finds close enough without a word for it: e5-small packs cosines tightly, so
      only near its best match and in a paragraph (`places`: doc, paragraph) where the topic's words
      stand; further out, and anywhere, only when the report's words for the topic find nothing.
    The best match is that of a sentence: a heading or lead phrase (`titles`) is short and names its
    area in few words, so the model puts it closer to a topic than any sentence under it."""
    best = best_sentence_score(scores, titles)
    named = any(levels)
    near = {places[i] for i in range(len(levels)) if levels[i]} if places is not None and named else None
    out = []
    for i, level in enumerate(levels):
        close = bool(scores.size) and scores[i] >= cal.commitment_floor
        gap = best - float(scores[i]) if scores.size else 0.0
        if level == 2 or (level == 1 and (not scores.size or gap <= cal.commitment_term_margin)):
            out.append(i)
        elif level == 0 and close and named and gap <= cal.commitment_margin and (near is None or places[i] in near):
            out.append(i)
        elif level == 0 and close and not named and gap <= cal.commitment_fallback_margin:
            out.append(i)
    return out


def best_sentence_score(scores: np.ndarray, titles: list[bool] | None) -> float:
    """The model's best match among the sentences (not the headings or lead phrases, `titles`); 0.0 when none."""
    sentences = [i for i in range(len(scores)) if not (titles and titles[i])]
    return float(scores[sentences].max()) if scores.size and sentences else 0.0


def between_chosen(chosen: list[int], commitments: list[Commitment], scores: np.ndarray, cal: Calibration) -> list[int]:
    """A pledge between two chosen ones of its paragraph concerns the topic too, when the model finds it about
    as close as a report's word for the topic must be (commitment_fallback_margin of the best sentence): a
    paragraph's run of sentences on a topic may name it in its first and last sentences only."""
    if not scores.size:
        return chosen
    picked = set(chosen)
    best = best_sentence_score(scores, commitment_titles(commitments))
    for i in chosen:
        j = i + 2
        if j in picked and i + 1 not in picked and best - float(scores[i + 1]) <= cal.commitment_fallback_margin and all(
                commitments[k].doc == commitments[i].doc and commitments[k].paragraph == commitments[i].paragraph
                and not commitments[k].title for k in (i + 1, j)):
            picked.add(i + 1)
    return sorted(picked)


def _heads(title: Commitment, c: Commitment) -> bool:
    """Whether a heading or lead phrase heads the sentence: a lead phrase the sentences of its paragraph, a work
    area's heading ("（四）以创新引领实体经济转型升级") every commitment of its area."""
    if c.doc != title.doc or c.title:
        return False
    return c.paragraph == title.paragraph or bool(SECTION_RE.match(title.text)) and c.section == title.section


def fold_titles(found: list[Commitment], followed: list[bool]) -> list[Commitment]:
    """A heading or lead phrase is the name of the pledges under it, not one more item beside them: with the
    sentence that follows it in its paragraph (`followed`: the next commitment found is the next in the report)
    it is one item as the report writes it ("深化国资国企改革。完成区属国企主业核定…"); with other sentences of
    its own found, it is their lead and no item of its own; alone, it is the item (the only pledge found there)."""
    out: list[Commitment] = []
    skip = False
    for k, c in enumerate(found):
        if skip:
            skip = False
            continue
        if not c.title:
            out.append(c)
            continue
        nxt = found[k + 1] if k + 1 < len(found) else None
        if nxt is not None and followed[k] and not nxt.title and nxt.paragraph == c.paragraph and nxt.doc == c.doc:
            sep = "" if c.text[-1:] in "。；;！!？?" else "。"
            out.append(nxt.model_copy(update={"text": f"{c.text}{sep}{nxt.text}", "lead": nxt.lead or c.text,
                                              "markers": list(dict.fromkeys(c.markers + nxt.markers)),
                                              "keywords": list(dict.fromkeys(c.keywords + nxt.keywords)),
                                              "figures": c.figures + nxt.figures,
                                              "score": max(c.score, nxt.score)}))
            skip = True
        elif not any(_heads(c, d) for d in found):
            out.append(c)
    return out


def commitment_places(commitments) -> list[tuple[str, int]]:
    return [(c.doc, c.paragraph) for c in commitments]


def commitment_titles(commitments) -> list[bool]:
    return [c.title for c in commitments]


def find_commitments(index, retriever, topic: str, docs=None, include_goals: bool = False) -> CommitmentResult:
    """Every commitment that concerns the topic (of the given reports; all when docs is None), grouped by
    section in report order: the tasks and targets of the year the report plans, and with include_goals also
    the goals of the five-year plan it sets out (十三五 goals in the 2016 report, 2030 goals in a 2026 one)."""
    commitments = index.commitments
    if not commitments:
        return CommitmentResult(topic=topic, message="索引中没有提取到承诺事项（请重新构建索引）")
    levels, scores = topic_signals(index, retriever, topic)
    if docs is not None:  # the scope decides which commitments compete, and which is the best match
        keep = [i for i, c in enumerate(commitments) if c.doc in docs]
        commitments = [commitments[i] for i in keep]
        levels = [levels[i] for i in keep]
        scores = scores[keep] if scores.size else scores
    chosen = between_chosen(select_commitments(levels, scores, index.calibration, commitment_places(commitments),
                                               commitment_titles(commitments)), commitments, scores, index.calibration)
    found = fold_titles([commitments[i].model_copy(update={"score": round(float(scores[i]) if scores.size else 1.0, 4)})
                         for i in chosen], [chosen[k + 1] == i + 1 for k, i in enumerate(chosen[:-1])] + [False])
    goals = [c for c in found if c.period.kind == "goal"]
    if not include_goals:  # the year's tasks and targets; a five-year plan's goals only when asked for
        found = [c for c in found if c.period.kind != "goal"]
    message = "" if found else f"报告的计划部分没有与「{topic}」相关的承诺事项"
    if not found and goals:
        message += f"（另有{len(goals)}项五年规划目标，可加上规划目标一并查看）"
    return CommitmentResult(topic=topic, commitments=found, message=message)


def _semantic_scores(index, retriever, topic: str) -> np.ndarray:
    vectors = getattr(index, "commitment_vectors", None)
    if vectors is None or len(vectors) != len(index.commitments):
        return np.zeros(0, dtype=np.float32)
    return vectors @ retriever.embed(f"{topic}")
