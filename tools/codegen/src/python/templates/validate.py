"""Check any message against the contract's JSON Schemas (the committed ``schemas/*.json``).

Writers use :func:`validate` (strict: unknown properties are refused, which catches typos
before they reach the wire); readers use :func:`validate_received` (tolerant: unknown
properties are accepted, so a newer minor producer never breaks an older consumer).
Both return a :class:`~ra_contract.result.Result` whose issues carry JSON-pointer paths.

The validator implements the draft-07 subset the contract emits (``SUPPORTED_KEYWORDS``):
type, enum, const, properties / required / additionalProperties, patternProperties, items,
anyOf, the min/max bounds of numbers, strings and arrays, pattern (ECMAScript semantics)
and local ``$ref`` to ``#/$defs/...``. Standard library only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from ._js import is_integer, is_number, js_json, js_string
from ._regex import compile_ecma
from .result import Issue, Result, fail, issue, ok


@dataclass(frozen=True)
class MessageSpec:
    """A message of the contract: its schema file, how it travels, who writes and who reads it."""

    name: str
    schema_file: str
    carrier: str
    producers: tuple[str, ...]
    consumers: tuple[str, ...]
    description: str


# codegen: DATA

#: Keywords that only annotate; everything else in a schema must be in SUPPORTED_KEYWORDS.
ANNOTATIONS: Final = frozenset(
    {'$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples', 'default'}
)

SUPPORTED_KEYWORDS: Final = frozenset(
    {
        'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'patternProperties',
        'items', 'anyOf', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
        'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'pattern', '$ref',
    }
)  # fmt: skip


@lru_cache(maxsize=None)
def load_schema(name: str) -> Mapping[str, Any]:
    """The JSON Schema document of a message (by message name, e.g. 'Payload') or a schema file name."""
    file = MESSAGES[name].schema_file if name in MESSAGES else name
    text = resources.files(__package__).joinpath('schemas', file).read_text(encoding='utf-8')
    return json.loads(text)


def load_examples() -> dict[str, list[Any]]:
    """The golden examples of every message, by message name (valid by construction)."""
    return json.loads(resources.files(__package__).joinpath('examples.json').read_text(encoding='utf-8'))


# ---- the validator -----------------------------------------------------------------------------------------


def _pointer(path: str, key: str) -> str:
    return f"{path}/{key.replace('~', '~0').replace('/', '~1')}"


def _json_equal(a: Any, b: Any) -> bool:
    """JSON equality: booleans are not numbers, 1 == 1.0, objects compare by keys, arrays in order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_number(a) and is_number(b):
        return a == b
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return type(a) is type(b) and a == b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    return False


def _has_type(value: Any, name: str) -> bool:
    if name == 'string':
        return isinstance(value, str)
    if name == 'integer':
        return is_integer(value)
    if name == 'number':
        return is_number(value) and math.isfinite(value)
    if name == 'boolean':
        return isinstance(value, bool)
    if name == 'null':
        return value is None
    if name == 'object':
        return isinstance(value, Mapping)
    if name == 'array':
        return isinstance(value, (list, tuple))
    raise ValueError(f'unsupported JSON Schema type {name!r}')


def _count(n: int | float) -> str:
    return js_string(n)


class _Validator:
    def __init__(self, root: Mapping[str, Any], strict: bool) -> None:
        self.root = root
        self.strict = strict

    def resolve(self, ref: str) -> Mapping[str, Any]:
        if not ref.startswith('#'):
            raise ValueError(f'only local $refs are supported; got {ref!r}')
        node: Any = self.root
        for raw in ref[1:].split('/')[1:]:
            node = node[raw.replace('~1', '/').replace('~0', '~')]
        return node

    def check(self, schema: Any, value: Any, path: str) -> list[Issue]:
        if schema is True:
            return []
        if schema is False:
            return [issue(path, 'is not allowed here', None, value)]
        unknown = set(schema) - SUPPORTED_KEYWORDS - ANNOTATIONS
        if unknown:
            raise ValueError(f"unsupported JSON Schema keyword(s) {', '.join(sorted(unknown))}")
        if '$ref' in schema:
            return self.check(self.resolve(schema['$ref']), value, path)
        if 'type' in schema:
            types = schema['type'] if isinstance(schema['type'], list) else [schema['type']]
            if not any(_has_type(value, t) for t in types):
                expected = ','.join(types)
                return [issue(path, f'must be of type {expected}', expected, value)]
        issues: list[Issue] = []
        if 'const' in schema and not _json_equal(value, schema['const']):
            issues.append(issue(path, f"must be {js_json(schema['const'])}", None, value))
        if 'enum' in schema and not any(_json_equal(value, option) for option in schema['enum']):
            expected = f"one of: {', '.join(js_string(option) for option in schema['enum'])}"
            issues.append(issue(path, 'is not one of the allowed values', expected, value))
        if is_number(value):
            issues += self.numbers(schema, value, path)
        elif isinstance(value, str):
            issues += self.strings(schema, value, path)
        elif isinstance(value, (list, tuple)):
            issues += self.arrays(schema, value, path)
        elif isinstance(value, Mapping):
            issues += self.objects(schema, value, path)
        if 'anyOf' in schema:
            issues += self.any_of(schema['anyOf'], value, path)
        return issues

    def numbers(self, schema: Mapping[str, Any], value: float, path: str) -> list[Issue]:
        issues: list[Issue] = []
        for keyword, holds, sign in (
            ('minimum', lambda limit: value >= limit, '>='),
            ('maximum', lambda limit: value <= limit, '<='),
            ('exclusiveMinimum', lambda limit: value > limit, '>'),
            ('exclusiveMaximum', lambda limit: value < limit, '<'),
        ):
            if keyword in schema and not holds(schema[keyword]):
                limit = _count(schema[keyword])
                issues.append(issue(path, f'must be {sign} {limit}', f'{sign} {limit}', value))
        return issues

    def strings(self, schema: Mapping[str, Any], value: str, path: str) -> list[Issue]:
        issues: list[Issue] = []
        if 'minLength' in schema and len(value) < schema['minLength']:
            message = f"must NOT have fewer than {schema['minLength']} characters"
            issues.append(issue(path, message, None, value))
        if 'maxLength' in schema and len(value) > schema['maxLength']:
            message = f"must NOT have more than {schema['maxLength']} characters"
            issues.append(issue(path, message, None, value))
        if 'pattern' in schema and not compile_ecma(schema['pattern']).search(value):
            issues.append(issue(path, f"does not match {schema['pattern']}", schema['pattern'], value))
        return issues

    def arrays(self, schema: Mapping[str, Any], value: list[Any] | tuple[Any, ...], path: str) -> list[Issue]:
        issues: list[Issue] = []
        if 'minItems' in schema and len(value) < schema['minItems']:
            issues.append(issue(path, f"must NOT have fewer than {schema['minItems']} items", None, value))
        if 'maxItems' in schema and len(value) > schema['maxItems']:
            issues.append(issue(path, f"must NOT have more than {schema['maxItems']} items", None, value))
        items = schema.get('items')
        if isinstance(items, list):
            for index, (item_schema, item) in enumerate(zip(items, value)):
                issues += self.check(item_schema, item, f'{path}/{index}')
        elif items is not None:
            for index, item in enumerate(value):
                issues += self.check(items, item, f'{path}/{index}')
        return issues

    def objects(self, schema: Mapping[str, Any], value: Mapping[str, Any], path: str) -> list[Issue]:
        issues: list[Issue] = []
        for name in schema.get('required', ()):
            if name not in value:
                issues.append(issue(_pointer(path, name), f"missing required property '{name}'"))
        if 'minProperties' in schema and len(value) < schema['minProperties']:
            message = f"must NOT have fewer than {schema['minProperties']} properties"
            issues.append(issue(path, message, None, value))
        if 'maxProperties' in schema and len(value) > schema['maxProperties']:
            message = f"must NOT have more than {schema['maxProperties']} properties"
            issues.append(issue(path, message, None, value))
        properties: Mapping[str, Any] = schema.get('properties', {})
        patterns = [(compile_ecma(p), s) for p, s in schema.get('patternProperties', {}).items()]
        additional = schema.get('additionalProperties', True)
        for key, item in value.items():
            at = _pointer(path, key)
            matched = key in properties
            if matched:
                issues += self.check(properties[key], item, at)
            for regex, pattern_schema in patterns:
                if regex.search(key):
                    matched = True
                    issues += self.check(pattern_schema, item, at)
            if matched or additional is True:
                continue
            if additional is False:
                if self.strict:
                    message = f"unexpected property '{key}' (not in the schema; check its spelling)"
                    issues.append(issue(at, message, None, item))
            else:
                issues += self.check(additional, item, at)
        return issues

    def any_of(self, branches: list[Any], value: Any, path: str) -> list[Issue]:
        """Valid when one branch is; otherwise the issues of the branch that got furthest (fewest issues)."""
        best: list[Issue] | None = None
        for branch in branches:
            found = self.check(branch, value, path)
            if not found:
                return []
            if best is None or len(found) < len(best):
                best = found
        return best or [issue(path, 'must match a schema in anyOf', None, value)]


def validate_schema(schema: Mapping[str, Any], value: Any, *, strict: bool = True) -> Result[Any]:
    """Validate ``value`` against any schema document of the supported subset."""
    issues = _Validator(schema, strict).check(schema, value, '')
    return fail(*issues) if issues else ok(value)


def _schema_of(name: str) -> Mapping[str, Any] | Result[Any]:
    if name not in MESSAGES:
        return fail(issue('', f"no message is named '{name}'", f"one of: {', '.join(MESSAGE_NAMES)}", name))
    return load_schema(name)


def validate(name: str, value: Any) -> Result[Any]:
    """Strict check, for producers about to publish: unknown properties are refused."""
    schema = _schema_of(name)
    return schema if isinstance(schema, Result) else validate_schema(schema, value, strict=True)


def validate_received(name: str, value: Any) -> Result[Any]:
    """Tolerant check, for consumers: unknown extra properties are accepted; everything else is checked."""
    schema = _schema_of(name)
    return schema if isinstance(schema, Result) else validate_schema(schema, value, strict=False)


def parse_message(name: str, text: str | bytes) -> Result[Any]:
    """Parse JSON text and validate it tolerantly, as a reader would; bad JSON is an issue, never raised."""
    try:
        value = json.loads(text)
    except (ValueError, TypeError) as error:
        received = text[:200] if isinstance(text, (str, bytes)) else text
        return fail(issue('', f'not valid JSON: {error}', None, received))
    return validate_received(name, value)


def is_message(name: str, value: Any) -> bool:
    """True when ``value`` passes the strict check."""
    return validate(name, value).ok
