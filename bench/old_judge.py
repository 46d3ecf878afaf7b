"""The pair judge as it was at an earlier commit, loaded beside today's in the
same process, so ``bench/bench_judge.py`` can compare the two side by side.

Depends on git (the worktree's history) and on today's ``parallax`` for what the
old judge shares with it (the encoder, spaCy pipelines, word helpers). The old
judge, cross-encoder and structured check modules and their two resource files
are read with ``git show`` into a temporary package ``parallax_old_<commit>``,
their imports of each other and of ``parallax.resources`` pointed at it.
"""
from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# main when the calibrated three-answer judge was started: the judge trained on MSRP alone.
BASELINE = "3563d68"
_MODULES = {"judge": "core/pairs/judge.py", "cross": "core/nlp/cross.py",
            "structure": "core/pairs/structure.py"}
_RESOURCES = ("pair_model.json", "pair_cross.npz")
_IMPORTS = (("parallax.core.pairs.structure", "{pkg}.structure"),
            ("parallax.core.nlp.cross", "{pkg}.cross"),
            ("from parallax.resources import resource_path", "from {pkg} import resource_path"),
            # the parser's pipeline of the old commit: today's one pipeline, reading with its parser
            ("from parallax.core.nlp.pipeline import get_parsing_nlp", "from {pkg} import get_parsing_nlp"))
_INIT = '''from pathlib import Path


def resource_path(name):
    """The old commit's resource file ``name``."""
    path = Path(__file__).parent / name
    if not path.is_file():
        raise KeyError(name)
    return path


class _Parsing:
    """What the old code called ``get_parsing_nlp()`` for: ``.pipe`` and calls, with the parser."""

    def pipe(self, texts, **kwargs):
        from parallax.core.nlp.pipeline import parse_pipe

        return parse_pipe(texts, **kwargs)

    def __call__(self, text):
        return next(self.pipe([text]))


def get_parsing_nlp():
    return _Parsing()
'''


def _git_show(commit: str, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout


def load(commit: str = BASELINE):
    """The old ``judge`` module (``judge_pairs``, ``PairConfig``, ...) of ``commit``."""
    pkg = f"parallax_old_{commit[:12]}"
    if pkg in sys.modules:
        return importlib.import_module(f"{pkg}.judge")
    folder = Path(tempfile.mkdtemp(prefix="parallax-old-judge-")) / pkg
    folder.mkdir()
    (folder / "__init__.py").write_text(_INIT, encoding="utf-8")
    for name, path in _MODULES.items():
        text = _git_show(commit, path).decode("utf-8")
        for old, new in _IMPORTS:
            text = text.replace(old, new.format(pkg=pkg))
        (folder / f"{name}.py").write_text(text, encoding="utf-8")
    for name in _RESOURCES:
        (folder / name).write_bytes(_git_show(commit, f"resources/{name}"))
    sys.path.insert(0, str(folder.parent))
    return importlib.import_module(f"{pkg}.judge")
