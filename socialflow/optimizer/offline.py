"""The offline optimizer: deterministic per-platform rewriting, no network, no key.

The embedded default, and the fallback whenever Claude fails. Per platform (guidelines.py):
hashtags are extracted, deduplicated, counted and placed (X 2-3 at the end, Instagram up to 30
in a block after the caption, TikTok a few plus a trending-style tag, LinkedIn 3-5 in a block,
Facebook and YouTube none: inline hashtags become plain words); emoji are kept, tamed
(repeated runs collapsed) or added (one, if the text has none); the text is fitted to the
platform's length target by the boundary rules in fitting.py; YouTube gets a title from the
first sentence (<= 100 characters, no < >) and its description <= 5,000 UTF-8 bytes; X text
that does not fit is also offered as a numbered thread.

Hashtags are never made from ordinary words ("#opens #next #details"): derived tags come only
from names the author capitalized mid-sentence. The author's brand voice is honoured where it
states a rule the rules can follow (voice.py): "avoid hashtags except #autumn", "no emoji",
"always include #acme".

Every result passes `text.validate` for its platform (media aside: the optimizer writes text).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter as Tally
from collections.abc import Iterable
from dataclasses import dataclass, field

from socialflow.optimizer import fitting
from socialflow.optimizer.guidelines import (
    GUIDELINES,
    TRENDING_TAG,
    YOUTUBE_TITLE_LIMIT,
    Guideline,
)
from socialflow.optimizer.voice import VoiceRules, voice_rules
from socialflow.platforms import text
from socialflow.platforms.text import _EMOJI as EMOJI  # one emoji grammar for counting and rules


@dataclass(frozen=True, slots=True)
class Optimized:
    """One platform's version of a post."""

    platform: str
    content: str
    title: str | None = None
    thread: tuple[str, ...] | None = None  # X only, when the text does not fit one post
    tags: tuple[str, ...] = ()  # YouTube video tags (the hashtags, moved out of the text)


@dataclass(slots=True)
class Parsed:
    """A post taken apart once and shared by all platforms."""

    body: str  # normalized text without its trailing run of hashtags
    tags: list[str] = field(default_factory=list)  # every hashtag, deduplicated, in order
    keywords: list[str] = field(default_factory=list)  # content words (for the emoji choice)
    names: list[str] = field(default_factory=list)  # capitalized names: the only derived tags


_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_STOPWORD_TEXT = (
    "about above after again also been before being below between both cannot could does doing "
    "down during each every from further have having here hers herself himself into itself just "
    "more most myself once only other ourselves over same should some such than that their "
    "theirs them themselves then there these they this those through under until very were "
    "what when where which while whom with would your yours yourself today tomorrow really "
    "will want need make made like know just come came going thing things http https www"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Capitalized in titles and headings ("Read the Details"), still ordinary words.
_COMMON_TEXT = (
    "news update updates details detail read more check open opens next new post blog "
    "video photo link here now free sale deal team story week month year monday tuesday "
    "wednesday thursday friday saturday sunday morning evening welcome thanks thank please "
    "learn find join watch click visit"
)
_COMMON = frozenset(_COMMON_TEXT.split())
_KEYWORD_EMOJI = {
    "launch": "🚀",
    "launching": "🚀",
    "coffee": "☕",
    "sale": "🛍️",
    "love": "❤️",
    "travel": "✈️",
    "food": "🍽️",
    "music": "🎵",
    "event": "📅",
    "tip": "💡",
    "tips": "💡",
    "idea": "💡",
    "team": "🤝",
    "photo": "📸",
    "video": "🎬",
    "summer": "☀️",
    "learn": "📚",
    "growth": "📈",
    "data": "📊",
    "win": "🏆",
}


def normalize(value: str) -> str:
    """NFC, one space between words, at most one blank line between paragraphs, trimmed."""
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def split_trailing_tags(value: str) -> tuple[str, list[str]]:
    """(text before its trailing run of hashtags, the tags of that run without '#')."""
    pos, tags = len(value), []
    for entity in reversed(text.entities(value)):
        if entity.kind != "hashtag" or value[entity.end : pos].strip():
            break
        tags.append(entity.text[1:])
        pos = entity.start
    return value[:pos].rstrip(), tags[::-1]


def parse(original: str) -> Parsed:
    """Normalize and take the post apart: body, hashtags, keywords."""
    normalized = normalize(original)
    body, trailing = split_trailing_tags(normalized)
    inline = [e.text[1:] for e in text.entities(body) if e.kind == "hashtag"]
    return Parsed(
        body=body,
        tags=_dedupe([*inline, *trailing]),
        keywords=_keywords(body),
        names=_names(body),
    )


def _dedupe(tags: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for tag in tags:
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            out.append(tag)
    return out


# Letters only, 4 to 24 of them, no CJK (a run of CJK is a phrase, not a keyword).
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{4,24}(?![^\W\d_])")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _keywords(body: str) -> list[str]:
    """Content words for derived hashtags: frequent first, then by first appearance."""
    plain = body
    for entity in reversed(text.entities(body)):  # links and handles are not keywords
        plain = plain[: entity.start] + " " + plain[entity.end :]
    words = [w.casefold() for w in _WORD.findall(plain)]
    words = [w for w in words if w not in _STOPWORDS and not _CJK_CHAR.search(w)]
    tally = Tally(words)
    first = {w: i for i, w in reversed(list(enumerate(words)))}
    return sorted(tally, key=lambda w: (-tally[w], first[w]))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")


def _names(body: str) -> list[str]:
    """Names the author wrote capitalized mid-sentence ("Socialflow", "Paris"), never ordinary
    words: not at the start of a sentence, not a stop word, not also written in lower case."""
    plain = body
    for entity in reversed(text.entities(body)):
        plain = plain[: entity.start] + " " * (entity.end - entity.start) + plain[entity.end :]
    lower = {w.casefold() for w in _WORD.findall(plain) if not w[0].isupper()}
    names: list[str] = []
    for match in _WORD.finditer(plain):
        word = match.group()
        key = word.casefold()
        if (
            not word[0].isupper()
            or word.isupper()
            or _SENTENCE_START.search(plain[: match.start()])
        ):
            continue
        if key in _STOPWORDS or key in _COMMON or key in lower or _CJK_CHAR.search(word):
            continue
        if key not in {n.casefold() for n in names}:
            names.append(word)
    return names


# --------------------------------------------------------------------------- entity policy


def _strip_sigils(value: str, kind: str, keep: int, seen: set[str] | None = None) -> str:
    """Keep the first `keep` entities of `kind` (and, for hashtags, only the first of each
    spelling); the others lose their '#', '@' or '$' and stay as plain words."""
    kept = 0
    out, pos = [], 0
    for entity in text.entities(value):
        if entity.kind != kind:
            continue
        key = entity.text[1:].casefold()
        if kept < keep and (seen is None or key not in seen):
            kept += 1
            if seen is not None:
                seen.add(key)
            continue
        out.append(value[pos : entity.start])
        out.append(entity.text[1:])
        pos = entity.end
    out.append(value[pos:])
    return "".join(out)


def _apply_entity_limits(value: str, rules: text.PlatformRules, max_tags: int) -> str:
    value = _strip_sigils(value, "hashtag", max_tags, seen=set())
    if rules.max_mentions is not None:
        value = _strip_sigils(value, "mention", rules.max_mentions)
    if rules.max_cashtags is not None:
        value = _strip_sigils(value, "cashtag", rules.max_cashtags)
    return value


# --------------------------------------------------------------------------- emoji policy


def _tame_emoji(value: str) -> str:
    """Collapse a run of the same emoji ("🔥 🔥🔥") into one."""
    out, pos, last, last_end = [], 0, None, -1
    for match in EMOJI.finditer(value):
        emoji = match.group()
        if emoji == last and not value[last_end : match.start()].strip():
            out.append(value[pos:last_end])
            pos = match.end()
        else:
            out.append(value[pos : match.end()])
            pos = match.end()
        last, last_end = emoji, match.end()
    out.append(value[pos:])
    return "".join(out)


def _add_emoji(value: str, keywords: list[str], default: str) -> str:
    """One emoji at the end of the first paragraph when the text has none."""
    if not value or EMOJI.search(value):
        return value
    emoji = next((_KEYWORD_EMOJI[k] for k in keywords if k in _KEYWORD_EMOJI), default)
    head, sep, rest = value.partition("\n\n")
    return f"{head} {emoji}{sep}{rest}"


def _emoji(value: str, guide: Guideline, keywords: list[str], voice: VoiceRules) -> str:
    if voice.no_emoji:
        return normalize(EMOJI.sub("", value))
    if guide.emoji == "tame":
        return _tame_emoji(value)
    if guide.emoji == "add":
        return _add_emoji(value, keywords, "🔥" if guide.platform == "tiktok" else "✨")
    return value


# --------------------------------------------------------------------------- assembly


def _choose_tags(
    parsed: Parsed, guide: Guideline, inline: set[str], voice: VoiceRules
) -> list[str]:
    """The tags for the end/block: the ones the voice requires, the post's own, then names
    from the text up to the minimum; only those the voice allows."""
    room = guide.max_hashtags - len(inline)
    own = [*voice.required_tags, *parsed.tags]
    chosen = [t for t in _dedupe(own) if t.casefold() not in inline and voice.allows(t)]
    chosen = chosen[: max(room, 0)]
    taken = inline | {t.casefold() for t in chosen}
    for name in parsed.names:
        if len(inline) + len(chosen) >= guide.min_hashtags:
            break
        if name.casefold() not in taken and voice.allows(name):
            chosen.append(name)
            taken.add(name.casefold())
    if guide.platform == "tiktok" and TRENDING_TAG not in taken and voice.allows(TRENDING_TAG):
        # Second place, so it survives when a cut keeps only the minimum of tags.
        chosen.insert(min(1, len(chosen)), TRENDING_TAG)
        chosen = chosen[: max(guide.max_hashtags - len(inline), 0)]
    return chosen


def _join(body: str, tags: list[str], separator: str) -> str:
    if not tags:
        return body
    block = " ".join("#" + t for t in tags)
    return f"{body}{separator}{block}" if body else block


def _compose(body: str, tags: list[str], guide: Guideline) -> str:
    """Body plus as many tags as fit; a body too long is cut, keeping the minimum of tags."""
    count = fitting.counter_for(guide.platform)
    separator = "\n\n" if guide.placement == "block" else " "
    body_used = count(body)
    for keep in range(len(tags), -1, -1):
        extra = count(separator + " ".join("#" + t for t in tags[:keep])) if keep else 0
        if body_used + extra <= guide.target:
            return _join(body, tags[:keep], separator)
    keep = min(len(tags), guide.min_hashtags)
    while True:
        extra = count(separator + " ".join("#" + t for t in tags[:keep])) if keep else 0
        if extra <= guide.target // 3 or keep == 0:
            short = fitting.shorten(body, count, guide.target - extra)
            if body and not short:  # the first word alone is over the style target
                short = fitting.shorten(body, count, guide.hard_limit - extra)
            return _join(short, tags[:keep], separator)
        keep -= 1


def _sanitize_youtube(value: str) -> str:
    """YouTube refuses '<' and '>': arrows become arrows, the rest look-alike angle quotes."""
    value = value.replace("<-", "←").replace("->", "→").replace("=>", "⇒")
    return value.replace("<", "‹").replace(">", "›")  # noqa: RUF001


def _first_sentence(value: str) -> str:
    line = value.split("\n", 1)[0]
    match = re.search(r"[.!?。！？](?=\s|$)", line)  # noqa: RUF001
    return line[: match.end()] if match else line


def youtube_title(source: str) -> str:
    """A title from `source`'s first sentence: no links, tags or < >, <= 100 characters."""
    plain = _strip_sigils(source, "hashtag", 0)
    plain = _strip_sigils(plain, "mention", 0)
    for entity in reversed([e for e in text.entities(plain) if e.kind == "url"]):
        plain = plain[: entity.start] + plain[entity.end :]
    sentence = normalize(_sanitize_youtube(_first_sentence(normalize(plain))))
    sentence = sentence.rstrip(" .:;,") or sentence
    title = fitting.shorten(sentence, fitting.counter_for_title, YOUTUBE_TITLE_LIMIT)
    return title.strip() or "New video"


def _youtube_tags(tags: list[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for tag in tags:
        if text._youtube_tag_length([*chosen, tag]) > text.YOUTUBE_TAGS_LIMIT:
            break
        chosen.append(tag)
    return tuple(chosen)


def _strip_disallowed_tags(value: str, voice: VoiceRules) -> str:
    """Hashtags the voice does not allow lose their '#' and stay as words."""
    out, pos = [], 0
    for entity in text.entities(value):
        if entity.kind == "hashtag" and not voice.allows(entity.text[1:]):
            out.append(value[pos : entity.start])
            out.append(entity.text[1:])
            pos = entity.end
    out.append(value[pos:])
    return "".join(out)


def _optimize_parsed(
    parsed: Parsed, platform: str, title: str | None, media_count: int, voice: VoiceRules
) -> Optimized:
    guide = GUIDELINES[platform]
    rules = text.RULES[platform]
    body = _strip_disallowed_tags(parsed.body, voice)
    body = _apply_entity_limits(body, rules, guide.max_hashtags)
    body = _emoji(body, guide, parsed.keywords, voice)
    if platform == "youtube":
        own_tags = [t for t in parsed.tags if voice.allows(t)]
        description = _sanitize_youtube(body) or " ".join(own_tags)
        description = fitting.shorten(description, fitting.counter_for(platform), guide.target)
        return Optimized(
            platform,
            description,
            title=youtube_title(title or body or " ".join(own_tags)),
            tags=_youtube_tags(own_tags),
        )
    if guide.placement == "none":
        content = body or " ".join(t for t in parsed.tags if voice.allows(t))
        return Optimized(
            platform, fitting.shorten(content, fitting.counter_for(platform), guide.target)
        )
    inline = {e.text[1:].casefold() for e in text.entities(body) if e.kind == "hashtag"}
    tags = _choose_tags(parsed, guide, inline, voice)
    content = _compose(body, tags, guide)
    thread = None
    if platform == "twitter" and fitting.counter_for(platform)(body) > guide.target:
        # The whole text as parts, its hashtags at the end of the last one (never cut).
        parts = fitting.thread(_join(body, tags, " "), fitting.counter_for(platform), guide.target)
        thread = tuple(parts) if parts else None
    return Optimized(platform, content, thread=thread)


def optimize(
    original: str,
    platform: str,
    *,
    media_count: int = 0,
    title: str | None = None,
    brand_voice: str | None = None,
) -> Optimized:
    """`original` rewritten for `platform` by the offline rules."""
    return _optimize_parsed(parse(original), platform, title, media_count, voice_rules(brand_voice))


def optimize_all(
    original: str,
    platforms: Iterable[str],
    *,
    media_count: int = 0,
    title: str | None = None,
    brand_voice: str | None = None,
) -> dict[str, Optimized]:
    """`optimize` for several platforms, parsing the post once."""
    parsed = parse(original)
    voice = voice_rules(brand_voice)
    return {p: _optimize_parsed(parsed, p, title, media_count, voice) for p in platforms}


def enforce(platform: str, content: str, title: str | None = None) -> tuple[str, str | None]:
    """Make any text (e.g. Claude's) pass the platform's text rules: entity limits, < > on
    YouTube, the title, and the length by the boundary rules."""
    guide = GUIDELINES[platform]
    rules = text.RULES[platform]
    content = normalize(content)
    max_tags = rules.max_hashtags if rules.max_hashtags is not None else len(content)
    if platform == "youtube":
        content = _sanitize_youtube(content)
        title = youtube_title(title or content)
    content = _apply_entity_limits(content, rules, max_tags)
    content = fitting.shorten(content, fitting.counter_for(platform), guide.hard_limit)
    return content, title
