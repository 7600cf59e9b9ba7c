"""Panelists: signup, consent, profile, leaving, import, GDPR export and erasure."""
