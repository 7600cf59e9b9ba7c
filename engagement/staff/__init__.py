"""Staff accounts, login and roles per panel."""
