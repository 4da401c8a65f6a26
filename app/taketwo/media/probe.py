"""What a media file holds, read with PyAV: streams, codecs, duration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first used: the app starts without FFmpeg's libraries
    import av

# A file this much shorter than the length it should have lost its end (on top of 2% of it):
# more than the rounding of any header or sidecar, less than the one-second fragment a crash
# can take with it.
SHORT_BY = 0.3  # seconds


def falls_short(duration: float, expected: float) -> bool:
    """Whether media lasting ``duration`` s is cut short of the ``expected`` s it should last."""
    return expected - duration > SHORT_BY + 0.02 * expected


class MediaError(Exception):
    """A file is not usable media; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class MediaInfo:
    path: Path
    duration: float  # seconds, measured from the packets when the header has none
    video_codec: str | None
    audio_codec: str | None
    width: int | None
    height: int | None
    fps: float | None
    sample_rate: int | None

    @property
    def has_video(self) -> bool:
        return self.video_codec is not None

    @property
    def has_audio(self) -> bool:
        return self.audio_codec is not None


def _packet_duration(container: av.container.InputContainer) -> float:
    """Duration from the packets themselves (fragmented or truncated files have no header value)."""
    end = 0.0
    start: float | None = None
    for packet in container.demux():
        if packet.pts is None or packet.time_base is None:
            continue
        t0 = float(packet.pts * packet.time_base)
        t1 = t0 + float((packet.duration or 0) * packet.time_base)
        start = t0 if start is None else min(start, t0)
        end = max(end, t1)
    return max(0.0, end - (start or 0.0))


def probe(path: str | Path, exact: bool = False) -> MediaInfo:
    """Streams and duration of ``path``. ``exact`` reads every packet instead of the header."""
    import av

    path = Path(path)
    try:
        with av.open(str(path)) as container:
            video = container.streams.video[0] if container.streams.video else None
            audio = container.streams.audio[0] if container.streams.audio else None
            if video is None and audio is None:
                raise MediaError(f"{path.name} holds no audio or video")
            duration = (container.duration or 0) / 1_000_000
            if exact or duration <= 0:
                duration = _packet_duration(container)
            fps = float(video.average_rate) if video is not None and video.average_rate else None
            return MediaInfo(
                path=path,
                duration=duration,
                video_codec=video.codec_context.name if video is not None else None,
                audio_codec=audio.codec_context.name if audio is not None else None,
                width=video.codec_context.width if video is not None else None,
                height=video.codec_context.height if video is not None else None,
                fps=fps,
                sample_rate=audio.codec_context.sample_rate if audio is not None else None,
            )
    except FileNotFoundError as exc:
        raise MediaError(f"no such file: {path}") from exc
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise MediaError(f"{path.name} is not a media file Take Two can read ({exc})") from exc
