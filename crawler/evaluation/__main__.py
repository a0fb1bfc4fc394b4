"""``python -m crawler.evaluation`` (``make eval``): the gold-set comparison."""

from crawler.evaluation.compare import main

if __name__ == "__main__":
    main()
