"""analysis layer (see shared/STYLE.md)."""
