"""dossier: build Word briefings and PowerPoint decks from structured data."""

__version__ = "0.1.0"
