"""newsdesk: news articles into stories a reader can trust.

The small public surface:

    import newsdesk
    result = newsdesk.analyze(["articles/"], db="newsdesk.db")   # -> Analysis
    result.document          # the analysis, format newsdesk.analysis/1
    result.write_html("report.html")
    newsdesk.check(result.document)                             # schema + offsets + ids

Everything else may change between versions. Names are imported on first use, so that
`import newsdesk.clean` does not load the whole pipeline.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "FORMAT": "pipeline", "Analysis": "pipeline", "analyze": "pipeline",
    "Settings": "config", "load_settings": "config",
    "Article": "model", "RawArticle": "model", "Removal": "model", "Skip": "model", "Span": "model", "Story": "model",
    "open_store": "store",
    "InvalidAnalysis": "validate", "check": "validate", "problems": "validate",
}
__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
