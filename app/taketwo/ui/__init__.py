"""ui layer (see shared/STYLE.md)."""
