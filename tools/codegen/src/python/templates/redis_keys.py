"""Every Redis name RA or RubinTV uses, built and parsed from the ``REDIS_KEYS`` templates.

A template's ``{param}`` uses the format called ``param``; ``{param:format}`` names the
format (``{visit:id}``, ``{instrument:instrumentUpper}``). ``FORMATS`` says what each
format accepts and how it is written. Parameters are passed by their template names
(``redis_key('workerHeartbeat', workerId='SFM_WORKER-LSSTCam-000-094')``).

Also here: worker ids, processing ids and the cluster-status stream encoding RubinTV reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from ._js import MISSING, is_integer, is_safe_integer, js_json, js_string
from ._regex import ecma_to_python
from .day_obs import is_day_obs
from .identifiers import (
    IDENTIFIER_SETS,
    INSTRUMENT,
    INSTRUMENT_DETECTOR_COUNT,
    WORKER_FLAVOUR,
    WORKER_FLAVOUR_SHAPE,
)
from .registry import CLUSTER_STATUS_SETS
from .result import Issue, Result, fail, format_issues, issue, ok

RedisKind = Literal['string', 'list', 'hash', 'set', 'zset', 'stream']
RedisWire = Literal['rubintv-compatible', 'internal', 'external']


@dataclass(frozen=True)
class RedisKeySpec:
    #: camelCase handle (``redis_key('workerHeartbeat', ...)``).
    name: str
    template: str
    kind: RedisKind
    #: Empty only for external names written outside RA.
    writers: tuple[str, ...]
    readers: tuple[str, ...]
    #: 'rubintv-compatible' names are byte-exact to today's RubinTV; 'external' belong to another system.
    wire: RedisWire
    description: str
    #: Expiry set (and refreshed) on every write; None = no expiry.
    ttl_seconds: int | None = None
    #: Streams: approximate MAXLEN applied on XADD.
    max_length: int | None = None


@dataclass(frozen=True)
class ParamFormat:
    description: str
    #: ECMAScript regex source without anchors or capturing groups.
    pattern: str
    #: 'set' (a token of identifier_set), 'upper' (an instrument, upper-cased), 'workerId', 'processingId',
    #: 'id' (a non-negative integer) or 'dayObs'.
    rule: str
    identifier_set: str | None = None


# codegen: DATA


# ---- worker ids --------------------------------------------------------------------------------------------

_WORKER_EXAMPLES: Final = 'e.g. SFM_WORKER-LSSTCam-000-094, STEP1B_WORKER-LSSTCam-002, HEAD_NODE-LSSTCam'


def _absent(value: object) -> bool:
    return value is None or value is MISSING


def _check_number(path: str, value: object, maximum: int, what: str) -> Issue | None:
    if is_integer(value) and 0 <= value <= maximum:  # type: ignore[operator]
        return None
    return issue(path, f'{what} must be an integer in 0..{maximum}', f'0..{maximum}', value)


def _worker_issues(parts: Mapping[str, Any]) -> list[Issue]:
    flavour, instrument = parts.get('flavour', MISSING), parts.get('instrument', MISSING)
    depth, detector = parts.get('depth', MISSING), parts.get('detector', MISSING)
    if not WORKER_FLAVOUR.is_canonical(flavour):
        return [issue('/flavour', f"unknown worker flavour '{js_string(flavour)}'", None, flavour)]
    if not INSTRUMENT.is_canonical(instrument):
        return [issue('/instrument', f"unknown instrument '{js_string(instrument)}'", INSTRUMENT.expected)]
    issues: list[Issue] = []
    shape = WORKER_FLAVOUR_SHAPE[flavour]
    wants_depth, wants_detector = shape != 'singleton', shape == 'perDetector'
    if wants_depth and _absent(depth):
        issues.append(issue('/depth', f'{flavour} is {shape}: a depth is required'))
    elif not wants_depth and not _absent(depth):
        issues.append(issue('/depth', f'{flavour} is a singleton: it has no depth', None, depth))
    elif not _absent(depth):
        bad = _check_number('/depth', depth, 999, 'depth')
        if bad:
            issues.append(bad)
    if wants_detector and _absent(detector):
        issues.append(issue('/detector', f'{flavour} is perDetector: a detector is required'))
    elif not wants_detector and not _absent(detector):
        issues.append(issue('/detector', f'{flavour} is {shape}: it has no detector', None, detector))
    elif not _absent(detector):
        bad = _check_number('/detector', detector, INSTRUMENT_DETECTOR_COUNT[instrument] - 1, 'detector')
        if bad:
            issues.append(bad)
    return issues


def worker_id(parts: Mapping[str, Any]) -> Result[str]:
    """``{flavour, instrument, depth?, detector?}`` -> 'SFM_WORKER-LSSTCam-000-094'."""
    issues = _worker_issues(parts)
    if issues:
        return fail(*issues)
    text = f"{parts['flavour']}-{parts['instrument']}"
    for name in ('depth', 'detector'):
        if not _absent(parts.get(name)):
            text += f'-{int(parts[name]):03d}'
    return ok(text)


def parse_worker_id(text: object, path: str = '') -> Result[dict[str, Any]]:
    """A worker id's ``{flavour, instrument, depth?, detector?}``; only the canonical form parses."""
    if not isinstance(text, str):
        return fail(issue(path, 'a worker id must be a string', None, text))
    parts = text.split('-')
    if len(parts) < 2 or len(parts) > 4:
        return fail(issue(path, f"'{text}' is not a worker id", _WORKER_EXAMPLES, text))
    flavour, instrument, *numbers = parts
    if not WORKER_FLAVOUR.is_canonical(flavour):
        message = f"unknown worker flavour '{flavour}' in '{text}'"
        return fail(issue(path, message, ', '.join(WORKER_FLAVOUR.values)))
    if not INSTRUMENT.is_canonical(instrument):
        message = f"unknown instrument '{instrument}' in '{text}'"
        return fail(issue(path, message, ', '.join(INSTRUMENT.values)))
    for number in numbers:
        if not re.fullmatch(r'[0-9]{3}', number):
            message = f"'{number}' in '{text}' is not a 3-digit number"
            return fail(issue(path, message, _WORKER_EXAMPLES, text))
    parsed: dict[str, Any] = {'flavour': flavour, 'instrument': instrument}
    for name, number in zip(('depth', 'detector'), numbers):
        parsed[name] = int(number)
    issues = _worker_issues(parsed)
    if issues:
        return fail(*(Issue(f'{path}{i.path}', i.message, i.expected, i.received) for i in issues))
    return ok(parsed)


# ---- processing ids ----------------------------------------------------------------------------------------

_PROCESSING_EXPECTED: Final = (
    'exposure/visit ids as decimal digits, several joined by + in ascending order '
    '(e.g. 2025111500227+2025111500228)'
)
_PROCESSING_RE: Final = re.compile(ecma_to_python(PROCESSING_ID_PATTERN), re.ASCII)


def processing_id(ids: Iterable[int]) -> Result[str]:
    """The processing id for the exposures (or visits) a payload covers: sorted, distinct, joined by '+'."""
    values = list(ids)
    if not values:
        return fail(issue('', 'a processing id needs at least one exposure or visit id'))
    bad = next((v for v in values if not is_safe_integer(v) or v < 0), MISSING)
    if bad is not MISSING:
        message = f'exposure/visit id {js_string(bad)} is not a non-negative integer'
        return fail(issue('', message, _PROCESSING_EXPECTED, bad))
    return ok('+'.join(str(v) for v in sorted({int(v) for v in values})))


def parse_processing_id(text: object, path: str = '') -> Result[list[int]]:
    """The exposure (or visit) ids a canonical processing id names, ascending."""
    if not isinstance(text, str) or not _PROCESSING_RE.fullmatch(text):
        return fail(issue(path, f"'{js_string(text)}' is not a processing id", _PROCESSING_EXPECTED, text))
    parts = text.split('+')
    ids: list[int] = []
    for part in parts:
        value = int(part)
        if not is_safe_integer(value) or str(value) != part:
            message = f"'{part}' in '{text}' is not a canonical id (no leading zeros, at most 2^53-1)"
            return fail(issue(path, message, _PROCESSING_EXPECTED))
        if ids and ids[-1] >= value:
            message = f"ids in '{text}' must be ascending and distinct"
            return fail(issue(path, message, _PROCESSING_EXPECTED, text))
        ids.append(value)
    return ok(ids)


# ---- parameter formats -------------------------------------------------------------------------------------

_UPPER_INSTRUMENTS: Final = {i.upper(): i for i in INSTRUMENT.values}


def _is_id(value: object) -> bool:
    return is_safe_integer(value) and value >= 0  # type: ignore[operator]


def _check(fmt: ParamFormat, value: object) -> bool:
    """Whether a value belongs to the format (checked before a key is written)."""
    if fmt.rule in ('set', 'upper'):
        return IDENTIFIER_SETS[fmt.identifier_set or ''].is_canonical(value)
    if fmt.rule == 'workerId':
        return parse_worker_id(value).ok
    if fmt.rule == 'processingId':
        return parse_processing_id(value).ok
    if fmt.rule == 'id':
        return _is_id(value)
    return is_day_obs(value)


def _render(fmt: ParamFormat, value: Any) -> str:
    if fmt.rule == 'upper':
        return str(value).upper()
    if fmt.rule in ('id', 'dayObs'):
        return str(int(value))
    return str(value)


def _read(fmt: ParamFormat, text: str) -> Any:
    """The value a matched key segment stands for, or None."""
    if fmt.rule == 'upper':
        return _UPPER_INSTRUMENTS.get(text)
    if fmt.rule == 'id':
        n = int(text)
        return n if _is_id(n) and str(n) == text else None
    if fmt.rule == 'dayObs':
        n = int(text)
        return n if is_day_obs(n) else None
    return text if _check(fmt, text) else None


# ---- templates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Param:
    param: str
    format_name: str


def _compile(spec: RedisKeySpec) -> tuple[str | _Param, ...]:
    parts: list[str | _Param] = []
    seen: set[str] = set()
    for i, piece in enumerate(re.split(r'\{([^{}]*)\}', spec.template)):
        if i % 2 == 0:
            if re.search(r'[{}]', piece):
                raise ValueError(f"{spec.name}: unbalanced braces in '{spec.template}'")
            if piece:
                parts.append(piece)
            continue
        param, _, format_name = piece.partition(':')
        format_name = format_name or param
        if not re.fullmatch(r'[a-z][A-Za-z0-9]*', param):
            raise ValueError(f"{spec.name}: bad parameter name '{param}'")
        if format_name not in FORMATS:
            raise ValueError(f"{spec.name}: unknown parameter format '{format_name}'")
        if param in seen:
            raise ValueError(f"{spec.name}: parameter '{param}' appears twice")
        seen.add(param)
        parts.append(_Param(param, format_name))
    return tuple(parts)


_COMPILED: Final = {spec.name: (spec, _compile(spec)) for spec in REDIS_KEYS}
if len(_COMPILED) != len(REDIS_KEYS):
    raise ValueError('REDIS_KEYS: duplicate names')


_FORMAT_SOURCE: Final = {name: ecma_to_python(fmt.pattern) for name, fmt in FORMATS.items()}


def _escape_glob(text: str) -> str:
    return re.sub(r'([*?\[\]\\])', r'\\\1', text)


def redis_key_parameters(name: str) -> list[tuple[str, str]]:
    """The (parameter, format) pairs of a key, in template order."""
    _, parts = _COMPILED.get(name, (None, ()))
    return [(p.param, p.format_name) for p in parts if isinstance(p, _Param)]


class RedisKeys:
    """Builders and parsers for every key, under an optional prefix (for tests; production uses '')."""

    def __init__(self, prefix: str = '') -> None:
        self.prefix = prefix
        self._matchers: list[tuple[RedisKeySpec, tuple[str | _Param, ...], re.Pattern[str]]] = []
        for spec, parts in _COMPILED.values():
            body = ''.join(
                re.escape(p) if isinstance(p, str) else f'(?P<{p.param}>{_FORMAT_SOURCE[p.format_name]})'
                for p in parts
            )
            self._matchers.append((spec, parts, re.compile(re.escape(prefix) + body, re.ASCII)))

    def try_key(self, name: str, params: Mapping[str, Any] | None = None) -> Result[str]:
        """Builds a key from parameters of unknown provenance, as data."""
        compiled = _COMPILED.get(name)
        if compiled is None:
            return fail(issue('', f"no Redis key is named '{name}'", f"one of: {', '.join(_COMPILED)}"))
        params = params or {}
        issues: list[Issue] = []
        key = self.prefix
        for part in compiled[1]:
            if isinstance(part, str):
                key += part
                continue
            fmt = FORMATS[part.format_name]
            value = params.get(part.param, MISSING)
            if _check(fmt, value):
                key += _render(fmt, value)
            else:
                message = f'{name}: {js_json(value)} is not a valid {part.param}'
                issues.append(issue(f'/{part.param}', message, fmt.description, value))
        return fail(*issues) if issues else ok(key)

    def key(self, name: str, /, **params: Any) -> str:
        """Builds a key; raises ``TypeError`` when a parameter is outside its format (a bug in the caller)."""
        result = self.try_key(name, params)
        if not result.ok:
            raise TypeError(format_issues(result.issues))
        return result.value  # type: ignore[return-value]

    def parse(self, key: object) -> Result[dict[str, Any]]:
        """Which entry a key is, and its parameters: ``{'name': ..., 'params': {...}}``."""
        if not isinstance(key, str):
            return fail(issue('', 'a Redis key must be a string', None, key))
        if not key.startswith(self.prefix):
            return fail(issue('', f"'{key}' does not start with the prefix '{self.prefix}'", None, key))
        for spec, parts, regex in self._matchers:
            match = regex.fullmatch(key)
            if match is None:
                continue
            params: dict[str, Any] = {}
            valid = True
            for part in parts:
                if isinstance(part, str):
                    continue
                value = _read(FORMATS[part.format_name], match.group(part.param) or '')
                valid = valid and value is not None
                params[part.param] = value
            if valid:
                return ok({'name': spec.name, 'params': params})
        known = ', '.join(spec.template for spec, _ in _COMPILED.values())
        return fail(issue('', f"'{key}' matches no Redis key template", f'one of: {known}', key))

    def pattern(self, name: str, /, **params: Any) -> str:
        """A SCAN glob for a key with the parameters not given left open (``*``)."""
        compiled = _COMPILED.get(name)
        if compiled is None:
            return _escape_glob(self.prefix)
        out = _escape_glob(self.prefix)
        for part in compiled[1]:
            if isinstance(part, str):
                out += _escape_glob(part)
                continue
            fmt = FORMATS[part.format_name]
            value = params.get(part.param, MISSING)
            out += _escape_glob(_render(fmt, value)) if value is not MISSING and _check(fmt, value) else '*'
        return out


#: Production keys (no prefix).
DEFAULT_KEYS: Final = RedisKeys()


def redis_key(name: str, /, **params: Any) -> str:
    """A production key; raises ``TypeError`` only when a parameter is outside its format."""
    return DEFAULT_KEYS.key(name, **params)


def try_redis_key(name: str, params: Mapping[str, Any] | None = None) -> Result[str]:
    return DEFAULT_KEYS.try_key(name, params)


def parse_redis_key(key: object) -> Result[dict[str, Any]]:
    return DEFAULT_KEYS.parse(key)


# ---- cluster status ----------------------------------------------------------------------------------------


def worker_status_cell(
    cluster_status_set: str,
    *,
    alive: bool,
    busy: bool,
    queue_length: int = 0,
    secondary_status: str = '',
) -> dict[str, Any]:
    """Today's cluster-manager rule for a worker's cell (dead workers are sent as 'missing')."""
    if not alive:
        return {'type': 'worker_status', 'status': 'missing'}
    if CLUSTER_STATUS_SETS[cluster_status_set].shows_secondary_status:
        if secondary_status == 'GUEST':
            return {'type': 'worker_status', 'status': 'guest'}
        if secondary_status == 'RESTARTING':
            return {'type': 'worker_status', 'status': 'restarting'}
    if not busy:
        return {'type': 'worker_status', 'status': 'free'}
    if queue_length > 0:
        return {'type': 'worker_status', 'status': 'queued', 'queueLength': queue_length}
    return {'type': 'worker_status', 'status': 'busy'}


def _wire_status(cell: Mapping[str, Any]) -> str:
    if cell['type'] == 'worker_status':
        if cell['status'] != 'queued':
            return str(cell['status'])
        length = cell.get('queueLength', 0)
        return str(int(length)) if length >= 1 else 'busy'
    if cell['type'] == 'text_status':
        return str(cell['text'])
    return str(max(0, int(cell['count'])))


def _is_array_index(key: str) -> bool:
    return re.fullmatch(r'0|[1-9][0-9]*', key) is not None and int(key) < 2**32 - 1


def encode_cluster_status(cells: Mapping[str, Mapping[str, Any]]) -> str:
    """The ``data`` field of a cluster-status stream entry, byte-identical to the TypeScript encoder.

    ``cells`` maps a cell id (detector, depth or flavour) to ``{'type': 'worker_status', 'status': ...}``
    (``'queued'`` with ``queueLength``), ``{'type': 'text_status', 'text': ...}`` or
    ``{'type': 'worker_count', 'count': ...}``. Integer-like ids come first, ascending.
    """
    indices = sorted((k for k in cells if _is_array_index(k)), key=int)
    ids = indices + [k for k in cells if not _is_array_index(k)]
    entries = []
    for i in ids:
        status, kind = json.dumps(_wire_status(cells[i])), json.dumps(cells[i]['type'])
        entries.append(f'{json.dumps(i)}: {{"status": {status}, "type": {kind}}}')
    return '{' + ', '.join(entries) + '}'
