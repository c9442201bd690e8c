"""ECMAScript regular expressions (JSON Schema ``pattern``, the contract's own
patterns) run with Python's ``re``, with ECMAScript's meaning kept.

Python's ``re`` differs in a few places that matter here: ``\\d`` and ``\\w``
match any Unicode digit or letter (ECMAScript: ASCII only), ``$`` also matches
before a final newline, ``.`` matches ``\\r`` and the Unicode line separators,
and named groups are spelled ``(?P<name>...)``. :func:`compile_ecma` translates
those, and the ``ASCII`` flag does the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DOT = '[^\\n\\r\\u2028\\u2029]'


def ecma_to_python(source: str) -> str:
    """Translate ECMAScript regex source to Python ``re`` source with the same meaning."""
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(source):
        char = source[i]
        if char == '\\' and i + 1 < len(source):
            nxt = source[i + 1]
            if not in_class and nxt == 'k' and source.startswith('<', i + 2):
                end = source.index('>', i + 3)
                out.append(f'(?P={source[i + 3:end]})')
                i = end + 1
                continue
            out.append(char + nxt)
            i += 2
            continue
        if in_class:
            if char == ']':
                in_class = False
            out.append(char)
        elif char == '[':
            in_class = True
            out.append(char)
        elif char == '$':
            out.append('\\Z')
        elif char == '.':
            out.append(_DOT)
        elif char == '(' and source.startswith('(?<', i) and not source.startswith(('(?<=', '(?<!'), i):
            out.append('(?P<')
            i += 3
            continue
        else:
            out.append(char)
        i += 1
    return ''.join(out)


@lru_cache(maxsize=512)
def compile_ecma(source: str, ignore_case: bool = False) -> re.Pattern[str]:
    """Compile ECMAScript regex source (``u`` semantics for classes) as a Python pattern."""
    flags = re.ASCII | (re.IGNORECASE if ignore_case else 0)
    return re.compile(ecma_to_python(source), flags)
