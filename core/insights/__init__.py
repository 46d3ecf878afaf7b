"""Insights over aligned articles: coverage, reuse direction, naming, quotes, numbers."""
