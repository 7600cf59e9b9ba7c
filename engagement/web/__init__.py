"""The web layer shared by all features: layout, errors, health."""
