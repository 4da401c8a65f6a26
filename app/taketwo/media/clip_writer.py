"""Writing a planned clip: copied GOPs, re-encoded edges, sound, an optional title card.

Re-encoded edges are spliced between copied GOPs in one H.264 track, so their parameter sets
must be the take's own: x264's Annex B output is rewritten as length-prefixed NAL units and its
SPS/PPS checked against the take's avcC box (:class:`ParamsDiffer` if they differ).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
from av.video.stream import VideoStream

from taketwo.domain.work import Cancelled, Progress
from taketwo.media.clip_plan import (
    TITLE_SECONDS,
    ExportError,
    ExportPlan,
    Segment,
    Source,
)
from taketwo.media.h264 import AUDIO_BITRATE, AUDIO_RATE, x264_options
from taketwo.media.title_card import title_card


def parse_avcc(extradata: bytes) -> tuple[int, tuple[bytes, ...]] | None:
    """NAL length size and the SPS/PPS of an avcC box; None if it is not one."""
    if len(extradata) < 7 or extradata[0] != 1:
        return None
    length_size = (extradata[4] & 3) + 1
    params: list[bytes] = []
    pos = 5
    try:
        for mask in (0x1F, 0xFF):  # count of SPS (low 5 bits), then count of PPS
            count = extradata[pos] & mask
            pos += 1
            for _ in range(count):
                size = int.from_bytes(extradata[pos : pos + 2], "big")
                params.append(extradata[pos + 2 : pos + 2 + size])
                pos += 2 + size
    except IndexError:
        return None
    return length_size, tuple(params)


def _annexb_nals(data: bytes) -> list[bytes]:
    nals, i, n = [], 0, len(data)
    starts = []
    while i < n - 2:
        if data[i] == 0 and data[i + 1] == 0 and data[i + 2] == 1:
            starts.append(i + 3)
            i += 3
        else:
            i += 1
    for j, s in enumerate(starts):
        e = starts[j + 1] - 3 if j + 1 < len(starts) else n
        nal = data[s:e]
        while nal.endswith(b"\x00") and j + 1 < len(starts):
            nal = nal[:-1]  # the 4-byte start code's leading zero
        nals.append(nal)
    return nals


class ParamsDiffer(Exception):
    """The edge encoder's parameter sets differ from the take's: re-encode the whole clip."""


class _Writer:
    """The output container and the bookkeeping that keeps video and sound on one clock."""

    def __init__(
        self, source: Source, partial: Path, plan: ExportPlan, progress: Progress | None
    ) -> None:
        self.source, self.plan, self.progress = source, plan, progress
        self.out = av.open(str(partial), "w", format="mp4", options={"movflags": "+faststart"})
        self.offset = TITLE_SECONDS if plan.title else 0.0  # clip time 0 in the output
        self.done_seconds = 0.0
        self.video_tb = Fraction(1, 90000)
        self.vstream: Any = None  # VideoStream: from a template (copy) or an encoder
        self.astream: av.audio.stream.AudioStream | None = None
        self.times: list[float] = []
        self.encoded = 0  # output times of frames handed to the encoder, in order

    def report(self, seconds: float, text: str) -> None:
        self.done_seconds += seconds
        total = self.plan.duration * (2 if self.plan.video and self.plan.audio else 1)
        if self.progress is not None and not self.progress(
            min(1.0, self.done_seconds / total), text
        ):
            raise Cancelled("export cancelled")


def write_clip(source: Source, partial: Path, plan: ExportPlan, progress: Progress | None) -> None:
    w = _Writer(source, partial, plan, progress)
    try:
        if plan.video:
            _add_video(w)
        if plan.audio:
            w.astream = w.out.add_stream("aac", rate=AUDIO_RATE, layout="mono")
            w.astream.bit_rate = AUDIO_BITRATE
        if plan.video:
            _write_video(w)
        if plan.audio:
            _write_audio(w)
    finally:
        w.out.close()


def _x264(source: Source) -> dict[str, str]:
    return x264_options(float(source.fps))  # the recorder's own, so copied GOPs fit


def _new_encoder(source: Source) -> av.VideoCodecContext:
    enc = av.CodecContext.create("libx264", "w")
    enc.width, enc.height = source.width - source.width % 2, source.height - source.height % 2
    enc.pix_fmt = "yuv420p"
    enc.time_base = 1 / source.fps
    enc.framerate = source.fps
    enc.color_range = 1
    enc.options = _x264(source)
    enc.thread_type = "FRAME"
    return enc


def _add_video(w: _Writer) -> None:
    if w.plan.smart:
        inp = av.open(str(w.source.path))
        try:
            w.vstream = w.out.add_stream_from_template(inp.streams.video[0])
        finally:
            inp.close()
    else:
        w.vstream = w.out.add_stream("libx264", rate=w.source.fps)
        cc = w.vstream.codec_context
        cc.width = w.source.width - w.source.width % 2
        cc.height = w.source.height - w.source.height % 2
        cc.pix_fmt = "yuv420p"
        cc.time_base = 1 / w.source.fps
        cc.color_range = 1
        cc.options = _x264(w.source)
        cc.thread_type = "FRAME"


def _write_video(w: _Writer) -> None:
    assert w.vstream is not None
    encoder = None if w.plan.smart else w.vstream.codec_context
    with av.open(str(w.source.path)) as inp:
        v = inp.streams.video[0]
        v.thread_type = "AUTO"
        if w.plan.title:
            enc = encoder or _new_encoder(w.source)
            _encode_frames(w, enc, _title_frames(w), flush=encoder is None)
        for seg in w.plan.segments:
            if seg.kind == "copy":
                _copy_packets(w, inp, v, seg)
            else:
                enc = encoder or _new_encoder(w.source)
                _encode_frames(w, enc, _source_frames(w, inp, v, seg), flush=encoder is None)
        if encoder is not None:
            _mux_encoded(w, encoder, None)


def _frame_in(t: float, seg: Segment, half: float) -> bool:
    return seg.start - half <= t < seg.end - half


def _source_frames(
    w: _Writer, inp: av.container.InputContainer, v: VideoStream, seg: Segment
) -> Iterator[tuple[float, av.VideoFrame]]:
    """Decoded frames of ``seg`` with their output times."""
    half = w.source.facts.frame_duration / 2
    tb = v.time_base
    assert tb is not None
    inp.seek(max(0, int((seg.start - half) / tb)), stream=v, backward=True)
    last = seg.start
    for frame in inp.decode(v):
        if frame.pts is None:
            continue
        t = float(frame.pts * tb)
        if t >= seg.end - half:
            return
        if _frame_in(t, seg, half):
            w.report(t - last, "Encoding the edges" if w.plan.smart else "Encoding")
            last = t
            # A first frame up to half a frame early starts the clip, not the title card.
            yield w.offset + max(0.0, t - w.plan.start), frame
    _check_reached(w, last, seg)


def _title_frames(w: _Writer) -> Iterator[tuple[float, av.VideoFrame]]:
    assert w.plan.title is not None
    image = title_card(
        w.plan.title, w.source.width - w.source.width % 2, w.source.height - w.source.height % 2
    )
    frame_time = float(1 / w.source.fps)
    count = round(TITLE_SECONDS / frame_time)
    for i in range(count):
        w.report(frame_time, "Title card")
        frame = av.VideoFrame.from_ndarray(image, format="bgr24")
        yield i * frame_time, frame


def _encode_frames(
    w: _Writer,
    enc: av.VideoCodecContext,
    frames: Iterator[tuple[float, av.VideoFrame]],
    flush: bool,
) -> None:
    for t, frame in frames:
        image = frame.reformat(width=enc.width, height=enc.height, format="yuv420p")
        image.color_range = 1  # limited, as the recorder writes: part of the parameter sets
        image.pts = w.encoded  # the encoder's own grid; the real times go on the packets
        image.time_base = enc.time_base
        w.encoded += 1
        w.times.append(t)
        _mux_encoded(w, enc, image)
    if flush:
        _mux_encoded(w, enc, None)


def _mux_encoded(w: _Writer, enc: av.VideoCodecContext, image: av.VideoFrame | None) -> None:
    for packet in enc.encode(image):
        t = w.times.pop(0) if w.times else None
        if w.plan.smart:
            packet = _as_avcc(w, bytes(packet), packet.is_keyframe)
        if t is not None:
            packet.pts = packet.dts = round(t / w.video_tb)
            packet.time_base = w.video_tb
            packet.duration = round(1 / w.source.fps / w.video_tb)
        packet.stream = w.vstream
        w.out.mux(packet)


def _as_avcc(w: _Writer, data: bytes, keyframe: bool) -> Any:
    """An x264 Annex B packet as length-prefixed NALs without parameter sets (the avcC has
    them); raises ParamsDiffer when the encoder's parameter sets are not the take's."""
    body = bytearray()
    for nal in _annexb_nals(data):
        kind = nal[0] & 0x1F if nal else 0
        if kind in (7, 8):
            if nal not in w.source.params:
                raise ParamsDiffer()
            continue
        if kind == 9:  # access unit delimiter
            continue
        body += len(nal).to_bytes(w.source.length_size, "big") + nal
    packet = av.Packet(bytes(body))
    packet.is_keyframe = keyframe
    return packet


def _copy_packets(
    w: _Writer, inp: av.container.InputContainer, v: VideoStream, seg: Segment
) -> None:
    tb = v.time_base
    assert tb is not None
    half = w.source.facts.frame_duration / 2
    inp.seek(max(0, int((seg.start - half) / tb)), stream=v, backward=True)
    last = seg.start
    for packet in inp.demux(v):
        if packet.pts is None:
            continue
        t = float(packet.pts * tb)
        if t >= seg.end - half:
            return
        if not _frame_in(t, seg, half):
            continue
        w.report(t - last, "Copying")
        last = t
        out_t = w.offset + max(0.0, t - w.plan.start)
        packet.pts = packet.dts = round(out_t / w.video_tb)
        packet.time_base = w.video_tb
        packet.duration = round(1 / w.source.fps / w.video_tb)
        packet.stream = w.vstream
        w.out.mux(packet)
    _check_reached(w, last, seg)


def _check_reached(w: _Writer, last: float, seg: Segment) -> None:
    """The picture ran out before the range did: the file was cut short after its header."""
    if last < seg.end - 1.5 * w.source.facts.frame_duration:
        raise ExportError(
            f"{w.source.path.name} ends early (at {last:.1f} s): the file is truncated"
        )


def _write_audio(w: _Writer) -> None:
    """Sound is always re-encoded: AAC frames (21 ms) do not fall on the cut points."""
    assert w.astream is not None
    pts = 0
    resampler = av.AudioResampler(format="fltp", layout="mono", rate=AUDIO_RATE)
    if w.plan.title:
        silence = np.zeros(int(TITLE_SECONDS * AUDIO_RATE), np.float32)
        pts = _encode_samples(w, silence, pts)
    want = int(round((w.plan.end - w.plan.start) * AUDIO_RATE))
    got = 0
    with av.open(str(w.source.path)) as inp:
        a = inp.streams.audio[0]
        tb = a.time_base
        assert tb is not None
        inp.seek(max(0, int((w.plan.start - 0.1) / tb)), stream=a, backward=True)
        for frame in inp.decode(a):
            if frame.pts is None:
                continue
            for out in resampler.resample(frame):
                t = float(frame.pts * tb)
                samples = out.to_ndarray()[0]
                skip = int(round((w.plan.start - t) * AUDIO_RATE))
                if skip > 0:
                    samples = samples[skip:]
                elif skip < 0 and got == 0:  # sound starts after the cut: keep it in place
                    samples = np.concatenate([np.zeros(-skip, np.float32), samples])
                samples = samples[: want - got]
                if len(samples) == 0:
                    continue
                got += len(samples)
                pts = _encode_samples(w, samples, pts)
                w.report(len(samples) / AUDIO_RATE, "Encoding the sound")
            if got >= want:
                break
    if got < want:  # the sound ended early: pad with silence so the clip keeps its length
        pts = _encode_samples(w, np.zeros(want - got, np.float32), pts)
    for packet in w.astream.encode(None):
        w.out.mux(packet)


def _encode_samples(w: _Writer, samples: np.ndarray, pts: int) -> int:
    assert w.astream is not None
    for i in range(0, len(samples), 1024):
        chunk = np.ascontiguousarray(samples[i : i + 1024], np.float32)[None, :]
        frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = pts
        pts += chunk.shape[1]
        for packet in w.astream.encode(frame):
            w.out.mux(packet)
    return pts
