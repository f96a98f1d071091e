"""What a PDF's objects say about who made it, and what earlier versions it still holds.

pikepdf (QPDF; MPL-2.0) reads and writes the objects. PyMuPDF would do both as well but is
AGPL. What is read:

- the document Info dictionary and the XMP metadata stream; every object's own
  ``/Metadata`` (images, pages, fonts) and ``/PieceInfo`` (an editor's private data:
  Illustrator keeps a whole copy of the document there);
- earlier revisions: an incremental save (Acrobat, ExifTool, many "remove metadata"
  buttons) appends the change and leaves the old objects in the bytes, so an author
  "removed" that way is still in the file. More than one ``%%EOF`` (one more for a
  linearized file) is a leak of its own, and what each earlier revision's Info and XMP
  said is reported;
- JavaScript, automatic actions, attached files, form fields, comments (annotations and
  their authors), page thumbnails, links and bookmarks;
- embedded JPEG images (``/DCTDecode``): their EXIF, XMP and GPS, by the JPEG format;
  JPEG 2000 images: their XML and uuid boxes.

``strip`` removes all of it from an open document; the JPEGs are cleaned by the JPEG format
(losslessly). The caller writes the document anew (scrub/formats/pdf/document.py).
"""
from __future__ import annotations

import io
import re

from scrub.formats.meta.boxes import top_level_boxes
from scrub.formats.meta.items import (
    CUE,
    DATE,
    EMBEDDED,
    HARMLESS,
    HISTORY,
    OTHER,
    OWNER,
    REVISION,
    SOFTWARE,
    TEXT,
    THUMBNAIL,
    UNREADABLE,
    MetaItem,
    named_kind,
    printable,
)
from scrub.formats.meta.xmp import xmp_items
from scrub.formats.pdf.qpdf import load as _pikepdf
from scrub.formats.pdf.qpdf import text as _text
from scrub.formats.pdf.strings import unshown_strings
from scrub.policy import ErrorCode, Unverified

_INFO_KIND = {"/Author": OWNER, "/Creator": SOFTWARE, "/Producer": SOFTWARE, "/Title": TEXT, "/Subject": TEXT,
              "/Keywords": TEXT, "/CreationDate": DATE, "/ModDate": DATE, "/Trapped": OTHER, "/Company": OWNER,
              "/SourceModified": DATE, "/AuthoringTool": SOFTWARE, "/Manager": OWNER, "/Category": TEXT,
              "/Comments": TEXT, "/Operator": OWNER}
# annotations that are comments, files or media, not part of the printed page
_DROPPED_ANNOTATIONS = {"/Text", "/Popup", "/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D",
                        "/Widget"}
_ANNOTATION_PRIVATE = ("/T", "/M", "/CreationDate", "/NM", "/RC", "/AA", "/Subj")
_SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition", "/GoToE"}


def _open(data: bytes):
    pikepdf = _pikepdf()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise Unverified(ErrorCode.PDF_ENCRYPTED, "a password is needed to open it") from exc
    except pikepdf.PdfError as exc:
        raise Unverified(ErrorCode.MEDIA_DAMAGED, f"the PDF cannot be read: {exc}") from exc
    if pdf.is_encrypted:
        pdf.close()
        raise Unverified(ErrorCode.PDF_ENCRYPTED, "encrypted")
    _refuse_if_damaged(pdf)
    return pdf


def _refuse_if_damaged(pdf) -> None:
    """QPDF warns when it repairs a file (its index, an object's header), at opening or
    when it first reaches the damaged object. What it could not rebuild, another reader's
    repair may still show: fuzzing found an Info dictionary and page text that QPDF's
    repair lost and the bytes still held. So a repaired file is not checked."""
    damage = [str(w).rsplit(": ", 1)[-1] for w in pdf.get_warnings()]
    if damage:
        pdf.close()
        detail = next((d for d in damage if d != "file is damaged"), damage[0])
        raise Unverified(ErrorCode.MEDIA_DAMAGED, f"the PDF is damaged: {detail}")


def _info_items(pdf, segment: str) -> list[MetaItem]:
    items = []
    for key, value in (pdf.docinfo.items() if "/Info" in pdf.trailer else []):
        text = _text(value)
        if text:
            items.append(MetaItem(segment, key.lstrip("/"), text[:2000], _INFO_KIND.get(key) or named_kind(key, text)))
    return items


def _xmp(stream, segment: str) -> list[MetaItem]:
    try:
        return xmp_items(stream.read_bytes(), segment)
    except Exception:  # noqa: BLE001 - a stream QPDF cannot decode: removed on clean
        return [MetaItem(segment, "XMP", "", UNREADABLE)]


def _is_image(obj) -> bool:
    return obj.get("/Subtype") == "/Image"


def _filters(obj) -> list[str]:
    f = obj.get("/Filter")
    if f is None:
        return []
    import pikepdf

    return [str(x) for x in f] if isinstance(f, pikepdf.Array) else [str(f)]


def _image_items(obj, where: str) -> list[MetaItem]:
    filters = _filters(obj)
    raw = obj.read_raw_bytes()
    if filters == ["/DCTDecode"]:
        from scrub.formats.image.jpeg import FORMAT as JPEG

        try:
            found = JPEG.inspected(raw)
        except Unverified as exc:
            return [MetaItem(where, "JPEG", exc.detail or exc.code.value, UNREADABLE)]
        return [MetaItem(f"{where} {i.segment}", i.tag, i.value, i.kind) for i in found.items if i.kind != HARMLESS]
    if filters == ["/JPXDecode"]:
        try:
            boxes = top_level_boxes(raw)
        except Unverified:
            return [MetaItem(where, "JPEG 2000", "", UNREADABLE)]
        items = []
        for kind, start, end in boxes:
            if kind in (b"xml ", b"uuid", b"ipr ", b"uinf"):
                body = raw[start + 8:end]
                items.extend(xmp_items(body, f"{where} JPEG 2000 {kind.decode('latin-1').strip()}") if b"<x:xmpmeta" in body
                             else [MetaItem(f"{where} JPEG 2000", kind.decode("latin-1"), printable(body[:500]), OTHER)])
        return items
    return []


def _action_is_script(action) -> bool:
    try:
        return action.get("/S") in _SCRIPT_ACTIONS
    except Exception:  # noqa: BLE001 - not a dictionary
        return False


def _object_items(pdf) -> list[MetaItem]:
    pikepdf = _pikepdf()
    items: list[MetaItem] = []
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        where = f"object {obj.objgen[0]}"
        if "/Metadata" in obj and isinstance(obj.get("/Metadata"), pikepdf.Stream) and obj.objgen != pdf.Root.objgen:
            items.extend(_xmp(obj.Metadata, f"{where} XMP"))
        if "/PieceInfo" in obj:
            text = " ".join(str(k).lstrip("/") for k in obj.PieceInfo.keys())
            items.append(MetaItem(f"{where} PieceInfo", "PieceInfo", text, HISTORY))
        if "/AA" in obj:
            items.append(MetaItem(where, "automatic actions (AA)", "", EMBEDDED))
        if "/JS" in obj or _action_is_script(obj):
            script = obj.get("/JS")
            code = _text(script.read_bytes() if isinstance(script, pikepdf.Stream) else script) if script is not None else ""
            items.append(MetaItem(where, f"action {obj.get('/S', '')}".strip(), code[:2000], EMBEDDED))
        if isinstance(obj, pikepdf.Stream) and _is_image(obj):
            items.extend(_image_items(obj, f"image {obj.objgen[0]}"))
        if obj.get("/Type") == "/EmbeddedFile" or obj.get("/Type") == "/Filespec":
            name = _text(obj.get("/UF") or obj.get("/F") or "") if obj.get("/Type") == "/Filespec" else ""
            if name or obj.get("/Type") == "/EmbeddedFile":
                items.append(MetaItem(where, "attached file", name or f"{len(obj.read_raw_bytes())} bytes", EMBEDDED))
    return items


def _document_items(pdf) -> list[MetaItem]:
    items: list[MetaItem] = []
    root = pdf.Root
    if "/Metadata" in root:
        items.extend(_xmp(root.Metadata, "document XMP"))
    names = root.get("/Names")
    if names is not None:
        if "/JavaScript" in names:
            items.append(MetaItem("document", "JavaScript", "", EMBEDDED))
        if "/EmbeddedFiles" in names:
            for name in pdf.attachments:
                items.append(MetaItem("document", "attached file", name, EMBEDDED))
    form = root.get("/AcroForm")
    if form is not None:
        fields = []
        for f in form.get("/Fields", []):
            label, value = _text(f.get("/T", "")), _text(f.get("/V", ""))
            fields.append(f"{label}: {value}" if value else label)
        if "/XFA" in form:
            fields.append("XFA form")
        items.append(MetaItem("document", "form fields", "\n".join(fields)[:2000], EMBEDDED))
    if "/PieceInfo" in root:
        items.append(MetaItem("document PieceInfo", "PieceInfo", "", HISTORY))
    for index, page in enumerate(pdf.pages, start=1):
        where = f"page {index}"
        if "/Thumb" in page.obj:
            items.append(MetaItem(where, "page thumbnail", "", THUMBNAIL))
        for annot in page.obj.get("/Annots", []):
            subtype = str(annot.get("/Subtype", ""))
            author, contents = _text(annot.get("/T", "")), _text(annot.get("/Contents", ""))
            if author:
                items.append(MetaItem(f"{where} {subtype.lstrip('/')} annotation", "author", author, OWNER))
            if contents:
                kind = TEXT if subtype in _DROPPED_ANNOTATIONS else CUE  # a comment, or text drawn on the page
                items.append(MetaItem(f"{where} {subtype.lstrip('/')} annotation", "contents", contents[:2000], kind))
            if subtype in ("/FileAttachment", "/Sound", "/Movie", "/RichMedia", "/Screen", "/3D"):
                items.append(MetaItem(f"{where} {subtype.lstrip('/')} annotation", "attachment", "", EMBEDDED))
            uri = annot.get("/A", {}).get("/URI") if hasattr(annot.get("/A", {}), "get") else None
            if uri is not None:
                items.append(MetaItem(f"{where} link", "URI", _text(uri), CUE))
    outline_titles = []
    try:
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack and len(outline_titles) < 500:
                node = stack.pop(0)
                outline_titles.append(node.title or "")
                stack.extend(node.children)
    except Exception:  # noqa: BLE001 - a damaged outline is removed with the rest on clean
        pass
    if any(outline_titles):
        items.append(MetaItem("document", "bookmarks", "\n".join(outline_titles)[:2000], CUE))
    return items


def eof_ends(data: bytes) -> list[int]:
    """Where each revision of the file ends (after its ``%%EOF``)."""
    return [m.end() for m in re.finditer(rb"%%EOF[\r\n]*", data)]


def _revision_items(data: bytes, linearized: bool, current: list[MetaItem]) -> list[MetaItem]:
    ends = eof_ends(data)
    if linearized and len(ends) >= 2:
        ends = ends[1:]  # a linearized file's first-page section ends with one of its own
    earlier = ends[:-1] if ends and len(data[ends[-1]:].strip()) == 0 else ends
    if not earlier:
        return []
    items = [MetaItem("file", "earlier versions (incremental updates)", f"{len(earlier)}", REVISION)]
    now = {(i.tag, i.value) for i in current}
    for number, end in enumerate(earlier[:10], start=1):
        try:
            old = _open(data[:end])
        except Unverified:
            continue
        with old:
            found = _info_items(old, f"earlier version {number} Info")
            if "/Metadata" in old.Root:
                found += _xmp(old.Root.Metadata, f"earlier version {number} XMP")
        items.extend(i for i in found if (i.tag, i.value) not in now and i.kind != HARMLESS)
    return items


def strip(pdf, pikepdf) -> None:
    """Everything read above, removed from the open document (saved by the caller)."""
    from scrub.formats.image.jpeg import FORMAT as JPEG

    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    root = pdf.Root
    for key in ("/Metadata", "/PieceInfo", "/AcroForm", "/AA", "/SpiderInfo", "/Threads", "/Perms", "/Collection",
                "/AF"):
        if key in root:
            del root[key]
    if "/OpenAction" in root and _action_is_script(root.OpenAction):
        del root["/OpenAction"]
    names = root.get("/Names")
    if names is not None:
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    for page in pdf.pages:
        if "/Thumb" in page.obj:
            del page.obj["/Thumb"]
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept = pikepdf.Array()
        for annot in annots:
            if str(annot.get("/Subtype", "")) in _DROPPED_ANNOTATIONS:
                continue
            for key in _ANNOTATION_PRIVATE:
                if key in annot:
                    del annot[key]
            if "/A" in annot and _action_is_script(annot.A):
                del annot["/A"]
            kept.append(annot)
        page.obj.Annots = kept
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        for key in ("/Metadata", "/PieceInfo", "/AA", "/LastModified", "/AF"):  # AF: associated (attached) files
            if key in obj:
                del obj[key]
        if isinstance(obj, pikepdf.Stream) and _is_image(obj):
            filters = _filters(obj)
            raw = obj.read_raw_bytes()
            if filters == ["/DCTDecode"]:
                cleaned = JPEG.strip(raw, JPEG.inspected(raw))
                if cleaned != raw:
                    obj.write(cleaned, filter=pikepdf.Name.DCTDecode, decode_parms=obj.get("/DecodeParms"))
            elif filters == ["/JPXDecode"]:
                boxes = top_level_boxes(raw)
                cleaned = b"".join(raw[s:e] for kind, s, e in boxes if kind not in (b"xml ", b"uuid", b"ipr ", b"uinf"))
                if cleaned != raw:
                    obj.write(cleaned, filter=pikepdf.Name.JPXDecode)


def has_pictures(page) -> bool:
    """A page that draws at least one image (also inside a form XObject, pikepdf >= 9.8)."""
    try:
        return bool(page.get_images() if hasattr(page, "get_images") else page.images)
    except Exception:  # noqa: BLE001 - a broken resource dictionary: count it as a picture
        return True




def read_items(data: bytes) -> tuple[list[MetaItem], list[bool], list[list[str]]]:
    """Every metadata item of the file (the current version's, then what earlier versions
    said that it no longer does), for each page whether it draws a picture, and the strings
    each page's drawing shows in a simple font (strings.missing_from_text_layer)."""
    with _open(data) as pdf:
        current = _info_items(pdf, "document Info") + _document_items(pdf) + _object_items(pdf)
        unshown, shown_by_page = unshown_strings(pdf, {i.value.strip() for i in current})
        current += unshown
        earlier = _revision_items(data, pdf.is_linearized, current)
        drawn = [has_pictures(p) for p in pdf.pages]
        _refuse_if_damaged(pdf)
    return current + earlier, drawn, shown_by_page


def rewrite(data: bytes) -> bytes:
    """The document written anew by QPDF without anything ``strip`` removes: one revision,
    only the objects still in use."""
    pikepdf = _pikepdf()
    with _open(data) as pdf:
        strip(pdf, pikepdf)
        out = io.BytesIO()
        pdf.save(out, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 fix_metadata_version=False, preserve_pdfa=False, deterministic_id=True, compress_streams=True)
    return out.getvalue()
