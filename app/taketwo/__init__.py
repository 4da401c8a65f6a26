"""Take Two: rehearse the interview answer you fumbled until it feels comfortable."""

import os

# numpy's OpenBLAS starts a thread per core that spins for a while after each call, and at
# start-up; Take Two's arrays are small (audio blocks, meters), so one thread does them for
# less CPU. Set before anything imports numpy; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
