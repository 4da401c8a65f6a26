"""devices layer (see shared/STYLE.md)."""
