"""Widgets and item models of the main window."""
