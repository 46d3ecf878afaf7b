"""Alignment: similarity, sentence alignment, word edits, substitutions, reuse passages."""
