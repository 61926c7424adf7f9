"""Schemathesis hooks for bench/api_schemathesis.sh: lone surrogates in JSON bodies.

Schemathesis never generates a lone surrogate (it cannot encode one in UTF-8), but a JSON body can carry one
as an escape ("\\ud800") and Python's json accepts it. This hook puts one, in about half of the generated
bodies, into a string or a key anywhere in the body; the API must answer 422, never 500.

    SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH=bench schemathesis run ...
"""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

SURROGATES = ["\ud800", "\udfff", "开州\udc00区", "\ud83d"]  # high, low, inside text, half of an emoji


def spots(value, path: tuple = ()):
    """Where a string can be spoiled: ("value", path) for each string, ("key", path) for each key."""
    if isinstance(value, str):
        yield ("value", path)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield ("key", path + (k,))
            yield from spots(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from spots(v, path + (i,))


def spoil(value, spot: tuple, surrogate: str):
    """A copy of value with the surrogate put into the string or key at spot."""
    kind, path = spot
    if not path:
        return surrogate + value if kind == "value" else value
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k != head:
                out[k] = v
            elif rest:
                out[k] = spoil(v, (kind, rest), surrogate)
            elif kind == "key":
                out[k + surrogate] = v
            else:
                out[k] = spoil(v, ("value", ()), surrogate)
        return out
    copy = list(value)
    copy[head] = spoil(copy[head], (kind, rest), surrogate)
    return copy


@schemathesis.hook
def flatmap_body(context, body):
    places = list(spots(body))
    if not places:
        return st.just(body)
    spoiled = st.tuples(st.sampled_from(places), st.sampled_from(SURROGATES)).map(lambda t: spoil(body, *t))
    return st.one_of(st.just(body), spoiled)
