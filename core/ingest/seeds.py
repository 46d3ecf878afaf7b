"""The sample dossier shipped in ``parallax.seeds``: its files and its name.

Depends on importlib.resources and :mod:`parallax.core.ingest.meta`. The
folder's ``manifest.json`` names the dossier and gives each file's outlet and
date; :func:`parallax.core.ingest.readers.collect` applies it when the seed
paths are imported.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from parallax.core.ingest.meta import MANIFEST_NAME, load_manifest

SEED_PACKAGE = "parallax.seeds"


def seed_folder() -> Path:
    """The folder holding the seed files (on disk, also in a frozen app)."""
    folder = Path(str(resources.files(SEED_PACKAGE)))
    if not (folder / MANIFEST_NAME).is_file():
        raise RuntimeError(f"seed files missing: no {MANIFEST_NAME} in {folder}")
    return folder


def seed_paths() -> list[Path]:
    """The seed articles listed in the manifest, in file-name order."""
    folder = seed_folder()
    _, files = load_manifest(folder / MANIFEST_NAME)
    return sorted(folder / name for name in files)


def seed_dossier_name() -> str:
    """The seed dossier's name, as the manifest gives it."""
    dossier, _ = load_manifest(seed_folder() / MANIFEST_NAME)
    if not dossier:
        raise RuntimeError("seed manifest has no dossier name")
    return dossier
