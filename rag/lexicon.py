"""The vocabulary of Chinese government work reports: English glosses and everyday synonyms.

Reports name their statistics in fixed official terms (地区生产总值, 社会消费品零售总额, 城镇调查失业率);
people ask with everyday words (GDP, 消费, 失业率) or in English. These tables map the usual ways of
asking to the official terms, so lexical matching works across the gap. They are about the genre,
not about one report: the tables are data (rag/data/lexicon.toml, rag/data/genre.toml), this
module holds the logic.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def lexicon_data() -> dict[str, dict[str, tuple[str, ...]]]:
    """The genre lexicon (rag/data/lexicon.toml): zh_synonyms, en_glossary, topic_terms."""
    with resources.files("rag").joinpath("data/lexicon.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    return {table: {k: tuple(v) for k, v in entries.items()} for table, entries in raw.items()}


@lru_cache(maxsize=1)
def genre_data() -> dict:
    """The genre's conventions (rag/data/genre.toml): period words, part headings, place words."""
    with resources.files("rag").joinpath("data/genre.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def _english_re() -> tuple[dict[str, tuple[str, ...]], re.Pattern]:
    glossary = lexicon_data()["en_glossary"]
    keys = sorted(glossary, key=len, reverse=True)
    # a key also matches its plural (technology contract ~ technology contracts)
    return glossary, re.compile(r"(?<![a-z])(" + "|".join(re.escape(k) for k in keys) + r")(?:e?s)?(?![a-z])")


@lru_cache(maxsize=512)
def _glossed(text: str) -> tuple[tuple[int, int, str], ...]:
    """The glossary's phrases in a lower-cased text (start, end, key): the longest first wherever it stands,
    then the longest of what is left ("fiscal deficit-to-gdp ratio" is one phrase, not "fiscal deficit" and
    GDP), in text order."""
    glossary, pattern = _english_re()
    found = []
    at = 0
    while m := pattern.search(text, at):  # every phrase that starts anywhere, not only the leftmost's
        found.append((m.start(), m.end(), m.group(1)))
        for length in range(m.end() - m.start() - 1, 0, -1):  # and the shorter ones that start there
            if (n := pattern.match(text, m.start(), m.start() + length)) and n.end() == m.start() + length:
                found.append((n.start(), n.end(), n.group(1)))
        at = m.start() + 1
    taken: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, key))
    return tuple(sorted(taken))


@lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    """The provinces, autonomous regions and municipalities by their short names (genre.toml places.provinces)."""
    return tuple(genre_data()["places"]["provinces"])


@lru_cache(maxsize=1)
def place_words() -> tuple[str, ...]:
    """Words that only say "the place the report is about" (全国, 全区, 我市): never matching terms."""
    return tuple(genre_data()["places"]["words"])


@lru_cache(maxsize=1)
def class_words() -> tuple[str, ...]:
    """Words that make a mention a class of things, not the name of one (规上, 公立, 大中型, 知名 ...)."""
    return tuple(sorted(genre_data()["names"]["class_words"], key=len, reverse=True))


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Words of the genre jieba tags as proper names that name no one (党和国家, 党风廉政, 长足进展 ...)."""
    return frozenset(genre_data()["names"].get("not_names", ()))


def gloss_groups(text: str) -> list[tuple[str, ...]]:
    """The Chinese official terms of each English phrase of a text the glossary knows (longest phrase
    first, no overlaps): one tuple of alternatives per phrase."""
    glossary = _english_re()[0]
    return [glossary[key] for _, _, key in _glossed(text.lower())]


def gloss_english(text: str) -> list[str]:
    """Chinese official terms for the English words of a question (longest phrase first, no overlaps)."""
    return flat_terms(gloss_groups(text))


def flat_terms(groups) -> list[str]:
    """Terms grouped by the word they stand for, as one list, each once, in order."""
    out: list[str] = []
    for group in groups:
        out.extend(t for t in group if t not in out)
    return out


def unglossed_english(text: str) -> str:
    """An English text without the phrases the glossary knows (what is left for the dictionary)."""
    return _unglossed(text.lower())


def _unglossed(text: str) -> str:
    for start, end, _ in reversed(_glossed(text)):
        text = text[:start] + " " + text[end:]
    return text


def expand_terms(text: str) -> list[str]:
    """Chinese terms of a question: its own words' official forms, and English glossed to Chinese.

    Longest keys first, each match taken out of the text, so 人均GDP is not also read as GDP.
    """
    return flat_terms(term_groups(text))


def term_groups(text: str) -> list[tuple[str, ...]]:
    """expand_terms by the word they stand for: one tuple of alternatives per word or phrase of the
    question (per capita -> 人均, 每人): any one of them says what the word says."""
    rest = text.lower()
    groups: list[tuple[str, ...]] = []
    english = len(re.findall(r"[a-z]{2,}", rest)) * 2 > len(re.findall(r"[\u4e00-\u9fff]", rest))
    if english:  # English phrases first: "per-capita GDP" is one term, not GDP
        groups = gloss_groups(rest)
        rest = _unglossed(rest)
    groups.extend(official for _key, official in everyday_words(rest))
    loose = lexicon_data().get("zh_everyday", {})
    # 私家车 ~ 家用汽车: words to match, not statistics to hold to
    groups.extend(loose[key] for key in _longest_first(rest, loose))
    if not english:
        groups.extend(gloss_groups(rest))
    return groups


def topic_terms(topic: str) -> list[str]:
    """The words by which a report speaks of a topic: the topic, its parts, its vocabulary, its gloss."""
    from .text import content_runs

    terms = [topic]
    parts = [w for run in content_runs(topic) for w in re.split(r"[和与及、,，/ ]+", run) if len(w) >= 2]
    terms.extend(parts)
    table = lexicon_data()["topic_terms"]
    if topic in table:  # a topic the lexicon knows itself (安全生产) takes its own words, not a broader key's (安全: 治安)
        table = {topic: table[topic]}
    for key, words in table.items():
        # a topic that is the key, begins with it or is two keys (医疗卫生, 生态环境, 科技创新); not one that
        # only ends in it (营商环境 is no environment topic, 保障性住房 no housing market one)
        if any(part == key or part.startswith(key) or part.endswith(key) and part[:-len(key)] in table
               for part in [topic, *parts]):
            terms.extend(words)
    terms.extend(gloss_english(topic))
    seen: list[str] = []
    for t in terms:
        if t and t not in seen:
            seen.append(t)
    return seen


def topic_elsewhere(terms: list[str]) -> list[str]:
    """The compounds that hold one of a topic's words but belong to another field (lexicon topic_elsewhere:
    国防教育 for 教育), longest first."""
    table = lexicon_data().get("topic_elsewhere", {})
    return sorted({c for t in terms for c in table.get(t, ())}, key=len, reverse=True)


def topic_parts(topic: str) -> list[tuple[str, ...]]:
    """A compound topic as its parts, each with the words reports use for it: 大气污染 -> (大气, 雾霾 …),
    (污染, 排放 …); 国企改革 -> (国企, 国有 …), (改革,). The topic begins with a key of the lexicon's
    topic_terms; the rest is a key too, or kept as it is. [] when it begins with no key."""
    table = lexicon_data()["topic_terms"]
    for key in sorted(table, key=len, reverse=True):
        rest = topic[len(key):]
        if topic.startswith(key) and rest:
            return [(key, *table[key]), (rest, *table.get(rest, ()))]
    return []


EN_ASK_RE = re.compile(r"\b(?:which|what|name of)\s+(?=([a-z0-9' -]+))", re.I)  # also "the name of China's first aircraft carrier"


def kind_endings(kind: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The endings a name of the class a Chinese question names may have (文件 -> 纲要, 条例 …; 税种 -> 税),
    from the lexicon's zh_kinds table: for the whole kind or its last words (主场外交活动 -> 外交活动)."""
    table = lexicon_data().get("zh_kinds", {})
    for i in range(len(kind)):
        if (key := "".join(kind[i:])) in table:
            return tuple(table[key])
    return ()


def verb_forms(verb: str) -> tuple[str, ...]:
    """The other verbs for the same action (改成 -> 改为, 变成 …), from the lexicon's zh_verbs groups."""
    return tuple(v for group in lexicon_data().get("zh_verbs", {}).get("groups", []) if verb in group
                 for v in group if v != verb)


EN_NP_END = re.compile(r"^(?:did|does|do|is|was|were|are|will|would|has|have|had|should|shall|can|could|must|may|to|that|"
                       r"which|who|where|when|in|on|at|by|with|from|under|during|for|of)$")


def english_kinds(question: str) -> list[str]:
    """"Which pilot free trade zone did …" -> the endings of a Chinese name of that kind (试验区, 区 …), from the
    lexicon's en_kinds table: for the words after which/what up to the verb (at most six), those of the head
    noun (the last the table knows) first, then those of the words before it (pilot: 试点); [] when the
    question asks for no kind of name."""
    kinds = lexicon_data().get("en_kinds", {})
    for m in EN_ASK_RE.finditer(question.lower()):
        found: list[list[str]] = []
        after_kind = False
        words = m.group(1).split()
        for i, word in enumerate(words[:6]):
            if word == "of" and not found and i and words[i - 1] in ("kind", "kinds", "type", "types", "sort", "form",
                                                                     "batch", "category"):
                continue  # "what kind of insurance system", "which type of port": the kind is after "of"
            if EN_NP_END.match(word) or found and re.fullmatch(r"[a-z]+ed", word):
                break  # "which two countries signed free trade agreements": the noun ends at its verb
            word = re.sub(r"'s$|[^a-z0-9-]+$", "", word)
            known = next((form for form in (word, word[:-1] if word.endswith("s") else "",
                                            word[:-3] + "y" if word.endswith("ies") else "") if form in kinds), None)
            if known is None and found and after_kind and re.fullmatch(r"[a-z]+[^s']s", word):
                break  # "what campaign pairs private enterprises": a verb right after the noun asked
            after_kind = known is not None
            if known is not None:
                found.append(list(kinds[known]))
        if found:
            return list(dict.fromkeys(k for endings in reversed(found) for k in endings))
    return []


def named_metrics(text: str) -> list[tuple[str, ...]]:
    """The statistics a Chinese question names with the lexicon's everyday words (GDP, CPI, 失业率 ...): for
    each, the words a figure's clause may use for it (the word itself and its official terms)."""
    return list(_named_metrics(text))


@lru_cache(maxsize=256)  # asked once per figure a question's answer is chosen among
def _named_metrics(text: str) -> tuple[tuple[str, ...], ...]:
    if len(re.findall(r"[a-z]{2,}", text.lower())) * 2 > len(re.findall(r"[\u4e00-\u9fff]", text)):
        return ()  # English: the glossary's words are too loose a test (measured: more refused than saved)
    # 占GDP的比重, 在GDP中的占比: GDP is the denominator
    rest = re.sub(r"占[^，,。？?]{0,8}?(?:的)?(?:比重|比例)|在[^，,。？?]{1,8}?(?:中|里|当中)的?(?:占比|比重|比例|份额)",
                  " ", text.lower())
    return tuple((key, *terms) for key, terms in everyday_words(rest))


@lru_cache(maxsize=1)
def _official_forms() -> dict[str, tuple[str, ...]]:
    """Official term (four characters or more) -> every form of it the lexicon knows: the term, the everyday
    words for it and the other official terms those words stand for (国内生产总值 ~ GDP ~ 地区生产总值)."""
    synonyms = lexicon_data()["zh_synonyms"]
    out: dict[str, list[str]] = {}
    for key, terms in synonyms.items():
        for term in terms:
            if len(term) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", term):
                forms = out.setdefault(term, [term])
                forms.extend(f for f in (key, *terms) if f not in forms)
    return {k: tuple(v) for k, v in out.items()}


def official_terms(text: str) -> list[tuple[str, ...]]:
    """The official statistics a Chinese question names in their own words (社会消费品零售总额), each with its
    forms; longest first, each taken out of the text once found."""
    return list(_official_terms(text))


@lru_cache(maxsize=256)  # asked once per figure a question's answer is chosen among
def _official_terms(text: str) -> tuple[tuple[str, ...], ...]:
    forms = _official_forms()
    return tuple(forms[term] for term in _longest_first(text, forms))


def _longest_first(text: str, keys) -> list[str]:
    """The keys found in a text (compared lower-cased), longest first, each taken out of the text once found
    (单位GDP能耗 is not also GDP)."""
    rest = text.lower()
    found = []
    for key in sorted(keys, key=len, reverse=True):
        if key.lower() in rest:
            found.append(key)
            rest = rest.replace(key.lower(), " ")
    return found


def everyday_words(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The lexicon's everyday words in a Chinese text with their official terms, longest first, each
    taken out of the text once found (单位GDP能耗 is not also GDP)."""
    synonyms = lexicon_data()["zh_synonyms"]
    return [(key, synonyms[key]) for key in _longest_first(text, synonyms)]


def contrasted(question: str, clause: str) -> bool:
    """Whether the clause speaks of another member of a group the question names one of (genre.toml
    contrasts, groups and distinct): 城镇居民 asked, 全国居民 stated. A member may have several forms
    ("高速铁路|高铁"), any of which says it."""
    for forms, words in _contrast_groups("groups", "distinct", "subjects"):
        asked = [member for member in forms if any(_says(question, w, words) for w in member)]
        if asked and not any(_says(clause, w, words) for member in asked for w in member) and any(
                _says(clause, w, words) for member in forms if member not in asked for w in member):
            return True
    return False


def subject_unsaid(question: str, passage: str) -> bool:
    """Whether the question names a subject of statistics (genre.toml contrasts.subjects: 电解铝, 民航) that the
    figure's passage does not say in any of its forms: the figure is of something else."""
    for forms, words in _contrast_groups("subjects"):
        if any(any(_says(question, w, words) for w in member) and not any(_says(passage, w, words) for w in member)
               for member in forms):
            return True
    return False


@lru_cache(maxsize=8)
def _contrast_groups(*keys: str) -> tuple[tuple[list[list[str]], list[str]], ...]:
    """The contrast groups under the given keys of genre.toml, each as its members' forms ("高速铁路|高铁" ->
    [高速铁路, 高铁]) and all its forms together, read once."""
    contrasts = genre_data()["contrasts"]
    out = []
    for group in (group for key in keys for group in contrasts.get(key, [])):
        forms = [member.split("|") for member in group]
        out.append((forms, [w for member in forms for w in member]))
    return tuple(out)


def _says(text: str, word: str, group: list[str]) -> bool:
    """The text says the word itself, not only inside a longer word of its group (出口 of 进出口)."""
    for longer in group:
        if word != longer and word in longer:
            text = text.replace(longer, "")
    return word in text


def names_a_part(question: str, clause: str) -> bool:
    """Whether the clause speaks of one of two parts (中央财政 / 地方财政, 出口 / 进口) of what a question asks
    without naming either: "财政赤字" asked, "中央财政赤字1.4万亿元" is a part of it, not the whole."""
    for group in genre_data()["contrasts"]["groups"]:
        if len(group) == 2 and not any(w in question for w in group) and sum(w in clause for w in group) == 1:
            return True
    return False


def zh_synonyms(word: str) -> tuple[str, ...]:
    """The official terms the lexicon gives for an everyday word (能耗 -> 能源消耗, 能源消耗强度 ...)."""
    return lexicon_data()["zh_synonyms"].get(word, ())


def code_words(code: str) -> tuple[str, ...]:
    """How a report may write a code a question names: 4G as 第四代移动通信 (the lexicon's zh_synonyms)."""
    return lexicon_data()["zh_synonyms"].get(code.upper(), ())
