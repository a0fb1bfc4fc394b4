"""Scrapy extensions of secnews."""
