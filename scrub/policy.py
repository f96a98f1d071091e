"""What scrub decides, in one place: how serious each kind of detail is, every rule it has,
what `clean` replaces and accepts, and the reasons a file is not verified.

Detectors (text rules, metadata readers, OCR, faces) only say what they found; the tables
here say what that means. A new entity, rule or error code is one line in its table.
"""
from __future__ import annotations

import enum
import functools
from dataclasses import dataclass


class Severity(str, enum.Enum):
    INFO = "info"
    WARN = "warn"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return {"info": 0, "warn": 1, "block": 2}[self.value]

    def at_least(self, other: "Severity") -> bool:
        return self.rank >= other.rank


# --- severities ---------------------------------------------------------------------------

# The default severity of every entity (DESIGN.md): a volunteer sees one consistent meaning
# per kind of detail. A rule may declare its own (below, or ``severity:`` in its YAML).
SEVERITY_BY_ENTITY: dict[str, Severity] = {
    "PHONE": Severity.BLOCK,
    "EMAIL": Severity.BLOCK,
    "ADDRESS": Severity.BLOCK,
    "POSTAL_CODE": Severity.BLOCK,
    "GPS": Severity.BLOCK,
    "ID": Severity.BLOCK,
    "FINANCIAL": Severity.BLOCK,
    "DOB": Severity.BLOCK,
    "WITHHELD": Severity.BLOCK,
    "NUMBER": Severity.BLOCK,  # a long number scrub could not identify: fail closed
    "PERSON": Severity.WARN,
    "WORKPLACE": Severity.WARN,
    "SOCIAL": Severity.WARN,
    "PLATE": Severity.WARN,
    "FACE": Severity.WARN,
    "LOCATION": Severity.INFO,
}


def severity_for(entity: str, override: str | None = None) -> Severity:
    """The entity's severity, unless its rule says otherwise (``severity:`` in the YAML:
    a wa.me link is SOCIAL but carries the phone number, so it blocks)."""
    if override:
        return Severity(override)
    return SEVERITY_BY_ENTITY.get(entity, Severity.WARN)


# --- the rule catalog ---------------------------------------------------------------------

@dataclass(frozen=True)
class RuleInfo:
    id: str
    entity: str
    severity: Severity
    description: dict[str, str]  # by language


# Every rule written in Python, declared once: (id, entity, severity when it is not the
# entity's). Their descriptions are the message catalog's "rule.<id>" entries (and, for the
# terminal report, "short.<id>"); the YAML rules in rules/*.yaml describe themselves.
PYTHON_RULES: tuple[tuple[str, str, Severity | None], ...] = (
    ("phone-number", "PHONE", None),
    ("person-name", "PERSON", None),
    ("person-relative", "PERSON", None),
    ("person-namesake", "PERSON", None),
    ("workplace", "WORKPLACE", None),
    ("home-landmarks", "ADDRESS", None),
    ("address-parts", "ADDRESS", None),
    ("withheld-fact", "WITHHELD", None),
    # a sentence that only resembles a withheld fact: shown for a person to decide
    ("withheld-fact-review", "WITHHELD", Severity.WARN),
    ("number-unidentified", "NUMBER", None),
    # codes read again with the letters or digits OCR confuses (scrub/text/ocr_rules.py)
    ("ocr-curp", "ID", None),
    ("ocr-email", "EMAIL", None),
    # metadata of pictures (scrub/formats/meta): what a field reveals decides its rule
    ("img-gps", "GPS", Severity.BLOCK),
    ("img-device-serial", "METADATA", Severity.BLOCK),
    ("img-device", "METADATA", Severity.WARN),
    ("img-owner", "METADATA", Severity.BLOCK),
    ("img-text", "METADATA", Severity.BLOCK),
    ("img-place", "METADATA", Severity.BLOCK),
    ("img-date", "METADATA", Severity.WARN),
    ("img-software", "METADATA", Severity.WARN),
    ("img-edit-history", "METADATA", Severity.WARN),
    ("img-thumbnail-differs", "METADATA", Severity.BLOCK),
    ("img-thumbnail", "METADATA", Severity.INFO),
    ("img-icc-device", "METADATA", Severity.BLOCK),
    ("img-c2pa", "METADATA", Severity.BLOCK),
    ("img-trailer", "METADATA", Severity.BLOCK),
    ("img-unreadable-metadata", "METADATA", Severity.BLOCK),
    ("img-other-metadata", "METADATA", Severity.INFO),
    ("img-face", "FACE", None),
    ("doc-author", "METADATA", Severity.WARN),
    # what sound, video and PDF files hold besides the metadata pictures share
    # (scrub/formats/meta/items.py): the "img-" rules above name the same leaks in them
    ("media-picture", "METADATA", Severity.BLOCK),
    ("media-subtitles", "METADATA", Severity.WARN),
    ("media-timed-metadata", "METADATA", Severity.BLOCK),
    ("media-embedded", "METADATA", Severity.BLOCK),
    ("pdf-earlier-revision", "METADATA", Severity.BLOCK),
)
_PYTHON_SEVERITY = {rid: severity or severity_for(entity) for rid, entity, severity in PYTHON_RULES}


def rule_severity(rule_id: str) -> Severity:
    """The declared severity of a rule written in Python (a KeyError names an undeclared one)."""
    return _PYTHON_SEVERITY[rule_id]


@functools.lru_cache(maxsize=1)
def catalog() -> tuple[RuleInfo, ...]:
    """Every rule scrub has, for `scrub rules`, `scrub explain` and SARIF: the YAML ones
    (rules/*.yaml, in file order), then the ones written in Python."""
    from scrub import messages
    from scrub.text.rules import load_rules

    yaml_rules = [RuleInfo(r.id, r.entity, severity_for(r.entity, r.severity), r.description) for r in load_rules()]
    python_rules = [
        RuleInfo(rid, entity, _PYTHON_SEVERITY[rid], {lang: messages.t(f"rule.{rid}", lang) for lang in messages.LANGS})
        for rid, entity, _severity in PYTHON_RULES
    ]
    return tuple(yaml_rules + python_rules)


def find_rule(rule_id: str) -> RuleInfo | None:
    return next((r for r in catalog() if r.id == rule_id), None)


# --- why a file is not verified -----------------------------------------------------------

class ErrorCode(str, enum.Enum):
    """Why a file was not (fully) checked or cleaned. The value is the JSON report's
    ``error``; "error.<value>" is the message a person reads. Listed in order of precedence:
    when several apply to one file, the report names the one listed first."""

    # the file itself could not be read
    MISSING = "missing"
    BROKEN_LINK = "broken-link"
    NOT_A_FILE = "not-a-file"
    UNREADABLE = "unreadable"
    FILE_TOO_BIG = "file-too-big"
    UNSUPPORTED = "unsupported"
    NOT_AN_IMAGE = "not-an-image"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TEXT_TOO_BIG = "text-too-big"
    IMAGE_TOO_BIG = "image-too-big"
    IMAGE_TRUNCATED = "image-truncated"
    IMAGE_CORRUPT = "image-corrupt"
    IMAGE_UNSUPPORTED = "image-unsupported"
    MEDIA_DAMAGED = "media-damaged"  # a sound, video or PDF file that is cut off or broken
    MEDIA_UNSUPPORTED = "media-unsupported"  # a codec or variant scrub cannot check for hidden data
    MEDIA_TOO_BIG = "media-too-big"
    PDF_ENCRYPTED = "pdf-encrypted"
    # what it is about could not be known
    CASE_FILE = "case-file"
    # part of it could not be looked at
    OCR_UNAVAILABLE = "ocr-unavailable"
    FACES_UNAVAILABLE = "faces-unavailable"
    TOO_MANY_FRAMES = "too-many-frames"
    TOO_MANY_FINDINGS = "too-many-findings"
    TOO_MANY_PARTS = "too-many-parts"
    NAMES_NOT_READ = "names-not-read"
    FACES_NOT_IN_MEDIA = "faces-not-in-media"  # --faces on a kind that shows pictures but whose faces are not looked for
    # its clean copy
    STILL_SENSITIVE = "still-sensitive"
    LEFT_IN_COPY = "left-in-copy"  # a media copy its own reader still finds metadata in
    NO_OUTPUT = "no-output"
    DOCX_IN_PLACE = "docx-in-place"
    OUTPUT_INSIDE = "output-inside"
    OUTPUT_COLLISION = "output-collision"
    WRITE = "write"
    # a doubt: the file is still read, checked and cleaned, and never called clean
    EXTENSION_MISMATCH = "extension-mismatch"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def stops_work(self) -> bool:
        """False for a doubt: the file is still checked and cleaned (and reported unverified)."""
        return self is not ErrorCode.EXTENSION_MISMATCH


_RANK = {code: index for index, code in enumerate(ErrorCode)}


class Unverified(Exception):
    """A file cannot be fully checked or cleaned: it is reported with ``code`` (and a
    technical ``detail`` for the message), never as clean, and the rest of a batch goes on."""

    def __init__(self, code: ErrorCode, detail: str = ""):
        super().__init__(detail or code.value)
        self.code = code
        self.detail = detail


# --- limits -------------------------------------------------------------------------------

# A file larger than this, or a picture with more pixels, is refused (not checked) without
# being decoded, so a "decompression bomb" cannot exhaust memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PIXELS = 50_000_000
# Texts: a card's script is some kilobytes, a long transcript some hundreds. The names model
# reads about 50,000 characters a second here, so past MAX_NAMES_CHARS a text is checked
# by every other rule and reported "not fully checked: names not read"; past
# MAX_TEXT_CHARS it is refused unread ("split it"). Both keep a file within about a minute
# and a gigabyte on this machine (2 cores).
MAX_NAMES_CHARS = 300_000
MAX_TEXT_CHARS = 3_000_000
# Past this many findings in one file, it is "not checked: too many details, split it": no
# card holds thousands, and a report of them helps no one.
MAX_FINDINGS = 5_000
# Containers are counted before anything in them is decoded: a photo has some dozen metadata
# segments, an animation some hundreds of frames. Past these, "not checked".
MAX_METADATA_PARTS = 1_000
MAX_FRAMES_TOTAL = 1_000


# --- clean: what is replaced, what is covered, what the copy may still hold ----------------

REDACT_FROM = Severity.WARN  # details in a script replaced by a word a voice can read
COVER_FROM = Severity.WARN  # text and faces in a picture covered (solid fill, mosaic)


class Place(str, enum.Enum):
    """Where a finding sits, which decides what its presence in a clean copy means."""

    TEXT = "text"  # a span of a script or subtitle
    METADATA = "metadata"  # a field in the file's metadata
    VISIBLE = "visible"  # text drawn in the picture, read by OCR
    FACE = "face"  # a face in the picture
    PRINTED = "printed"  # text on a document's page (its text layer, or the page read by OCR)


# Every clean copy is read and checked again. By place: (the lowest severity reported as
# "remaining", the lowest that fails the copy).
RECHECK: dict[Place, tuple[Severity, Severity]] = {
    # the redacted script read again: everything is reported; a name the model sees anew
    # beside a replacement word is a warning, a blocking detail fails the copy
    Place.TEXT: (Severity.INFO, Severity.BLOCK),
    # scrub wrote the file without its metadata: anything left but what is kept on purpose
    # (a plain colour profile, the orientation: info) fails it
    Place.METADATA: (Severity.WARN, Severity.WARN),
    # the copy looked at as a person would see it: text still legible and blocking fails it
    Place.VISIBLE: (Severity.BLOCK, Severity.BLOCK),
    # a face (other than the missing person's) still found fails it
    Place.FACE: (Severity.INFO, Severity.INFO),
    # clean cannot change what a PDF's pages show (it is fixed in the document it came
    # from): a detail printed there is reported in the copy, and a blocking one fails it
    Place.PRINTED: (Severity.WARN, Severity.BLOCK),
}


def place(finding) -> Place:
    if finding.location and "page" in finding.location:
        return Place.PRINTED  # a face on a PDF page too: clean cannot change what a page shows
    if finding.entity == "FACE":
        return Place.FACE
    if finding.start is not None:
        return Place.TEXT
    if finding.location and finding.location.get("segment") == "pixels":
        return Place.VISIBLE
    return Place.METADATA


def to_cover(findings: list) -> list:
    """The findings in a picture that `clean` covers."""
    return [f for f in findings if place(f) in (Place.VISIBLE, Place.FACE) and f.severity.at_least(COVER_FROM)]


def accept(copy_findings: list) -> tuple[list, bool]:
    """What the re-check of a clean copy reports as remaining, and whether the copy may be written."""
    remaining = [f for f in copy_findings if f.severity.at_least(RECHECK[place(f)][0])]
    return remaining, not any(f.severity.at_least(RECHECK[place(f)][1]) for f in copy_findings)
