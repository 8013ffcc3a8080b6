"""The stage registry: every pipeline stage is a named, versioned unit with declared needs.

A stage declares which kinds of records it reads (`needs`) and writes (`produces`). `plan()`
checks an ordered list of stages before any data flows, so a missing prerequisite is a clear
error up front rather than an empty result at the end. The version goes into every run
record, so derived rows can always be traced to the code that made them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from newstrace.errors import PipelineError, UsageError

StageFn = Callable[..., Any]


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    needs: tuple[str, ...]
    produces: tuple[str, ...]
    fn: StageFn
    doc: str = ""


_REGISTRY: dict[str, Stage] = {}


def register(
    name: str, version: str, needs: Iterable[str] = (), produces: Iterable[str] = ()
) -> Callable[[StageFn], StageFn]:
    """Decorator: register a stage function under `name`."""

    def wrap(fn: StageFn) -> StageFn:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise PipelineError(f"stage {name!r} is registered twice")
        doc = (fn.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = Stage(name, version, tuple(needs), tuple(produces), fn,
                                doc[0] if doc else "")
        return fn

    return wrap


def get(name: str) -> Stage:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise UsageError(f"unknown stage {name!r} (known stages: {known})") from None


def all_stages() -> list[Stage]:
    return list(_REGISTRY.values())


def plan(names: Iterable[str], available: Iterable[str] = ()) -> list[Stage]:
    """Check that each stage's needs are met by `available` kinds or an earlier stage."""
    have = set(available)
    ordered = []
    for name in names:
        stage = get(name)
        missing = [need for need in stage.needs if need not in have]
        if missing:
            raise PipelineError(
                f"stage {name!r} needs {', '.join(missing)}, which no earlier stage produces"
            )
        have.update(stage.produces)
        ordered.append(stage)
    return ordered
