"""Results are data, never exceptions.

Every parser and validator returns a :class:`Result`: ``ok`` with a ``value``, or
not ``ok`` with ``issues``, each naming the field (a JSON pointer, ``''`` for the
whole value) and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar('T')


@dataclass(frozen=True)
class Issue:
    """One reason an input was refused."""

    path: str
    message: str
    expected: str | None = None
    received: Any = None


@dataclass(frozen=True)
class Result(Generic[T]):
    """``Result(ok=True, value=...)`` or ``Result(ok=False, issues=(...))``."""

    ok: bool
    value: T | None = None
    issues: tuple[Issue, ...] = ()

    def unwrap(self) -> T:
        """The value; raises ``ValueError`` naming every issue when refused."""
        if not self.ok:
            raise ValueError(format_issues(self.issues))
        return self.value  # type: ignore[return-value]

    @property
    def messages(self) -> list[str]:
        """The issue messages, in order (empty when ok)."""
        return [i.message for i in self.issues]


def ok(value: T) -> Result[T]:
    return Result(True, value)


def fail(*issues: Issue) -> Result[Any]:
    return Result(False, None, tuple(issues))


def issue(path: str, message: str, expected: str | None = None, received: Any = None) -> Issue:
    return Issue(path, message, expected, received)


def format_issues(issues: Iterable[Issue]) -> str:
    """One line per issue, for logs and command lines."""
    return '\n'.join(f"{'(value)' if i.path == '' else i.path}: {i.message}" for i in issues)
