"""Local SQLite store: models, connection set-up, migrations, backups, operations."""
