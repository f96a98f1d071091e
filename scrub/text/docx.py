"""Scripts written in Word (.docx): which parts of the package are read, and how, in one
table that the reader (here) and the cleaner (scrub/formats/docx.py) both follow, so that
what is checked and what is cleaned are always the same parts.

Families often write the script of a card in Word and send the file. A .docx is a zip of
XML parts. python-docx would add a dependency and still leave out comments, tracked
deletions, field codes and alt text, which are exactly the words a family thought were gone;
lxml (already installed with pikepdf) keeps every namespace declaration and prefix when a
part is written back, which Word needs (``mc:Ignorable`` names prefixes) and the standard
library's ElementTree does not do. Parsing never resolves entities or fetches anything.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from scrub.text.reader import UnreadableText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART_BYTES = 20 * 1024 * 1024  # one XML part, inflated: a zip bomb stops here
MAX_TOTAL_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    """Parts of the package (a regular expression on their names), what reading takes from
    them and what the clean copy does with them."""

    pattern: str
    read: str  # "text": its words; "properties": who made the file; "links": external targets; "picture"; "none"
    clean: str  # "redact": words replaced in place; "remove": left out of the copy; "strip": picture metadata; "keep"


# In reading order; a part no row matches is copied as it is (styles, fonts, settings, themes).
PARTS = (
    Part(r"word/document\.xml", "text", "redact"),
    Part(r"word/header\d*\.xml", "text", "redact"),
    Part(r"word/footer\d*\.xml", "text", "redact"),
    Part(r"word/footnotes\.xml", "text", "redact"),
    Part(r"word/endnotes\.xml", "text", "redact"),
    Part(r"word/glossary/document\.xml", "text", "redact"),  # building blocks, AutoText
    Part(r"word/comments\.xml", "text", "remove"),
    # who commented, and the threads' bookkeeping
    Part(r"word/(?:commentsExtended|commentsIds|commentsExtensible|people)\.xml", "none", "remove"),
    Part(r"docProps/core\.xml", "properties", "remove"),
    Part(r"docProps/app\.xml", "properties", "remove"),
    Part(r"docProps/custom\.xml", "properties", "remove"),
    Part(r"docProps/thumbnail\.\w+", "none", "remove"),  # a picture of the first page
    Part(r"word/(?:glossary/)?media/[^/]+", "picture", "strip"),
    # hyperlinks and the template's path (C:\Users\<name>\...) are external targets here
    Part(r"(?:.*/)?_rels/[^/]*\.rels", "links", "redact"),
)
# who wrote the file: the properties Word fills in from the computer's account
_PROPERTIES = {"creator": "docProps/core.xml", "lastModifiedBy": "docProps/core.xml", "Company": "docProps/app.xml",
               "Manager": "docProps/app.xml"}
# properties Word counts or sets itself: numbers and flags, no one's words
_PROPERTY_NUMBERS = {"Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "TotalTime",
                     "DocSecurity", "ScaleCrop", "LinksUpToDate", "SharedDoc", "HyperlinksChanged", "AppVersion",
                     "revision", "created", "modified", "lastPrinted"}
# words in a paragraph: text, deleted text, field codes; attributes that hold words
_TEXT_TAGS = {f"{W}t", f"{W}delText", f"{W}instrText"}
_BREAKS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}
_TEXT_ATTRIBUTES = {f"{WP}docPr": ("descr", "title"), f"{W}fldSimple": (f"{W}instr",)}


def part_of(name: str) -> Part | None:
    return next((p for p in PARTS if re.fullmatch(p.pattern, name)), None)


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    except Exception:  # noqa: BLE001 - zipfile also raises NotImplementedError, EOFError...
        # a zip its reader refuses (a mutated "version needed", an unknown method): a Word
        # document if its names say so, which read_package then reports as not checked
        return b"word/document.xml" in data


def parse_xml(data: bytes):
    """An XML part, parsed without entities, network or DTDs: a hostile file stays a file."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_blank_text=False)
    return etree.fromstring(data, parser)


@dataclass
class Piece:
    """A run of words in a part: an element's text, or one of its attributes."""

    element: object
    attribute: str | None  # None: the element's text
    start: int  # where it starts in the document's text
    end: int


def text_pieces(root, offset: int) -> tuple[list[str], list[Piece]]:
    """The words of a text part in reading order (one line per paragraph, an alt text or a
    field instruction on a line of its own), and where each piece of it is."""
    from lxml import etree

    out: list[str] = []
    pieces: list[Piece] = []
    pos = offset

    def emit(text: str, element=None, attribute=None) -> None:
        nonlocal pos
        if element is not None:
            pieces.append(Piece(element, attribute, pos, pos + len(text)))
        out.append(text)
        pos += len(text)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "end":
            if tag == f"{W}p":
                emit("\n")
            continue
        if tag in _TEXT_TAGS and el.text:
            emit(el.text, el)
        elif tag in _BREAKS:
            emit(_BREAKS[tag])
        for name in _TEXT_ATTRIBUTES.get(tag, ()):
            value = el.get(name)
            if value and value.strip():
                emit("\n")
                emit(value, el, name)
                emit("\n")
    return out, pieces


def link_pieces(root, offset: int) -> tuple[list[str], list[Piece]]:
    """The external targets of a relationships part (links, the template's path), a line each."""
    out, pieces, pos = [], [], offset
    for rel in root.iter(f"{REL}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" and target.strip():
            pieces.append(Piece(rel, "Target", pos, pos + len(target)))
            out += [target, "\n"]
            pos += len(target) + 1
    return out, pieces


def _read_part(z: zipfile.ZipFile, name: str, budget: list[int]) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_PART_BYTES or info.file_size > budget[0]:
        raise UnreadableText("too-big")
    budget[0] -= info.file_size
    with z.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise UnreadableText("too-big")
    return data


@dataclass
class Package:
    """A .docx as read: every part's bytes, the parsed trees of the parts whose words are
    read, the text they make together and where each piece of it is."""

    names: list[str]
    data: dict[str, bytes]
    trees: dict[str, object]
    pieces: dict[str, list[Piece]]
    text: str
    properties: list[tuple[str, str, str]]  # (part, property, value): who wrote it
    pictures: list[str]  # the names of the pictures in word/media/
    # every other property with words in it (title, subject, keywords, description, a
    # custom property...): read by the text rules, removed from the copy with the rest
    text_properties: list[tuple[str, str, str]] = field(default_factory=list)

    def parts(self, action: str) -> list[str]:
        """The parts whose clean is ``action``."""
        return [n for n in self.names if (p := part_of(n)) is not None and p.clean == action]


def read_package(data: bytes) -> Package:
    """Every part of the package, read as PARTS says."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - BadZipFile, and NotImplementedError, EOFError... on damage
        raise UnreadableText("undecodable") from exc
    budget = [MAX_TOTAL_BYTES]
    with z:
        names = [i.filename for i in z.infolist() if not i.is_dir()]
        try:
            blobs = {name: _read_part(z, name, budget) for name in names}
        except UnreadableText:
            raise
        except Exception as exc:  # a damaged zip member
            raise UnreadableText("undecodable") from exc
    trees: dict[str, object] = {}
    pieces: dict[str, list[Piece]] = {}
    lines: list[str] = []
    properties: list[tuple[str, str, str]] = []
    text_properties: list[tuple[str, str, str]] = []
    pictures: list[str] = []
    offset = 0
    try:
        for row in PARTS:
            for name in sorted(n for n in names if re.fullmatch(row.pattern, n) and part_of(n) is row):
                if row.read in ("text", "links"):
                    trees[name] = parse_xml(blobs[name])
                    read = text_pieces if row.read == "text" else link_pieces
                    words, pieces[name] = read(trees[name], offset)
                    lines += words
                    offset += sum(map(len, words))
                elif row.read == "properties":
                    for el in parse_xml(blobs[name]).iter():
                        local = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
                        if not (el.text and el.text.strip()) or len(el):
                            continue
                        if _PROPERTIES.get(local) == name:
                            properties.append((name, local, el.text.strip()))
                        elif local not in _PROPERTY_NUMBERS:
                            text_properties.append((name, local, el.text.strip()[:2000]))
                elif row.read == "picture":
                    pictures.append(name)
    except Exception as exc:  # damaged XML
        raise UnreadableText("undecodable") from exc
    text = "".join(lines)
    return Package(names, blobs, trees, pieces, text if text.endswith("\n") else text + "\n", properties, pictures,
                   text_properties)


def read_docx(data: bytes) -> tuple[str, list[tuple[str, str, str]]]:
    """The text (one line per paragraph) and the file's author properties as
    (part, property, value)."""
    package = read_package(data)
    return package.text, package.properties
