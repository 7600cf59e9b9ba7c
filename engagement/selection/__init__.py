"""Population targets and representative selection."""
