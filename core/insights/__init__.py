"""Dossier-level results over aligned articles: story elements, shared text and its direction."""
