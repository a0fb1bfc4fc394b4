"""``python -m crawler.cli``: the ``secnews`` command, without its installed script."""

from crawler.cli import main

if __name__ == "__main__":
    main()
