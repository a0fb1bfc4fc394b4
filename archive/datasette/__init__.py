"""Datasette plugins for the archive: each module here with hook implementations is a plugin."""
