"""Shortening text to a limit at a sentence or word boundary, and splitting it into a thread.

Boundary rules (both optimizers use them): a cut falls after a sentence, else between words
(or between two CJK characters, which need no spaces), never inside a URL, @mention, #hashtag
or $cashtag (their code-point spans come from `text.entities`), never inside a word, and a
word-boundary cut ends with "…" after the last whole word, never after a cut one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from socialflow.platforms import text

Counter = Callable[[str], int]

ELLIPSIS = "…"
_SENTENCE_END = frozenset(".!?。！？…‼⁉")  # noqa: RUF001
_CJK_SENTENCE_END = frozenset("。！？")  # noqa: RUF001
_CLOSERS = frozenset("\"')]}”’»」』）")  # noqa: RUF001
_TRAILING_JUNK = " \t\n,;:-–—/(\"'“‘«「『（"  # noqa: RUF001
# Han and kana: text written without spaces, so it may be cut between any two characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def counter_for(platform: str) -> Counter:
    """The platform's own length counter (tagged with the platform for fast word counts)."""
    return _COUNTERS[platform]


class _PlatformCounter:
    __slots__ = ("platform",)

    def __init__(self, platform: str):
        self.platform = platform

    def __call__(self, value: str) -> int:
        return text.count(self.platform, value)


_COUNTERS = {platform: _PlatformCounter(platform) for platform in text.RULES}


def counter_for_title(value: str) -> int:
    """Titles are counted in code points after NFC on every platform that has one."""
    return len(unicodedata.normalize("NFC", value))


class _Cuttable:
    """A text with its entity spans, computed once for every cut tried on it."""

    __slots__ = ("ends", "spans", "url_spans", "value")

    def __init__(self, value: str):
        self.value = value
        found = text.entities(value)
        self.spans = [(e.start, e.end) for e in found]
        self.url_spans = [(e.start, e.end) for e in found if e.kind == "url"]
        self.ends = frozenset(e.end for e in found)

    def horizon(self, limit: int) -> int:
        """No prefix longer than this can fit `limit`: every character counts at least 1 on
        every platform, except inside a URL (X counts a whole URL as 23)."""
        plain, pos = 0, 0
        for start, end in self.url_spans:
            if plain + start - pos > limit:
                break
            plain += start - pos
            pos = end
        return min(len(self.value), pos + limit - plain + 1)

    def cut_points(self, horizon: int) -> tuple[list[int], list[int]]:
        """(sentence cuts, word cuts) up to `horizon`: prefix lengths where a cut may fall."""
        value = self.value[: horizon + 1]
        words = {m.start() for m in _WORD_GAP.finditer(value)}
        words.update(m.start() for m in _CJK_GAP.finditer(value))
        cjk_sentences = {m.start() for m in _CJK_SENTENCE_GAP.finditer(value)}
        words |= cjk_sentences
        if horizon >= len(self.value) and self.value and not self.value[-1].isspace():
            words.add(len(self.value))
        blocked = {p for start, end in self.spans if start < horizon for p in range(start + 1, end)}
        ordered = sorted(p for p in words if 0 < p <= horizon and p not in blocked)
        sentences = [p for p in ordered if p in cjk_sentences or _ends_sentence(self.value, p)]
        return sentences, ordered

    def render(self, end: int, ellipsis: bool) -> str:
        """The prefix value[:end] as shown: a whole sentence as is, a fragment tidied (+ "…"),
        trailing punctuation dropped but never a character of a URL, mention or hashtag."""
        prefix = self.value[:end].rstrip()
        if _ends_sentence(prefix, len(prefix)):
            return prefix
        while prefix and prefix[-1] in _TRAILING_JUNK and len(prefix) not in self.ends:
            prefix = prefix[:-1]
        if not ellipsis or not prefix or len(prefix) in self.ends:
            return prefix
        return prefix if prefix[-1] in _SENTENCE_END else prefix + ELLIPSIS


_DOT_WORD = re.compile(r"\.\w")  # every URL has one: "example.com", "1.2.3.4"
_WORD_GAP = re.compile(r"(?<=\S)\s")
_CJK_GAP = re.compile(rf"(?<={_CJK.pattern})(?={_CJK.pattern})")
_CJK_SENTENCE_GAP = re.compile(r"(?<=[。！？])(?=\S)")  # noqa: RUF001


def _ends_sentence(value: str, end: int) -> bool:
    """True if value[:end] ends with sentence punctuation (closing quotes allowed after it)."""
    i = end - 1
    while i >= 0 and value[i] in _CLOSERS:
        i -= 1
    return i >= 0 and value[i] in _SENTENCE_END


def _largest(points: list[int], fits: Callable[[int], bool]) -> int | None:
    """The largest point p with fits(p), by binary search (prefix lengths grow monotonically)."""
    lo, hi, best = 0, len(points) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(points[mid]):
            best, lo = points[mid], mid + 1
        else:
            hi = mid - 1
    return best


def shorten(value: str, count: Counter, limit: int, *, ellipsis: bool = True) -> str:
    """`value` cut to at most `limit` (as `count` measures) by the boundary rules."""
    if count(value) <= limit:
        return value
    cuttable = _Cuttable(value)
    end = _cut_end(cuttable, count, limit, ellipsis)
    result = cuttable.render(end, ellipsis) if end else ""
    return result or _hard_cut(value, count, limit)


def _cut_end(cuttable: _Cuttable, count: Counter, limit: int, ellipsis: bool) -> int | None:
    """Where to cut so the kept prefix fits `limit`; None if not even a word fits.

    A sentence boundary wins if it keeps at least 60% of what the best word boundary keeps:
    a whole sentence reads better than a slightly longer fragment.
    """
    sentences, words = cuttable.cut_points(cuttable.horizon(limit))
    # Prefix lengths summed word by word (cuts fall outside entities and between words, where
    # every platform's count is additive): one pass instead of a full count per candidate.
    totals: dict[int, int] = {}
    running, previous = 0, 0
    for point in words:
        running += _count_segment(count, cuttable.value[previous:point])
        totals[point] = running
        previous = point
    extra = count(ELLIPSIS) if ellipsis else 0

    def fits(p: int) -> bool:
        return totals[p] + extra <= limit and bool(cuttable.render(p, ellipsis))

    for chosen in _preferred(_largest(sentences, fits), _largest(words, fits)):
        if count(cuttable.render(chosen, ellipsis)) <= limit:  # exact check of the estimate
            return chosen
    exact = [p for p in words if count(cuttable.render(p, ellipsis)) <= limit]
    return exact[-1] if exact else None


def _count_segment(count: Counter, segment: str) -> int:
    """A word's length: with no dot before a letter/digit it holds no URL, so ASCII is one per
    character everywhere, and X's weights need no URL search."""
    if _DOT_WORD.search(segment):
        return count(segment)
    if segment.isascii():
        return len(segment)
    if getattr(count, "platform", None) == "twitter":
        return text._weigh(unicodedata.normalize("NFC", segment))
    return count(segment)


def _preferred(sentence: int | None, word: int | None) -> list[int]:
    if sentence is not None and (word is None or sentence >= 0.6 * word):
        return [sentence]
    return [word] if word is not None else []


_JOINERS = frozenset("\u200d\ufe0f\ufe0e")


def _hard_cut(value: str, count: Counter, limit: int) -> str:
    """Last resort when the first word alone is over the limit: drop a leading entity whole,
    else cut that giant word between characters (never between a character and its marks)."""
    found = text.entities(value)
    if found and found[0].start == 0:
        return ""
    points = [
        i
        for i in range(1, len(value))
        if not unicodedata.category(value[i]).startswith("M")
        and value[i] not in _JOINERS
        and value[i - 1] != "\u200d"
        and not 0x1F3FB <= ord(value[i]) <= 0x1F3FF
    ]
    end = _largest(points, lambda p: count(value[:p]) <= limit)
    return value[:end] if end else ""


def thread(value: str, count: Counter, limit: int, max_parts: int = 25) -> list[str] | None:
    """`value` as numbered posts ("… 1/3") each within `limit`, or None if over `max_parts`."""
    guess = 9
    while True:
        suffix = count(f" {guess}/{guess}")
        parts = _split(value, count, limit - suffix, max_parts)
        if parts is None:
            return None
        total = len(parts)
        if len(str(total)) <= len(str(guess)):
            return [f"{part} {n}/{total}" for n, part in enumerate(parts, start=1)]
        guess = 10 ** len(str(total)) - 1


def _split(value: str, count: Counter, budget: int, max_parts: int) -> list[str] | None:
    """Greedy parts of at most `budget`, each ending at a sentence (preferred) or word cut.

    The text is taken apart once (entities, cut points, running counts); each part's length
    is estimated from the running counts and checked exactly before it is kept.
    """
    value = value.strip()
    cuttable = _Cuttable(value)
    sentences, words = cuttable.cut_points(len(value))
    totals = [0]
    for previous, point in zip([0, *words], words, strict=False):
        totals.append(totals[-1] + _count_segment(count, value[previous:point]))
    points = [0, *words]
    is_sentence = set(sentences)
    parts: list[str] = []
    index = 0  # points[index] is where the next part starts
    while points[index] < len(value):
        if len(parts) == max_parts:
            return None
        start = points[index]
        lead = len(value) - start - len(value[start:].lstrip())

        def fits(i: int, start: int = start, lead: int = lead, base: int = totals[index]) -> bool:
            return totals[i] - base - lead <= budget

        word_i = _largest_index(index + 1, len(points) - 1, fits)
        sentence_i = None
        if word_i is not None:
            eligible = [i for i in range(index + 1, word_i + 1) if points[i] in is_sentence]
            sentence_i = eligible[-1] if eligible else None
        chosen = None
        for i in _preferred_index(points, sentence_i, word_i, start):
            if count(value[start : points[i]].strip()) <= budget:
                chosen = i
                break
        if chosen is None:
            piece = _hard_cut(value[start:].lstrip(), count, budget)
            if not piece:  # an entity longer than a whole post: cannot be threaded
                return None
            return [*parts, *_split_slow(value[start:], count, budget, max_parts - len(parts))]
        parts.append(value[start : points[chosen]].strip())
        index = chosen
    return parts


def _largest_index(lo: int, hi: int, fits: Callable[[int], bool]) -> int | None:
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(mid):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best


def _preferred_index(
    points: list[int], sentence: int | None, word: int | None, start: int
) -> list[int]:
    if (
        sentence is not None
        and word is not None
        and points[sentence] - start >= 0.6 * (points[word] - start)
    ):
        return [sentence, word]
    return [word] if word is not None else []


def _split_slow(value: str, count: Counter, budget: int, max_parts: int) -> list[str]:
    """Parts when a single word is longer than a post: cut between its characters."""
    parts: list[str] = []
    rest = value.strip()
    while rest and len(parts) < max_parts:
        end = _cut_end(_Cuttable(rest), count, budget, ellipsis=False)
        piece = rest[:end].rstrip() if end else _hard_cut(rest, count, budget)
        if not piece:
            break
        parts.append(piece)
        rest = rest[len(piece) :].strip()
    return parts
