"""Throughput of `sitroom extract` against bare spaCy on the same texts, in the same run.

    .venv/bin/python bench/throughput.py [--repeat 100]

Writes the two seeds repeated N times as a JSON Lines file, then times
(1) bare spaCy: spacy.load of the same model, nlp.pipe with the same batch size, and
(2) sitroom: extract_paths over the file (reading, normalising, every stage),
and prints words per second for each and their ratio. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("SITROOM_SHARED") or ROOT.parent / "shared") / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=100, help="copies of the seeds")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    from sitroom import nlp
    from sitroom.batch import extract_paths
    from sitroom.ingest import normalise
    from sitroom.pipeline import load_stages

    texts = [normalise(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    corpus = [t for _ in range(args.repeat) for t in texts]
    words = sum(len(t.split()) for t in corpus)
    import spacy

    bare_nlp = spacy.load(nlp.MODEL_NAME)
    stages = load_stages()
    list(extract_paths([SEEDS], stages=stages))  # warm up: model, indexes, data files

    start = time.perf_counter()
    for _doc in bare_nlp.pipe(corpus, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seeds-repeated.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i, text in enumerate(corpus):
                out.write(json.dumps({"id": f"doc-{i}", "text": text}) + "\n")
        start = time.perf_counter()
        n = sum(1 for _ in extract_paths([path], stages=stages, batch_size=args.batch_size))
        ours = time.perf_counter() - start

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts: {len(corpus)} ({args.repeat} x {len(texts)} seeds), words: {words:,}")
    print(f"bare spaCy nlp.pipe : {bare:7.1f} s  {words / bare:8,.0f} words/s")
    print(f"sitroom extract     : {ours:7.1f} s  {words / ours:8,.0f} words/s  ({n} records)")
    print(
        f"ratio sitroom/spaCy : {(words / ours) / (words / bare):.2f} "
        f"(sitroom takes {ours / bare:.2f}x the time of bare spaCy)"
    )
    print(f"peak memory         : {peak_mb:,.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
