"""Full-text search over a pack in all its languages (Whoosh). No Qt here."""
