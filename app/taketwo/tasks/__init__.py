"""tasks layer (see shared/STYLE.md)."""
