"""Media work with PyAV: probe, finalize, trim and export."""
