"""The bundle's program: ``taketwo``, and also ``taketwo -c CODE`` the way python runs it.

``taketwo doctor`` tries Qt in a child process (``sys.executable -c ...``) so that a Qt that
aborts cannot take the doctor down with it; in the bundle ``sys.executable`` is this program.
"""

import sys

if len(sys.argv) > 2 and sys.argv[1] == "-c":
    code, sys.argv = sys.argv[2], ["-c", *sys.argv[3:]]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
    raise SystemExit(0)

from taketwo.cli import main  # noqa: E402 (the -c case above needs none of Take Two)

raise SystemExit(main())
