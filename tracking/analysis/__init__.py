"""Pure computations on the snapshot DataFrame: KPIs, progress, compliance, trends and norms."""
