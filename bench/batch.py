"""A batch of the dev corpus, text and images together: `--jobs 1` against `--jobs 2`.

    uv run python bench/batch.py

Prints both wall times and whether the two reports are the same (they must be: the
report keeps the order of the files whatever the number of workers). Asserts nothing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch"
        (batch / "text").mkdir(parents=True)
        subprocess.run([sys.executable, str(SHARED / "tools" / "score_text.py"), "--export", str(batch / "text"),
                        str(SHARED / "corpus" / "text" / "cases.jsonl")], check=True)
        images = batch / "images"
        shutil.copytree(SHARED / "corpus" / "images", images, ignore=shutil.ignore_patterns("*.md", "*.jsonl"))
        for m in (json.loads(line) for line in (SHARED / "corpus" / "images" / "manifest.jsonl").read_text().splitlines() if line):
            stem = m["file"].split(".")[0]
            (images / f"{stem}.case.toml").write_text(
                f"subject = {json.dumps(m.get('subject') or [], ensure_ascii=False)}\n"
                f"public_contacts = {json.dumps(m.get('public_contacts') or [], ensure_ascii=False)}\n", encoding="utf-8")
        reports, times = {}, {}
        for jobs in (1, 2):
            t = time.perf_counter()
            p = subprocess.run([sys.executable, "-m", "scrub", "check", "--format", "json", "--jobs", str(jobs), str(batch)],
                               capture_output=True, text=True)
            times[jobs] = time.perf_counter() - t
            reports[jobs] = json.loads(p.stdout)
        files = len(reports[1]["files"])
        same = reports[1] == reports[2]
        print(f"{files} files (60 scripts + {files - 60} images, OCR on)")
        print(f"--jobs 1: {times[1]:.1f} s   --jobs 2: {times[2]:.1f} s   speed-up {times[1] / times[2]:.2f}x   same report: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
