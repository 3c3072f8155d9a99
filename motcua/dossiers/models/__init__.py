"""Dossier models, one concept per module."""
