"""Issue 21.7: the offline rules follow the brand voice's explicit rules and never make
hashtags out of ordinary words."""

from __future__ import annotations

import pytest

from socialflow.optimizer import offline
from socialflow.optimizer.voice import voice_rules
from socialflow.platforms import text

ANNOUNCEMENT = "Our autumn menu opens next week. Details on the blog, see you there!"
TAGGING = ("twitter", "instagram", "tiktok", "linkedin")


@pytest.mark.parametrize("platform", TAGGING)
def test_no_hashtag_is_made_from_an_ordinary_word(platform: str) -> None:
    tags = {t.casefold() for t in text.hashtags(offline.optimize(ANNOUNCEMENT, platform).content)}
    assert not tags & {"opens", "next", "details", "autumn", "menu", "week", "blog"}


def test_names_written_mid_sentence_may_become_tags_but_not_sentence_starts() -> None:
    result = offline.optimize("Details below. We cook with Maria in Lisbon this week.", "twitter")
    assert text.hashtags(result.content) == ["Maria", "Lisbon"]


@pytest.mark.parametrize("platform", TAGGING)
def test_avoid_hashtags_except_one_keeps_only_that_one(platform: str) -> None:
    voice = "Warm and plain. Avoid hashtags except #autumn."
    result = offline.optimize(
        ANNOUNCEMENT + " Real #food with Maria. #autumn #menu", platform, brand_voice=voice
    )
    tags = [t.casefold() for t in text.hashtags(result.content)]
    assert tags == ["autumn"], result.content
    assert "Real food with" in result.content  # an inline tag that is not allowed stays a word


def test_no_hashtags_at_all_and_no_emoji() -> None:
    voice = "Never use hashtags. No emoji, ever."
    for platform in TAGGING:
        result = offline.optimize(
            "Launching with Maria today 🚀🚀 #launch", platform, brand_voice=voice
        )
        assert text.hashtags(result.content) == [], (platform, result.content)
        assert (
            "🚀" not in result.content and "✨" not in result.content and "🔥" not in result.content
        )


def test_always_include_a_tag() -> None:
    result = offline.optimize(ANNOUNCEMENT, "linkedin", brand_voice="Always include #acme.")
    assert text.hashtags(result.content) == ["acme"]


def test_voice_rules_read_only_what_is_stated() -> None:
    assert voice_rules("Friendly, witty, short sentences.") == voice_rules(None)
    rules = voice_rules("Don't use hashtags except #autumn and #Harvest; no emojis.")
    assert rules.allowed_tags == {"autumn", "harvest"} and rules.no_emoji
    assert rules.allows("Autumn") and not rules.allows("food")
