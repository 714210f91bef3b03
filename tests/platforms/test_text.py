"""Length counting, entity extraction and validation rules of socialflow.platforms.text."""

from __future__ import annotations

import itertools
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialflow.platforms.base import MediaItem, Problem, Variant
from socialflow.platforms.text import (
    LIMITS,
    RULES,
    Entity,
    count,
    entities,
    hashtags,
    limit,
    mentions,
    urls,
    validate,
)

PLATFORMS = ("twitter", "instagram", "tiktok", "linkedin", "facebook", "youtube")
MB = 1024 * 1024

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
FLAG_JP = "\U0001f1ef\U0001f1f5"  # 🇯🇵
WAVE_DARK = "\U0001f44b\U0001f3fe"  # 👋🏾
KEYCAP_1 = "1\ufe0f\u20e3"  # 1️⃣
THUMBS = "\U0001f44d"  # 👍
HEART = "\u2764\ufe0f"  # ❤️
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


def image(mime: str = "image/jpeg", size: int = MB, **extra: Any) -> MediaItem:
    """An image item with sensible defaults."""
    return MediaItem(kind="image", mime_type=mime, size_bytes=size, url="https://m/i", **extra)


def video(mime: str = "video/mp4", size: int = 10 * MB, **extra: Any) -> MediaItem:
    """A video item with sensible defaults."""
    extra.setdefault("duration_seconds", 30.0)
    return MediaItem(kind="video", mime_type=mime, size_bytes=size, url="https://m/v", **extra)


def gif(size: int = MB) -> MediaItem:
    """An animated GIF item."""
    return MediaItem(kind="gif", mime_type="image/gif", size_bytes=size, url="https://m/g")


def codes(platform: str, variant: Variant) -> list[str]:
    """The problem codes `validate` reports."""
    return [p.code for p in validate(platform, variant)]


def ok_variant(platform: str, **changes: Any) -> Variant:
    """A variant every platform accepts, with `changes` applied."""
    base: dict[str, Any] = {
        "text": "Hello",
        "media": [video()]
        if platform in ("youtube", "tiktok")
        else [image(width=1080, height=1080)],
        "title": "A title" if platform == "youtube" else None,
    }
    return Variant(**{**base, **changes})


# --------------------------------------------------------------------------- counting

LENGTH_CASES = [
    # (platform, text, expected, why)
    ("twitter", "hello world", 11, "plain ASCII weighs 1 each"),
    ("twitter", "", 0, "empty"),
    ("twitter", "https://example.com/" + "a" * 100, 23, "a long URL counts 23"),
    ("twitter", "http://t.co", 23, "a short URL also counts 23"),
    ("twitter", "Read https://a.com/x and http://b.org/y", 56, "two URLs: 5 + 23 + 5 + 23"),
    ("twitter", "see example.com/path.", 4 + 23 + 1, "bare domain; trailing '.' is not URL"),
    ("twitter", THUMBS, 2, "single emoji"),
    ("twitter", FAMILY, 2, "ZWJ family sequence counts 2 in total"),
    ("twitter", FLAG_JP, 2, "flag (regional indicator pair)"),
    ("twitter", WAVE_DARK, 2, "skin-tone modifier"),
    ("twitter", KEYCAP_1, 2, "keycap"),
    ("twitter", HEART, 2, "emoji with variation selector"),
    ("twitter", ENGLAND, 2, "subdivision flag tag sequence"),
    ("twitter", THUMBS * 3, 6, "three emoji"),
    ("twitter", "\u00a9", 1, "(c) without VS16 is text, weight 1"),
    ("twitter", "日本語", 6, "CJK weighs 2"),
    ("twitter", "привет", 6, "Cyrillic weighs 1"),
    ("twitter", "e\u0301", 1, "NFC: e + combining acute is one character"),
    ("twitter", "caf\u00e9", 4, "precomposed accent"),
    ("twitter", "\u2014", 1, "em dash is in the 8208-8223 range"),
    ("twitter", "\u2026", 2, "ellipsis (8230) is outside the light ranges"),
    ("twitter", "\u201cquoted\u201d", 8, "curly quotes weigh 1"),
    ("instagram", "日本語", 3, "characters"),
    ("instagram", "e\u0301", 1, "NFC"),
    ("instagram", THUMBS, 1, "one code point"),
    ("instagram", FAMILY, 7, "4 people + 3 joiners"),
    ("tiktok", "abc", 3, "ASCII"),
    ("tiktok", "日本", 2, "CJK is in the BMP: 1 unit each"),
    ("tiktok", THUMBS, 2, "emoji outside the BMP: a surrogate pair"),
    ("tiktok", FAMILY, 11, "4 pairs + 3 joiners"),
    ("linkedin", "caf\u00e9 日本", 7, "characters"),
    ("facebook", "日本語", 3, "characters"),
    ("youtube", "abc", 3, "UTF-8 bytes: ASCII 1"),
    ("youtube", "\u00e9", 2, "UTF-8 bytes: é is 2"),
    ("youtube", "日", 3, "UTF-8 bytes: CJK is 3"),
    ("youtube", THUMBS, 4, "UTF-8 bytes: emoji is 4"),
]


@pytest.mark.parametrize(("platform", "text", "expected", "why"), LENGTH_CASES)
def test_count(platform: str, text: str, expected: int, why: str) -> None:
    assert count(platform, text) == expected, why


def test_limits_table() -> None:
    assert LIMITS == {
        "twitter": 280,
        "instagram": 2200,
        "tiktok": 2200,
        "linkedin": 3000,
        "facebook": 63206,
        "youtube": 5000,
    }
    assert all(limit(p) == LIMITS[p] for p in PLATFORMS)
    assert limit("youtube", "title") == 100
    assert limit("tiktok", "title") == 90
    assert limit("tiktok", "photo_text") == 4000


def test_limit_without_such_part_raises() -> None:
    with pytest.raises(ValueError, match="no title limit"):
        limit("twitter", "title")


def test_unknown_platform_raises() -> None:
    with pytest.raises(ValueError, match="unknown platform 'myspace'"):
        count("myspace", "x")
    with pytest.raises(ValueError, match="unknown platform 'myspace'"):
        validate("myspace", Variant(text="x"))
    with pytest.raises(ValueError, match="unknown platform 'myspace'"):
        limit("myspace")


# --------------------------------------------------------------------------- boundaries

BOUNDARY_CASES = [
    # (platform, a text exactly at the limit)
    ("twitter", "a" * 280),
    ("twitter", "日" * 140),
    ("twitter", "https://example.com/long/path " + "x" * 256),  # 23 + 1 + 256
    ("twitter", THUMBS * 140),
    ("instagram", "a" * 2200),
    ("tiktok", THUMBS * 1100),
    ("linkedin", "a" * 3000),
    ("facebook", "a" * 63206),
    ("youtube", "\u00e9" * 2500),
]


@pytest.mark.parametrize(("platform", "text"), BOUNDARY_CASES)
def test_exact_boundaries(platform: str, text: str) -> None:
    assert count(platform, text) == limit(platform)
    assert "too_long" not in codes(platform, ok_variant(platform, text=text))
    problems = [
        p for p in validate(platform, ok_variant(platform, text=text + "z")) if p.code == "too_long"
    ]
    assert len(problems) == 1
    assert problems[0].message.endswith("remove 1.")
    assert problems[0].field == "content"


def test_too_long_message_names_platform_and_numbers() -> None:
    (problem,) = validate("twitter", Variant(text="a" * 297))
    assert problem == Problem(
        "twitter",
        "too_long",
        "X allows 280 characters (as X counts them); this post has 297 — remove 17.",
        "content",
    )


def test_tiktok_photo_post_uses_description_limit() -> None:
    photo = ok_variant("tiktok", media=[image()], text="a" * 4000)
    assert "too_long" not in codes("tiktok", photo)
    photo = ok_variant("tiktok", media=[image()], text="a" * 4001)
    assert "too_long" in codes("tiktok", photo)
    assert "too_long" in codes("tiktok", ok_variant("tiktok", text="a" * 2201))


# --------------------------------------------------------------------------- entities


def spans(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every entity."""
    return [(e.kind, e.text) for e in entities(text)]


ENTITY_CASES = [
    ("https://example.com/page#section", [("url", "https://example.com/page#section")]),
    ("Great day!#sunny", [("hashtag", "#sunny")]),
    ("(#tag) and #another.", [("hashtag", "#tag"), ("hashtag", "#another")]),
    (
        "#café #日本 #2024goals",
        [("hashtag", "#café"), ("hashtag", "#日本"), ("hashtag", "#2024goals")],
    ),
    ("#cafe\u0301 decomposed", [("hashtag", "#cafe\u0301")]),
    ("#हिन्दी", [("hashtag", "#हिन्दी")]),
    ("a#b is not a tag, nor #1 nor &#39;", []),
    ("#foo#bar", []),
    (KEYCAP_1 + " #\ufe0f\u20e3", []),
    ("mail me: jane@example.com", []),
    (
        "hi @bob. and @alice_99, @jane.doe!",
        [("mention", "@bob"), ("mention", "@alice_99"), ("mention", "@jane.doe")],
    ),
    ("https://x.com/@user is a URL", [("url", "https://x.com/@user")]),
    ("buy $AAPL not $100", [("cashtag", "$AAPL")]),
    (
        "(see https://en.wikipedia.org/wiki/Foo_(bar)).",
        [("url", "https://en.wikipedia.org/wiki/Foo_(bar)")],
    ),
    ("visit example.com. Now", [("url", "example.com")]),
    ("run file.py or go to t.co or example.co.uk", [("url", "t.co"), ("url", "example.co.uk")]),
    ("short.io/abc", [("url", "short.io/abc")]),
    ("see example.io", []),  # twitter-text: a bare name.cc without a path is not a link
    ("HTTPS://EXAMPLE.COM/X", [("url", "HTTPS://EXAMPLE.COM/X")]),
    ("https://example.com日本語", [("url", "https://example.com")]),
    ("http://192.168.0.1:8080/x?a=1", [("url", "http://192.168.0.1:8080/x?a=1")]),
    ("no.1 fan, e.g. this", []),
]


@pytest.mark.parametrize(("text", "expected"), ENTITY_CASES)
def test_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_entity_offsets_are_code_points() -> None:
    text = f"{THUMBS}{FAMILY} #tag @me https://a.com/#x"
    found = entities(text)
    assert [e.start for e in found] == [9, 14, 18]
    assert found[0] == Entity("hashtag", 9, 13, "#tag")
    assert all(text[e.start : e.end] == e.text for e in found)


def test_helpers_strip_signs() -> None:
    text = "#one @two https://three.com/#four $FIVE"
    assert hashtags(text) == ["one"]
    assert mentions(text) == ["two"]
    assert urls(text) == ["https://three.com/#four"]


def test_entities_returns_a_fresh_list() -> None:
    first = entities("#a")
    first.clear()
    assert entities("#a") == [Entity("hashtag", 0, 2, "#a")]


# --------------------------------------------------------------------------- validate: text


def test_empty_post_needs_text_or_media() -> None:
    assert codes("twitter", Variant(text="   ")) == ["empty_post"]
    assert codes("linkedin", Variant(text="")) == ["empty_post"]
    assert codes("twitter", Variant(text="", media=[image()])) == []
    assert codes("twitter", Variant(text="hi")) == []


def test_instagram_hashtag_and_mention_limits() -> None:
    tags30 = " ".join(f"#t{i}" for i in range(30))
    ats20 = " ".join(f"@u{i}" for i in range(20))
    assert codes("instagram", ok_variant("instagram", text=f"{tags30} {ats20}")) == []
    over = ok_variant("instagram", text=f"{tags30} #more {ats20} @more")
    problems = validate("instagram", over)
    assert [p.code for p in problems] == ["too_many_hashtags", "too_many_mentions"]
    assert problems[0].message == (
        "Instagram allows at most 30 hashtags in a post; this post has 31 — remove 1."
    )


def test_twitter_one_cashtag() -> None:
    assert codes("twitter", Variant(text="$AAPL up")) == []
    assert codes("twitter", Variant(text="$AAPL and $MSFT")) == ["too_many_cashtags"]


def test_youtube_hashtag_limit() -> None:
    assert "too_many_hashtags" not in codes("youtube", ok_variant("youtube", text="#a " * 60))
    assert "too_many_hashtags" in codes("youtube", ok_variant("youtube", text="#a " * 61))


def test_youtube_angle_brackets() -> None:
    bad = ok_variant("youtube", text="a <b> c", title="x > y")
    problems = [p for p in validate("youtube", bad) if p.code == "forbidden_characters"]
    assert [(p.field, p.message) for p in problems] == [
        (
            "content",
            "YouTube does not allow '<' or '>' in a description; this description has "
            "2 — remove them.",
        ),
        ("title", "YouTube does not allow '<' or '>' in a title; this title has 1 — remove them."),
    ]
    assert codes("youtube", ok_variant("youtube", text="a b", title="x y")) == []
    assert codes("facebook", ok_variant("facebook", text="a <b>")) == []


def test_youtube_title_rules() -> None:
    assert codes("youtube", ok_variant("youtube", title=None)) == ["title_missing"]
    assert codes("youtube", ok_variant("youtube", title="  ")) == ["title_missing"]
    assert codes("youtube", ok_variant("youtube", title="t" * 100)) == []
    (problem,) = validate("youtube", ok_variant("youtube", title="t" * 101))
    assert (problem.code, problem.field) == ("title_too_long", "title")
    assert "100 characters" in problem.message and "remove 1" in problem.message


def test_tiktok_photo_title_limit() -> None:
    photos = [image()]
    assert codes("tiktok", ok_variant("tiktok", media=photos, title="t" * 90)) == []
    assert codes("tiktok", ok_variant("tiktok", media=photos, title="t" * 91)) == ["title_too_long"]
    # A video post has no separate title: the caption is the text.
    assert codes("tiktok", ok_variant("tiktok", title="t" * 200)) == []


def test_youtube_tags_limit() -> None:
    assert codes("youtube", ok_variant("youtube", options={"tags": ["a" * 250, "b" * 249]})) == []
    # 250 + 1 comma + (249 + 2 quotes, it has a space) = 502
    spaced = ["a" * 250, "b b" + "b" * 246]
    (problem,) = validate("youtube", ok_variant("youtube", options={"tags": spaced}))
    assert (problem.code, problem.field) == ("tags_too_long", "tags")
    assert "use 502" in problem.message


# --------------------------------------------------------------------------- validate: media


@pytest.mark.parametrize(
    ("platform", "media", "expected"),
    [
        ("instagram", [], ["media_required"]),
        ("instagram", [image()], []),
        ("instagram", [video()], []),
        ("tiktok", [], ["media_required"]),
        ("tiktok", [video()], []),
        ("tiktok", [image()], []),
        ("youtube", [], ["media_required"]),
        ("youtube", [image()], ["media_required", "unsupported_media_kind"]),
        ("youtube", [video()], []),
        ("facebook", [], []),
    ],
)
def test_media_required(platform: str, media: list[MediaItem], expected: list[str]) -> None:
    assert codes(platform, ok_variant(platform, media=media)) == expected


@pytest.mark.parametrize(
    ("platform", "media", "expected"),
    [
        ("twitter", [image()] * 4, []),
        ("twitter", [image()] * 5, ["too_many_media"]),
        ("twitter", [video()] * 2, ["too_many_media"]),
        ("twitter", [gif(), gif()], ["too_many_media"]),
        ("twitter", [gif()], []),
        ("twitter", [image(), gif()], ["mixed_media"]),
        ("twitter", [image(), video()], ["mixed_media"]),
        ("instagram", [image()] * 10, []),
        ("instagram", [image()] * 6 + [video()] * 5, ["too_many_media"]),
        ("instagram", [image(), video()], []),
        ("tiktok", [image()] * 35, []),
        ("tiktok", [image()] * 36, ["too_many_media"]),
        ("tiktok", [video(), video()], ["too_many_media"]),
        ("tiktok", [image(), video()], ["mixed_media"]),
        ("linkedin", [image()] * 20, []),
        ("linkedin", [image()] * 21, ["too_many_media"]),
        ("linkedin", [image(), gif()], []),
        ("linkedin", [image(), video()], ["mixed_media"]),
        ("facebook", [image()] * 10, []),
        ("facebook", [image()] * 11, ["too_many_media"]),
        ("facebook", [video(), video()], ["too_many_media"]),
        ("youtube", [video(), video()], ["too_many_media"]),
    ],
)
def test_media_count(platform: str, media: list[MediaItem], expected: list[str]) -> None:
    assert codes(platform, ok_variant(platform, media=media)) == expected


def test_media_count_message() -> None:
    (problem,) = validate("twitter", Variant(text="hi", media=[image()] * 5))
    assert problem.field == "media"
    assert problem.message == (
        "X allows up to 4 images, or 1 video or GIF, per post; this post has 5 images — remove 1."
    )


@pytest.mark.parametrize(
    ("platform", "item", "expected"),
    [
        ("twitter", image("image/png"), []),
        ("twitter", image("image/webp"), []),
        ("twitter", image("image/bmp"), ["unsupported_format"]),
        ("twitter", video("video/webm"), ["unsupported_format"]),
        ("instagram", image("image/jpg"), []),  # a common alias of image/jpeg
        ("instagram", image("image/png"), ["unsupported_format"]),
        ("instagram", gif(), ["media_required", "unsupported_media_kind"]),
        ("tiktok", image("image/webp"), []),
        ("tiktok", image("image/png"), ["unsupported_format"]),
        ("linkedin", image("image/webp"), ["unsupported_format"]),
        ("linkedin", gif(), []),
        ("facebook", image("image/tiff"), []),
        ("facebook", image("image/webp"), ["unsupported_format"]),
        ("youtube", video("video/webm"), []),
        ("youtube", video("application/pdf"), ["unsupported_format"]),
    ],
)
def test_media_formats(platform: str, item: MediaItem, expected: list[str]) -> None:
    assert codes(platform, ok_variant(platform, media=[item])) == expected


def test_format_message_lists_accepted_formats() -> None:
    (problem,) = validate("instagram", ok_variant("instagram", media=[image("image/png")]))
    assert (
        problem.message == "Instagram accepts images as JPEG; item 1 (image) is PNG — convert it."
    )


@pytest.mark.parametrize(
    ("platform", "item", "expected"),
    [
        ("twitter", image(size=5 * MB), []),
        ("twitter", image(size=5 * MB + 1), ["file_too_large"]),
        ("twitter", gif(size=15 * MB + 1), ["file_too_large"]),
        ("instagram", image(size=8 * MB), []),
        ("instagram", image(size=8 * MB + 1), ["file_too_large"]),
        ("instagram", video(size=301 * MB), ["file_too_large"]),
        ("tiktok", image(size=21 * MB), ["file_too_large"]),
        ("tiktok", video(size=4 * 1024 * MB + 1), ["file_too_large"]),
        ("linkedin", video(size=501 * MB), ["file_too_large"]),
        ("facebook", image(size=11 * MB), ["file_too_large"]),
    ],
)
def test_file_size(platform: str, item: MediaItem, expected: list[str]) -> None:
    assert codes(platform, ok_variant(platform, media=[item])) == expected


def test_file_size_message_rounds_up() -> None:
    (problem,) = validate("twitter", Variant(text="x", media=[image(size=5 * MB + 1)]))
    assert problem.message == (
        "X accepts images up to 5 MB; item 1 (image) is 5.1 MB — compress it or choose a "
        "smaller file."
    )


@pytest.mark.parametrize(
    ("platform", "seconds", "expected"),
    [
        ("twitter", 140.0, []),
        ("twitter", 140.5, ["video_too_long"]),
        ("twitter", 0.5, []),
        ("twitter", 0.4, ["video_too_short"]),
        ("twitter", None, []),
        ("instagram", 2.9, ["video_too_short"]),
        ("instagram", 15 * 60 + 1, ["video_too_long"]),
        ("tiktok", 600, []),
        ("tiktok", 601, ["video_too_long"]),
        ("linkedin", 31 * 60, ["video_too_long"]),
        ("facebook", 4 * 3600 + 1, ["video_too_long"]),
        ("youtube", 12 * 3600, []),
        ("youtube", 12 * 3600 + 1, ["video_too_long"]),
    ],
)
def test_video_duration(platform: str, seconds: float | None, expected: list[str]) -> None:
    variant = ok_variant(platform, media=[video(duration_seconds=seconds)])
    assert codes(platform, variant) == expected


def test_duration_message() -> None:
    (problem,) = validate("twitter", Variant(text="x", media=[video(duration_seconds=150)]))
    assert problem.message == (
        "X accepts videos up to 140 seconds; item 1 (video) is 150 seconds — trim 10 seconds."
    )


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (1080, 1350, []),  # 4:5
        (1080, 566, []),  # 1.91:1
        (1200, 628, []),  # "1.91:1" as usually made, 1.9108
        (1080, 1080, []),
        (1080, 1920, ["aspect_ratio"]),  # 9:16 is a story shape, not a feed image
        (1920, 1080, []),  # 16:9
        (2000, 1000, ["aspect_ratio"]),  # 2:1 is wider than 1.91:1
        (None, None, []),  # unknown: nothing to say
    ],
)
def test_instagram_image_aspect(width: int | None, height: int | None, expected: list[str]) -> None:
    variant = ok_variant("instagram", media=[image(width=width, height=height)])
    assert codes("instagram", variant) == expected


def test_video_aspect_and_pixel_rules() -> None:
    assert codes("twitter", Variant(text="x", media=[video(width=400, height=1300)])) == [
        "aspect_ratio"
    ]
    assert codes("twitter", Variant(text="x", media=[video(width=720, height=1280)])) == []
    big = image(width=7000, height=6000)  # 42,000,000 pixels
    assert codes("linkedin", Variant(text="x", media=[big])) == ["too_many_pixels"]
    assert codes("linkedin", Variant(text="x", media=[image(width=6000, height=6000)])) == []


def test_every_problem_is_well_formed() -> None:
    messy = Variant(
        text="<" + "#t " * 70 + "@u " * 30 + "$A $B " + "a" * 70000,
        media=[
            image("image/png", 50 * MB, width=10, height=1000),
            video(duration_seconds=1e6),
            gif(),
        ]
        * 12,
        title="<" * 120,
        options={"tags": ["x" * 600]},
    )
    for platform in PLATFORMS:
        problems = validate(platform, messy)
        assert problems, platform
        for problem in problems:
            assert problem.platform == platform
            assert problem.field in {"content", "title", "media", "tags"}
            assert RULES[platform].name in problem.message
            assert problem.code.replace("_", "").isalpha()


# --------------------------------------------------------------------------- properties

FRAGMENTS = [
    "#",
    "@",
    "$",
    "&",
    "http://",
    "https://",
    "example.com",
    "t.co",
    "/",
    ".",
    ",",
    " ",
    "\n",
    "a",
    "Z",
    "_",
    "-",
    "(",
    ")",
    "?",
    "=",
    "1",
    "é",
    "e\u0301",
    "日本",
    "привет",
    THUMBS,
    FAMILY,
    FLAG_JP,
    WAVE_DARK,
    KEYCAP_1,
    "\u200d",
    "\ufe0f",
    "\u20e3",
    "#tag",
    "@user",
    "$AAPL",
    "://",
]
entity_texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
)


@given(entity_texts)
@settings(max_examples=300, deadline=None)
def test_counts_are_sane(text: str) -> None:
    for platform in PLATFORMS:
        assert count(platform, text) >= 0
    normalized = unicodedata.normalize("NFC", text)
    weighted = count("twitter", text)
    assert weighted <= 2 * len(normalized) + 23 * len(urls(normalized))
    assert count("tiktok", text) >= len(text)
    assert count("youtube", text) >= len(text)


@given(st.text(alphabet=st.characters(max_codepoint=127, exclude_characters=".")))
def test_ascii_without_dots_weighs_its_length(text: str) -> None:
    # No dot: no URL is possible, and every ASCII character weighs 1 on X.
    assert count("twitter", text) == len(text)


SIGNS = {"mention": "@\uff20", "hashtag": "#\uff03", "cashtag": "$"}


@given(entity_texts)
@settings(max_examples=300, deadline=None)
def test_entities_slice_exactly_and_never_overlap(text: str) -> None:
    found = entities(text)
    for entity in found:
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        if entity.kind != "url":
            assert entity.text[0] in SIGNS[entity.kind]
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


@given(entity_texts)
def test_validate_never_crashes(text: str) -> None:
    for platform in PLATFORMS:
        for problem in validate(platform, Variant(text=text, title=text)):
            assert problem.message


# ------------------------------------------------------------------ minimums (issue 18 #7)


@pytest.mark.parametrize(
    ("platform", "item", "code", "words"),
    [
        # LinkedIn's Videos API takes 75 KB to 500 MB: a 2.6 KB clip was refused only there.
        ("linkedin", video(size=2_600, duration_seconds=5.0), "file_too_small", "at least 75 KB"),
        ("instagram", image(width=300, height=300), "too_small_dimensions", "320 pixels wide"),
        ("tiktok", video(width=640, height=320), "too_small_dimensions", "360 pixels high"),
    ],
)
def test_media_minimums_are_checked_before_sending(
    platform: str, item: MediaItem, code: str, words: str
) -> None:
    problems = validate(platform, Variant(text="x", media=[item]))
    assert [p.code for p in problems] == [code]
    assert words in problems[0].message and problems[0].field == "media"


def test_media_at_the_minimums_pass() -> None:
    assert validate("linkedin", Variant(text="x", media=[video(size=75 * 1024)])) == []
    assert validate("instagram", Variant(text="x", media=[image(width=320, height=320)])) == []
    assert validate("tiktok", Variant(text="x", media=[video(width=360, height=640)])) == []
