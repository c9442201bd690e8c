"""JavaScript value semantics the contract's checks and messages follow.

The TypeScript implementation is the reference: a number is an integer when
``Number.isInteger`` says so (``3.0`` is, ``True`` is not a number at all), and
refusal messages print values the way JavaScript does, so both languages refuse
the same inputs with the same words.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any, Final

MAX_SAFE_INTEGER: Final = 2**53 - 1

#: What ``String.prototype.trim`` strips and ``\s`` matches in JavaScript.
JS_WHITESPACE: Final = (
    '\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a'
    '\u2028\u2029\u202f\u205f\u3000\ufeff'
)


class _Missing:
    """An absent field: JavaScript's ``undefined``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return 'MISSING'


MISSING: Final[Any] = _Missing()


def is_number(value: object) -> bool:
    """A JSON number: ``int`` or ``float``, never ``bool``."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_integer(value: object) -> bool:
    """``Number.isInteger``: a finite number with no fractional part."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value) and value.is_integer()


def is_safe_integer(value: object) -> bool:
    """``Number.isSafeInteger``."""
    return is_integer(value) and abs(int(value)) <= MAX_SAFE_INTEGER  # type: ignore[call-overload]


def js_trim(text: str) -> str:
    """``text.trim()``."""
    return text.strip(JS_WHITESPACE)


def js_typeof(value: object) -> str:
    """``typeof value``."""
    if value is MISSING:
        return 'undefined'
    if isinstance(value, bool):
        return 'boolean'
    if is_number(value):
        return 'number'
    if isinstance(value, str):
        return 'string'
    return 'object'


def js_number(value: float) -> str:
    """``String(number)``: shortest round-trip digits, exponent only beyond 1e21 or below 1e-6."""
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return 'NaN'
    if math.isinf(value):
        return 'Infinity' if value > 0 else '-Infinity'
    if value == 0:
        return '0'
    sign = '-' if value < 0 else ''
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = ''.join(map(str, digit_tuple)).rstrip('0') or '0'
    trailing = len(digit_tuple) - len(digits)
    k = len(digits)
    n = int(exponent) + trailing + k
    if k <= n <= 21:
        return sign + digits + '0' * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + '.' + digits[n:]
    if -6 < n <= 0:
        return sign + '0.' + '0' * -n + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + '.' + digits[1:]
    return f'{sign}{mantissa}e{"+" if e > 0 else "-"}{abs(e)}'


def js_json(value: object) -> str:
    """``JSON.stringify(value)`` (compact); ``'undefined'`` for an absent value."""
    if value is MISSING:
        return 'undefined'
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'), default=str)


def js_string(value: object) -> str:
    """``String(value)``."""
    if value is MISSING:
        return 'undefined'
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if is_number(value):
        return js_number(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ','.join('' if item is None or item is MISSING else js_string(item) for item in value)
    return '[object Object]'


def show(value: object) -> str:
    """A value for a message: strings quoted, nothing for an absent field, the rest as JSON shows it."""
    if isinstance(value, str):
        return f"'{value}'"
    if value is MISSING:
        return 'nothing'
    if value is None or isinstance(value, bool) or is_number(value):
        return js_string(value)
    try:
        return js_json(value)
    except (TypeError, ValueError):
        return js_string(value)


def display(value: object) -> str:
    """Strings quoted, everything else as ``String(value)``."""
    return f"'{value}'" if isinstance(value, str) else js_string(value)
