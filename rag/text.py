"""Chinese tokenization (jieba) and text normalization shared by BM25, matching and evaluation."""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from functools import lru_cache

PUNCT_RE = re.compile(r"^[\W_]+$", re.UNICODE)
# Function words that carry no topic in a question about a report
STOPWORDS = frozenset("""的 了 和 与 及 以及 是 在 有 为 对 把 被 将 等 个 多少 几 哪些 哪个 什么 怎么 如何 吗 呢 么 啊 吧
这 那 其 之 或 并 也 都 又 还 请问 请 一下 是多少 有多少 达到 到底 要 会 能 从 上 中 下 年 今年 去年 明年 我们 我 你
哪 谁 what how much many the of a an in to is was for by and on did does do which who what's
哪家 哪里 哪个 哪些 哪次 哪类 哪部 哪一 哪一天 哪一年 哪项 哪位 哪种 哪样 哪所 哪座 哪条 哪届 第几 叫 叫什么 名字 现在 目前 一共 总共 大概 大约 具体 专门 那个
这个 这份 分别 是否 有没有 多大 多高 多长 打算 计划 预计 准备 能够 可以 应该 需要 得到 拿到 获得 有关 关于 方面""".split())


@lru_cache(maxsize=1)
def _jieba():
    with warnings.catch_warnings():  # jieba reads its dictionary through pkg_resources where setuptools has it
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def is_word(text: str) -> bool:
    """jieba's dictionary holds the word (减税, 省钱; not 增就)."""
    return text in _jieba().dt.FREQ


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, collapsed spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba's fine-grained cut, without punctuation and function words."""
    tokens = _jieba().lcut_for_search(normalize(text))
    return [t for t in (t.strip() for t in tokens) if t and not PUNCT_RE.match(t) and t not in STOPWORDS]


def content_runs(text: str) -> list[str]:
    """The question's content: jieba words without function words, neighbours joined back into runs."""
    text = normalize(text)
    runs = re.findall(r"[“\"「『]([^”\"」』]{1,20})[”\"」』]", text)  # a quoted name stays whole: “四上”
    buf = ""
    for token in _jieba().lcut(text):
        if not token.strip() or PUNCT_RE.match(token) or token in STOPWORDS:
            if buf:
                runs.append(buf)
            buf = ""
        else:
            buf += token
    if buf:
        runs.append(buf)
    return runs


def cut(text: str) -> list[str]:
    """Plain jieba segmentation (one cut, no overlapping sub-words), punctuation dropped."""
    return [t for t in _jieba().lcut(normalize(text)) if t.strip() and not PUNCT_RE.match(t)]


def in_order(short: str, text: str) -> bool:
    """The characters of a short form stand in the text in order (扩大内需 ~ 扩大国内需求, 北交所 ~ 北京证券交易所)."""
    rest = iter(text)
    return all(ch in rest for ch in short)


COLLOQUIAL = (("啥", "什么"), ("咋", "怎么"))


def plain_wording(question: str) -> str:
    """A question's colloquial question words as the written ones ("队伍叫啥" -> "队伍叫什么")."""
    for spoken, written in COLLOQUIAL:
        question = question.replace(spoken, written)
    return question
