"""Configuration from file, environment and flags, in that order of precedence (flags win).

One frozen record is built at the CLI boundary and handed to the library, so library code
never reads the environment itself and tests can pass any configuration directly.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from newstrace.errors import ConfigError

DEFAULT_CONFIG_FILE = "newstrace.toml"
ENV_PREFIX = "NEWSTRACE_"


@dataclass(frozen=True)
class Config:
    db: str = "newstrace.db"
    max_input_bytes: int = 20 * 1024 * 1024
    batch_size: int = 200
    max_text_chars: int = 2_000_000
    spacy_model: str = ""
    """A spaCy package name or directory; empty: an official en_core_web_* or the bundled one."""
    cache: str = ""
    """Where built indexes (the gazetteer) are kept; empty: ~/.cache/newstrace."""
    actors_file: str = ""
    """A YAML or CSV actor dictionary extending the bundled one (entries replaced by id)."""

    def hash(self) -> str:
        """Hash of the settings that change results (not where the store lives)."""
        data = {k: v for k, v in asdict(self).items() if k not in ("db", "cache")}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


def _coerce(name: str, value: Any, source: str) -> Any:
    kind = {f.name: f.type for f in fields(Config)}[name]
    if kind == "int":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{source}: {name} must be a whole number, got {value!r}") from None
        if number <= 0:
            raise ConfigError(f"{source}: {name} must be positive, got {number}")
        return number
    return str(value)


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    section = data.get("newstrace", data)
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(section) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown settings {', '.join(unknown)}")
    return {k: _coerce(k, v, str(path)) for k, v in section.items()}


def load_config(
    config_file: str | None = None,
    env: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Build the configuration: defaults < file < NEWSTRACE_* environment < overrides."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    file_name = config_file or env.get(ENV_PREFIX + "CONFIG")
    if file_name:
        path = Path(file_name)
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        values.update(_from_file(path))
    elif Path(DEFAULT_CONFIG_FILE).is_file():
        values.update(_from_file(Path(DEFAULT_CONFIG_FILE)))
    for f in fields(Config):
        raw = env.get(ENV_PREFIX + f.name.upper())
        if raw:
            values[f.name] = _coerce(f.name, raw, ENV_PREFIX + f.name.upper())
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = _coerce(key, value, f"--{key.replace('_', '-')}")
    return replace(Config(), **values)
