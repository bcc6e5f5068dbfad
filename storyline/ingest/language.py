"""A cheap English check: English function words against those of other common languages."""

from __future__ import annotations

import re

from storyline.ingest.wordset import wordset

ENGLISH = wordset(
    "the of and to in is that it was for on are with as his her they be at one have this from"
    " by had not but what all were when we there can an your which their said if do will each"
    " about how up out them then she many some so these would other into has more two could"
    " been who its now over did no my than first after our also just where most because while"
    " he him me you those says very"
)
# Frequent function words of other languages, leaving out any that are also English words.
OTHER = {
    "fr": "le la les des est une pour que qui dans pas sur au avec du ce sont mais été aux cette",
    "es": "el los las del y que por una es con para se su al lo como más pero sus le ya fue",
    "de": "der und ist nicht mit sich des ein eine auf dem zu von im das auch nach wird bei",
    "it": "il di che non per una sono della gli nel alla questo anche più essere",
    "pt": "não uma os do da em com para que mais seu sua foi pelo pela ao",
    "nl": "het een van en niet zijn voor op dat ook maar bij naar wordt",
}
OTHER_WORDS = {lang: frozenset(words.split()) - ENGLISH for lang, words in OTHER.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 12  # below this we cannot tell and let the text through
MIN_SCRIPT_WORDS = 3  # enough words to see that a text is not in the Latin alphabet


def english_ratio(text: str) -> tuple[float, str]:
    """(share of function-word hits that are English, most likely language code)."""
    words = [w.lower() for w in _WORD.findall(text)]
    latin = sum(1 for w in words if w.isascii() or all(ord(c) < 0x250 for c in w))
    if len(words) >= MIN_SCRIPT_WORDS and latin / len(words) < 0.5:
        return 0.0, "non-latin"
    if len(words) < MIN_WORDS:
        return 1.0, "en"
    en = sum(1 for w in words if w in ENGLISH)
    other = {lang: sum(1 for w in words if w in vocab) for lang, vocab in OTHER_WORDS.items()}
    best = max(other, key=lambda k: other[k])
    total = en + other[best]
    if total == 0:
        return 0.0, "unknown"
    ratio = en / total
    return ratio, "en" if ratio >= 0.5 else best
