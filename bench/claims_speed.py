"""Time the claims component alone on TimeBank articles: parse and run the earlier components
once, then time `claims` per article (bench/README.md). Usage:
    python bench/claims_speed.py ../shared/benchmarks/timebank [N]"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from storyline.eval.timeml import read_tml
from storyline.model import Article, ArticleAnalysis, PublicationDate
from storyline.nlp.pipeline import COMPONENTS, ensure_registered, load_model
from storyline.settings import Settings


def main(folder: str, n: int = 40) -> None:
    settings = Settings()
    ensure_registered()
    nlp = load_model(settings.model)
    paths = sorted(Path(folder).glob("*.tml"))[:n]
    spent = cpu = 0.0
    claims = 0
    for path in paths:
        tml = read_tml(path)
        try:
            day = date.fromisoformat(tml.dct[:10]) if tml.dct else None
        except ValueError:
            day = None
        pub = PublicationDate(tml.dct, day, day, "header", "dct") if day else None
        article = Article(id=path.stem, path=str(path), raw=tml.text, content=tml.text,
                          published=pub)
        doc = nlp(tml.text)
        analysis = ArticleAnalysis(article=article.id)
        for name in settings.components:
            if name == "claims":
                t0, c0 = time.perf_counter(), time.process_time()
                COMPONENTS.get(name)(doc, article, analysis)
                spent += time.perf_counter() - t0
                cpu += time.process_time() - c0
                break
            COMPONENTS.get(name)(doc, article, analysis)
        claims += len(analysis.claims)
    print(f"{len(paths)} articles, {claims} claims, claims component "
          f"{1000 * spent / len(paths):.1f} ms per article ({1000 * cpu / len(paths):.1f} ms CPU)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
