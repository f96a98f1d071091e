"""The fuzz harness (fuzz_harness.py) in CI: mutants of a valid file of every format scrub
reads, each holding a planted phone, derandomised (the same inputs every run, so CI does not
flake). Asserted per mutant: no uncaught exception, no hang, no memory blow-up; a mutant
still holding the phone is never called clean; a clean copy holds no phone. Long runs with
fresh randomness: ``uv run python bench/fuzz.py --inputs 1000000``."""
from __future__ import annotations

import os

import fuzz_harness as harness
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

CI_SETTINGS = dict(deadline=None, database=None, derandomize=True, print_blob=True,
                   suppress_health_check=list(HealthCheck),
                   phases=[Phase.explicit, Phase.generate])  # no shrinking: a failure is reported as found

TEXT_AND_METADATA = int(os.environ.get("SCRUB_FUZZ_EXAMPLES", "600"))
PIXELS = int(os.environ.get("SCRUB_FUZZ_PIXEL_EXAMPLES", "30"))
SEEDS = harness.build_seeds()


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory):
    return harness.Harness(tmp_path_factory.mktemp("fuzz"), time_limit=60)


def _cases(pixels: bool):
    return st.tuples(st.sampled_from([s for s in SEEDS if s.pixels == pixels]), harness.mutation_ops(), st.booleans())


def test_every_format_scrub_reads_has_a_seed():
    """A format added to the registry without a seed here would go unfuzzed."""
    from scrub.formats import registered

    suffixes = {s.suffix for s in SEEDS}
    missing = sorted(fmt.name for fmt in registered() if not fmt.suffixes & suffixes)
    assert not missing, f"formats without a fuzz seed: {missing}"


@pytest.mark.parametrize("seed", [s for s in SEEDS if not s.pixels], ids=lambda s: s.name)
def test_each_seed_unmutated_is_found(fuzz, seed):
    """The harness's own control: every seed as built is reported with findings, else a
    mutant's verdict would mean nothing."""
    outcome = fuzz.run_one(seed, [])
    assert outcome.failure is None, harness.describe(outcome)
    assert outcome.verdict == "findings", f"seed {seed.name}: {outcome.verdict}"


@settings(max_examples=TEXT_AND_METADATA, **CI_SETTINGS)
@given(case=_cases(pixels=False))
def test_mutated_text_and_metadata_never_called_clean_while_holding_the_phone(fuzz, case):
    seed, ops, also_clean = case
    outcome = fuzz.run_one(seed, ops, also_clean)
    assert outcome.failure is None, harness.describe(outcome)


@settings(max_examples=PIXELS, **CI_SETTINGS)
@given(case=_cases(pixels=True))
def test_mutated_pictures_never_called_clean_while_showing_the_phone(fuzz, case, tesseract):
    seed, ops, _also_clean = case
    outcome = fuzz.run_one(seed, ops)
    assert outcome.failure is None, harness.describe(outcome)
