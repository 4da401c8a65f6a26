"""domain layer (see shared/STYLE.md)."""
