"""Content evidence for language versions: numbers, names across scripts, and the weighing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from archive.languages.evidence import Version, weigh
from archive.languages.names import names_in, shared_names
from archive.languages.numbers import chinese_numeral, distinctive_numbers, numbers_in

DAY = date(2021, 6, 15)


def test_numbers_read_in_digits_scale_words_and_chinese_numerals() -> None:
    assert numbers_in("展出二百余幅图片，约三百人出席") >= {200.0, 300.0}
    assert numbers_in("1,200 guests and 3 million yuan; 1 200 гостей, 2,5 млн") >= {
        1200.0,
        3_000_000.0,
        2_500_000.0,
    }
    assert numbers_in("投资3万元") >= {30000.0}
    assert chinese_numeral("两千零五") == 2005
    assert chinese_numeral("二〇二一") == 2021
    assert chinese_numeral("十一") == 11
    assert chinese_numeral("万") is None


def test_the_date_restated_and_small_numbers_are_not_distinctive() -> None:
    text = "2021年6月15日，展出二百余幅图片，展期两周，第3单元"
    assert distinctive_numbers(text, DAY) == {200.0}


def test_cyrillic_names_match_their_latin_spelling_with_russian_endings() -> None:
    english = names_in("The delegation visited Tashkent and Samarkand in Uzbekistan.")
    russian = names_in("Делегация посетила Ташкент и Самарканд, побывала в Узбекистане.")
    assert shared_names(english, russian) == {"tashkent", "samarkand", "uzbekistan"}
    assert shared_names(names_in("Bishkek"), names_in("Астана")) == set()


def _version(article_id: int, language: str, day: date = DAY, **features: object) -> Version:
    return Version(article_id, language, day, **features)  # type: ignore[arg-type]


def test_one_weak_signal_never_links_and_the_date_is_required() -> None:
    shared_number = frozenset({200.0})
    one = _version(1, "zh", numbers=shared_number)
    assert weigh(one, _version(2, "en", numbers=shared_number)) is None
    images = frozenset({"sha256:ab"})
    assert weigh(_version(1, "zh", images=images), _version(2, "en", images=images)) is not None
    far = date(2021, 6, 17)
    assert weigh(_version(1, "zh", images=images), _version(2, "en", far, images=images)) is None
    same_language = weigh(_version(1, "en", images=images), _version(2, "en", images=images))
    assert same_language is None


def test_a_link_keeps_its_evidence_and_a_score_that_grows_with_it() -> None:
    numbers = frozenset({200.0, 300.0})
    names = frozenset({"tashkent"})
    weak = weigh(
        _version(1, "en", names=names, numbers=frozenset({200.0})),
        _version(2, "ru", names=names, numbers=frozenset({200.0})),
    )
    strong = weigh(
        _version(3, "zh", numbers=numbers, images=frozenset({"url:a.jpg"})),
        _version(4, "en", date(2021, 6, 16), numbers=numbers, images=frozenset({"url:a.jpg"})),
    )
    assert weak is not None and strong is not None
    assert weak.evidence == {"days_apart": 0, "numbers": [200], "names": ["tashkent"]}
    assert strong.evidence["images"] == ["url:a.jpg"] and strong.evidence["days_apart"] == 1
    assert 0 < weak.score < strong.score <= 1


def test_names_and_numbers_most_articles_give_are_no_evidence() -> None:
    from archive.languages.content import without_common

    site_name = frozenset({"secretariat"})
    english = [
        _version(i, "en", names=site_name | {f"place{i}"}, numbers=frozenset({2021.5}))
        for i in range(5)
    ]
    russian = _version(9, "ru", names=site_name)
    kept = without_common([*english, russian])
    assert all(v.names == {f"place{v.id}"} and not v.numbers for v in kept[:5])
    assert kept[5].names == site_name  # common in English, not in Russian


def test_a_picture_reencoded_and_resized_is_one_picture_and_another_is_not(
    tmp_path: Path,
) -> None:
    from PIL import Image

    from archive.languages.pictures import one_picture

    photo = Image.new("RGB", (96, 64))
    photo.putdata(
        [
            ((x * 7 + y * y) % 256, (x * y) % 256, (255 - x * 3) % 256)
            for y in range(64)
            for x in range(96)
        ]
    )
    photo.save(tmp_path / "photo.png")
    photo.resize((48, 32)).save(tmp_path / "smaller.jpg", quality=70)
    photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(tmp_path / "other.png")
    Image.new("RGB", (96, 64), (200, 200, 200)).save(tmp_path / "blank.png")
    Image.new("RGB", (48, 32), (10, 10, 10)).save(tmp_path / "blank-too.png")
    assert one_picture(tmp_path / "photo.png", tmp_path / "smaller.jpg")
    assert not one_picture(tmp_path / "photo.png", tmp_path / "other.png")
    assert not one_picture(tmp_path / "blank.png", tmp_path / "blank-too.png")  # flat: no sign
    assert not one_picture(tmp_path / "photo.png", tmp_path / "missing.png")
