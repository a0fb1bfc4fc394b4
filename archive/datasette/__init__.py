"""Datasette plugins for the secnews archive: each module here is one plugin."""
