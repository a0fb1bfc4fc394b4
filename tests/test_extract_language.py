"""Language detection from the text, with the declared language as a tie-break only."""

from __future__ import annotations

import py3langid
import pytest

from crawler.extract.language import detect_language, language_code

SAMPLES = {
    "zh": "上海合作组织秘书处今天召开会议，讨论年度工作计划和各成员国之间的合作项目。",
    "ru": "В Астане состоялось заседание Совета министров иностранных дел государств-членов.",
    "en": "The Secretary-General received a delegation of the Youth Council at the Secretariat.",
    "kk": "Астана қаласында өңірлік ынтымақтастық мәселелері жөніндегі сарапшылар кездесуі өтті.",
    "uz": "Toshkent shahrida xalqaro ekspertlar davra suhbati boʻlib oʻtdi va hamkorlik muhokama "
    "qilindi.",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_detects_each_crawled_language(code: str, text: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_a_wrong_declaration_does_not_override_clear_text(code: str, text: str) -> None:
    wrong = "en" if code != "en" else "ru"
    assert detect_language(text, wrong) == code


def test_declared_language_breaks_a_near_tie() -> None:
    # Two words of Serbian Cyrillic read much like Russian; the site says Russian.
    assert detect_language("Министарство спољних", "ru") in {"ru", "sr"}
    assert detect_language("Министарство спољних", "sr") == "sr"


def test_no_letters_falls_back_to_declared() -> None:
    assert detect_language("2023 | 12.05", "kk-KZ") == "kk"
    assert detect_language("", None) is None


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("zh-CN", "zh"),
        ("ru_RU", "ru"),
        ("uz-Latn", "uz"),
        ("EN", "en"),
        ("yue", "zh"),
        ("", None),
        ("x", None),
        ("zxx", None),
    ],
)
def test_language_code(tag: str, code: str | None) -> None:
    assert language_code(tag) == code


def test_han_text_is_chinese_without_asking_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(text: str) -> list[tuple[str, float]]:
        raise AssertionError(f"the model was asked about {text[:20]!r}")

    monkeypatch.setattr("crawler.extract.language.py3langid.rank", no_model)
    assert detect_language(SAMPLES["zh"]) == "zh"
    acronyms = "SCO 秘书处 2024 年工作会议在北京召开，各成员国代表出席。"
    assert detect_language(acronyms, "zh-CN") == "zh"


def test_japanese_and_korean_are_not_taken_for_chinese() -> None:
    assert detect_language("東京で会議が開かれ、各国の代表が参加しました。") == "ja"
    assert detect_language("서울에서 회의가 열렸다. 各國 代表가 參加했다.") == "ko"


def recording_model(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    rank = py3langid.rank

    def recorded(sample: str) -> list[tuple[str, float]]:
        asked.append(sample)
        return rank(sample)

    monkeypatch.setattr("crawler.extract.language.py3langid.rank", recorded)
    return asked


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("日本国政府代表団訪問北京会談の件", None),  # Han but for one kana
        ("大韓民國政府代表團訪問北京會談 및", None),  # Han but for one hangul syllable
        (SAMPLES["zh"], "ja"),  # Han alone, declared Japanese
        (SAMPLES["zh"], "ko-KR"),
    ],
)
def test_han_text_beside_kana_or_hangul_or_declared_japanese_or_korean_goes_to_the_model(
    monkeypatch: pytest.MonkeyPatch, text: str, declared: str | None
) -> None:
    asked = recording_model(monkeypatch)
    detect_language(text, declared)
    assert asked == [text]


def test_mostly_latin_text_with_some_han_goes_to_the_model() -> None:
    text = "The Secretariat published the communiqué in English with the title 联合公报 today."
    assert detect_language(text) == "en"


OTHER_CYRILLIC = {
    "uk": "У Києві відбулося засідання ради міністрів закордонних справ держав-членів.",
    "be": "У Мінску адбылося пасяджэнне савета міністраў замежных спраў дзяржаў-удзельніц.",
    "kk": SAMPLES["kk"],
    "ky": "Бишкек шаарында тышкы иштер министрлеринин кеңешинин жыйыны өттү.",
    "mn": "Улаанбаатар хотод гадаад хэргийн сайд нарын зөвлөлийн хуралдаан боллоо.",
    "sr": "У Београду је одржан састанак Савета министара спољних послова држава чланица.",
    "mk": "Во Скопје се одржа состанок на Советот на министрите за надворешни работи.",
    # Only the letters of the Russian alphabet, but no ы or э (Bulgarian has neither) …
    "bg": "В София се проведе среща на министрите на отбраната от региона.",
}
# … or Russian names with them amid the ъ Bulgarian writes as a vowel.
BULGARIAN_QUOTING_RUSSIAN = (
    "Българският министър обсъди с колегата си Сергей Лавров въпроси на търговията с "
    "Крым и Эстония."
)


def test_russian_text_is_russian_without_asking_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = recording_model(monkeypatch)
    report = "Министры обсудили итоги года. Эксперты отметили рост торговли в 2024 году. " * 40
    assert detect_language(SAMPLES["ru"]) == "ru"
    assert detect_language(report, "ru-RU") == "ru"
    assert detect_language("SCO: " + report) == "ru"  # a Latin acronym among Russian words
    assert asked == []


@pytest.mark.parametrize(
    ("code", "text"), [*OTHER_CYRILLIC.items(), ("bg", BULGARIAN_QUOTING_RUSSIAN)]
)
def test_other_cyrillic_languages_go_to_the_model(
    monkeypatch: pytest.MonkeyPatch, code: str, text: str
) -> None:
    asked = recording_model(monkeypatch)
    assert detect_language(text) == code
    assert asked == [text]


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Министр иностранных дел сообщил, что в Києве прошли переговоры о торговле.", None),
        (SAMPLES["ru"], "uk"),  # Russian letters alone, but the page says Ukrainian
    ],
)
def test_russian_beside_other_letters_or_declared_otherwise_goes_to_the_model(
    monkeypatch: pytest.MonkeyPatch, text: str, declared: str | None
) -> None:
    asked = recording_model(monkeypatch)
    assert detect_language(text, declared) == "ru"
    assert asked == [text]
