"""The one way a test is skipped: for a tool the dev set-up installs, a skip on a developer's
machine without it and a failure in CI (``CI`` set by .ci/run), where a skip would hide a
missing install step; only hardware CI truly lacks (a webcam, a microphone) may skip there.

tests/conftest.py fails any other skip under ``CI``, so an ``importorskip`` or ``skipif``
written later cannot pass silently either."""

from __future__ import annotations

import os

import pytest

HARDWARE = "hardware: "  # the prefix of a skip that CI may take


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def require(available: bool, what: str, *, hardware: bool = False) -> None:
    """Go on if ``available``; else skip, or in CI fail unless ``hardware`` says the missing
    thing is a device CI has no way to provide."""
    if available:
        return
    if hardware:
        pytest.skip(HARDWARE + what)
    if in_ci():
        pytest.fail(f"{what} (packaging/setup.sh --dev installs it)")
    pytest.skip(what)


def require_module(name: str) -> None:
    """``importorskip`` that fails in CI: the dev set-up installs every optional module."""
    import importlib.util

    require(importlib.util.find_spec(name) is not None, f"needs the Python module {name}")
