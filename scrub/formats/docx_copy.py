"""The clean copy of a Word document: a .docx again, written as a new zip (never edited in
place), following the one table of parts the reader follows (scrub/text/docx.py PARTS).

- The words of every text part (document, headers, footers, notes, glossary, alt text, field
  codes) are replaced in place by the words a voice can read ("[teléfono]"), in the same
  runs, so the formatting stays; external link targets likewise.
- Tracked changes are resolved as Word's "accept all" does for the words (deleted text and
  moved-away text go, inserted text stays) and every change record (who, when) goes.
- Comments, the people who wrote them, the document's properties (core, app, custom) and its
  first-page thumbnail are left out, with their relationships and content types.
- Pictures in word/media/ lose their metadata through their image format (losslessly, as a
  photo's clean copy does); a picture no image format reads is copied as it is.
- The template's path (``C:\\Users\\<name>\\...\\Normal.dotm``) keeps only its file name.
"""
from __future__ import annotations

import io
import posixpath
import zipfile

from scrub import messages
from scrub.policy import REDACT_FROM
from scrub.text.docx import REL, W, Package, Piece, parse_xml

_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# tracked changes: what "accept all" removes with its content, and what it keeps the content of
_REMOVED = {f"{W}{tag}" for tag in (
    "del", "moveFrom", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange",
    "numberingChange", "cellDel", "cellIns", "cellMerge",
    # a comment's anchors and its mark in the text (the comments themselves are left out)
    "commentRangeStart", "commentRangeEnd", "commentReference")}
_UNWRAPPED = {f"{W}ins", f"{W}moveTo"}
_TEMPLATE = "/attachedTemplate"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # no zip entry says when the copy was made


def _get(piece: Piece) -> str:
    return piece.element.get(piece.attribute) if piece.attribute else piece.element.text or ""


def _set(piece: Piece, text: str) -> None:
    if piece.attribute:
        piece.element.set(piece.attribute, text)
        return
    piece.element.text = text
    if piece.element.tag.startswith(W):  # spaces at the edges of a run are kept
        piece.element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def redact(package: Package, findings: list, lang: str) -> None:
    """Each detail replaced in the parsed parts: the replacement word goes where the detail
    starts, and the rest of it is taken out of every run it spans."""
    pieces = sorted((p for name in package.pieces for p in package.pieces[name]), key=lambda p: p.start)
    done: list[tuple[int, int]] = []
    for f in sorted((f for f in findings if f.start is not None and f.severity.at_least(REDACT_FROM)),
                    key=lambda f: -f.start):
        if any(s < f.end and f.start < e for s, e in done):
            continue  # overlaps a detail already replaced
        done.append((f.start, f.end))
        spanned = [p for p in pieces if p.start < f.end and f.start < p.end]
        for piece in reversed(spanned):  # right to left: the offsets on the left stay true
            text = _get(piece)
            a, b = max(f.start, piece.start) - piece.start, min(f.end, piece.end) - piece.start
            word = messages.replacement(f.entity, lang) if piece is spanned[0] else ""
            _set(piece, text[:a] + word + text[b:])


def resolve_changes(root) -> None:
    for el in [e for e in root.iter() if e.tag in _REMOVED]:
        el.getparent().remove(el)
    for el in [e for e in root.iter() if e.tag in _UNWRAPPED]:
        parent = el.getparent()
        index = parent.index(el)
        for offset, child in enumerate(list(el)):
            parent.insert(index + offset, child)
        parent.remove(el)


def _target(rels_name: str, target: str) -> str:
    """The part a relationship points at, from the .rels part it is in."""
    if target.startswith("/"):
        return target[1:]
    source_dir = posixpath.dirname(posixpath.dirname(rels_name))  # "word/_rels/x.rels" -> "word"
    return posixpath.normpath(posixpath.join(source_dir, target))


def _relationships(name: str, root, removed: set[str]) -> None:
    for rel in list(root.iter(f"{REL}Relationship")):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            if (rel.get("Type") or "").endswith(_TEMPLATE):
                rel.set("Target", posixpath.basename(target.replace("\\", "/")))
            continue
        if _target(name, target) in removed:
            rel.getparent().remove(rel)


def _content_types(data: bytes, removed: set[str]) -> bytes:
    from lxml import etree

    root = parse_xml(data)
    for override in list(root.iter(f"{_CONTENT_TYPES}Override")):
        if (override.get("PartName") or "").lstrip("/") in removed:
            root.remove(override)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean_picture(data: bytes) -> bytes:
    """A picture without its metadata, by its image format (as a photo's clean copy is)."""
    from scrub import formats

    _kind, fmt = formats.identify(data)
    if fmt is None or fmt.family != "image":
        return data
    return fmt.strip(data, fmt.inspected(data))


def rewrite(package: Package, findings: list, lang: str) -> bytes:
    """The clean .docx, as bytes."""
    from lxml import etree

    redact(package, findings, lang)
    removed = set(package.parts("remove"))
    out_parts: dict[str, bytes] = {}
    for name, tree in package.trees.items():
        if name in removed:
            continue
        if name.endswith(".rels"):
            _relationships(name, tree, removed)
        else:
            resolve_changes(tree)
        out_parts[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
    for name in package.parts("strip"):
        out_parts[name] = clean_picture(package.data[name])
    if "[Content_Types].xml" in package.data:
        out_parts["[Content_Types].xml"] = _content_types(package.data["[Content_Types].xml"], removed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in package.names:
            if name in removed:
                continue
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, out_parts.get(name, package.data[name]))
    return buffer.getvalue()
