"""Times typed on the command line: seconds with decimals, never nan or inf."""

from __future__ import annotations

import argparse

import pytest

from taketwo.cli.common import seconds


@pytest.mark.parametrize(("text", "value"), [("1", 1.0), ("2.75", 2.75), ("0", 0.0), ("-1", -1.0)])
def test_seconds_reads_numbers(text, value):
    assert seconds(text) == value


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1,5", "", "two"])
def test_seconds_refuses_what_is_not_a_time(text):
    with pytest.raises(argparse.ArgumentTypeError, match="number of seconds"):
        seconds(text)
