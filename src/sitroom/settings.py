"""One registry of settings: name, default, help; read from flags, environment, config file.

Order of precedence (first wins): a command-line flag, the environment variable
`SITROOM_<NAME>`, the `[sitroom]` table of the config file (`--config FILE` or
`SITROOM_CONFIG`, else `./sitroom.toml` when present), the default below.
Every setting is listed in README.md (a test checks it).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "SITROOM_" + self.name.upper()

    def coerce(self, raw: Any) -> Any:
        """Turn a string from the environment into the default's type."""
        if not isinstance(raw, str) or isinstance(self.default, str) or self.default is None:
            return raw
        if isinstance(self.default, bool):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(self.default, int):
            return int(raw)
        if isinstance(self.default, float):
            return float(raw)
        if isinstance(self.default, list):
            return [part.strip() for part in raw.split(",") if part.strip()]
        return raw


DEFAULT_PIPELINE = [
    "actors.spacy.v1",
    "people.spacy.v1",
    "places.gazetteer.v1",
    "events.patterns.v1",
    "relations.patterns.v1",
    "relations.kb.v1",
    "quotes.v1",
    "claims.v1",
]

SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "db", "sqlite:///sitroom.db", "database URL (SQLite file or postgresql+psycopg://...)"
        ),
        Setting("cache", "", "folder for built indexes (default: ~/.cache/sitroom)"),
        Setting("max_bytes", 10_000_000, "largest input file read, in bytes; bigger files fail"),
        Setting("batch_size", 64, "articles per spaCy batch"),
        Setting(
            "pipeline", DEFAULT_PIPELINE, "extraction stages to run, in order (comma-separated)"
        ),
        Setting("plugins", [], "Python modules to import first so their stages/readers register"),
        Setting("actors", [], "your own actor knowledge-base TOML files, added to ours"),
        Setting("places", [], "your own places JSON Lines files, added to our supplement"),
        Setting("host", "127.0.0.1", "address `sitroom serve` binds to"),
        Setting("port", 8000, "port `sitroom serve` listens on"),
        Setting("token", "", "API token; when set, write endpoints accept `Bearer TOKEN`"),
    )
}


class SettingsError(ValueError):
    """A config file or value that cannot be used."""


def _config_file(explicit: str | None) -> Path | None:
    name = explicit or os.environ.get("SITROOM_CONFIG")
    if name:
        path = Path(name)
        if not path.is_file():
            raise SettingsError(f"no such config file: {path}")
        return path
    default = Path("sitroom.toml")
    return default if default.is_file() else None


def _read_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from exc
    table = data.get("sitroom", data)
    unknown = sorted(set(table) - set(SETTINGS))
    if unknown:
        raise SettingsError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    return table


def resolve(
    flags: Mapping[str, Any] | None = None,
    *,
    config: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Every setting's effective value: flags, then environment, then config file, then default."""
    environ = os.environ if environ is None else environ
    file_values = _read_config(_config_file(config))
    values: dict[str, Any] = {}
    for name, setting in SETTINGS.items():
        flag = (flags or {}).get(name)
        if flag is not None:
            values[name] = flag
        elif setting.env in environ:
            try:
                values[name] = setting.coerce(environ[setting.env])
            except ValueError as exc:
                raise SettingsError(f"{setting.env}: {exc}") from exc
        elif name in file_values:
            values[name] = file_values[name]
        else:
            values[name] = setting.default
    return values


def cache_dir(value: str | None = None) -> Path:
    """Where built indexes live: the `cache` setting, else ~/.cache/sitroom."""
    chosen = value or os.environ.get("SITROOM_CACHE")
    return Path(chosen) if chosen else Path.home() / ".cache" / "sitroom"
