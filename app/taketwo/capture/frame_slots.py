"""Camera frames on a constant-rate grid that starts at the take's t0."""

from __future__ import annotations

LATE_TOLERANCE = 0.6  # of a frame period


class FrameSlots:
    """Places camera frames on a constant-rate grid that starts at the take's t0.

    A frame goes to the slot nearest its stamp. Slots a slow camera leaves empty repeat the
    previous frame (counted as duplicated); a second frame for a filled slot is dropped.
    """

    def __init__(self, fps: float) -> None:
        self.fps = fps
        self.next_slot = 0
        self.dropped = 0
        self.duplicated = 0
        self.started = False

    def place(self, seconds: float) -> tuple[int, int] | None:
        """For a frame ``seconds`` into the take: (fill count before it, its slot), or None."""
        ideal = seconds * self.fps
        slot = round(ideal)
        if slot == self.next_slot + 1 and ideal - self.next_slot < LATE_TOLERANCE:
            # Stamped a little late (a busy machine woke the grab thread late): it is the
            # frame for the next slot, not a reason to repeat one frame and drop the next.
            slot = self.next_slot
        if slot < self.next_slot:
            if slot >= 0:
                self.dropped += 1
            return None
        fill = slot - self.next_slot
        if self.started:
            self.duplicated += fill
        self.started = True
        self.next_slot = slot + 1
        return fill, slot

    def fill_to(self, seconds: float) -> int:
        """How many repeats of the last frame bring the video to ``seconds``."""
        end = round(seconds * self.fps)
        fill = max(0, end - self.next_slot)
        self.next_slot += fill
        return fill
