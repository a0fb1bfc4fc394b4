"""Site-config regular expressions, checked for catastrophic backtracking before any request.

Python's ``re`` backtracks: ``(a+)+$`` takes exponential time on a string that almost
matches, and a pattern from a site config runs on every URL a crawl meets. Two checks:

1. **Shape.** A repeat (``*``, ``+``, ``{2,}``…) whose body can be nothing but another
   unbounded repeat — ``(a+)+``, ``(\\w+\\s?)*``, ``(?:x*){3}`` — is refused with that
   reason. ``(?:/\\w+)+`` passes: each round must start with ``/``, so there is one way to
   split a URL. Atomic groups and possessive repeats never backtrack and pass.
2. **Probe.** Every pattern is searched, in a child process with a time limit, on
   adversarial URLs as long as the longest URL a crawl follows (``URLLENGTH_LIMIT``): runs
   of the characters the pattern itself matches, single and in pairs, then a character
   that breaks the match. A pattern still running when time is up is refused. This
   catches what the shape rule cannot see: overlapping alternatives (``(a|a)*$``) and
   polynomial blow-ups (``(.*,)+$``). Linear and quadratic patterns finish in
   milliseconds on 2,083 characters; anything worse does not.
"""

from __future__ import annotations

import itertools
import json
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

URL_LENGTH = 2083  # Scrapy's URLLENGTH_LIMIT: longer links are never followed
PATTERN_SECONDS = 3.0  # the probe of one pattern; quadratic ones take well under 1 s
_BASE_ALPHABET = "/a0-._?=&%"
_TAILS = ("\x00", "!")
_MAX_ALPHABET = 14
_CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "0",
    sre.CATEGORY_NOT_DIGIT: "a",
    sre.CATEGORY_WORD: "a",
    sre.CATEGORY_NOT_WORD: "/",
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "a",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)


def nested_quantifier(pattern: str) -> bool:
    """Whether a repeat's body can be just another repeat of unbounded length."""
    return _nested(sre_parse.parse(pattern))


def _items(parsed: Any) -> list[tuple[Any, Any]]:
    return list(parsed.data if hasattr(parsed, "data") else parsed)


def _nested(parsed: Any) -> bool:
    for op, av in _items(parsed):
        if op in _REPEATS:
            high, body = av[1], av[2]
            if high > 1 and _only_unbounded(body):
                return True
            if _nested(body):
                return True
        elif any(_nested(child) for child in _children(op, av)):
            return True
    return False


def _children(op: Any, av: Any) -> list[Any]:
    if op is sre.SUBPATTERN:
        return [av[-1]]
    if op is sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    return []  # atomic groups and possessive repeats never backtrack


def _only_unbounded(body: Any) -> bool:
    """The body holds an unbounded repeat and nothing it must match besides."""
    items = _items(body)
    return any(_unbounded(item) for item in items) and all(
        _unbounded(item) or _optional(item) for item in items
    )


def _unbounded(item: tuple[Any, Any]) -> bool:
    op, av = item
    if op in _REPEATS:
        return bool(av[1] == sre.MAXREPEAT or _only_unbounded(av[2]))
    if op is sre.SUBPATTERN:
        return _only_unbounded(av[-1])
    if op is sre.BRANCH:
        return any(_only_unbounded(branch) for branch in av[1])
    return False


def _optional(item: tuple[Any, Any]) -> bool:
    op, av = item
    if op in _REPEATS:
        return bool(av[0] == 0)
    if op is sre.SUBPATTERN:
        return all(_optional(child) for child in _items(av[-1]))
    return op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def alphabet(pattern: str) -> str:
    """Characters the pattern matches literally or by class, then common URL characters."""
    found: list[str] = []

    def walk(parsed: Any) -> None:
        for op, av in _items(parsed):
            if op is sre.LITERAL:
                found.append(chr(av))
            elif op is sre.IN:
                found.extend(_class_chars(av))
            elif op is sre.ANY:
                found.append("a")
            elif op in _REPEATS:
                walk(av[2])
            for child in _children(op, av):
                walk(child)

    walk(sre_parse.parse(pattern))
    unique = dict.fromkeys(found + list(_BASE_ALPHABET))
    return "".join(unique)[:_MAX_ALPHABET]


def _class_chars(members: Any) -> Iterator[str]:
    for op, av in members:
        if op is sre.LITERAL:
            yield chr(av)
        elif op is sre.RANGE:
            yield chr(av[0])
        elif op is sre.CATEGORY and av in _CATEGORY_CHARS:
            yield _CATEGORY_CHARS[av]


def adversarial_urls(pattern: str, length: int = URL_LENGTH) -> Iterator[str]:
    """Long runs of what the pattern matches, each ended by a character that breaks it."""
    chars = alphabet(pattern)
    for run in itertools.chain(chars, (a + b for a, b in itertools.combinations(chars, 2))):
        body = run * (length // len(run))
        for tail in _TAILS:
            yield body + tail


def _probe_main() -> None:
    """Child process: search every pattern on its adversarial URLs, printing each index done."""
    patterns = json.loads(sys.stdin.read())
    for index, pattern in enumerate(patterns):
        compiled = re.compile(pattern)
        for url in adversarial_urls(pattern):
            compiled.search(url)
        print(index, flush=True)


@lru_cache(maxsize=256)
def slow_pattern(patterns: tuple[str, ...], seconds: float = PATTERN_SECONDS) -> int | None:
    """The index of the first pattern whose probe takes over ``seconds``, or None."""
    if not patterns:
        return None
    child = subprocess.Popen(
        [sys.executable, "-m", "crawler.sites.regexcheck"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(json.dumps(patterns))
    child.stdin.close()
    finished: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [finished.put(line) for line in child.stdout])
    reader.start()
    try:
        for index in range(len(patterns)):
            try:
                finished.get(timeout=seconds)
            except queue.Empty:
                return index
        return None
    finally:
        child.kill()
        child.wait()
        reader.join()


def problems(patterns: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(index, reason) for each pattern refused; the probe runs only if the shapes pass."""
    shape_ok = True
    for index, pattern in enumerate(patterns):
        if nested_quantifier(pattern):
            shape_ok = False
            yield index, "a repeat nested in a repeat can backtrack catastrophically"
    if shape_ok:
        slow = slow_pattern(tuple(patterns))
        if slow is not None:
            yield slow, f"backtracks for over {PATTERN_SECONDS:g} s on a {URL_LENGTH}-character URL"


if __name__ == "__main__":
    _probe_main()
