"""The report as data (model, style) and the builder from core results; the HTML writer. The PDF writer renders with Qt and lives in desktop/."""
