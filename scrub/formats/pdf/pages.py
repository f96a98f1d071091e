"""What a PDF's pages show: the text layer (what a reader can select and copy), read as a
script is, and each page as a picture, read by OCR like a poster photo.

pypdfium2 (PDFium, the engine of Chrome's PDF viewer, in a wheel; Apache-2.0/BSD) reads the
text layer and renders the pages: pdfminer.six is pure Python, several times slower and
weaker on broken font encodings, and cannot render.

Which pages are read as pictures: every page that draws a picture (a scan, a photo with a
banner on it) and every page whose text layer is nearly empty (a scan, or text turned into
outlines by a design tool's "flatten" export); a page whose words are all in its text
layer is read from it. Text printed on a page is never changed by clean (the copy would
need the document it came from): what it holds is reported with its page, and a blocking
detail makes the copy fail.
"""
from __future__ import annotations

from scrub.formats.media import Passage, spans, which
from scrub.policy import ErrorCode, Unverified
from scrub.text.reader import TextDocument

MIN_PAGE_TEXT = 12  # fewer characters than this in a page's text layer: read it as a picture
RENDER_SCALE = 2.0  # 144 dpi: a poster's small print at Tesseract's best cap heights
PAGE_BREAK = "\n\n\n"  # no sentence, line or address crosses it


def page_texts(data: bytes) -> list[str]:
    """The text layer of every page (what a reader can select and copy), read by PDFium."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Unverified(ErrorCode.MEDIA_DAMAGED, f"PDFium cannot read it: {exc}") from exc
    texts = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            # every character of the page, also those drawn outside its boxes: a viewer does
            # not show them, text extraction does (get_text_bounded() would stop at the
            # page's box; found by fuzzing a poster whose MediaBox lost a digit)
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return texts


def render_page(data: bytes, index: int, scale: float = 2.0):
    """Page ``index`` (0-based) as a PIL image, for OCR: ``scale`` 2 is 144 dpi."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        picture = page.render(scale=scale).to_pil()
        page.close()
        return picture
    finally:
        document.close()


def text_passage(texts: list[str]) -> Passage | None:
    """The text layers of every page as one script (a subject introduced on the first page
    is the subject of the second), each finding placed on its page."""
    if not any(t.strip() for t in texts):
        return None
    text, bounds = spans([t.replace("\r\n", "\n").replace("\r", "\n") for t in texts], PAGE_BREAK)

    def locate(offset: int) -> dict:
        page = which(bounds, offset) + 1
        return {"segment": f"page {page}", "tag": "printed text", "page": page}

    return Passage(TextDocument(text=text, encoding="pdf"), locate, why="printed text")


def pages_to_look_at(texts: list[str], pictures: list[bool]) -> list[int]:
    """The pages (1-based) that are read as pictures."""
    return [n for n, (text, drawn) in enumerate(zip(texts, pictures), start=1)
            if drawn or len(text.strip()) < MIN_PAGE_TEXT]


def same_detail(a, b) -> bool:
    """An OCR reading of a detail the text layer of the same page already gave."""
    def folded(value: str) -> str:
        return "".join(ch for ch in value.casefold() if ch.isalnum())

    return a.location.get("page") == b.location.get("page") and a.entity == b.entity and folded(a.value) == folded(b.value)
