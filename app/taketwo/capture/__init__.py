"""capture layer (see shared/STYLE.md)."""
