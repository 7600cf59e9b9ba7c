"""Receiving replies: the IMAP listener, the Twilio webhook, the raw message store and the staff inbox."""
