"""Units: the administrative maps and their changes over time."""
