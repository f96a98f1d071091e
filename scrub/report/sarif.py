"""SARIF 2.1.0 output, for code-scanning dashboards and CI annotations.

Text findings carry a physical region (line, column and code-point offsets: the run says
``columnKind: unicodeCodePoints``); metadata findings a logical location (segment and tag)
and text in a picture its pixel box as a property, both with a region at the file's start.
Every result has ``partialFingerprints`` (the report's finding id, made without the value)
and a ``security-severity`` for code-scanning dashboards. Files that could not be
checked are tool execution notifications of level "error", so a dashboard never shows them
as clean. Values are masked as in every other report.
"""
from __future__ import annotations

import json

from scrub import __version__, messages
from scrub.findings import Report, Severity, fingerprints, mask_value
from scrub.policy import catalog

_LEVEL = {Severity.BLOCK: "error", Severity.WARN: "warning", Severity.INFO: "note"}
# GitHub code scanning ranks results by a CVSS-like score (9.0+ critical, 7.0+ high, 4.0+
# medium): a detail that blocks is high (a family's phone is what extortion starts from),
# one to review is medium, a note is low
_SECURITY_SEVERITY = {Severity.BLOCK: "8.0", Severity.WARN: "5.0", Severity.INFO: "2.0"}


def _uri(path: str) -> str:
    from pathlib import Path

    if path == "<stdin>":
        return "stdin"
    return Path(path).as_posix()


def write(report: Report, view, stream) -> None:
    sarif = to_sarif(report, view.lang, view.show_values)
    stream.write(json.dumps(sarif, ensure_ascii=False, indent=2 if view.pretty else None) + "\n")


def to_sarif(report: Report, lang: str, show_values: bool = False) -> dict:
    rules = catalog()
    index = {r.id: i for i, r in enumerate(rules)}
    driver_rules = [
        {
            "id": r.id,
            "name": r.id.replace("-", " ").title().replace(" ", ""),
            "shortDescription": {"text": r.description.get(lang, r.id)},
            "fullDescription": {"text": messages.t(f"explain.{r.entity}.why", lang)},
            "help": {"text": messages.t(f"explain.{r.entity}.instead", lang)},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"entity": r.entity, "security-severity": _SECURITY_SEVERITY[r.severity],
                           "tags": ["privacy", "security"]},
        }
        for r in rules
    ]
    results, notifications = [], []
    for f in report.files:
        uri = _uri(f.shown_path)
        if f.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f.error_message(lang)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                    "descriptor": {"id": f.error.value},
                }
            )
        for x, fingerprint in zip(f.findings, fingerprints(f.findings, f.shown_path)):
            value = x.value if show_values else mask_value(x.value)
            result = {
                "ruleId": x.rule,
                "level": _LEVEL[x.severity],
                "message": {"text": f"{messages.entity_name(x.entity, lang)}: {value}"},
                "locations": [],
                # the same id as the JSON report's and the baseline's, made without the value
                "partialFingerprints": {"scrubFinding/v1": fingerprint},
                "properties": {"entity": x.entity, "score": round(x.score, 3),
                               "security-severity": _SECURITY_SEVERITY[x.severity]},
            }
            if x.rule in index:
                result["ruleIndex"] = index[x.rule]
            physical = {"artifactLocation": {"uri": uri}}
            if x.start is not None:
                physical["region"] = {
                    "startLine": x.line,
                    "startColumn": x.column,
                    "charOffset": x.start,
                    "charLength": x.end - x.start,
                }
                result["locations"].append({"physicalLocation": physical})
            elif x.location:
                # SARIF has no region for pixels or a file's metadata: the result points at
                # the file's start (dashboards need a region to show it), the box is a property
                physical["region"] = {"startLine": 1}
                location = {"physicalLocation": physical}
                if "box" in x.location:
                    result["properties"]["box"] = x.location["box"]
                    for key in ("frame", "page", "time"):
                        if key in x.location:
                            result["properties"][key] = x.location[key]
                else:
                    location["logicalLocations"] = [
                        {"name": str(x.location.get("tag", "")), "fullyQualifiedName": f"{x.location.get('segment', '')}/{x.location.get('tag', '')}",
                         "kind": "member"}
                    ]
                result["locations"].append(location)
            results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "scrub", "version": __version__, "rules": driver_rules}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
