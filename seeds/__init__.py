"""The sample dossier the app opens on first start (files unchanged from the user)."""
