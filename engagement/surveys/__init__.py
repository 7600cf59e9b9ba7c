"""Surveys and meetings: stored definitions, answers and RSVPs (see ``service``)."""
