"""NLP: the spaCy pipeline accessor and the numpy sentence encoder."""
