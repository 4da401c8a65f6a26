"""Tests that need a tool the dev set-up installs: skipped on a developer's machine without it,
failed in CI (``CI`` set by .ci/run), where a skip would hide a missing install step."""

from __future__ import annotations

import os

import pytest


def require(available: bool, what: str) -> None:
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} (packaging/setup.sh --dev installs it)")
    pytest.skip(what)
