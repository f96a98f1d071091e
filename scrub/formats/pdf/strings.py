"""Strings a PDF holds that no page shows and no reader in objects.py reads.

Fuzzing found a phone kept past the readers in three places: a dictionary no reader knows
(an editor's private notes), a page's drawing whose link to the page was broken (the string
is in the file, the page shows nothing), and instructions a viewer skips. So every string in
every object is read by the text rules, the pages' drawings are parsed (a drawing that does
not parse leaves the file not checked) and their strings outside the text they show (a
marked-content ActualText) are read, and every other stream is swept for readable numbers as
a sound file's bytes are (scrub/formats/meta/sweep.py).
"""
from __future__ import annotations

from scrub.formats.meta.items import CUE, MetaItem
from scrub.formats.meta.sweep import readable_numbers
from scrub.formats.pdf.qpdf import load as _pikepdf
from scrub.formats.pdf.qpdf import text as _text
from scrub.policy import ErrorCode, Unverified

# text-showing operators: their strings are the text layer PDFium reads
_SHOWN = {"Tj", "TJ", "'", '"'}
# every operator of a content stream (ISO 32000-1, Annex A); another word is damage, except
# between BX and EX, where a newer writer's operators are allowed. A viewer meeting a word it
# does not know may stop drawing there, and PDFium's text layer then ends: fuzzing found a
# phone after "72!720 Td" shown by no reader and called clean
_OPERATORS = frozenset(
    "b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q "
    "re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y".split()) | {"'", '"'}
MAX_STRINGS = 20_000  # strings read outside the text layer; past it the file is not checked


# binary strings that are no text: a document's ID, encryption keys, a signature's bytes
_BINARY_KEYS = {"/ID", "/O", "/U", "/OE", "/UE", "/Perms", "/Contents", "/ByteRange"}
_STRUCTURE_TYPES = {"/XRef", "/ObjStm"}


def _strings_in(value, out: list[str], depth: int = 0) -> None:
    """The strings inside a value (a dictionary, an array), not following references: every
    object is visited on its own."""
    pikepdf = _pikepdf()
    if isinstance(value, pikepdf.String):
        text = _text(value)
        if text.strip():
            out.append(text)
        if len(out) > MAX_STRINGS:
            raise Unverified(ErrorCode.TOO_MANY_PARTS, f"more than {MAX_STRINGS} strings")
        return
    if depth > 32:
        return
    if isinstance(value, pikepdf.Dictionary):
        if value.get("/Type") in _STRUCTURE_TYPES:
            return
        signature = value.get("/Type") == "/Sig"
        children = [v for k, v in value.items() if k not in _BINARY_KEYS or (k == "/Contents" and not signature)]
    elif isinstance(value, pikepdf.Array):
        children = list(value)
    else:
        return
    for child in children:
        if not getattr(child, "is_indirect", False):
            _strings_in(child, out, depth + 1)


def unshown_strings(pdf, already: set[str]) -> tuple[list[MetaItem], list[list[str]]]:
    """Strings the file holds that neither the text layer nor a reader above shows: in any
    object (one left behind by an editor, one no page uses), and in the pages' drawing
    instructions outside the text they show (a marked-content ActualText, a string after an
    instruction a viewer skips). Read by the text rules only (kind CUE): a string is no
    finding itself. Drawing instructions that do not parse leave the file not checked.
    Also, for each page, the strings its drawing shows in a simple font, for
    ``missing_from_text_layer``."""
    pikepdf = _pikepdf()
    items: list[MetaItem] = []
    shown_by_page: list[list[str]] = []
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
            if isinstance(obj, pikepdf.String) and _text(obj).strip() not in already:
                items.append(MetaItem(f"object {obj.objgen[0]}", "string", _text(obj)[:2000], CUE))
            continue
        found: list[str] = []
        _strings_in(obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj, found)
        fresh = [t for t in found if t.strip() not in already]
        if fresh:
            items.append(MetaItem(f"object {obj.objgen[0]}", "strings", "\n".join(fresh)[:4000], CUE))
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            items.extend(_drawing_strings(obj, f"form {obj.objgen[0]}")[0])
    for index, page in enumerate(pdf.pages, start=1):
        unshown, shown = _drawing_strings(page, f"page {index}", _simple_fonts(page))
        items.extend(unshown)
        shown_by_page.append(shown)
    for obj in _streams_not_read(pdf):
        # a stream no reader above reads (a page's drawing that lost its link, an editor's
        # leftover, a font's text): swept for readable numbers, as a sound file's bytes are
        try:
            items.extend(readable_numbers(obj.read_bytes()))
        except pikepdf.PdfError:
            items.extend(readable_numbers(obj.read_raw_bytes()))
    return items, shown_by_page


def _streams_not_read(pdf) -> list:
    """Every stream but the pages' drawings (parsed above), pictures (read by their own
    formats), XMP (read as XMP) and the index's own streams."""
    pikepdf = _pikepdf()
    drawn: set[tuple[int, int]] = set()
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        for stream in (contents if isinstance(contents, pikepdf.Array) else [contents]):
            if isinstance(stream, pikepdf.Stream):
                drawn.add(stream.objgen)
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.objgen not in drawn
            and obj.get("/Type") not in (*_STRUCTURE_TYPES, "/Metadata")
            and obj.get("/Subtype") not in ("/Image", "/Form")]


def _simple_fonts(page) -> set[str]:
    """The page's fonts whose strings are text in a one-byte encoding (Type 1, TrueType): a
    composite font's strings are glyph numbers, which only its own tables turn into text."""
    pikepdf = _pikepdf()
    try:
        fonts = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary())
        return {str(name) for name, font in fonts.items()
                if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") in ("/Type1", "/TrueType", "/MMType1")}
    except (AttributeError, TypeError, ValueError, pikepdf.PdfError):
        return set()


def _letters(text: str) -> str:
    # two readers may decode a simple font's accented letters differently ("é" / "Ø"): only
    # plain letters and digits are compared
    return "".join(c for c in text if c.isascii() and c.isalnum())


def missing_from_text_layer(shown_by_page: list[list[str]], page_texts: list[str]) -> list[MetaItem]:
    """Strings each page's drawing shows in a simple font (``unshown_strings``) that
    PDFium's text layer of that page does not have: text drawn at size 0, or that PDFium
    read in another version of a damaged file, is in the file for any extractor to find
    (fuzzing found both called clean). Read by the text rules like any string no page shows."""
    items = []
    for index, (shown, page_text) in enumerate(zip(shown_by_page, page_texts), start=1):
        layer = _letters(page_text)
        missing = [t for t in shown if _letters(t) and _letters(t) not in layer]
        if missing:
            items.append(MetaItem(f"page {index} drawing", "strings the text layer lacks", "\n".join(missing)[:4000], CUE))
    return items


def _drawing_strings(content, where: str, simple_fonts: set[str] | None = None) -> tuple[list[MetaItem], list[str]]:
    """The strings of a drawing outside the text it shows (as an item), and the strings it
    shows in one of ``simple_fonts``."""
    pikepdf = _pikepdf()
    try:
        instructions = pikepdf.parse_content_stream(content)
    except (pikepdf.PdfError, ValueError, TypeError) as exc:
        raise Unverified(ErrorCode.MEDIA_DAMAGED, f"the drawing of {where} cannot be read") from exc
    found: list[str] = []
    shown: list[str] = []
    font_is_simple = False
    compatibility = 0  # inside BX ... EX
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operator = str(instruction.operator)
        compatibility += (operator == "BX") - (operator == "EX")
        if operator not in _OPERATORS and compatibility <= 0:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, f"the drawing of {where} holds {operator[:20]!r}, no PDF instruction")
        if operator == "Tf" and instruction.operands:
            font_is_simple = simple_fonts is not None and str(instruction.operands[0]) in simple_fonts
        if operator in _SHOWN:
            if font_is_simple:
                for operand in instruction.operands:
                    _strings_in(operand, shown, depth=1)
            continue
        for operand in instruction.operands:
            _strings_in(operand, found, depth=1)
    unshown = [MetaItem(f"{where} drawing", "strings not shown", "\n".join(found)[:4000], CUE)] if found else []
    return unshown, shown
