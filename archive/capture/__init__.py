"""Captures as published: an article page with what it shows, packed and replayed.

- ``requisites``: which stylesheets, images and fonts a page or a stylesheet needs.
- ``records``: where those exchanges lie in the WARC files, from the ``fetches`` rows.
- ``wacz``: a WACZ package of pages and their requisites (made with py-wacz).
- ``rewrite``: a captured page or stylesheet with its links pointing into a replay.

May import the shared vocabulary and ``archive.store``; never ``archive.snapshot`` or
``archive.datasette``, which use it.
"""
