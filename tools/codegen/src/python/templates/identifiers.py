"""Identifier sets: each a tuple of canonical tokens plus the legacy spellings accepted on input.

``parse_<set>(value)`` gives the canonical token for a canonical value, an alias, or,
for a loose set, a variant differing only in case, surrounding space, or ``-`` or a
space for ``_`` (``parse_focal_plane_pattern('5-on-a-die')`` is ``5_ON_A_DIE``). It never
raises: anything else is a refused :class:`~ra_contract.result.Result`. Writers send
canonical tokens only; readers keep an "unknown value" branch, since adding a token is
a minor (compatible) change of the contract.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal, TypeAlias, cast

from ._js import JS_WHITESPACE, js_trim
from .result import Result, fail, issue, ok

_SEPARATORS: Final = re.compile(f'[-{JS_WHITESPACE}]+')


def loosen(text: str) -> str:
    """The loose-matching key of a spelling: trimmed, upper-cased, runs of '-' and spaces as '_'."""
    return _SEPARATORS.sub('_', js_trim(text).upper())


@dataclass(frozen=True)
class IdentifierSet:
    """A named set of canonical tokens, the docs of each, and the aliases accepted on input."""

    name: str
    description: str
    values: tuple[str, ...]
    docs: Mapping[str, str]
    aliases: Mapping[str, str]
    #: Whether input matching ignores case and treats '-' and ' ' as '_'.
    loose: bool = True
    _canonical: frozenset[str] = field(init=False, repr=False, compare=False)
    _lookup: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}

        def add(spelling: str, target: str) -> None:
            key = loosen(spelling) if self.loose else spelling
            existing = lookup.get(key)
            if existing is not None and existing != target:
                ambiguous = f"spelling '{spelling}' is ambiguous between {existing} and {target}"
                raise ValueError(f'{self.name}: {ambiguous}')
            lookup[key] = target

        for value in self.values:
            add(value, value)
        for alias, target in self.aliases.items():
            if target not in self.values:
                raise ValueError(f"{self.name}: alias '{alias}' targets unknown value '{target}'")
            add(alias, target)
        object.__setattr__(self, '_canonical', frozenset(self.values))
        object.__setattr__(self, '_lookup', lookup)

    @property
    def expected(self) -> str:
        return f"one of: {', '.join(self.values)}"

    def is_canonical(self, value: object) -> bool:
        """True for a canonical token (exact match)."""
        return isinstance(value, str) and value in self._canonical

    def __contains__(self, value: object) -> bool:
        return self.is_canonical(value)

    def parse(self, value: object, path: str = '') -> Result[str]:
        """The canonical token for a canonical value, an alias or (when loose) a variant of either."""
        if not isinstance(value, str):
            return fail(issue(path, f'{self.name} must be a string', self.expected, value))
        hit = self._lookup.get(loosen(value) if self.loose else value)
        if hit is not None:
            return ok(hit)
        return fail(issue(path, f"unknown {self.name} '{value}'", self.expected, value))


# codegen: SETS


# codegen: EXTRAS
