"""The JSON report, a stable contract (README, scrub/findings.py): pipelines and the scoring
tools read it."""
from __future__ import annotations

import json

from scrub.findings import Report


def write(report: Report, view, stream) -> None:
    # indented for a person at a terminal; compact for programs (json's C encoder only runs
    # without indent, which matters for a report of thousands of findings)
    data = report.to_dict(view.show_values, view.fail_on, view.lang)
    stream.write(json.dumps(data, ensure_ascii=False, indent=2 if view.pretty else None) + "\n")
