"""Checks that settings dataclasses share, with messages that say what to do."""
from __future__ import annotations


def require_fractions(settings: object, *names: str) -> None:
    """Each named setting must be a share or similarity in (0, 1]."""
    for name in names:
        value = getattr(settings, name)
        if not 0.0 < value <= 1.0:
            raise ValueError(f"{name} must be in (0, 1]; got {value}")
