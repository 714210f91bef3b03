"""How each platform counts text, where the URLs/mentions/hashtags are, and what it accepts.

Pure functions, no I/O. `validate` runs on every keystroke-driven validation call and in the
optimizer benchmark (six platforms in < 5 ms), so every pattern is compiled once at import.
Numbers come from the shared platform-contracts.md; its confidence markers are repeated next
to each rule in `RULES` ([✔] official, [◐] integrations/vendors, [✖] unconfirmed).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from socialflow.platforms.types import MediaItem, Problem, Variant

# --------------------------------------------------------------------------- entities

EntityKind = Literal["url", "mention", "hashtag", "cashtag"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A URL, @mention, #hashtag or $cashtag; `start`/`end` are code-point offsets."""

    kind: EntityKind
    start: int
    end: int
    text: str


# Generic TLDs a bare domain (no scheme) may end in. Two-letter ccTLDs are accepted too, but,
# as in twitter-text, a bare "name.cc" with no path and no subdomain is not a link ("file.py",
# "end.It"), except the short-link ccTLDs below.
_GTLDS = (
    "com|net|org|edu|gov|mil|int|info|biz|name|pro|aero|coop|museum|mobi|jobs|travel|tel|asia"
    "|app|dev|page|blog|shop|store|online|site|website|tech|xyz|news|media|live|art|design|cloud"
    "|agency|digital|social|video|link|club|email|life|world|today|space|studio|photo|photos"
    "|events|community|company|center|network|solutions|services|academy|global|group|team"
    "|zone|tools|top|vip|wiki|work|works"
)
_SHORT_LINK_CCTLDS = frozenset({"co", "tv"})
_URL_PATH_CHAR = r"[a-z0-9\u00c0-\u024f\u0400-\u04ff\-._~:/?#\[\]@!$&'()*+,;=%|]"
_HOST_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"  # Unicode letters/digits, inner hyphens
_ASCII_LABEL = r"[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?"
_URL = re.compile(
    # With a scheme: any host labels, but an ASCII (or punycode) TLD, so that text written
    # straight after a URL in a script without spaces (Japanese, Chinese) is not swallowed.
    r"(?<![\w@$#\uff20\uff03])(?P<scheme>https?://)"
    rf"(?:(?:{_HOST_LABEL}\.)+(?:xn--[a-z0-9-]+|[a-z]{{2,63}})(?![a-z0-9-])"
    r"|\d{1,3}(?:\.\d{1,3}){3}(?!\d))"
    r"(?::\d{1,5})?"
    rf"(?P<path>[/?#]{_URL_PATH_CHAR}*)?"
    # Without a scheme: a known TLD; never after '@' (e-mail), '$', '#', '.', '-', '/'.
    rf"|(?<![\w@$#\uff20\uff03.\-/])(?P<domain>(?:{_ASCII_LABEL}\.)+(?P<tld>{_GTLDS}|[a-z]{{2}}))"
    r"(?![a-z0-9_-]|[@\uff20])"
    rf"(?P<bare_path>/{_URL_PATH_CHAR}*)?",
    re.IGNORECASE,
)
# Characters a URL may end with; anything else at the end is sentence punctuation.
_URL_END = re.compile(r"[a-z0-9\u00c0-\u024f\u0400-\u04ff=_#/+\-&]", re.IGNORECASE)

_MENTION = re.compile(
    # Letters, digits, '_' and inner '.' (Instagram usernames), up to 30; never after a word
    # character, so "name@example.com" is an e-mail address, not a mention.
    r"(?<![\w!#$%&*@\uff20])[@\uff20][a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?(?![\w@\uff20]|://)",
    re.IGNORECASE,
)
_CASHTAG = re.compile(r"(?<!\S)\$[a-z]{1,6}(?:[._][a-z]{1,2})?(?![\w$])", re.IGNORECASE)
# A '#' that is not the start of a keycap emoji (#️⃣).
_HASH_SIGN = re.compile(r"[#\uff03](?![\ufe0f\u20e3])")
# Hashtag characters re's \w covers; combining marks (categories M*) are added in `_tag_end`
# because \w omits them and "#café" may arrive decomposed, "#हिन्दी" always has them.
_TAG_RUN = re.compile(r"[\w\u200c\u00b7\u30fb\u05f3\u05f4]+")


def _is_tag_char(char: str) -> bool:
    """True if `char` can be part of a hashtag body."""
    return bool(_TAG_RUN.match(char)) or unicodedata.category(char).startswith("M")


def _tag_end(text: str, pos: int) -> int:
    """Index just past the run of hashtag characters starting at `pos`."""
    while pos < len(text):
        run = _TAG_RUN.match(text, pos)
        if run:
            pos = run.end()
        elif unicodedata.category(text[pos]).startswith("M"):
            pos += 1
        else:
            break
    return pos


def _url_end(text: str, start: int, end: int, path_start: int) -> int:
    """Drop trailing sentence punctuation and unbalanced brackets from a URL's path."""
    # Counted once and updated while trimming, so a path of 10,000 ')' stays linear.
    brackets = {char: text.count(char, start, end) for char in "()[]"}
    while end > path_start:
        last = text[end - 1]
        if _URL_END.match(last):
            break
        opener = _OPENERS.get(last)
        if opener and brackets[opener] >= brackets[last]:
            break  # balanced, e.g. https://en.wikipedia.org/wiki/Foo_(bar)
        if last in brackets:
            brackets[last] -= 1
        end -= 1
    return end


_OPENERS = {")": "(", "]": "["}


def _url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL, as twitter-text would find them, reasonably."""
    if "." not in text:  # every URL form needs a dot; skips the regex for most short texts
        return []
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        if match.group("scheme"):
            path_start = match.start("path") if match.group("path") else end
        else:
            path = match.group("bare_path")
            if not path and _is_short_cctld(match.group("domain"), match.group("tld")):
                continue
            path_start = match.start("bare_path") if path else end
        spans.append((start, _url_end(text, start, end, path_start)))
    return spans


def _is_short_cctld(domain: str, tld: str) -> bool:
    """True for "name.cc" (one label, a ccTLD): not linked without a path."""
    return domain.count(".") == 1 and len(tld) == 2 and tld.lower() not in _SHORT_LINK_CCTLDS


def _hashtag_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every hashtag, '#' included."""
    for sign in _HASH_SIGN.finditer(text):
        start = sign.start()
        if start and (text[start - 1] == "&" or _is_tag_char(text[start - 1])):
            continue  # "a#b" is not a hashtag; "&#39;" is an HTML entity
        end = _tag_end(text, start + 1)
        if not any(char.isalpha() for char in text[start + 1 : end]):
            continue  # "#1" is not a hashtag
        if text.startswith(("#", "\uff03", "://"), end):
            continue  # "#foo#bar", "#foo://": twitter-text rejects these
        yield start, end


def entities(text: str) -> list[Entity]:
    """Every URL, mention, hashtag and cashtag in `text`, in order, never overlapping."""
    return list(_entities(text))


# Validation of six platforms asks for the same text's entities several times per call.
@lru_cache(maxsize=256)
def _entities(text: str) -> tuple[Entity, ...]:
    """`entities`, memoised; a tuple so callers cannot alter the cached value."""
    url_spans = _url_spans(text)
    found = [Entity("url", s, e, text[s:e]) for s, e in url_spans]
    url_starts = [start for start, _ in url_spans]
    candidates: list[tuple[EntityKind, int, int]] = [
        *(("mention", *m.span()) for m in _MENTION.finditer(text)),
        *(("cashtag", *m.span()) for m in _CASHTAG.finditer(text)),
        *(("hashtag", s, e) for s, e in _hashtag_spans(text)),
    ]
    for kind, start, end in candidates:
        # Inside a URL, '#' is its fragment and '@' part of its path.
        if not _overlaps_url(url_spans, url_starts, start, end):
            found.append(Entity(kind, start, end, text[start:end]))
    return tuple(_without_overlaps(sorted(found, key=lambda e: e.start)))


def _overlaps_url(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """True if [start, end) overlaps a URL; `spans` are sorted and disjoint."""
    last = bisect_left(starts, end) - 1  # the only URL that starts before `end` and may reach
    return last >= 0 and spans[last][1] > start


def _without_overlaps(ordered: list[Entity]) -> list[Entity]:
    """Keep the earlier of any two overlapping entities (a safety net; the patterns exclude it)."""
    kept: list[Entity] = []
    for entity in ordered:
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return kept


def hashtags(text: str) -> list[str]:
    """The hashtags in `text`, without the '#'."""
    return [e.text[1:] for e in entities(text) if e.kind == "hashtag"]


def mentions(text: str) -> list[str]:
    """The @mentioned usernames in `text`, without the '@'."""
    return [e.text[1:] for e in entities(text) if e.kind == "mention"]


def urls(text: str) -> list[str]:
    """The URLs in `text`, as written."""
    return [e.text for e in entities(text) if e.kind == "url"]


# --------------------------------------------------------------------------- counting

URL_WEIGHT = 23  # X shortens every URL to a t.co link of this length
EMOJI_WEIGHT = 2
# Code points twitter-text v3 weighs 1; everything else weighs 2.
_HEAVY = re.compile(r"[^\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_PICTO = (
    r"\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
    r"\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935"
    r"\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
# © and ® are text by default and become emoji only with VS16; twitter-text follows that.
_EMOJI_BASE = rf"(?:[\u00a9\u00ae]\ufe0f|[{_PICTO}])(?:\ufe0f|[\U0001f3fb-\U0001f3ff])?"
_EMOJI = re.compile(
    r"[\U0001f1e6-\U0001f1ff]{2}"  # flag: a pair of regional indicators
    r"|[0-9#*]\ufe0f?\u20e3"  # keycap
    r"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # subdivision flag (England, Scotland)
    rf"|{_EMOJI_BASE}(?:\u200d{_EMOJI_BASE})*"  # with skin tone / ZWJ sequence
)


def _weigh(segment: str) -> int:
    """twitter-text v3 weight of text without URLs: emoji sequences count 2 in total."""
    if segment.isascii():  # the common case: every ASCII character weighs 1
        return len(segment)
    weight = len(segment) + len(_HEAVY.findall(segment))
    for emoji in _EMOJI.finditer(segment):
        sequence = emoji.group()
        weight += EMOJI_WEIGHT - len(sequence) - len(_HEAVY.findall(sequence))
    return weight


def _twitter_length(text: str) -> int:
    """X's weighted length (twitter-text v3): NFC, weights 1/2, emoji 2, every URL 23."""
    text = unicodedata.normalize("NFC", text)
    total, pos = 0, 0
    for start, end in _url_spans(text):
        total += _weigh(text[pos:start]) + URL_WEIGHT
        pos = end
    return total + _weigh(text[pos:])


def _code_points(text: str) -> int:
    """Characters as a person sees them typed: code points after NFC."""
    return len(unicodedata.normalize("NFC", text))


def _utf16_units(text: str) -> int:
    """UTF-16 code units: characters outside the BMP (most emoji) count 2."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_bytes(text: str) -> int:
    """UTF-8 bytes: ASCII 1, accented Latin 2, CJK 3, emoji 4."""
    return len(text.encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------- rules

MB = 1024 * 1024
GB = 1024 * MB
_JPEG, _PNG, _WEBP, _GIF = "image/jpeg", "image/png", "image/webp", "image/gif"
_BMP, _TIFF = "image/bmp", "image/tiff"
_MP4, _MOV, _WEBM, _AVI = "video/mp4", "video/quicktime", "video/webm", "video/x-msvideo"
_FORMAT_NAMES = {
    _JPEG: "JPEG",
    _PNG: "PNG",
    _WEBP: "WEBP",
    _GIF: "GIF",
    _BMP: "BMP",
    _TIFF: "TIFF",
    _MP4: "MP4",
    _MOV: "MOV",
    _WEBM: "WebM",
    _AVI: "AVI",
    "video/x-ms-wmv": "WMV",
    "video/x-flv": "FLV",
    "video/3gpp": "3GP",
    "video/mpeg": "MPEG",
}
_MIME_ALIASES = {"image/jpg": _JPEG, "image/pjpeg": _JPEG, "video/mov": _MOV, "video/avi": _AVI}


@dataclass(frozen=True, slots=True)
class MediaRule:
    """What one platform accepts for one kind of media item; None means "no rule known"."""

    formats: tuple[str, ...]  # MIME types
    max_bytes: int | None = None
    min_bytes: int | None = None  # e.g. LinkedIn refuses videos under 75 KB
    min_width: int | None = None  # pixels (minimums matter as much as maximums: issue 18 #7)
    min_height: int | None = None
    min_seconds: float | None = None
    max_seconds: float | None = None
    min_aspect: float | None = None  # width / height
    max_aspect: float | None = None
    aspect_label: str = ""  # how people say the range, e.g. "4:5 to 1.91:1"
    max_pixels: int | None = None


@dataclass(frozen=True, slots=True)
class PlatformRules:
    """Everything `validate` checks for one platform, in one place."""

    name: str  # what the user calls it
    counter: Callable[[str], int]
    text_limit: int
    text_unit: str  # completes "{name} allows {limit} ..."
    media: dict[str, MediaRule]  # MediaItem.kind -> rule; a kind not here is not accepted
    media_summary: str  # completes "{name} allows ... per post"
    max_items: int
    max_images: int
    max_videos: int
    mixed_media: bool = False
    gif_counts_as: Literal["image", "video"] = "image"
    needs_text_or_media: bool = False
    needs_media: Literal["any", "video"] | None = None
    needs_media_phrase: str = ""  # completes "{name} needs ..."
    max_hashtags: int | None = None
    max_mentions: int | None = None
    max_cashtags: int | None = None
    no_angle_brackets: bool = False
    title_limit: int | None = None
    title_required: bool = False
    photo_text_limit: int | None = None  # TikTok photo posts: the description
    photo_title_limit: int | None = None  # TikTok photo posts: the title
    photo_text_unit: str = ""
    # Platform-specific checks that fit no column above.
    extra_checks: tuple[Callable[[str, PlatformRules, Variant], Iterator[Problem]], ...] = ()


def _youtube_tag_length(tags: list[str]) -> int:
    """YouTube's tag length: commas between tags count; a tag with a space counts its quotes."""
    return sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + max(len(tags) - 1, 0)


YOUTUBE_TAGS_LIMIT = 500


def _check_youtube_tags(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """YouTube rejects tags longer than 500 characters in total [✔ videos resource]."""
    tags = variant.options.get("tags") or []
    used = _youtube_tag_length([str(tag) for tag in tags])
    if used > YOUTUBE_TAGS_LIMIT:
        yield Problem(
            platform,
            "tags_too_long",
            f"{rules.name} allows {YOUTUBE_TAGS_LIMIT} characters of tags in total (commas "
            f"count, and a tag with a space counts its quotes); these tags use {used:,} — "
            f"remove {used - YOUTUBE_TAGS_LIMIT:,}.",
            "tags",
        )


_X_IMAGE = MediaRule((_JPEG, _PNG, _WEBP, _GIF), max_bytes=5 * MB)  # [✔]
_LINKEDIN_IMAGE = MediaRule((_JPEG, _PNG, _GIF), max_pixels=36_152_320)  # [◐]; ~5 MB is advice
_FACEBOOK_PHOTO = MediaRule((_JPEG, _BMP, _PNG, _GIF, _TIFF), max_bytes=10 * MB)  # [✔]

RULES: dict[str, PlatformRules] = {
    "twitter": PlatformRules(
        name="X",
        counter=_twitter_length,
        text_limit=280,  # [✔]; Premium 25,000 is not known to us
        text_unit="characters (as X counts them)",
        media={
            "image": _X_IMAGE,
            "gif": MediaRule((_GIF,), max_bytes=15 * MB),  # [✔]
            "video": MediaRule(  # [✔]
                (_MP4, _MOV),
                max_bytes=512 * MB,
                min_seconds=0.5,
                max_seconds=140,
                min_aspect=1 / 3,
                max_aspect=3,
                aspect_label="1:3 to 3:1",
            ),
        },
        media_summary="up to 4 images, or 1 video or GIF,",
        max_items=4,
        max_images=4,
        max_videos=1,
        gif_counts_as="video",  # one animated GIF, alone, like a video
        needs_text_or_media=True,
        max_cashtags=1,  # [◐] "maximum of one cashtag"
    ),
    "instagram": PlatformRules(
        name="Instagram",
        counter=_code_points,  # [✖] Meta does not say; code points
        text_limit=2200,  # [◐]
        text_unit="characters in a caption",
        media={
            "image": MediaRule(  # JPEG only [◐], 8 MiB [✔], 4:5 to 1.91:1 [◐], >= 320 px wide [◐]
                (_JPEG,),
                max_bytes=8 * MB,
                min_width=320,
                min_aspect=4 / 5,
                max_aspect=1.91,
                aspect_label="4:5 (portrait) to 1.91:1 (landscape)",
            ),
            "video": MediaRule(  # Reels [◐]; 300 MB vs 1 GB conflict [✖]: the lower one
                (_MP4, _MOV),
                max_bytes=300 * MB,
                min_seconds=3,
                max_seconds=15 * 60,
                min_aspect=0.01,
                max_aspect=10,
                aspect_label="0.01:1 to 10:1",
            ),
        },
        media_summary="up to 10 images or videos (a carousel)",
        max_items=10,  # carousel 2-10 [◐]
        max_images=10,
        max_videos=10,
        mixed_media=True,
        needs_media="any",
        needs_media_phrase="at least one image or video",
        max_hashtags=30,  # [◐]
        max_mentions=20,  # [◐]
    ),
    "tiktok": PlatformRules(
        name="TikTok",
        counter=_utf16_units,
        text_limit=2200,  # video caption [◐]
        text_unit="characters in a video caption (as TikTok counts them)",
        media={
            "image": MediaRule((_JPEG, _WEBP), max_bytes=20 * MB),  # [◐]; not PNG
            "video": MediaRule(  # [◐]; 600 s is the usual creator maximum; >= 360 px a side [◐]
                (_MP4, _WEBM, _MOV),
                max_bytes=4 * GB,
                min_seconds=3,
                max_seconds=600,
                min_width=360,
                min_height=360,
            ),
        },
        media_summary="1 video, or up to 35 photos,",
        max_items=35,
        max_images=35,
        max_videos=1,
        needs_media="any",
        needs_media_phrase="a video or at least one photo (text-only posts are not possible)",
        photo_text_limit=4000,  # [◐]
        photo_title_limit=90,  # [◐]
        photo_text_unit="characters in a photo post's description (as TikTok counts them)",
    ),
    "linkedin": PlatformRules(
        name="LinkedIn",
        counter=_code_points,
        text_limit=3000,  # [◐]
        text_unit="characters",
        media={
            "image": _LINKEDIN_IMAGE,
            "gif": _LINKEDIN_IMAGE,  # animated GIFs are images on LinkedIn [◐]
            "video": MediaRule(  # [✔] Videos API: 75 KB to 500 MB, 3 s to 30 min
                (_MP4,),
                max_bytes=500 * MB,
                min_bytes=75 * 1024,
                min_seconds=3,
                max_seconds=30 * 60,
                min_aspect=1 / 2.4,
                max_aspect=2.4,
                aspect_label="1:2.4 to 2.4:1",
            ),
        },
        media_summary="1 video, or up to 20 images,",
        max_items=20,  # multi-image 2-20 [✖]
        max_images=20,
        max_videos=1,
        needs_text_or_media=True,
    ),
    "facebook": PlatformRules(
        name="Facebook",
        counter=_code_points,
        text_limit=63206,  # [✖] widely cited
        text_unit="characters",
        media={
            "image": _FACEBOOK_PHOTO,
            "gif": _FACEBOOK_PHOTO,
            "video": MediaRule((_MP4, _MOV, _AVI), max_bytes=10 * GB, max_seconds=4 * 3600),
        },
        media_summary="1 video, or up to 10 photos,",
        max_items=10,  # undocumented; vendors use 10 [✖]
        max_images=10,
        max_videos=1,
        needs_text_or_media=True,
    ),
    "youtube": PlatformRules(
        name="YouTube",
        counter=_utf8_bytes,
        text_limit=5000,  # [✔]
        text_unit="bytes in a description (accented letters and emoji take 2-4 bytes each)",
        media={
            "video": MediaRule(  # [◐] containers; 256 GB [✔]; 12 h for verified channels [◐]
                (
                    _MP4,
                    _MOV,
                    _AVI,
                    _WEBM,
                    "video/x-ms-wmv",
                    "video/x-flv",
                    "video/3gpp",
                    "video/mpeg",
                ),
                max_bytes=256 * GB,
                max_seconds=12 * 3600,
            ),
        },
        media_summary="exactly 1 video",
        max_items=1,
        max_images=0,
        max_videos=1,
        needs_media="video",
        needs_media_phrase="exactly one video",
        max_hashtags=60,  # more and YouTube ignores all of them [◐]
        no_angle_brackets=True,
        title_limit=100,  # [✔]
        title_required=True,
        extra_checks=(_check_youtube_tags,),
    ),
}

LIMITS: dict[str, int] = {platform: rules.text_limit for platform, rules in RULES.items()}

# --------------------------------------------------------------------------- post types

_IG = RULES["instagram"]


def _portrait(rule: MediaRule, **changes: int | float | None) -> MediaRule:
    """`rule` for a full-screen Story: portrait media only."""
    return replace(
        rule,
        min_aspect=1 / 2,
        max_aspect=4 / 5,
        aspect_label="9:16 to 4:5 (portrait)",
        **changes,  # type: ignore[arg-type]
    )


# Each post type's own rules, where they differ from the platform's (issue 19).
TYPE_RULES: dict[tuple[str, str], PlatformRules] = {
    # A Reel is one video [◐]: 3 s to 15 min, 300 MB, 0.01:1 to 10:1 (9:16 recommended).
    ("instagram", "reel"): replace(
        _IG,
        name="Instagram (Reel)",
        media={"video": _IG.media["video"]},
        media_summary="exactly 1 video",
        max_items=1,
        max_images=0,
        max_videos=1,
        needs_media="video",
        needs_media_phrase="one video (a Reel is a video)",
    ),
    # A Story is one image or video, full screen [◐]: video 3 to 60 s and at most 100 MB;
    # the portrait range is our choice [✖] (Meta recommends 9:16 and does not document what
    # it does with landscape media): a 16:9 video is refused before sending.
    ("instagram", "story"): replace(
        _IG,
        name="Instagram (Story)",
        media={
            "image": _portrait(_IG.media["image"]),
            "video": _portrait(_IG.media["video"], max_bytes=100 * MB, max_seconds=60),
        },
        media_summary="exactly 1 image or video",
        max_items=1,
        max_images=1,
        max_videos=1,
        needs_media_phrase="one image or video",
    ),
}


_YT = RULES["youtube"]
SHORT_MAX_SECONDS = 180
# A Short is a vertical or square video of at most 3 minutes [◐]: YouTube files such a
# video as a Short by itself (there is no flag in the API); asked for, it is checked.
TYPE_RULES[("youtube", "short")] = replace(
    _YT,
    name="YouTube (Short)",
    media={
        "video": replace(
            _YT.media["video"],
            max_seconds=SHORT_MAX_SECONDS,
            min_aspect=0.01,
            max_aspect=1.0,
            aspect_label="vertical or square (9:16 to 1:1)",
        )
    },
)


def post_type(platform: str, variant: Variant) -> str | None:
    """The kind of post `variant` makes on `platform`, where the platform has several: an
    Instagram feed post, Reel or Story (as chosen); a YouTube Short (asked for, or a
    vertical or square video of at most 3 minutes, which YouTube files as one)."""
    if platform == "instagram":
        chosen = variant.options.get("media_type")
        return str(chosen) if chosen in ("feed", "reel", "story") else None
    if platform == "youtube":
        if variant.options.get("short"):
            return "short"
        video = next((m for m in variant.media if m.kind == "video"), None)
        if (
            video is not None
            and video.width
            and video.height
            and video.width <= video.height
            and video.duration_seconds is not None
            and video.duration_seconds <= SHORT_MAX_SECONDS
        ):
            return "short"
    return None


def _rules(platform: str) -> PlatformRules:
    """The rules of `platform`; ValueError for an unknown one."""
    try:
        return RULES[platform]
    except KeyError:
        raise ValueError(f"unknown platform {platform!r}; known: {', '.join(RULES)}") from None


def limit(platform: str, part: Literal["text", "title", "photo_text"] = "text") -> int:
    """The limit of `part` on `platform` (text: its main text limit); ValueError if none."""
    rules = _rules(platform)
    value = {
        "text": rules.text_limit,
        "title": rules.title_limit or rules.photo_title_limit,
        "photo_text": rules.photo_text_limit,
    }.get(part)
    if value is None:
        raise ValueError(f"{rules.name} has no {part} limit")
    return value


def count(platform: str, text: str) -> int:
    """The length of `text` as `platform` counts it against `limit(platform)`."""
    return _rules(platform).counter(text)


# --------------------------------------------------------------------------- validation


def validate(platform: str, variant: Variant) -> list[Problem]:
    """Every problem with `variant` that the user can fix before `platform` rejects it, by
    the rules of its post type (an Instagram Story or Reel) where it has one."""
    rules = TYPE_RULES.get((platform, post_type(platform, variant) or ""), _rules(platform))
    checks = (
        _check_text,
        _check_entities,
        _check_title,
        _check_media_needed,
        _check_media_count,
        _check_media_items,
        *rules.extra_checks,
    )
    return [problem for check in checks for problem in check(platform, rules, variant)]


def _is_photo_post(variant: Variant) -> bool:
    """True if every media item is a still image (TikTok's photo mode)."""
    return bool(variant.media) and all(item.kind == "image" for item in variant.media)


def _check_text(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """Empty post, text too long, forbidden characters."""
    text = variant.text or ""
    if rules.needs_text_or_media and not text.strip() and not variant.media:
        yield Problem(
            platform,
            "empty_post",
            f"{rules.name} needs text or at least one image or video; this post has neither.",
        )
    limit_, unit = rules.text_limit, rules.text_unit
    if rules.photo_text_limit and _is_photo_post(variant):
        limit_, unit = rules.photo_text_limit, rules.photo_text_unit
    used = rules.counter(text)
    if used > limit_:
        yield Problem(
            platform,
            "too_long",
            f"{rules.name} allows {limit_:,} {unit}; this post has {used:,} — "
            f"remove {used - limit_:,}.",
        )
    if rules.no_angle_brackets:
        yield from _angle_brackets(platform, rules, text, "content", "description")


def _angle_brackets(
    platform: str, rules: PlatformRules, text: str, field_: str, where: str
) -> Iterator[Problem]:
    """'<' and '>' are refused outright by YouTube in titles and descriptions."""
    found = text.count("<") + text.count(">")
    if found:
        yield Problem(
            platform,
            "forbidden_characters",
            f"{rules.name} does not allow '<' or '>' in a {where}; this {where} has {found} — "
            "remove them.",
            field_,
        )


_ENTITY_LIMITS = (
    ("hashtag", "max_hashtags", "hashtag"),
    ("mention", "max_mentions", "@mention"),
    ("cashtag", "max_cashtags", "cashtag"),
)


def _check_entities(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """Too many hashtags, mentions or cashtags."""
    limits = [(kind, getattr(rules, attr), word) for kind, attr, word in _ENTITY_LIMITS]
    if all(maximum is None for _, maximum, _ in limits):
        return  # skip entity extraction for platforms without such limits
    found = _entities(variant.text or "")
    for kind, maximum, word in limits:
        used = sum(1 for e in found if e.kind == kind)
        if maximum is not None and used > maximum:
            yield Problem(
                platform,
                f"too_many_{kind}s",
                f"{rules.name} allows at most {_plural(maximum, word)} in a post; this post "
                f"has {used} — remove {used - maximum}.",
            )


def _title_limit(rules: PlatformRules, variant: Variant) -> int | None:
    """The title limit that applies to this variant, if any."""
    if rules.photo_title_limit and _is_photo_post(variant):
        return rules.photo_title_limit
    return rules.title_limit


def _check_title(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """Title missing, too long, or with forbidden characters."""
    maximum = _title_limit(rules, variant)
    if maximum is None:
        return
    title = variant.title or ""
    if rules.title_required and not title.strip():
        yield Problem(platform, "title_missing", f"{rules.name} needs a title.", "title")
    used = _code_points(title)
    if used > maximum:
        yield Problem(
            platform,
            "title_too_long",
            f"{rules.name} allows {maximum} characters in a title; this title has {used} — "
            f"remove {used - maximum}.",
            "title",
        )
    if rules.no_angle_brackets:
        yield from _angle_brackets(platform, rules, title, "title", "title")


def _check_media_needed(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """A platform that cannot post without media (or without a video) gets none."""
    if rules.needs_media is None:
        return
    accepted = [item for item in variant.media if item.kind in rules.media]
    if rules.needs_media == "video":
        accepted = [item for item in accepted if item.kind == "video"]
    if not accepted:
        yield Problem(
            platform,
            "media_required",
            f"{rules.name} needs {rules.needs_media_phrase}; this post has none.",
            "media",
        )


def _plural(n: int, word: str) -> str:
    """'1 image', '2 images'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _check_media_count(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """Too many items, or images and videos mixed where the platform forbids it."""
    # Items of a kind the platform refuses are reported once, by _check_media_items.
    kinds = [item.kind for item in variant.media if item.kind in rules.media]
    videos = sum(
        1 for k in kinds if k == "video" or (k == "gif" and rules.gif_counts_as == "video")
    )
    images = len(kinds) - videos
    video_word = "video/GIF" if rules.gif_counts_as == "video" else "video"
    if images and videos and not rules.mixed_media:
        yield Problem(
            platform,
            "mixed_media",
            f"{rules.name} allows {rules.media_summary} per post, not both; this post has "
            f"{_plural(images, 'image')} and {_plural(videos, video_word)} — keep one kind.",
            "media",
        )
        return
    for used, maximum, word in (
        (images, rules.max_images, "image"),
        (videos, rules.max_videos, video_word),
        (len(kinds), rules.max_items, "item"),
    ):
        if used > maximum:
            yield Problem(
                platform,
                "too_many_media",
                f"{rules.name} allows {rules.media_summary} per post; this post has "
                f"{_plural(used, word)} — remove {used - maximum}.",
                "media",
            )
            return


def _check_media_items(platform: str, rules: PlatformRules, variant: Variant) -> Iterator[Problem]:
    """Each item's kind, format, size, duration, aspect ratio and pixel count."""
    for number, item in enumerate(variant.media, start=1):
        label = f"item {number} ({_KIND_WORDS[item.kind]})"
        rule = rules.media.get(item.kind)
        if rule is None:
            yield Problem(
                platform,
                "unsupported_media_kind",
                f"{rules.name} does not accept {_KIND_WORDS[item.kind]}s; item {number} is "
                f"{_KIND_ARTICLES[item.kind]} — remove it.",
                "media",
            )
            continue
        for item_check in _ITEM_CHECKS:
            problem = item_check(rules, rule, item, label)
            if problem:
                code, message = problem
                yield Problem(platform, code, message, "media")


_KIND_WORDS = {"image": "image", "video": "video", "gif": "GIF"}
_KIND_ARTICLES = {"image": "an image", "video": "a video", "gif": "a GIF"}
_ItemProblem = tuple[str, str] | None


def _mime(item: MediaItem) -> str:
    """The item's MIME type, lower-cased, without parameters, common aliases resolved."""
    mime = item.mime_type.split(";")[0].strip().lower()
    return _MIME_ALIASES.get(mime, mime)


def _or_list(words: list[str]) -> str:
    """'A', 'A or B', 'A, B or C'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _size(n: float) -> str:
    """A byte count as people say it, rounded up so a too-big file never looks equal."""
    if n < MB:
        return f"{-(-int(n) // 1024)} KB"
    unit, scale = ("GB", GB) if n >= GB else ("MB", MB)
    tenths = -(-int(n * 10) // scale)  # ceiling of n/scale in tenths
    return f"{tenths / 10:g} {unit}"


def _duration(seconds: float) -> str:
    """A duration as people say it: seconds below 5 minutes, then minutes, then hours."""
    if seconds < 300:
        return _plural_g(round(seconds, 1), "second")
    if seconds < 7200:
        return _plural_g(round(seconds / 60, 1), "minute")
    return _plural_g(round(seconds / 3600, 1), "hour")


def _plural_g(value: float, word: str) -> str:
    """'1 second', '0.5 seconds', '140 seconds'."""
    return f"{value:g} {word}" if value == 1 else f"{value:g} {word}s"


def _check_format(
    rules: PlatformRules, rule: MediaRule, item: MediaItem, label: str
) -> _ItemProblem:
    """The file's format is one the platform takes for this kind."""
    mime = _mime(item)
    if mime in rule.formats:
        return None
    accepted = _or_list([_FORMAT_NAMES.get(m, m) for m in rule.formats])
    kind = _KIND_WORDS[item.kind]
    shown = _FORMAT_NAMES.get(mime, mime or "of unknown type")
    return (
        "unsupported_format",
        f"{rules.name} accepts {kind}s as {accepted}; {label} is {shown} — convert it.",
    )


def _check_size(rules: PlatformRules, rule: MediaRule, item: MediaItem, label: str) -> _ItemProblem:
    """The file's size is within the platform's range."""
    kind = _KIND_WORDS[item.kind]
    if rule.min_bytes is not None and item.size_bytes < rule.min_bytes:
        return (
            "file_too_small",
            f"{rules.name} needs {kind}s of at least {_size(rule.min_bytes)}; {label} is "
            f"{_size(item.size_bytes)} — use a longer or better-quality file.",
        )
    if rule.max_bytes is None or item.size_bytes <= rule.max_bytes:
        return None
    return (
        "file_too_large",
        f"{rules.name} accepts {kind}s up to {_size(rule.max_bytes)}; {label} is "
        f"{_size(item.size_bytes)} — compress it or choose a smaller file.",
    )


def _check_duration(
    rules: PlatformRules, rule: MediaRule, item: MediaItem, label: str
) -> _ItemProblem:
    """A video's length is within the platform's range (when the length is known)."""
    seconds = item.duration_seconds
    if seconds is None:
        return None
    if rule.max_seconds is not None and seconds > rule.max_seconds:
        return (
            "video_too_long",
            f"{rules.name} accepts videos up to {_duration(rule.max_seconds)}; {label} is "
            f"{_duration(seconds)} — trim {_duration(seconds - rule.max_seconds)}.",
        )
    if rule.min_seconds is not None and seconds < rule.min_seconds:
        return (
            "video_too_short",
            f"{rules.name} needs videos of at least {_duration(rule.min_seconds)}; {label} is "
            f"{_duration(seconds)}.",
        )
    return None


# Ratios within this of a bound pass: 1200x628 is "1.91:1" to everyone, 1.9108 exactly.
_ASPECT_TOLERANCE = 0.005


def _check_aspect(
    rules: PlatformRules, rule: MediaRule, item: MediaItem, label: str
) -> _ItemProblem:
    """Width/height is within the platform's range (when both are known)."""
    if not (item.width and item.height) or rule.min_aspect is None or rule.max_aspect is None:
        return None
    ratio = item.width / item.height
    if rule.min_aspect - _ASPECT_TOLERANCE <= ratio <= rule.max_aspect + _ASPECT_TOLERANCE:
        return None
    kind = _KIND_WORDS[item.kind]
    return (
        "aspect_ratio",
        f"{rules.name} accepts {kind}s from {rule.aspect_label}; {label} is "
        f"{item.width}x{item.height} ({ratio:.2f}:1) — crop it.",
    )


def _check_dimensions(
    rules: PlatformRules, rule: MediaRule, item: MediaItem, label: str
) -> _ItemProblem:
    """Width and height are at least the platform's minimums (when known)."""
    kind = _KIND_WORDS[item.kind]
    for value, minimum, side in (
        (item.width, rule.min_width, "wide"),
        (item.height, rule.min_height, "high"),
    ):
        if value and minimum is not None and value < minimum:
            return (
                "too_small_dimensions",
                f"{rules.name} needs {kind}s at least {minimum} pixels {side}; {label} is "
                f"{item.width}x{item.height} — use a larger one.",
            )
    return None


def _check_pixels(
    rules: PlatformRules, rule: MediaRule, item: MediaItem, label: str
) -> _ItemProblem:
    """Width x height is under the platform's pixel cap (when both are known)."""
    if not (item.width and item.height) or rule.max_pixels is None:
        return None
    pixels = item.width * item.height
    if pixels <= rule.max_pixels:
        return None
    return (
        "too_many_pixels",
        f"{rules.name} accepts images up to {rule.max_pixels:,} pixels; {label} is "
        f"{item.width}x{item.height} ({pixels:,} pixels) — resize it.",
    )


_ITEM_CHECKS = (
    _check_format,
    _check_size,
    _check_duration,
    _check_dimensions,
    _check_aspect,
    _check_pixels,
)
