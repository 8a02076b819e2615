"""Practice themes: the closed list a highlight is counted under before it leaves a laptop.

The highlights the oversight work collects (learning themes and items to feed
up from group and one-to-one supervision, good-practice notes) are free text
typed by a supervisor. Free text can carry a child's reference or name, or how
a worker is, and no masking proves otherwise. So what is sent to the
organisation's hub is never the text: each entry is matched on the laptop
against this fixed list of practice themes, and only *counts per team, per
collection and per theme* leave. An entry matching none is counted as
:data:`UNMATCHED`. Intake refuses a theme not in this list, so nothing else
can ride along. Themes describe practice and the organisation, never a
person: there is no wellbeing, workload or health-of-worker theme.

Changing the list changes the figures format's version (``service_figures``).
Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

UNMATCHED = "Not matched to a theme"

# Theme -> phrases. A phrase matches as whole words, an optional plural "s"
# allowed; a phrase ending in "*" matches as a word's beginning.
_THEMES: dict[str, tuple[str, ...]] = {
    "The child's lived experience and voice": (
        "lived experience", "voice of the child", "child's voice", "child-centred",
        "child centred", "direct work", "wishes and feelings",
    ),
    "Working with fathers and male carers": ("father", "male carer", "dad"),
    "Contextual safeguarding and exploitation": (
        "contextual safeguarding", "exploitation", "county lines", "outside the home",
        "extra-familial", "extra familial",
    ),
    "Professional curiosity and challenge": (
        "respectful uncertainty", "professional optimism", "curiosity", "curious",
        "challenge", "escalat*",
    ),
    "Domestic abuse": ("domestic abuse", "domestic violence", "coercive control"),
    "Neglect": ("neglect*",),
    "Mental health services": ("camhs", "mental health service", "adult mental health"),
    "Multi-agency and partnership working": (
        "partnership", "partner agenc*", "multi-agency", "multi agency", "police",
        "health visitor", "housing", "strategy meeting", "strategy discussion", "core group",
        "school",
    ),
    "Recording and case-management systems": (
        "recording", "case-management", "case management", "system outage", "outage",
    ),
    "Assessment and analysis": ("assessment", "analysis", "chronolog*"),
    "Interpreters and language": ("interpreter", "translation", "translator"),
    "Engaging families": ("engagement", "engaging", "family feedback", "relationship-based"),
    "Policy, procedure and thresholds": (
        "policy", "policies", "procedure", "threshold", "step-down", "step down", "early help",
    ),
    "Court and legal work": ("court", "legal", "care proceedings", "pre-proceedings", "plo"),
    "Placements and sufficiency": ("placement", "foster*", "residential", "sufficiency"),
    "Training and development": ("training", "course", "practice learning", "reflective"),
}  # fmt: skip

THEMES: tuple[str, ...] = tuple(_THEMES)
ALLOWED: frozenset[str] = frozenset((*THEMES, UNMATCHED))


def _pattern(phrase: str) -> str:
    if phrase.endswith("*"):
        return rf"(?<!\w){re.escape(phrase[:-1])}"
    return rf"(?<!\w){re.escape(phrase)}s?(?!\w)"


_MATCHERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (theme, re.compile("|".join(_pattern(p) for p in phrases), re.IGNORECASE))
    for theme, phrases in _THEMES.items()
)


def themes_of(text: str) -> tuple[str, ...]:
    """The themes ``text`` touches, in the list's order; (UNMATCHED,) if none."""
    found = tuple(theme for theme, matcher in _MATCHERS if matcher.search(text))
    return found or (UNMATCHED,)


def count_themes(texts: Iterable[str]) -> dict[str, int]:
    """How many of ``texts`` touch each theme (an entry counts once per theme)."""
    counts: dict[str, int] = {}
    for text in texts:
        for theme in themes_of(text):
            counts[theme] = counts.get(theme, 0) + 1
    return counts
