"""One settings object: the packaged defaults (``data/settings.toml``) with a user TOML file laid over.

    settings = load_settings("my-storyline.toml", jobs=2)   # file over defaults, keywords over both

A user file sets any subset of the keys; an unknown key or a value of the wrong type is refused
with the file and key named (:class:`~storyline.errors.BadArguments`).  Relative paths in
``actor_files`` are read from the user file's folder.  The CLI's ``--config FILE``, ``--actors FILE``
(repeatable) and ``--event-threshold X`` end up here.

``event_threshold`` (0..1) is the confidence an event needs to be one of the run's events; its
default is ``default_threshold`` of ``data/events/confidence.json`` (the file the confidence weights
are set in, so the two are tuned together), not a line of ``data/settings.toml``.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Optional

from .errors import BadArguments

__all__ = ["Settings", "load_settings", "DEFAULTS_FILE"]

DEFAULTS_FILE = "data/settings.toml"
#: where the default of ``event_threshold`` is kept (``default_threshold``), beside the confidence weights
CONFIDENCE_FILE = "data/events/confidence.json"


@functools.lru_cache(maxsize=1)
def default_event_threshold() -> float:
    """``default_threshold`` of ``data/events/confidence.json``."""
    raw = json.loads(resources.files("storyline").joinpath(CONFIDENCE_FILE).read_text(encoding="utf-8"))
    return float(raw["default_threshold"])


@dataclass(frozen=True)
class Settings:
    """What a run can be told; see ``data/settings.toml`` for each key's meaning."""
    model: Optional[str] = None
    jobs: int = 1
    fast: bool = True
    chunk_chars: int = 50_000
    max_bytes: int = 20 * 1024 * 1024
    actor_files: tuple[str, ...] = ()
    #: events at or above this confidence are the run's events; the others are only stored
    event_threshold: float = dataclasses.field(default_factory=default_event_threshold)
    #: dated entries of the run's timeline; 0 = sized to the corpus (storyline.corpus.selection.default_size)
    timeline_entries: int = 0
    #: where articles are analysed: "" in this process; "local:N" a Dask LocalCluster of N worker
    #: processes; "tcp://HOST:PORT" the workers of a running Dask scheduler (storyline.cluster)
    dask: str = ""
    #: articles whose full view (text, events, quotes) report.html holds; the others are read with ``storyline serve``
    report_article_views: int = 2000

    def replace(self, **changes) -> "Settings":
        return _checked(dataclasses.replace(self, **changes), "arguments")


_TYPES = {"model": (str, type(None)), "jobs": int, "fast": bool, "chunk_chars": int, "max_bytes": int,
          "actor_files": tuple, "event_threshold": (int, float), "timeline_entries": int, "dask": str,
          "report_article_views": int}
#: the forms of the ``dask`` setting: none, a local cluster of N workers, a scheduler's address
DASK_SPEC = re.compile(r"^(?:|local:(?P<workers>[1-9][0-9]{0,3})|(?P<address>(?:tcp|tls)://[^\s/]+:[0-9]{1,5}))$")
_MINIMUM = {"jobs": 1, "chunk_chars": 1000, "max_bytes": 1, "timeline_entries": 0, "report_article_views": 0}


def _checked(settings: Settings, where: str) -> Settings:
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        kind = _TYPES[field.name]
        if isinstance(value, bool) and kind in (int, (int, float)) or not isinstance(value, kind):
            raise BadArguments(f"{where}: {field.name} = {value!r} is not a valid value")
        if field.name in _MINIMUM and value < _MINIMUM[field.name]:
            raise BadArguments(f"{where}: {field.name} must be at least {_MINIMUM[field.name]} (got {value})")
        if field.name == "event_threshold" and not 0.0 <= value <= 1.0:
            raise BadArguments(f"{where}: event_threshold must be between 0 and 1 (got {value})")
        if field.name == "dask" and not DASK_SPEC.fullmatch(value):
            raise BadArguments(f"{where}: dask must be \"\" (no Dask), \"local:N\" (N worker processes) "
                               f"or \"tcp://HOST:PORT\" (a running scheduler), not {value!r}")
        if field.name == "actor_files" and not all(isinstance(p, str) for p in value):
            raise BadArguments(f"{where}: actor_files must be a list of paths")
    return settings


def _read(text: str, where: str, base: Optional[Path]) -> dict[str, Any]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadArguments(f"{where}: not valid TOML ({exc})") from exc
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise BadArguments(f"{where}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    if raw.get("model") == "":
        raw["model"] = None
    if "actor_files" in raw:
        if not isinstance(raw["actor_files"], list):
            raise BadArguments(f"{where}: actor_files must be a list of paths")
        raw["actor_files"] = tuple(str((base / p) if base and not Path(p).is_absolute() else p)
                                   for p in raw["actor_files"])
    return raw


def load_settings(config: Optional[str | Path] = None, **overrides: Any) -> Settings:
    """The packaged defaults, ``config`` (a TOML file) over them, then ``overrides`` whose value is not None."""
    defaults = resources.files("storyline").joinpath(DEFAULTS_FILE).read_text(encoding="utf-8")
    values = _read(defaults, DEFAULTS_FILE, None)
    where = "defaults"
    if config is not None:
        path = Path(config)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise BadArguments(f"{path}: cannot read the settings file ({exc.strerror or exc})") from exc
        values.update(_read(text, str(path), path.resolve().parent))
        where = str(path)
    if isinstance(values.get("event_threshold"), int) and not isinstance(values["event_threshold"], bool):
        values["event_threshold"] = float(values["event_threshold"])
    settings = _checked(Settings(**values), where)
    given = {k: (tuple(str(p) for p in v) if k == "actor_files" else v) for k, v in overrides.items() if v is not None}
    if "actor_files" in given:
        given["actor_files"] = settings.actor_files + given["actor_files"]
    return settings.replace(**given) if given else settings
