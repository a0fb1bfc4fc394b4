"""Language versions: the articles that are one release in several languages, linked.

- ``tables``: ``article_alternates`` (what each page says its other languages are),
  ``language_links`` (two versions and the evidence that links them) and
  ``release_versions`` (which release each linked article belongs to), and the groups
  recomputed from the links.
- ``declared``: the cheap evidence, linked while filing: a page's ``hreflang`` alternates and
  the language switcher links that keep the article's id or slug.
- ``numbers``, ``names``: what two versions in different languages and scripts can share —
  the numbers they give, and the names they spell (Cyrillic transliterated).
- ``evidence``: how two unlinked articles are weighed as versions of one release.
- ``content``: ``link_by_content`` — the pass over a site that links versions the pages leave
  unlinked (``secnews link-languages``).
- ``searching``: search hits with their versions, and search across versions (one hit a
  release, in the language asked for).

Takes a ``sqlite_utils.Database``; imports the shared vocabulary and ``archive.search``,
never the store (the store files through ``declared`` and makes the tables in its
migrations).
"""
