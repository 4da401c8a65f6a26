"""Measuring a take: pauses, pace, loudness, words, framing. The heavy work runs in a child
process (child.py); callers import result.py and explain.py only. See docs/architecture.md."""
