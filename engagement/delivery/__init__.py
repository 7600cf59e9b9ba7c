"""Sending email and SMS: SMTP and Twilio, or local outbox files."""
