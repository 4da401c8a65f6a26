"""The window around the screens: app start, main window, sidebar, theme, first start, settings."""
