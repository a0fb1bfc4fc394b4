"""The archive in Datasette: the app, its generated metadata, and our plugins.

``app`` builds the Datasette instance (read-only, with metadata generated from the schema by
``metadata`` and ``queries``); every other module with hook implementations is a plugin:
``plugins`` (search in SQL and the table search box, article pages, read-only), ``pages``
and ``chart`` (an article to read, articles per month), ``snapshots`` (downloads, with
``livecopy``: one consistent copy of the live archive shared by the downloads of a minute).

The top of the archive's layers: may import any other ``archive`` package.
"""
