"""Campaigns: one survey, meeting invitation or information mailing to an audience."""
