"""Reuse passages (PAN-style text alignment): word preparation, the detector, character bounds, PAN corpora."""
