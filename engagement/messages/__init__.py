"""Every message a citizen can receive: templates, rendering, GSM-7 and readability checks."""
