"""Carries the top-level resources/ folder into the package, as ``taketwo/resources``.

resources/ stays at the top of the checkout (the project's shape), so a wheel would otherwise
leave it behind. Everything under it is copied, whatever other changes add there; an editable
install needs no copy, since ``taketwo.paths`` finds the checkout's folder itself.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            target = Path(self.build_lib) / "taketwo" / "resources"
            shutil.rmtree(target, ignore_errors=True)  # a file removed since the last build
            self.copy_tree(str(Path(__file__).parent / "resources"), str(target))


setup(cmdclass={"build_py": BuildWithResources})
