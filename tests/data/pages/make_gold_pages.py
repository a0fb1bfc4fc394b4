"""Write the generated gold pages (``<name>.html`` in the page's encoding) and their
``<name>.expected.json`` from the specs in ``gold_zh.py``, ``gold_ru.py``, ``gold_en.py`` and
``gold_central_asia.py``, rendered through the CMS templates in ``gold_templates.py``.

Run by hand from anywhere: ``python tests/data/pages/make_gold_pages.py``. The outputs are
committed; the tests read them, never this script. Every expected value in the specs was
written by hand from what the page says, not from what the extractor returns.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gold_central_asia import PAGES as CENTRAL_ASIA
from gold_en import PAGES as ENGLISH
from gold_model import Page, expected_file
from gold_ru import PAGES as RUSSIAN
from gold_templates import FURNITURE
from gold_zh import PAGES as CHINESE

HERE = Path(__file__).parent
ALL = [*CHINESE, *RUSSIAN, *ENGLISH, *CENTRAL_ASIA]


def write(page: Page) -> None:
    markup = page.template(page)
    # Legacy encodings must hold every character the page uses: fail loudly if not.
    (HERE / f"{page.name}.html").write_bytes(markup.encode(page.encoding))
    expected = expected_file(page, FURNITURE.get(page.template.__name__, []), markup)
    text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    (HERE / f"{page.name}.expected.json").write_text(text, encoding="utf-8")


def main(names: list[str]) -> None:
    seen = set()
    for page in ALL:
        if page.name in seen:
            raise SystemExit(f"two pages named {page.name}")
        seen.add(page.name)
        if not names or page.name in names:
            write(page)
            print(page.name)


if __name__ == "__main__":
    main(sys.argv[1:])
