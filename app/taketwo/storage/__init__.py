"""storage layer (see shared/STYLE.md)."""
