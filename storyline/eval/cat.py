"""CAT XML (the format of MEANTIME and ECB+): tokens, markables on token ids, relations on
markable ids; the plain text rebuilt from the tokens with a character -> token map, and a
run of storyline over such documents that keeps the per-article analyses for scoring.

One reader serves both corpora: each module picks the markables and relations it scores.
"""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.model import Article, ArticleAnalysis, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

# Detokenising: no space before these tokens, none after the opening ones.
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "''", "..."}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass
class Token:
    """One token: its id, sentence number and character span in the rebuilt text."""

    t_id: str
    sentence: int
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Markable:
    """An annotated mention or instance: tag name, id, attributes and the token ids it covers."""

    tag: str
    m_id: str
    attrs: dict[str, str]
    tokens: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """A relation between markables: tag, attributes, source and target markable ids."""

    tag: str
    attrs: dict[str, str]
    sources: list[str]
    targets: list[str]


@dataclass
class CatDoc:
    """One CAT document: name, tokens, the rebuilt text, markables and relations."""

    name: str
    attrs: dict[str, str]
    tokens: list[Token]
    text: str
    markables: dict[str, Markable]
    relations: list[Relation]

    def token(self, t_id: str) -> Token:
        return self._by_id[t_id]

    def has(self, t_id: str) -> bool:
        """Whether the document has a token with this id (markables may name missing ones)."""
        return t_id in self._by_id

    def __post_init__(self) -> None:
        self._by_id = {t.t_id: t for t in self.tokens}
        self._index = {t.t_id: i for i, t in enumerate(self.tokens)}
        self._starts = [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> set[str]:
        """Ids of the tokens overlapping the character span [start, end)."""
        from bisect import bisect_right

        i = max(bisect_right(self._starts, start) - 1, 0)
        out = set()
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.add(self.tokens[i].t_id)
            i += 1
        return out

    def sentence_of(self, t_ids: list[str] | set[str]) -> int | None:
        ids = [t for t in t_ids if t in self._by_id]
        return self._by_id[min(ids, key=self._order)].sentence if ids else None

    def _order(self, t_id: str) -> int:
        return self._index[t_id]


def _join(tokens: list[Token]) -> str:
    """Rebuild running text: sentences on their own lines, tokens spaced like prose."""
    parts: list[str] = []
    pos, prev = 0, None
    for tok in tokens:
        if prev is not None:
            if tok.sentence != prev.sentence:
                sep = "\n"
            elif tok.text in _NO_SPACE_BEFORE or prev.text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        tok.start, tok.end = pos, pos + len(tok.text)
        parts.append(tok.text)
        pos = tok.end
        prev = tok
    return "".join(parts)


def parse_cat(source: str | bytes, name: str = "") -> CatDoc:
    """A CAT XML document from its source; raises ValueError when it is not one."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    if root.tag != "Document":
        raise ValueError(f"root element is <{root.tag}>, not <Document>")
    tokens = []
    for el in root.iter("token"):
        t_id = el.get("t_id")
        if t_id is None:
            raise ValueError("a <token> without t_id")
        try:
            sentence = int(el.get("sentence", "0"))
        except ValueError:
            raise ValueError(f"token {t_id}: sentence is not a number") from None
        tokens.append(Token(t_id, sentence, (el.text or "").strip() or "_"))
    if not tokens:
        raise ValueError("no <token> elements")
    text = _join(tokens)
    markables: dict[str, Markable] = {}
    for group in root.iter("Markables"):
        for el in group:
            m_id = el.get("m_id")
            if m_id is None:
                continue
            anchors = [a.get("t_id", "") for a in el.iter("token_anchor")]
            markables[m_id] = Markable(el.tag, m_id, dict(el.attrib), [a for a in anchors if a])
    relations = []
    for group in root.iter("Relations"):
        for el in group:
            relations.append(Relation(
                el.tag, dict(el.attrib),
                [s.get("m_id", "") for s in el.iter("source")],
                [t.get("m_id", "") for t in el.iter("target")],
            ))
    return CatDoc(name or root.get("doc_name", ""), dict(root.attrib), tokens, text, markables,
                  relations)


def read_cat(path: Path) -> CatDoc:
    """Read one CAT XML file (raises OSError or ValueError on a file that is not one)."""
    return parse_cat(path.read_bytes(), path.stem)


def read_cat_dir(
    folder: Path, problems: list[str], pattern: str = "*.xml"
) -> list[CatDoc]:
    """Every readable CAT file under FOLDER (recursively), sorted; others go to `problems`."""
    docs = []
    for f in sorted(folder.rglob(pattern)):
        try:
            docs.append(read_cat(f))
        except (OSError, ValueError) as exc:
            problems.append(f"{f.name}: {exc}")
    return docs


# ----------------------------------------------------------------------- running storyline


@dataclass
class Run:
    """storyline's output on some documents: the story and each document's article and
    analysis (None when its analysis failed), in document order."""

    story: Story
    articles: list[Article]
    analyses: list[ArticleAnalysis | None]


def run_storyline(
    docs: list[CatDoc],
    published: list[str | None],
    progress: Callable[[int], None] | None = None,
) -> Run:
    """Build one story from DOCS (their rebuilt texts, with publication dates `YYYY-MM-DD`)
    through storyline's own reading, analysis and story stages, keeping the analyses."""
    return run_storyline_groups(docs, published, [list(range(len(docs)))], progress)[0]


def run_storyline_groups(
    docs: list[CatDoc],
    published: list[str | None],
    groups: list[list[int]],
    progress: Callable[[int], None] | None = None,
) -> list[Run]:
    """`run_storyline` for several stories at once: every document is analysed in one pass
    (so parsing runs ahead in background processes), then each group of document indices
    is built into its own story."""
    from storyline.ingest.read import read_articles
    from storyline.nlp.executors import counting, run
    from storyline.settings import Settings
    from storyline.story.build import build_story

    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        path = Path(tmp) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d, date in zip(docs, published, strict=True):
                rec = {"text": d.text, "title": d.name}
                if date:
                    rec["published"] = date
                fh.write(json.dumps(rec) + "\n")
        articles = read_articles([str(path)], settings)
    if len(articles) != len(docs):
        raise ValueError(f"{len(docs)} documents became {len(articles)} articles")
    for art, d in zip(articles, docs, strict=True):
        if art.status == "ok" and art.raw != d.text:
            raise ValueError(f"{d.name}: the article text is not the rebuilt text")
    usable = [a for a in articles if a.status == "ok"]
    by_id: dict[str, ArticleAnalysis] = {}
    for art, analysis, _error in run(usable, settings, counting(progress)):
        if analysis is not None:
            by_id[art.id] = analysis
    runs = []
    for group in groups:
        arts = [articles[i] for i in group]
        analyses = [by_id.get(a.id) for a in arts]
        ok = [a for a in arts if a.status == "ok"]
        story = build_story(ok, [a for a in analyses if a is not None], settings)
        runs.append(Run(story, arts, analyses))
    return runs


# ----------------------------------------------------------------------- matching and scoring


def match_tokens(
    gold: dict[Hashable, set[str]], pred: dict[Hashable, set[str]]
) -> dict[Hashable, Hashable]:
    """One-to-one matching of predicted to gold mentions of one document by shared tokens:
    the pairs sharing most tokens first (ties: gold, then predicted, in the order given);
    a pair must share at least one token. Returns predicted key -> gold key."""
    g_order = {k: i for i, k in enumerate(gold)}
    p_order = {k: i for i, k in enumerate(pred)}
    by_token: dict[str, list[Hashable]] = {}
    for g, toks in gold.items():
        for t in toks:
            by_token.setdefault(t, []).append(g)
    cands = []
    for p, toks in pred.items():
        for g in {g for t in toks for g in by_token.get(t, ())}:
            cands.append((-len(toks & gold[g]), g_order[g], p_order[p], g, p))
    cands.sort(key=lambda c: c[:3])
    out: dict[Hashable, Hashable] = {}
    used: set[Hashable] = set()
    for *_, g, p in cands:
        if p not in out and g not in used:
            out[p] = g
            used.add(g)
    return out


def head_lemmas(docs: list[CatDoc], mentions: list[list[tuple[Hashable, list[str]]]],
                parsed: Iterable[SpacyDoc] | None = None) -> dict:
    """The lowercased lemma of each mention's syntactic head (the bundled spaCy model parses
    each rebuilt text once, unless `parsed` gives the Docs): `mentions[i]` lists (key, token
    ids) of `docs[i]`."""
    out: dict = {}
    if parsed is None:
        from storyline.nlp.pipeline import load_model
        from storyline.settings import Settings

        nlp = load_model(Settings().model)
        keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
        off = [name for name in nlp.pipe_names if name not in keep]
        parsed = nlp.pipe((d.text for d in docs), disable=off)
    for d, ms, sp in zip(docs, mentions, parsed, strict=True):
        for key, t_ids in ms:
            toks = [d.token(t) for t in t_ids if d.has(t)]
            if not toks:
                continue
            span = sp.char_span(min(t.start for t in toks), max(t.end for t in toks),
                                alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            out[key] = (head.lemma_ if head is not None else toks[-1].text).lower()
    return out
