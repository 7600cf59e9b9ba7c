"""Cutting a survey reply into answer segments, in order of trust: inline, numbered, awaited, ordered, prose."""
