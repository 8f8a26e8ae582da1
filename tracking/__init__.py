"""Theo dõi Kế hoạch: track a provincial implementation plan unit by unit against its deadlines."""
