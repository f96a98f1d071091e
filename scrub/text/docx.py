"""Scripts written in Word (.docx): the text of the document, its headers, footers,
footnotes, comments and tracked deletions, read from the package's XML.

Families often write the script of a card in Word and send the file. Only the standard
library and defusedxml are needed: a .docx is a zip of XML parts. python-docx would add a
dependency and still leave out comments and tracked deletions, which are exactly the words a
family thought were gone. The clean copy of a .docx is the redacted text as a .txt file (what
a voice or a caption needs); writing the Word file back is not attempted.
"""
from __future__ import annotations

import io
import re
import zipfile

from scrub.text.reader import UnreadableText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART_BYTES = 20 * 1024 * 1024  # one XML part, inflated: a zip bomb stops here
MAX_TOTAL_BYTES = 100 * 1024 * 1024
# the parts whose words a reader or a reviewer of the file can see, in reading order
_PARTS = (r"word/document\.xml", r"word/header\d*\.xml", r"word/footer\d*\.xml", r"word/footnotes\.xml",
          r"word/endnotes\.xml", r"word/comments\.xml")
# who wrote the file: the properties Word fills in from the computer's account
_PROPERTIES = {"creator": "docProps/core.xml", "lastModifiedBy": "docProps/core.xml", "Company": "docProps/app.xml",
               "Manager": "docProps/app.xml"}


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


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


def _paragraphs(xml: bytes) -> list[str]:
    from defusedxml import ElementTree as ET

    root = ET.fromstring(xml)
    out = []
    for p in root.iter(f"{W}p"):
        parts = []
        for el in p.iter():
            if el.tag in (f"{W}t", f"{W}delText") and el.text:
                parts.append(el.text)
            elif el.tag == f"{W}tab":
                parts.append("\t")
            elif el.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        out.append("".join(parts))
    return out


def read_docx(data: bytes) -> tuple[str, list[tuple[str, str, str]]]:
    """The text (one line per paragraph) and the file's author properties as
    (part, property, value)."""
    from defusedxml import ElementTree as ET

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableText("undecodable") from exc
    budget = [MAX_TOTAL_BYTES]
    with z:
        names = z.namelist()
        lines: list[str] = []
        try:
            for pattern in _PARTS:
                for name in sorted(n for n in names if re.fullmatch(pattern, n)):
                    lines.extend(_paragraphs(_read_part(z, name, budget)))
            properties = []
            for part in sorted(set(_PROPERTIES.values())):
                if part not in names:
                    continue
                root = ET.fromstring(_read_part(z, part, budget))
                for el in root.iter():
                    local = el.tag.rsplit("}", 1)[-1]
                    if local in _PROPERTIES and _PROPERTIES[local] == part and el.text and el.text.strip():
                        properties.append((part, local, el.text.strip()))
        except UnreadableText:
            raise
        except Exception as exc:  # damaged XML or zip member
            raise UnreadableText("undecodable") from exc
    return "\n".join(lines) + "\n", properties
