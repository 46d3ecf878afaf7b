"""Article import: one reader per format, cleaning, metadata, the seed manifest."""
