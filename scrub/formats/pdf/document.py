"""PDF posters: what the file says about who made it (objects.py), what its pages show
(pages.py: the text layer read as a script, pages with pictures read by OCR), and a copy
written anew without the metadata.

Clean: a full rewrite by QPDF (never an incremental update): only objects still in use are
written, so earlier revisions and orphaned objects are gone; Info, XMP, per-object metadata,
PieceInfo, scripts, attachments, forms, comments and thumbnails are removed and JPEGs are
cleaned by the JPEG format. What the pages print is never changed: a detail printed there
blocks the copy (scrub.policy's ``Place.PRINTED``), as the re-check of the copy finds it
again.

With ``--faces``, the pages read as pictures are also looked at for faces other than the
largest on each page; they are reported with their page and box, and (like a warning
printed on a page) left in the copy and reported there too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scrub.formats.media import Inspection, MediaFormat, MediaItem
from scrub.formats.pdf import objects, pages, strings
from scrub.policy import MAX_FILE_BYTES, ErrorCode, Unverified


@dataclass
class PdfInspection(Inspection):
    texts: list[str] = field(default_factory=list)  # each page's text layer
    to_look_at: list[int] = field(default_factory=list)  # pages read as pictures (1-based)
    image_only: list[int] = field(default_factory=list)  # pages that are only a picture


class PdfFormat(MediaFormat):
    name = "pdf"
    family = "pdf"
    suffixes = frozenset((".pdf",))
    magic = (b"%PDF",)
    clean_hint = "hint.clean-pdf"
    max_bytes = max(MAX_FILE_BYTES, 500 * 1024 * 1024)
    shows_pictures = True
    looks_for_faces = True
    # its objects and strings are read one by one (objects.py), and most of its streams are
    # compressed: a sweep of its bytes would read only the offsets of its index as numbers
    sweep_bytes = False

    def sniff(self, data: bytes) -> str | None:
        # readers find the header in the first kilobyte, after blank space a tool may add; a
        # text that mentions "%PDF-" further on is still a text
        at = data.find(b"%PDF-", 0, 1024)
        return self.name if at == 0 or (at > 0 and not data[:at].strip(b" \t\r\n\x00")) else None

    def inspect(self, data: bytes) -> PdfInspection:
        items, drawn, shown_by_page = objects.read_items(data)
        texts = pages.page_texts(data)
        items += strings.missing_from_text_layer(shown_by_page, texts)
        result = PdfInspection(items=items, texts=texts, notes=["pdf-text-checked"])
        passage = pages.text_passage(texts)
        if passage:
            result.passages.append(passage)
        result.to_look_at = pages.pages_to_look_at(texts, drawn)
        result.image_only = [n for n in result.to_look_at if drawn[n - 1] and len(texts[n - 1].strip()) < pages.MIN_PAGE_TEXT]
        return result

    def look(self, item: MediaItem, ctx) -> None:
        """The pages that are (or hold) pictures, read by OCR with the same rules and case
        file as a poster photo, and with ``--faces`` looked at for faces other than the
        largest on each page; each finding keeps its page and its boxes (in the page
        rendered at RENDER_SCALE). What a page shows is never changed by clean: a face is
        reported (in the copy too), as a warning printed on a page is."""
        from scrub.vision import faces, ocr, pictures, visible

        todo = item.inspection.to_look_at
        if not todo or item.failure:
            return
        read_text = ctx.ocr
        if not ctx.ocr:
            item.notes.append("pdf-image-pages-not-read" if item.inspection.image_only else "pdf-pictures-not-read")
        elif not ocr.available():
            item.fail(Unverified(ErrorCode.OCR_UNAVAILABLE))
            return
        if ctx.faces and not faces.available():
            item.fail(Unverified(ErrorCode.FACES_UNAVAILABLE))
            return
        if not (read_text or ctx.faces):
            return
        if len(todo) > pictures.MAX_FRAMES:
            item.fail(Unverified(ErrorCode.TOO_MANY_FRAMES, f"{len(todo)} pages to read as pictures"))
            return
        layer = [f for f in item.findings if f.location and f.location.get("tag") == "printed text"]
        for number in todo:
            try:
                picture = pages.render_page(item.data, number - 1, pages.RENDER_SCALE)
                found = visible.visible_findings(picture, item.case, item.language, ctx.analyzer()) if read_text else []
                shown = faces.findings(picture) if ctx.faces else []
            except Unverified as exc:
                item.fail(exc)
                return
            for f in found:
                f.location["page"] = number
                if not any(pages.same_detail(f, other) for other in layer):
                    item.findings.append(f)
            for f in shown:
                f.location["page"] = number
                item.findings.append(f)

    def strip(self, data: bytes, inspection) -> bytes:
        return objects.rewrite(data)


FORMAT = PdfFormat()
