"""Qt Multimedia's terminal output, cut down to what says something is wrong."""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory

# Qt's FFmpeg backend dumps every file it opens ("Input #0, mov,mp4…") and a few lines of news
# at info level; a missing PipeWire (Qt falls back to PulseAudio) is only a warning about a
# library we do not use. Warnings about a damaged file or a missing sound device still get
# through, and QT_LOGGING_RULES set by a developer wins over these rules.
QUIET_MEDIA_RULES = "qt.multimedia.*.info=false\nqt.multimedia.symbolsresolver.warning=false"
_quieted = False


def quiet_media_logging() -> None:
    """Keep the terminal quiet while takes open and play; call before QtMultimedia loads."""
    global _quieted
    if not _quieted:
        QLoggingCategory.setFilterRules(QUIET_MEDIA_RULES)
        _quieted = True
