"""Parallax desktop: a thin Qt (PySide6) layer over ``parallax.core``."""
