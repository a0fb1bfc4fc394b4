"""Metadata a page declares about itself: <meta> tags and JSON-LD nodes."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .markup import Element
from .nodes import attr, clean_text

logger = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "report",
        "analysisnewsarticle", "pressrelease", "scholarlyarticle", "socialmediaposting",
        "liveblogposting", "techarticle", "opinionnewsarticle", "backgroundnewsarticle",
    }
)  # fmt: skip
_COMMENTS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_JSONLD_TYPE = re.compile(r"ld\+json", re.I)


@dataclass(frozen=True)
class PageMetadata:
    """``<meta>`` values by lower-cased name/property/itemprop, and flattened JSON-LD nodes."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    nodes: tuple[dict[str, Any], ...] = ()

    def first(self, *names: str) -> str | None:
        """The first non-empty value among the given meta names, in the order given."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    def articles(self) -> list[dict[str, Any]]:
        """JSON-LD nodes that describe an article, then the other nodes (e.g. WebPage)."""
        typed = [node for node in self.nodes if node_types(node) & ARTICLE_TYPES]
        return typed + [node for node in self.nodes if node not in typed]

    def resolve(self, value: Any) -> Any:
        """Follow a JSON-LD ``{"@id": …}`` reference to the node it names, if present."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            for node in self.nodes:
                if node.get("@id") == value["@id"]:
                    return node
        return value


def node_types(node: dict[str, Any]) -> set[str]:
    """A JSON-LD node's @type values, lower-cased."""
    kinds = node.get("@type", [])
    if isinstance(kinds, str):
        kinds = [kinds]
    return {str(kind).lower() for kind in kinds if kind}


def read_metadata(root: Element) -> PageMetadata:
    """Collect the page's meta tags and JSON-LD nodes."""
    return PageMetadata(meta=_meta_tags(root), nodes=tuple(_jsonld_nodes(root)))


def _meta_tags(root: Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in root.iter("meta"):
        content = clean_text(attr(tag, "content"))
        for key in ("name", "property", "itemprop", "http-equiv"):
            name = attr(tag, key).lower()
            if name and content:
                found.setdefault(name, []).append(content)
    return found


def _jsonld_nodes(root: Element) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if not _JSONLD_TYPE.search(script.get("type") or ""):
            continue
        raw = _COMMENTS.sub("", script.text or "")
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            logger.debug("unreadable JSON-LD block skipped (%d chars)", len(raw))
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten(graph)
        if "@type" in data:
            yield data


def jsonld_names(metadata: PageMetadata, value: Any) -> list[str]:
    """Names in a JSON-LD person/organisation value: a string, a node, or a list of them."""
    value = metadata.resolve(value)
    if isinstance(value, list):
        return [name for item in value for name in jsonld_names(metadata, item)]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str | list | dict):
            return jsonld_names(metadata, name)
        return []
    if isinstance(value, str) and clean_text(value):
        return [clean_text(value)]
    return []


def jsonld_first(metadata: PageMetadata, key: str) -> str | None:
    """The first string value of ``key`` among article nodes, then other nodes."""
    for node in metadata.articles():
        value = node.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, str) and clean_text(value):
            return clean_text(value)
    return None
