"""The one error the domain raises: a value that breaks a rule, worded for the user."""

from __future__ import annotations


class DomainError(ValueError):
    """A value breaks a rule of the model (a rating out of range, an empty prompt...)."""
