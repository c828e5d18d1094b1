"""Helpers shared by the eval scripts."""
from __future__ import annotations


class MissingData(Exception):
    """Raised by an eval whose gold data is not present; the gate skips it with this message."""
