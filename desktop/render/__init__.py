"""Qt-dependent rendering: offscreen snapshots and PDF."""
