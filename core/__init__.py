"""Parallax core: a plain Python library (ingest, store, NLP, alignment, insights).

Never imports Qt or ``parallax.desktop``; an import-linter contract in the test
run enforces that.
"""
