"""The library screen of the window."""
