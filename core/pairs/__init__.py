"""Sentence-pair judgement: do two sentences state the same thing? (models live in core/nlp)."""
