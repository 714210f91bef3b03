"""The offline optimizer: every output valid for its platform, entities never cut, words kept.

"Core words" (what must survive): the original's words — runs of letters/digits (each CJK
character its own word, as CJK needs no spaces), every URL as one word — in order, ignoring the
'#', '@' and '$' sigils (Facebook turns #Word into Word). The trailing run of hashtags is tags,
not words: each platform's hashtag policy redistributes it. Where the body fits the platform's
length target, all core words survive; where it must be cut (X, TikTok's 150), the output keeps
an in-order prefix of them (the cut only drops from the end), and X also offers the whole text
as a thread in which every core word survives.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialflow.optimizer import fitting, offline
from socialflow.optimizer.guidelines import GUIDELINES
from socialflow.platforms import text
from socialflow.platforms.base import Variant

PLATFORMS = list(GUIDELINES)
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_NUMBERING = re.compile(r" \d+/\d+$")

LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüß", min_size=1, max_size=12)
WORDS = st.one_of(
    LATIN,
    LATIN.map(str.capitalize),
    st.text(alphabet="東京大阪日本語学校新しい店です", min_size=1, max_size=8),
    st.sampled_from(["한국어", "Привет", "ελληνικά", "naïve", "42", "3.5", "A/B"]),
)
ENTITIES = st.one_of(
    st.builds(lambda w: f"#{w}", LATIN),
    st.builds(lambda w: f"@{w}", st.text(alphabet="abcxyz_09", min_size=1, max_size=15)),
    st.builds(
        lambda host, path: f"https://{host}.com/{path}",
        st.text(alphabet="abcdefgh", min_size=1, max_size=10),
        st.text(alphabet="abcdef123-_/?=&", max_size=40),
    ),
    st.sampled_from(["example.org", "www.socialflow.app/pricing", "$AAPL", "$TSLA"]),
)
EXTRAS = st.sampled_from(
    ["🔥", "🚀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "!", "?", ".", ",", "\n", "\n\n", "—", "<", ">", "->"]
)
TOKENS = st.lists(st.one_of(WORDS, WORDS, WORDS, ENTITIES, EXTRAS), min_size=1, max_size=120)
TEXTS = TOKENS.map(" ".join).filter(str.strip)  # empty in, empty out: nothing to optimize


def words(value: str) -> list[str]:
    """Core-word tokens: URLs whole, else letter/digit runs with CJK characters one each."""
    out: list[str] = []
    pos = 0
    for entity in text.entities(value):
        if entity.kind == "url":
            out += [t.casefold() for t in _TOKEN.findall(value[pos : entity.start])]
            out.append(entity.text)
            pos = entity.end
    out += [t.casefold() for t in _TOKEN.findall(value[pos:])]
    return [t for t in out if t != "_"]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(item == h for h in it) for item in needle)


def text_problems(platform: str, result: offline.Optimized) -> list[str]:
    variant = Variant(text=result.content, title=result.title, options={"tags": list(result.tags)})
    return [
        f"{p.code}: {p.message}" for p in text.validate(platform, variant) if p.field != "media"
    ]


def _entities_kept_whole(original: str, output: str) -> None:
    source = text.entities(offline.normalize(original))
    urls = {e.text for e in source if e.kind == "url"}
    mentions = {e.text.casefold() for e in source if e.kind == "mention"}
    for entity in text.entities(output):
        if entity.kind == "url":
            assert entity.text in urls, f"URL {entity.text!r} is not one of {urls}"
        elif entity.kind == "mention":
            assert entity.text.casefold() in mentions, f"mention {entity.text!r} was cut"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=TEXTS, platform=st.sampled_from(PLATFORMS))
def test_every_output_is_valid_keeps_entities_and_core_words(original: str, platform: str) -> None:
    result = offline.optimize(original, platform)
    assert text_problems(platform, result) == []
    _entities_kept_whole(original, result.content)

    parsed = offline.parse(original)
    body_words = words(parsed.body)
    out_body, _ = offline.split_trailing_tags(result.content)
    out_words = words(out_body.removesuffix(fitting.ELLIPSIS))
    guide = GUIDELINES[platform]
    if body_words:
        # The cut only drops from the end: what is kept is a prefix of the original's words.
        assert out_words == body_words[: len(out_words)], (out_words, body_words)
        assert out_words, "a non-empty post lost every word"
    if text.count(platform, parsed.body) + 60 <= guide.target:
        assert is_subsequence(body_words, words(result.content))

    tag_count = sum(1 for e in text.entities(result.content) if e.kind == "hashtag")
    assert tag_count <= guide.max_hashtags


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=TOKENS.filter(lambda t: len(t) > 60).map(" ".join))
def test_x_thread_keeps_every_word_and_each_part_is_valid(original: str) -> None:
    result = offline.optimize(original, "twitter")
    parsed = offline.parse(original)
    if text.count("twitter", parsed.body) <= 280:
        assert result.thread is None
        return
    if result.thread is None:  # only when over 25 parts
        assert fitting.thread(parsed.body, fitting.counter_for("twitter"), 280) is None
        return
    total = len(result.thread)
    joined = []
    for n, part in enumerate(result.thread, start=1):
        assert part.endswith(f" {n}/{total}")
        assert text.validate("twitter", Variant(text=part)) == []
        _entities_kept_whole(original, part)
        joined.append(_NUMBERING.sub("", part))
    # Every word in order, then X's hashtags (at most 3) at the end of the last part.
    body = words(parsed.body)
    assert words(" ".join(joined))[: len(body)] == body
    assert len(words(" ".join(joined))) - len(body) <= 3


@settings(max_examples=60, deadline=None)
@given(original=TEXTS)
def test_deterministic(original: str) -> None:
    assert offline.optimize_all(original, PLATFORMS) == offline.optimize_all(original, PLATFORMS)


POST = (
    "Launching our new coffee subscription today! Fresh beans every month, delivered to your "
    "door. Check it out at https://example.com/coffee?ref=launch and tell @barista_bob what "
    "you think. #coffee #subscription #Coffee #launch #beans"
)


def test_x_gets_at_most_three_deduplicated_hashtags_at_the_end() -> None:
    result = offline.optimize(POST, "twitter")
    assert result.content.endswith("#coffee #subscription #launch")
    assert text.hashtags(result.content) == ["coffee", "subscription", "launch"]


def test_instagram_gets_a_block_of_hashtags_after_the_caption_and_an_emoji() -> None:
    result = offline.optimize(POST, "instagram")
    caption, block = result.content.split("\n\n")
    assert "🚀" in caption  # "launching" -> a rocket, since the text had no emoji
    # The post's own tags only: no padding with ordinary words of the text (issue 21.7).
    assert text.hashtags(block) == ["coffee", "subscription", "launch", "beans"]
    assert not text.hashtags(caption)


def test_tiktok_is_short_with_a_trending_tag() -> None:
    result = offline.optimize(POST, "tiktok")
    assert text.count("tiktok", result.content) <= 150
    assert "#fyp" in result.content or len(text.hashtags(result.content)) == 4
    assert not result.content.rstrip().endswith("...")


def test_linkedin_gets_the_names_of_the_text_as_tags_in_their_own_paragraph() -> None:
    result = offline.optimize(
        "We grew revenue by 40% this quarter with Socialflow. Here is what worked.", "linkedin"
    )
    body, block = result.content.split("\n\n")
    assert body == "We grew revenue by 40% this quarter with Socialflow. Here is what worked."
    assert text.hashtags(block) == ["Socialflow"]  # not #revenue, #quarter, #worked


def test_facebook_turns_inline_hashtags_into_words_and_drops_the_tag_run() -> None:
    result = offline.optimize("Loving the #SummerVibes at the lake! #summer #lake", "facebook")
    assert result.content == "Loving the SummerVibes at the lake!"


def test_youtube_title_from_first_sentence_and_no_angle_brackets() -> None:
    result = offline.optimize(
        "How we build <fast> APIs -> a walkthrough. Timestamps below. #python #api", "youtube"
    )
    assert result.title == "How we build ‹fast› APIs → a walkthrough"  # noqa: RUF001
    assert "<" not in result.content and ">" not in result.content
    assert "#" not in result.content
    assert result.tags == ("python", "api")


def test_youtube_description_fits_5000_bytes() -> None:
    result = offline.optimize("Ünïcödé sentence here. " * 400, "youtube")
    assert len(result.content.encode()) <= 5000
    assert result.content.endswith(".")


@pytest.mark.parametrize(
    ("value", "limit", "expected"),
    [
        ("One two three. Four five six seven eight.", 20, "One two three."),
        ("alpha beta gamma delta epsilon", 18, "alpha beta gamma…"),
        ("see https://example.com/a/very/long/path now", 30, "see…"),
        ("ping @someone_long_name please", 24, "ping @someone_long_name"),
        ("東京で新しいカフェをオープンしました", 8, "東京で新しいカ…"),
    ],
)
def test_shorten_cuts_at_boundaries(value: str, limit: int, expected: str) -> None:
    count = fitting.counter_for("linkedin")
    assert fitting.shorten(value, count, limit) == expected
