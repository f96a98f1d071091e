"""GIF: a block walker. Comment and application extensions (other than the animation
loop) are removed; image blocks are copied byte for byte."""
from __future__ import annotations


from scrub.formats.image.base import ImageFormat, Inspection, animation_timing, saved
from scrub.formats.meta.icc import icc_items
from scrub.formats.meta.items import HARMLESS, TEXT, MetaItem, printable, trailer_items, unknown_container
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import MAX_FRAMES_TOTAL, MAX_METADATA_PARTS, MAX_PIXELS, ErrorCode, Unverified

_KEEP_APPS = {b"NETSCAPE2.0", b"ANIMEXTS1.0"}
_ICC_APP = b"ICCRGBG1012"


def _sub_blocks(data: bytes, pos: int) -> tuple[bytes, int]:
    out = []
    while True:
        if pos >= len(data):
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the GIF ends inside a data block")
        size = data[pos]
        pos += 1
        if size == 0:
            return b"".join(out), pos
        out.append(data[pos:pos + size])
        pos += size


def blocks(data: bytes) -> tuple[list[tuple[str, bytes, int, int]], int, int, int]:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise Unverified(ErrorCode.IMAGE_CORRUPT, "not a GIF")
    width, height = int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    flags = data[10]
    pos = 13 + (3 * (2 ** ((flags & 7) + 1)) if flags & 0x80 else 0)
    out = [("header", b"", 0, pos)]
    images = 0
    while True:
        if len(out) > MAX_METADATA_PARTS + MAX_FRAMES_TOTAL:
            raise Unverified(ErrorCode.TOO_MANY_PARTS, f"more than {MAX_METADATA_PARTS + MAX_FRAMES_TOTAL} blocks")
        if pos >= len(data):
            raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the GIF ends before its trailer")
        kind = data[pos]
        start = pos
        if kind == 0x3B:
            out.append(("trailer", b"", pos, pos + 1))
            return out, pos + 1, width, height
        if kind == 0x21:
            label = data[pos + 1] if pos + 1 < len(data) else -1
            body, pos = _sub_blocks(data, pos + 2)
            out.append((f"ext-{label:02x}", body, start, pos))
        elif kind == 0x2C:
            if pos + 10 > len(data):
                raise Unverified(ErrorCode.IMAGE_TRUNCATED, "the GIF ends inside an image")
            lflags = data[pos + 9]
            pos += 10 + (3 * (2 ** ((lflags & 7) + 1)) if lflags & 0x80 else 0)
            _lzw, pos = _sub_blocks(data, pos + 1)
            out.append(("image", b"", start, pos))
            images += 1
            if images > MAX_FRAMES_TOTAL:
                # counted before any frame is decoded: 100,000 tiny frames would take minutes
                raise Unverified(ErrorCode.TOO_MANY_FRAMES, f"more than {MAX_FRAMES_TOTAL} frames")
        else:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, f"unknown GIF block 0x{kind:02x}")


class GifFormat(ImageFormat):
    name = "gif"
    suffixes = frozenset((".gif",))
    magic = (b"GIF87a", b"GIF89a")

    def inspect(self, data: bytes) -> Inspection:
        parts, end, width, height = blocks(data)
        if width * height > MAX_PIXELS:
            raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{width}x{height} pixels")
        result = Inspection("gif", width, height)
        for kind, body, _s, _e in parts:
            if kind == "ext-fe":
                text = printable(body)
                if text:
                    result.items.append(MetaItem("Comment extension", "Comment", text[:1000], TEXT))
            elif kind == "ext-ff":
                app = body[:11]
                if app == b"XMP DataXMP":
                    result.items.extend(xmp_items(body[11:], "XMP extension"))
                elif app == _ICC_APP:
                    result.items.extend(icc_items(body[11:], "ICC extension"))
                elif app not in _KEEP_APPS:
                    result.items.append(unknown_container("Application extension", printable(app), body[11:]))
            elif kind == "ext-01":
                # a Plain Text Extension: text a viewer may draw over the picture
                text = printable(body[13:] if len(body) > 13 else body)
                result.items.append(MetaItem("Plain Text extension", "Text", text[:1000], TEXT))
            elif kind.startswith("ext-") and kind != "ext-f9":
                # an extension no standard defines: read for its text, removed on clean
                result.items.append(unknown_container(f"Extension 0x{kind[4:]}", kind, body))
        result.items.extend(trailer_items(data[end:], "after trailer"))
        return result

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        parts, _end, _w, _h = blocks(data)
        keep_icc = not any(i.segment == "ICC extension" and i.kind != HARMLESS for i in inspection.items)
        out = []
        for kind, body, start, end in parts:
            if kind == "ext-ff" and body[:11] == _ICC_APP and keep_icc:
                out.append(data[start:end])  # a plain colour space: colours must not shift
                continue
            if kind.startswith("ext-") and kind != "ext-f9" and not (kind == "ext-ff" and body[:11] in _KEEP_APPS):
                continue  # every extension but the frame timing and the loop count
            out.append(data[start:end])
        return b"".join(out)

    def encode(self, picture, like: bytes) -> bytes:
        from PIL import Image

        return saved(picture.convert("P", palette=Image.Palette.ADAPTIVE), "GIF")

    def encode_frames(self, pictures: list, like: bytes) -> bytes:
        timing = animation_timing(like, len(pictures))
        return saved(pictures[0], "GIF", save_all=True, append_images=pictures[1:], **timing)


FORMAT = GifFormat()
