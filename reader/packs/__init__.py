"""Content packs imported from a file (no Qt here)."""
