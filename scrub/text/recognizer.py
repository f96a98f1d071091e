"""The one shape every scrub recognizer has inside Presidio: it finds spans, each with a
score and a stable rule id, and hands them over as RecognizerResults."""
from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult


class ScrubRecognizer(EntityRecognizer):
    entity: str = ""
    label: str = ""  # short name: "scrub:<label>" in Presidio's registry
    # per rule id it reports: {"flag": [texts with the value marked [[like this]]], "keep":
    # [texts it must leave alone]}, its true and false positives, read by one test
    examples: dict[str, dict[str, list[str]]] = {}

    def __init__(self, language: str):
        super().__init__(supported_entities=[self.entity], name=f"scrub:{self.label}", supported_language=language, context=[])

    def load(self) -> None:  # nothing to load: patterns are compiled at import
        pass

    def find(self, text: str, nlp_artifacts) -> list[tuple[int, int, float, str]]:
        """(start, end, score, rule id) for every span found in ``text``."""
        raise NotImplementedError

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            RecognizerResult(
                self.entity,
                start,
                end,
                score,
                recognition_metadata={"rule": rule, RecognizerResult.RECOGNIZER_NAME_KEY: self.name},
            )
            for start, end, score, rule in self.find(text, nlp_artifacts)
        ]
