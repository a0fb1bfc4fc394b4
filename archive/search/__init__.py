"""Search: a full-text index that works for Chinese as well as for alphabetic languages.

- ``textforms``: the forms text is indexed and queried in — folded, CJK characters as
  tokens with their bigrams, word stems.
- ``query``: the query language (words, OR, -word, "phrases") as an FTS5 expression.
- ``index``: the FTS5 table over title and text: create, index, rebuild.
- ``ranking``: ranked search, one SQL statement shared by ``secnews search`` and Datasette.
- ``snippets``: snippets and highlights cut from the original text, never its search form.

Imports the shared vocabulary only; the store keeps the index up to date through ``index``.
"""
