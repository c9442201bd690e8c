"""S3 object keys shared by RA (writer) and RubinTV (reader).

Every key kind is declared once, as a template (``KEY_KINDS``); the builder and the
parser are derived from the templates and the per-placeholder rules (``PLACEHOLDERS``),
exactly as in the TypeScript package, so both languages build byte-identical keys and
refuse the same keys with the same messages.

- :func:`build_s3_key` takes a dict of fields (``{'kind': 'event', 'camera': 'lsstcam', 'channel':
  'focal_plane_mosaic', 'dayObs': 20251115, 'seq': 226, 'ext': 'jpg'}``) and returns the key.
- :func:`parse_s3_key` takes a key and returns its kind and fields (the same dict shape).
- :func:`rubintv_v2_route` is how today's RubinTV (v2) routes a key; every key the contract
  builds or accepts is routed by RubinTV v2 as its kind.

Field names are the contract's JSON names (``dayObs``, ``scratchPrefix``...), so the dicts
are the test vectors' and the TypeScript objects' shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final, Literal

from ._js import MISSING, is_integer, show
from .day_obs import format_day_obs, is_day_obs, parse_day_obs
from .identifiers import CAMERA, INSTRUMENT
from .result import Issue, Result, fail, issue, ok

#: A channel check: is ``channel`` one of ``camera``'s channels? (``registry.is_known_channel``)
ChannelCheck = Callable[[str, str], bool]

RubintvV2Route = Literal['metadata', 'nightReportText', 'nightReportPlot', 'event']


@dataclass(frozen=True)
class Placeholder:
    """A template placeholder: the parsed field it fills, the text it matches, and its rule."""

    field: str
    #: The name used in messages ('seq', 'camera').
    label: str
    #: Regex source (no anchors, no groups) matching the field's whole text in a key.
    pattern: str
    #: What the text must look like: "<label> must be <shape>; got ...".
    shape: str
    #: 'camera', 'channel', 'instrument', 'text', 'integer' or 'dayObs'.
    rule: str
    minimum: int = 0
    maximum: int = 0
    #: Zero-padding width of integers.
    width: int = 0
    #: How dayObs is written: 'iso' (2025-12-03) or 'compact' (20251203).
    date_style: str = 'iso'


@dataclass(frozen=True)
class KeyKind:
    kind: str
    template: str
    #: Fields the template spells literally (always these values).
    fixed: Mapping[str, str]
    #: How RubinTV v2 must route keys of this kind; None for objects RubinTV never lists.
    rubintv: RubintvV2Route | None
    description: str
    example: str


# codegen: DATA


# ---- placeholder rules -------------------------------------------------------------------------------------

_WORD: Final = "word characters (letters, digits, '_'; RubinTV v2 refuses '-')"

#: (ok, text or value) or (False, problem)
_Check = tuple[bool, Any]


def _must_be(label: str, shape: str, value: object) -> _Check:
    return False, f'{label} must be {shape}; got {show(value)}'


def _format(p: Placeholder, value: object) -> _Check:
    """Value -> text; only the type and range are checked here, decoding re-checks the text."""
    if p.rule == 'integer':
        if is_integer(value) and p.minimum <= value <= p.maximum:  # type: ignore[operator]
            return True, str(int(value)).zfill(p.width)  # type: ignore[call-overload]
        return _must_be(p.label, f'an integer {p.minimum}..{p.maximum}', value)
    if p.rule == 'dayObs':
        if is_day_obs(value):
            day_obs = int(value)  # type: ignore[call-overload]
            return True, format_day_obs(day_obs) if p.date_style == 'iso' else str(day_obs)
        parsed = parse_day_obs(value)
        if parsed.ok:
            return False, f'dayObs must be a number YYYYMMDD; got {show(value)}'
        return False, parsed.issues[0].message
    if isinstance(value, str):
        return True, value
    if p.rule == 'camera':
        return _must_be('camera', _WORD, value)
    if p.rule == 'instrument':
        return _must_be('instrument', 'an instrument name', value)
    return _must_be(p.label, p.shape, value)


def _decode(
    p: Placeholder, text: str, fields: Mapping[str, Any], is_known_channel: ChannelCheck | None
) -> _Check:
    """Text (already matching the pattern) -> value; ``fields`` holds the fields decoded before this one."""
    if p.rule == 'integer':
        return True, int(text)
    if p.rule == 'dayObs':
        parsed = parse_day_obs(text)
        if parsed.ok:
            return True, parsed.value
        return False, f"{p.label} '{text}': {parsed.issues[0].message}"
    if p.rule == 'camera':
        if CAMERA.is_canonical(text):
            return True, text
        return False, f"camera must be a RubinTV camera ({', '.join(CAMERA.values)}); got '{text}'"
    if p.rule == 'instrument':
        if INSTRUMENT.is_canonical(text):
            return True, text
        return False, f"instrument must be one of {', '.join(INSTRUMENT.values)} (exact case); got '{text}'"
    if p.rule == 'channel':
        camera = fields.get('camera')
        if is_known_channel is None or not CAMERA.is_canonical(camera):
            return True, text
        if is_known_channel(camera, text):
            return True, text
        return False, f"channel '{text}' is not a channel of camera '{camera}'"
    return True, text


# ---- templates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    #: Literal text, or None for a placeholder.
    text: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class _Segment:
    template: str
    tokens: tuple[_Token, ...]
    #: The text of a segment with no placeholders ('night_report').
    literal: str | None


@dataclass(frozen=True)
class _Compiled:
    spec: KeyKind
    segments: tuple[_Segment, ...]
    #: Placeholders in order of first use: decode order, so the camera is known before the channel.
    placeholders: tuple[str, ...]
    first_segment: Mapping[str, int]
    regex: re.Pattern[str] = field(repr=False)


def _tokenize(template: str) -> tuple[_Token, ...]:
    tokens: list[_Token] = []
    for i, part in enumerate(re.split(r'\{([^{}]*)\}', template)):
        if i % 2 == 0:
            if part:
                tokens.append(_Token(text=part))
        elif part in PLACEHOLDERS:
            tokens.append(_Token(name=part))
        else:
            raise ValueError(f"S3 key template '{template}' uses unknown placeholder {{{part}}}")
    return tuple(tokens)


def _tokens_source(tokens: tuple[_Token, ...], bound: Mapping[str, str] | None = None) -> str:
    """Regex source: bound placeholders as their text, a first use captures, later uses repeat it."""
    bound = bound or {}
    seen: set[str] = set()
    out: list[str] = []
    for token in tokens:
        if token.name is None:
            out.append(re.escape(token.text or ''))
        elif token.name in bound:
            out.append(re.escape(bound[token.name]))
        elif token.name in seen:
            out.append(f'(?P={token.name})')
        else:
            seen.add(token.name)
            out.append(f'(?P<{token.name}>{PLACEHOLDERS[token.name].pattern})')
    return ''.join(out)


def _render(tokens: tuple[_Token, ...], values: Mapping[str, str]) -> str:
    return ''.join(t.text or '' if t.name is None else values.get(t.name, f'{{{t.name}}}') for t in tokens)


def _compile(spec: KeyKind) -> _Compiled:
    segments: list[_Segment] = []
    for template in spec.template.split('/'):
        tokens = _tokenize(template)
        literal = tokens[0].text if len(tokens) == 1 and tokens[0].name is None else None
        segments.append(_Segment(template, tokens, literal))
    placeholders: list[str] = []
    first_segment: dict[str, int] = {}
    for index, segment in enumerate(segments):
        for token in segment.tokens:
            if token.name is not None and token.name not in first_segment:
                first_segment[token.name] = index
                placeholders.append(token.name)
    fields = [PLACEHOLDERS[p].field for p in placeholders]
    if len(set(fields)) != len(fields):
        raise ValueError(f"S3 key template '{spec.template}' fills a field twice")
    regex = re.compile(_tokens_source(_tokenize(spec.template)), re.ASCII)
    return _Compiled(spec, tuple(segments), tuple(placeholders), first_segment, regex)


_COMPILED: Final = tuple(_compile(kind) for kind in KEY_KINDS)
_FIELD_RE: Final = {name: re.compile(f'(?:{p.pattern})', re.ASCII) for name, p in PLACEHOLDERS.items()}
_BY_KIND: Final = {c.spec.kind: c for c in _COMPILED}
_KINDS: Final = ', '.join(_BY_KIND)
_SHAPES: Final = ' | '.join(c.spec.template for c in _COMPILED)


# ---- RubinTV v2 --------------------------------------------------------------------------------------------
# How today's RubinTV (lsst-ts/rubintv models.py and the pollers) routes and parses a key: these are its
# own regexes, with Python's own semantics (re.match anchors at the start only, $ also matches before a
# final newline, \w and \d are Unicode, dates are rebuilt with date(int(y), int(m), int(d))).

_EVENT_RE: Final = re.compile(r'(\w+)\/([\d-]+)\/(\w+)\/(\d{6}|final)\/([\w-]+)\.(\w+)$')
_NR_TEXT_RE: Final = re.compile(r'(\w+)\/([\d-]+)\/night_report\/([\w-]+md)\.(\w+)$')
_NR_PLOT_RE: Final = re.compile(r'(\w+)\/([\d-]+)\/night_report\/([\w-]+)\/([\w-]+)\.(\w+)$')


def _v2_date_ok(text: str) -> bool:
    try:
        year, month, day = text.split('-')
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def rubintv_v2_parse(key: str, poller: Literal['current', 'historical'] = 'current') -> dict[str, Any] | None:
    """What RubinTV v2 derives from a key, or None when it logs "Key can't be parsed" and drops it."""
    is_metadata = 'metadata.json' in key if poller == 'historical' else key.endswith('metadata.json')
    if is_metadata:
        return {'route': 'metadata'}
    if 'night_report' in key:
        text = _NR_TEXT_RE.match(key)
        if text is not None:
            camera, day_obs, filename, ext = text.groups()
            return {
                'route': 'nightReportText',
                'camera': camera,
                'dayObs': day_obs,
                'group': 'metadata',
                'filename': filename,
                'ext': ext,
            }
        plot = _NR_PLOT_RE.match(key)
        if plot is None:
            return None
        camera, day_obs, group, stem, ext = plot.groups()
        return {
            'route': 'nightReportPlot',
            'camera': camera,
            'dayObs': day_obs,
            'group': group,
            'filename': f'{stem}.{ext}',
            'ext': ext,
        }
    event = _EVENT_RE.match(key)
    if event is None:
        return None
    camera, day_obs, channel, seq, stem, ext = event.groups()
    if not _v2_date_ok(day_obs):
        return None
    return {
        'route': 'event',
        'camera': camera,
        'dayObs': day_obs,
        'channel': channel,
        'seq': 'final' if seq == 'final' else int(seq),
        'filename': f'{stem}.{ext}',
        'ext': ext,
    }


def rubintv_v2_route(key: str, poller: Literal['current', 'historical'] = 'current') -> RubintvV2Route | None:
    """How RubinTV v2 routes a key, or None when it would drop it."""
    parsed = rubintv_v2_parse(key, poller)
    return None if parsed is None else parsed['route']


# ---- parsing -----------------------------------------------------------------------------------------------


def _segment_issue(index: int, message: str, key: str, expected: str) -> Issue:
    return issue('', f'segment {index + 1}: {message}', expected, key)


def _decode_into(
    fields: dict[str, Any],
    kind: _Compiled,
    texts: Mapping[str, str],
    key: str,
    is_known_channel: ChannelCheck | None,
) -> list[Issue]:
    issues: list[Issue] = []
    for name in kind.placeholders:
        if name not in texts:
            continue
        p = PLACEHOLDERS[name]
        good, value = _decode(p, texts[name], fields, is_known_channel)
        if good:
            fields[p.field] = value
        else:
            issues.append(_segment_issue(kind.first_segment.get(name, 0), value, key, p.shape))
    return issues


def _article(word: str) -> str:
    return f'an {word}' if word[:1].lower() in 'aeiou' and word else f'a {word}'


def _route_issue(kind: _Compiled, key: str) -> Issue | None:
    expected = kind.spec.rubintv
    if expected is None:
        return None
    actual = rubintv_v2_route(key)
    if actual == expected:
        return None
    what = f'{_article(kind.spec.kind)} key'
    if not expected.startswith('nightReport') and 'night_report' in key:
        why = (
            f"it sends every key containing 'night_report' to the night report, so {what} must not contain it"
        )
    elif expected != 'metadata' and actual == 'metadata':
        why = f"it reads every key ending in 'metadata.json' as the metadata table, so {what} must not end so"
    elif actual is None:
        why = 'its parser refuses the key'
    else:
        why = f'it would read the key as {_article(actual)} object, not {_article(expected)}'
    message = f'RubinTV v2 would misread this {kind.spec.kind} key: {why}'
    return issue('', message, f"RubinTV v2 route '{expected}'", key)


def _from_match(
    kind: _Compiled, match: re.Match[str], key: str, is_known_channel: ChannelCheck | None
) -> Result[dict[str, Any]]:
    texts = {name: text for name, text in match.groupdict().items() if text is not None}
    fields: dict[str, Any] = {'kind': kind.spec.kind}
    issues = _decode_into(fields, kind, texts, key, is_known_channel)
    if not issues:
        misread = _route_issue(kind, key)
        if misread is not None:
            issues.append(misread)
    return fail(*issues) if issues else ok({**fields, **kind.spec.fixed})


def _literal_score(kind: _Compiled, parts: list[str]) -> tuple[int, int]:
    hits = misses = 0
    for i, segment in enumerate(kind.segments):
        if segment.literal is None:
            continue
        if parts[i] == segment.literal:
            hits += 1
        else:
            misses += 1
    return hits, misses


def _explain_segment(segment: _Segment, text: str, bound: Mapping[str, str]) -> str:
    only = segment.tokens[0] if len(segment.tokens) == 1 else None
    if only is not None and only.name is not None:
        p = PLACEHOLDERS[only.name]
        return f"{p.label} must be {p.shape}; got '{text}'"
    if segment.literal is not None:
        return f"must be '{segment.literal}'; got '{text}'"
    names = [t.name for t in segment.tokens if t.name is not None]
    unbound = list(dict.fromkeys(n for n in names if n not in bound))
    where = '; '.join(f'{{{n}}} is {PLACEHOLDERS[n].shape}' for n in unbound)
    dots = "; the file stem must not contain '.'" if len(text.split('.')) > 2 else ''
    expected = f"'{_render(segment.tokens, bound)}' ({segment.template})"
    if where:
        expected += f', where {where}'
    return f"file name must be {expected}{dots}; got '{text}'"


def _diagnose(key: str, is_known_channel: ChannelCheck | None) -> Result[dict[str, Any]]:
    """Walk a key that matched no kind against the most plausible kind, one segment at a time."""
    parts = key.split('/')
    scored = [(kind, *_literal_score(kind, parts)) for kind in _COMPILED if len(kind.segments) == len(parts)]
    scored.sort(key=lambda entry: (entry[2], -entry[1]))
    if not scored:
        message = f"key has {len(parts)} '/'-separated segment(s), which fits no key kind"
        return fail(issue('', message, _SHAPES, key))
    best = scored[0][0]
    bound: dict[str, str] = {}
    fields: dict[str, Any] = {}
    issues: list[Issue] = []
    for index, segment in enumerate(best.segments):
        text = parts[index]
        match = re.fullmatch(_tokens_source(segment.tokens, bound), text, re.ASCII)
        if match is None:
            explained = _explain_segment(segment, text, bound)
            issues.append(_segment_issue(index, explained, key, best.spec.template))
            # Keep a lone field's text so later segments are judged against what the key actually says.
            if len(segment.tokens) == 1 and segment.tokens[0].name is not None:
                bound[segment.tokens[0].name] = text
            continue
        fresh = {name: value for name, value in match.groupdict().items() if value is not None}
        bound.update(fresh)
        issues += _decode_into(fields, best, fresh, key, is_known_channel)
    if not issues:
        issues.append(issue('', 'key does not match its template', best.spec.template, key))
    return fail(*issues)


def parse_s3_key(key: object, *, is_known_channel: ChannelCheck | None = None) -> Result[dict[str, Any]]:
    """An S3 key's kind and fields. Never raises; a refusal names the wrong segment and what it should be."""
    if not isinstance(key, str):
        return fail(issue('', f'an S3 key must be a string; got {show(key)}', _SHAPES, key))
    for kind in _COMPILED:
        match = kind.regex.fullmatch(key)
        if match is not None:
            return _from_match(kind, match, key, is_known_channel)
    return _diagnose(key, is_known_channel)


# ---- building ----------------------------------------------------------------------------------------------


def build_s3_key(spec: Mapping[str, Any], *, is_known_channel: ChannelCheck | None = None) -> Result[str]:
    """The key for ``spec`` (a kind and its fields). The key is parsed back before it is returned."""
    if spec is None or not isinstance(spec, (Mapping, list, tuple)):
        message = f'an S3 key spec must be an object with a kind; got {show(spec)}'
        return fail(issue('', message, _KINDS))
    given: Mapping[str, Any] = spec if isinstance(spec, Mapping) else {}
    kind_name = given.get('kind', MISSING)
    kind = _BY_KIND.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        return fail(issue('/kind', f'kind must be one of {_KINDS}; got {show(kind_name)}', None, kind_name))
    texts: dict[str, str] = {}
    issues: list[Issue] = []
    for name in kind.placeholders:
        p = PLACEHOLDERS[name]
        value = given.get(p.field, MISSING)
        good, text = _format(p, value)
        if not good:
            issues.append(issue(f'/{p.field}', text, p.shape, value))
            continue
        if not _FIELD_RE[name].fullmatch(text):
            message = f'{p.label} must be {p.shape}; got {show(value)}'
            issues.append(issue(f'/{p.field}', message, p.shape, value))
            continue
        good, decoded = _decode(p, text, given, is_known_channel)
        if good:
            texts[name] = text
        else:
            issues.append(issue(f'/{p.field}', decoded, p.shape, value))
    for name, literal in kind.spec.fixed.items():
        value = given.get(name, MISSING)
        if value is not MISSING and value != literal:
            message = f"{name} of a {kind.spec.kind} key is always '{literal}'; got {show(value)}"
            issues.append(issue(f'/{name}', message, literal, value))
    if issues:
        return fail(*issues)

    key = '/'.join(_render(segment.tokens, texts) for segment in kind.segments)
    parsed = parse_s3_key(key, is_known_channel=is_known_channel)
    if not parsed.ok:
        return fail(*(replace(i, path='') for i in parsed.issues))
    back = parsed.value or {}
    fields = [PLACEHOLDERS[p].field for p in kind.placeholders]
    differs = [f for f in fields if back.get(f, MISSING) != given.get(f, MISSING)]
    if back.get('kind') != kind.spec.kind or differs:
        # Only reachable through a template ambiguity; kept so that such a bug refuses to write a wrong key.
        what = ', '.join(differs) if differs else 'kind'
        message = f"key '{key}' would read back as a {back.get('kind')} key (differs in: {what})"
        return fail(issue('', message, None, key))
    return ok(key)
