"""Alignment of two analysed texts: similarity, sentence alignment, word edits, substitutions, entity kinds."""
