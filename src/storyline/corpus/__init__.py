"""Storyline's corpus stages."""
