"""The rules a brand voice states in so many words, for the offline optimizer to follow.

A brand voice is free text ("Warm and plain. Avoid hashtags except #autumn. No emoji."). Claude
reads all of it; the offline rules can only follow what is stated as a rule: hashtags avoided
(with the tags still allowed), hashtags always included, emoji avoided. Anything else is tone,
which rules cannot write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NEGATION = r"(?:avoid|no|never(?:\s+use)?|don'?t\s+use|do\s+not\s+use|without|skip)"
_TAG = r"#([^\W_][\w]*)"
_NO_HASHTAGS = re.compile(
    rf"\b{_NEGATION}\s+(?:any\s+)?hash\s*tags?\b(?P<rest>[^.;\n]*)", re.IGNORECASE
)
_EXCEPT = re.compile(r"\b(?:except|but|other\s+than|apart\s+from|besides)\b(?P<tags>.*)", re.I)
_ALWAYS = re.compile(
    rf"\b(?:always\s+(?:use|include|add|end\s+with)|include|end\s+with)\s+(?P<tags>(?:{_TAG}[\s,and&]*)+)",
    re.IGNORECASE,
)
_NO_EMOJI = re.compile(rf"\b{_NEGATION}\s+(?:any\s+)?emoj(?:i|is|ies)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VoiceRules:
    """What the offline rules must honour: allowed tags (None: any), tags to include, emoji."""

    allowed_tags: frozenset[str] | None = None  # casefolded; empty: no hashtags at all
    required_tags: tuple[str, ...] = ()
    no_emoji: bool = False

    def allows(self, tag: str) -> bool:
        key = tag.casefold()
        if key in {t.casefold() for t in self.required_tags}:
            return True
        return self.allowed_tags is None or key in self.allowed_tags


def voice_rules(brand_voice: str | None) -> VoiceRules:
    """The explicit rules in `brand_voice` (none when it states none)."""
    if not brand_voice or not brand_voice.strip():
        return VoiceRules()
    allowed: set[str] | None = None
    for match in _NO_HASHTAGS.finditer(brand_voice):
        allowed = allowed if allowed is not None else set()
        exception = _EXCEPT.search(match.group("rest"))
        if exception:
            allowed |= {t.casefold() for t in re.findall(_TAG, exception.group("tags"))}
    required: list[str] = []
    for match in _ALWAYS.finditer(brand_voice):
        required += [t for t in re.findall(_TAG, match.group("tags")) if t not in required]
    return VoiceRules(
        allowed_tags=frozenset(allowed) if allowed is not None else None,
        required_tags=tuple(required),
        no_emoji=bool(_NO_EMOJI.search(brand_voice)),
    )
