"""One typed settings object, validated once.

Defaults ship with the package (each stage's settings dataclass); a user's TOML file overrides
only the keys it sets, by section:

    batch_size = 200
    [reuse]
    shingle = 3

`newsdesk settings` prints every section with its defaults.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .brief.select import BriefSettings
from .clean import CleanSettings
from .compare.facts import FactSettings
from .ingest import ReadSettings
from .reuse import ReuseSettings
from .stories import StorySettings

SECTIONS = {"read": ReadSettings, "clean": CleanSettings, "reuse": ReuseSettings, "stories": StorySettings,
            "facts": FactSettings, "brief": BriefSettings}


@dataclass(frozen=True)
class Settings:
    """Every setting of newsdesk, by stage."""

    batch_size: int = 1000
    """Articles per store transaction: a killed run loses at most the last batch (read again next time);
    each transaction costs a few milliseconds, so a hundred made a million articles wait 30 s longer."""
    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    reuse: ReuseSettings = field(default_factory=ReuseSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    facts: FactSettings = field(default_factory=FactSettings)
    brief: BriefSettings = field(default_factory=BriefSettings)

    def __post_init__(self) -> None:
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer (articles per transaction); got {self.batch_size!r}")


def _coerce(section: str, name: str, default, value):
    """Check a TOML value against the type of its default; ints are accepted where floats are expected."""
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float))
        value = float(value) if ok else value
    elif isinstance(default, tuple):
        ok = isinstance(value, list)
        value = tuple(value) if ok else value
    elif default is None:
        ok = True
    else:
        ok = isinstance(value, type(default))
    if not ok:
        where = f"[{section}] {name}" if section else name
        raise ValueError(f"setting {where} must be {type(default).__name__}; got {value!r}")
    return value


def settings_from_dict(data: dict) -> Settings:
    """Settings from a dict shaped like the TOML file; unknown keys are an error that names them."""
    top = {f.name: f for f in dataclasses.fields(Settings)}
    kwargs: dict = {}
    for key, value in data.items():
        if key in SECTIONS:
            if not isinstance(value, dict):
                raise ValueError(f"[{key}] must be a table of settings; got {value!r}")
            base = SECTIONS[key]()
            known = {f.name for f in dataclasses.fields(base)}
            unknown = sorted(set(value) - known)
            if unknown:
                raise ValueError(f"unknown setting(s) {unknown} in [{key}]; known: {sorted(known)}")
            kwargs[key] = dataclasses.replace(base, **{
                name: _coerce(key, name, getattr(base, name), v) for name, v in value.items()})
        elif key in top:
            kwargs[key] = _coerce("", key, getattr(Settings(), key), value)
        else:
            raise ValueError(f"unknown setting {key!r}; known: {sorted(top)}")
    return Settings(**kwargs)


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """The defaults, overridden by the TOML file at `path` (or $NEWSDESK_CONFIG) when given."""
    path = path or os.environ.get("NEWSDESK_CONFIG")
    if not path:
        return Settings()
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValueError(f"cannot read settings file {file}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"settings file {file} is not valid TOML: {error}") from None
    try:
        return settings_from_dict(data)
    except ValueError as error:
        raise ValueError(f"{file}: {error}") from None


def settings_toml(settings: Settings | None = None) -> str:
    """The settings as a TOML text (for `newsdesk settings`)."""
    settings = settings or Settings()
    lines = [f"batch_size = {settings.batch_size}"]
    for name in SECTIONS:
        lines += ["", f"[{name}]"]
        for f in dataclasses.fields(getattr(settings, name)):
            value = getattr(getattr(settings, name), f.name)
            lines.append(f"{f.name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (tuple, list, frozenset, set)):
        return "[" + ", ".join(_toml_value(v) for v in sorted(value) if v is not None) + "]"
    if value is None:
        return '""  # not set'
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
