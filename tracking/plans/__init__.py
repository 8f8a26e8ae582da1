"""Plans as data: loading, checking, seeding (and, later, drafting and amending)."""
