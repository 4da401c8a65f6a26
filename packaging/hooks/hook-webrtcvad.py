# PyInstaller's contributed hook copies the metadata of a distribution named "webrtcvad"; Take
# Two installs the same module from "webrtcvad-wheels", so that copy fails the build.
from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
