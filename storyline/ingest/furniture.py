"""Page furniture as data: what a line (or token) of non-article text looks like, by kind.

Each table row is (kind, pattern, max_words). A line is furniture when its whole stripped
text matches the pattern and it is no longer than max_words. Kept deliberately narrow: a
missed credit line costs little, a dropped article sentence loses evidence.
"""

from __future__ import annotations

import re

_CREDIT_WORD = (
    r"(?:photos?|images?|pictures?|pics?|credits?|editorial credit|photo credit|image credit)"
)

_AGENCY = (
    r"(?:getty images|getty|shutterstock|wireimage|filmmagic|ap photo|ap|afp|reuters|splash news"
    r"|backgrid|mega agency|mega|alamy|instagram|imago|pa images|pa wire|epa|invision"
    r"|rex features|rex/shutterstock|bauer-griffin|gc images|x17online|x17)"
)

LINE_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    (kind, re.compile(pattern, re.IGNORECASE), max_words)
    for kind, pattern, max_words in [
        ("navigation", r"close this search box\.?|skip to (main )?content|toggle navigation"
         r"|search( for)?:?|menu|home|back to top\.?", 6),
        ("embed", r"view (this|the) post on (instagram|tiktok|facebook|x|twitter)"
         r"|a post shared by .{1,80}|view on (instagram|tiktok|youtube)|watch on youtube"
         r"|.{0,80}pic\.twitter\.com/\S+.{0,60}|— .{1,60}\(@\w+\) .{1,40}", 30),
        ("photo_credit", rf"\(?{_CREDIT_WORD}\s*(?:courtesy\s+of|by|via|:|-|/)\s*.{{1,80}}\)?", 14),
        # An agency alone, or with a photographer after "/" "|" ":" or "via": never a sentence
        # that merely mentions one ("She confirmed the split on Instagram." is kept).
        ("photo_credit", rf"\(?\s*{_AGENCY}\s*\)?|[^.!?]{{0,60}}\s*[/|]\s*{_AGENCY}\b[^.!?]{{0,40}}"
         rf"|\(?\s*{_AGENCY}\s*[/|:]\s*[^.!?]{{1,60}}\)?"
         rf"|[^.!?]{{0,60}}\b(?:via|courtesy(?: of)?)\s+{_AGENCY}\b[^.!?]{{0,30}}"
         r"|(?:image|photo|picture|video) source\s*[,:]\s*[^.!?]{1,60}", 12),
        ("copyright", r"(?:copyright\s*)?(?:©|\(c\))\s*[^.!?]{1,80}(?:\.\s*all rights reserved\.?)?"
         r"|copyright\s+(?:(?:19|20)\d{2}|©)[^.!?]{0,80}(?:\.\s*all rights reserved\.?)?"
         r"|.{0,80}\ball rights reserved\.?", 16),
        ("promo", r"(?=.*\bnewsletter\b)(?=.*\b(sign up|subscribe|inbox|delivered|receive|join)\b)"
         r".{0,400}", 60),
        ("promo", r"(sign up|subscribe)( now| today)?\b.{0,120}|.{0,100}\bin your inbox\b.{0,80}"
         r"|advertisement|sponsored( content)?|(read|see) more\b(:.{0,80}|\s*[»›>→…]*)"
         r"|(?-i:READ MORE|SEE ALSO)\b:?.{0,100}|(?-i:WATCH|MORE|RELATED):.{0,150}"
         r"|related( articles?| stories| posts| coverage| content| links?| reading)?:.{0,150}"
         r"|share( this)?( article| story)?:?|follow us on .{1,60}"
         r"|click here to (subscribe|sign up|read|see|watch|download|learn|get|find|buy|shop"
         r"|join|register|view|listen|follow|order)\b.{0,100}"
         r"|(story )?continues? (below|after)( this| the)? (advertisement|ad)\.?"
         r"|advertisement\s*[-–—:]\s*(scroll|continue) .{0,40}"
         r"|continue reading( below| the main story)?\.?", 25),
        # Share buttons and comment links, one per line.
        ("navigation", r"(share( on \w+)?|tweet|pin( it)?|e-?mail|print|copy link|facebook"
         r"|twitter|x|whatsapp|linkedin|reddit|flipboard|pinterest|messenger|sms|comments?"
         r"|\d+ comments?"
         r"|leave a (comment|reply)|view comments|show comments)", 3),
        ("navigation", r"(tags?|filed under|topics?|categories|category):\s.{1,200}", 30),
        ("navigation", r"we use cookies\b.{0,300}|accept( all)? cookies|manage (cookies|consent)"
         r"|.{0,120}\bcookie (policy|settings|preferences)\b.{0,120}", 60),
        ("promo", r"(we|this site|this (article|post|page|story)) (may )?"
         r"(earns?|receives?|contains?) (a )?(small )?(commission|compensation|affiliate links?)"
         r"\b.{0,200}", 60),
    ]
]  # fmt: skip

# A page's interface text on a line of its own ("LOADING ERROR", "PLAYBACK ERROR", "WATCH
# LIVE"): a few capital words without sentence punctuation. It is furniture only when none of
# its words is a name the rest of the article writes (a kicker "DUNMORE" above a story on
# Dunmore, or an all-caps headline naming the story's people, stays).
UI_FRAGMENT = re.compile(r"(?=(?:.*[A-Z]){2})[A-Z0-9][A-Z0-9&'’ /-]*")
UI_FRAGMENT_WORDS = 4

# Who a copyright line names: "© 2025 Harbour Weekly Ltd. All rights reserved." -> Harbour Weekly.
COPYRIGHT_HOLDER = re.compile(
    r"(?i)(?:copyright|©|\(c\)|\s)+(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?,?\s*)?"
    r"(?:by\s+)?(?P<name>[^\W\d_][^.!?|]{1,60}?)"
    r"(?:,?\s+(?:ltd|llc|inc|plc|limited|media|group|publishing|holdings|corp)\b\.?)*"
    r"\s*(?:[.|]|all rights|$)"
)

# A marker line after which the rest of the page is promotion, not article.
TAIL_MARKER = re.compile(
    r"(?i)latest issue|more articles|related( articles| stories| posts| coverage)?"
    r"|recommended( for you| stories)?|you (may|might) also like|most popular|trending( now)?"
    r"|more from [\w .&'’-]{1,40}|read next|more stories"
)
TAIL_FROM = 0.4  # a tail marker only cuts when it comes after this share of the text

# A wire dateline opening a paragraph: the place in capitals, an optional date and agency, a
# dash: "TOKYO (Jiji Press)--", "WASHINGTON (AP) — ", "LONDON, March 3 (Reuters) -".
WIRE_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3}"
    r"(?:,[ ][A-Z][\w.]*(?:[ ][\w.]+){0,3})?"
    r"(?:[ ]?\([^()\n]{2,40}\))?(?:[ ]?--[ ]?|[ ]?[—–][ ]?|[ ]-[ ])(?=[A-Z\"“‘'])"
)

BYLINE = re.compile(r"By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,? [\w ]{0,30})?")
BYLINE_LINES = 8  # bylines only near the top

# Lines made only of image file names / agency photo ids: FFN_FlyUK_Celebs_Chiltern_062416_52103754,
# wenn22480384, IMG_4021.jpg.
IMAGE_TOKEN = re.compile(
    r"[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*[_-]?\d{4,}(?:[_-][A-Za-z0-9]+)*"
    r"|[a-z]{2,12}\d{6,}|\S+\.(?:jpe?g|png|gif|webp|avif)"
)
IMAGE_LINE_NEEDS = re.compile(r"_|\d{6,}|\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)

# Tracking tokens: one long run of base64/url-safe characters, mixed case with digits.
TOKEN = re.compile(r"(?<!\S)[A-Za-z0-9%+/=_-]{40,}(?!\S)")

# "(Photo: Fox Searchlight)" inside a paragraph.
INLINE_CREDIT = re.compile(
    rf"(?i)\({_CREDIT_WORD}\s*(?:courtesy\s+of|by|via|:)\s*[^()\n]{{1,60}}\)"
)
