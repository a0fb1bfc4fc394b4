"""Extraction evaluation: how well secnews reads pages, against gold labels and plain
trafilatura.

- ``goldset``: the saved pages with their expected fields, and how one extraction is scored.
- ``compare``: secnews and plain trafilatura on the same pages, per language and field
  (``make eval``, ``python -m crawler.evaluation``).

A developer's tool beside the product: imports ``crawler.extract``; nothing imports it.
"""
