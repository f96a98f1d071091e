"""Long fuzz runs of scrub's readers (issue 14's target: 1,000,000 inputs, 0 failures).

    uv run python bench/fuzz.py --inputs 1000000 [--pixels 0.02] [--seed N] [--save DIR]

Hypothesis draws each mutant (seed file and mutation operations); every mutant is checked
with scrub's public API in this process and judged by the oracle in
``tests/hostile/fuzz_harness.py`` (the CI run, ``tests/hostile/test_fuzz.py``, uses the same). A
failure does not stop the run: it is counted, printed once per (seed, failure, detail)
kind, and the mutant kept under ``--save`` to replay it. Progress goes to stderr every
``--every`` inputs; the last lines say how many inputs were tried and how many failed,
by seed. Exit 1 if anything failed.

Pictures whose phone is drawn need OCR (about a second each): ``--pixels`` is the share of
inputs drawn from those seeds (default 2 %), so a million-input run stays within a day.
"""
from __future__ import annotations

import argparse
import collections
import resource
import sys
import time
from pathlib import Path

# the harness and the builders it plants the phone with live beside the hostile suite
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hostile"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="mutants to try")
    parser.add_argument("--pixels", type=float, default=0.02, help="share of mutants drawn from pixel seeds")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a fresh one, printed)")
    parser.add_argument("--formats", default="", help="comma-separated seed-name prefixes (txt,ass,jpeg-exif,...)")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"), help="folder for failing mutants")
    parser.add_argument("--keep", type=int, default=20, help="failing mutants kept per (seed, failure)")
    parser.add_argument("--every", type=int, default=1000, help="print progress every N inputs")
    parser.add_argument("--time-limit", type=int, default=60, help="seconds one input may take")
    parser.add_argument("--max-memory-mb", type=int, default=0,
                        help="address-space limit for this process (0: none); past it an input fails with MemoryError")
    args = parser.parse_args(argv)

    try:
        import hypothesis
        from hypothesis import HealthCheck, Phase, given, settings
        from hypothesis import strategies as st
    except ImportError:
        print("bench/fuzz.py needs Hypothesis: add the dev dependency `hypothesis` (uv add --dev hypothesis)", file=sys.stderr)
        return 2
    import random

    import fuzz_harness as harness

    if args.max_memory_mb:
        limit = args.max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    run_seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    fuzz = harness.Harness(time_limit=args.time_limit)
    seeds = fuzz.seeds
    if args.formats:
        wanted = tuple(f.strip() for f in args.formats.split(",") if f.strip())
        seeds = [s for s in seeds if s.name.startswith(wanted)]
    text_seeds = [s for s in seeds if not s.pixels]
    pixel_seeds = [s for s in seeds if s.pixels]
    if not seeds:
        print("no seed matches --formats", file=sys.stderr)
        return 2
    suffix = {s.name: s.suffix for s in seeds}

    if text_seeds and pixel_seeds:
        per_mille = max(0, min(1000, round(args.pixels * 1000)))
        seed_strategy = st.integers(0, 999).flatmap(
            lambda r: st.sampled_from(pixel_seeds if r < per_mille else text_seeds))
    else:
        seed_strategy = st.sampled_from(text_seeds or pixel_seeds)

    tried = 0
    failures: collections.Counter = collections.Counter()
    by_seed: collections.Counter = collections.Counter()
    verdicts: collections.Counter = collections.Counter()
    seen_kinds: set = set()
    started = time.monotonic()

    def progress(final: bool = False) -> None:
        rate = tried / max(1e-9, time.monotonic() - started)
        line = (f"inputs tried: {tried}, failures: {sum(failures.values())} "
                f"({rate:.1f}/s; verdicts {dict(verdicts)})")
        print(line, file=sys.stdout if final else sys.stderr, flush=True)

    @settings(max_examples=args.inputs, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(seed=seed_strategy, ops=harness.mutation_ops(), also_clean=st.booleans())
    def one(seed, ops, also_clean):
        nonlocal tried
        outcome = fuzz.run_one(seed, ops, also_clean)
        tried += 1
        verdicts[outcome.verdict] += 1
        if outcome.failure:
            failures[outcome.failure] += 1
            by_seed[(outcome.seed, outcome.failure)] += 1
            kind = (outcome.seed, outcome.failure, outcome.detail.splitlines()[-1][:120] if outcome.detail else "")
            if kind not in seen_kinds:
                seen_kinds.add(kind)
                print("FAILURE " + harness.describe(outcome), file=sys.stderr, flush=True)
            if by_seed[(outcome.seed, outcome.failure)] <= args.keep:
                harness.save(outcome, args.save, tried, suffix.get(outcome.seed, ".bin"))
        if tried % args.every == 0:
            progress()

    print(f"scrub fuzz: {args.inputs} inputs, random seed {run_seed}, {len(seeds)} seed files, "
          f"Hypothesis {hypothesis.__version__}", file=sys.stderr)
    hypothesis.seed(run_seed)(one)()
    progress(final=True)
    for (seed_name, failure), count in sorted(by_seed.items()):
        print(f"  {seed_name}: {failure}: {count}")
    if failures:
        print(f"failing mutants kept in {args.save}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
