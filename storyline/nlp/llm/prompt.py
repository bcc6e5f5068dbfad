"""The chat request: numbered sentences, the article date and known names in; JSON claims out."""

from __future__ import annotations

import json

from storyline.model import CERTAINTIES, SOURCE_KINDS
from storyline.nlp.events.frames import names

SYSTEM = f"""You extract events from news sentences. Reply with one JSON object only:
{{"claims": [{{"sentence": <number of the sentence>,
  "type": one of {list(names())} ("other" with the predicate for anything else),
  "predicate": <the word that tells the event, e.g. "married", "resigned">,
  "participants": [<names of the people or organisations involved, as written>],
  "time_text": <the time phrase of the event exactly as written in the sentence, or null>,
  "place": <the place exactly as written in the sentence, or null>,
  "source": {{"kind": one of {list(SOURCE_KINDS)}, "name": <who says so, or null>}},
  "certainty": one of {list(CERTAINTIES)},
  "evidence": <the shortest exact substring of the sentence that states the event>}}]}}
Rules: only events the sentence itself states; copy "evidence", "time_text" and "place"
character for character from the sentence; "author" is the article's own voice; "reported"
when attributed to someone, "alleged"/"speculated" for rumours, "denied" when someone denies
it, "negated" when the sentence says it did not happen, "hypothetical" for conditions.
If a sentence tells no event, leave it out. If none do, reply {{"claims": []}}."""


def messages(
    sentences: list[tuple[int, str]], published: str | None, names: list[str]
) -> list[dict[str, str]]:
    """Chat messages asking for the claims of `sentences` ((number, text) pairs)."""
    lines = [f"Article date: {published or 'unknown'}"]
    if names:
        lines.append("People and organisations named in the article: " + json.dumps(names))
    lines.append("Sentences:")
    lines += [f"[{n}] {text}" for n, text in sentences]
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]
