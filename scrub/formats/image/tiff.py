"""TIFF: metadata lives in the same tag directories as the picture's own structure, so a
clean copy is written from the decoded pixels (lossless compression, no tags but the
picture's own). Pillow would carry XMP, IPTC and Photoshop tags over from the original if
asked to re-save it, so the pixels are copied into a new image first.

Every page (IFD) is read: a scan saved as a multi-page TIFF can carry its owner on page 2.
XMP, IPTC, Photoshop resources and ICC profiles travel as tags; their contents are read by
the same readers as in JPEG, so a creator or a GPS position inside a TIFF's XMP is found.
"""
from __future__ import annotations

import io
import warnings

from scrub.formats.image.base import ImageFormat, Inspection, saved
from scrub.formats.meta.exif import EXIF_KIND, exif_items, exif_value_text, gps_text
from scrub.formats.meta.icc import icc_items
from scrub.formats.meta.iptc import iptc_items, photoshop_items
from scrub.formats.meta.items import C2PA, GPS, HARMLESS, OTHER, UNREADABLE, MetaItem
from scrub.formats.meta.xmp import xmp_items
from scrub.policy import MAX_FRAMES_TOTAL, MAX_PIXELS, ErrorCode, Unverified

XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG, ICC_TAG = 700, 33723, 34377, 34675
C2PA_TAG = 0xCD41  # where the C2PA specification puts a TIFF's manifest store (JUMBF)
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
_EMBEDDED = {XMP_TAG, IPTC_TAG, PHOTOSHOP_TAG, ICC_TAG, C2PA_TAG}
# the picture's own structure: never a finding
_STRUCTURE_NAMES = ("Strip", "Tile", "Tag0x")


def _raw(value) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "replace")
    if isinstance(value, (tuple, list)):
        try:
            return bytes(value)
        except (TypeError, ValueError):
            return b"".join(v if isinstance(v, bytes) else str(v).encode() for v in value)
    return str(value).encode()


def embedded_items(tags, segment: str) -> list[MetaItem]:
    """XMP, IPTC, Photoshop resources and ICC profiles stored as TIFF tags, read whole."""
    items: list[MetaItem] = []
    if tags.get(XMP_TAG) is not None:
        items.extend(xmp_items(_raw(tags[XMP_TAG]), f"{segment} XMP"))
    if tags.get(IPTC_TAG) is not None:
        items.extend(iptc_items(_raw(tags[IPTC_TAG]), segment))
    if tags.get(PHOTOSHOP_TAG) is not None:
        items.extend(photoshop_items(_raw(tags[PHOTOSHOP_TAG]), f"{segment} Photoshop"))
    if tags.get(ICC_TAG) is not None:
        items.extend(icc_items(_raw(tags[ICC_TAG]), f"{segment} ICC"))
    if tags.get(C2PA_TAG) is not None:
        items.append(MetaItem(f"{segment} JUMBF", "C2PA/JUMBF", f"JUMBF box, {len(_raw(tags[C2PA_TAG]))} bytes", C2PA))
    return items


def page_items(im, segment: str) -> list[MetaItem]:
    """The tags of the page ``im`` is on, read through Pillow (pages after the first;
    piexif reads only the first directory)."""
    from PIL import ExifTags

    items: list[MetaItem] = []
    exif = im.getexif()
    directories = [(dict(exif), ExifTags.TAGS, segment)]
    for pointer, names, label in ((EXIF_IFD, ExifTags.TAGS, "Exif"), (GPS_IFD, ExifTags.GPSTAGS, "GPS")):
        if pointer in exif:
            try:
                directories.append((dict(exif.get_ifd(pointer)), names, f"{segment} {label}"))
            except Exception:  # a broken pointer: the directory cannot be read, so say so
                items.append(MetaItem(segment, label, "", "unreadable"))
    for tags, names, where in directories:
        for tag, value in tags.items():
            if tag in _EMBEDDED or tag in (EXIF_IFD, GPS_IFD):
                continue
            name = names.get(tag, f"Tag0x{tag:04X}")
            if where.endswith("GPS"):
                if name != "GPSVersionID":
                    items.append(MetaItem(where, name, gps_text(value), GPS))
                continue
            if name.startswith(_STRUCTURE_NAMES):
                continue
            text = exif_value_text(name, value)
            kind = EXIF_KIND.get(name, OTHER)
            if kind != HARMLESS and not text and kind != OTHER:
                continue
            items.append(MetaItem(where, name, text[:500], kind))
    items.extend(embedded_items(exif, segment))
    return items


class TiffFormat(ImageFormat):
    name = "tiff"
    suffixes = frozenset((".tif", ".tiff"))
    magic = (b"II*\x00", b"MM\x00*")

    def inspect(self, data: bytes) -> Inspection:
        from PIL import Image

        damaged: list[warnings.WarningMessage] = []
        try:
            with warnings.catch_warnings(record=True) as damaged, Image.open(io.BytesIO(data)) as im:
                warnings.simplefilter("always")
                width, height = im.size
                if width * height > MAX_PIXELS:
                    raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{width}x{height} pixels")
                # every page is counted, and their pixels added up, before any is decoded:
                # sixty pages of 25 megapixels are each under the limit, together 1.5 billion
                pages = getattr(im, "n_frames", 1)
                if pages > MAX_FRAMES_TOTAL:
                    raise Unverified(ErrorCode.TOO_MANY_FRAMES, f"{pages} pages")
                total = 0
                for index in range(pages):
                    im.seek(index)
                    total += im.size[0] * im.size[1]
                    if total > MAX_PIXELS:
                        raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"{pages} pages, more than {MAX_PIXELS:,} pixels together")
                im.seek(0)
                im.load()
                first_embedded = embedded_items(im.tag_v2, "IFD0")
                later: list[MetaItem] = []
                for index in range(1, pages):
                    im.seek(index)
                    w, h = im.size
                    if w * h > MAX_PIXELS:
                        raise Unverified(ErrorCode.IMAGE_TOO_BIG, f"page {index + 1}: {w}x{h} pixels")
                    later.extend(page_items(im, f"IFD{index}"))
        except Unverified:
            raise
        except Exception as exc:
            raise Unverified(ErrorCode.IMAGE_CORRUPT, str(exc)) from exc
        items, orientation, _thumb = exif_items(data, "IFD0")
        # the picture's own tags are structure, not metadata worth a finding; the embedded
        # blocks are read by their own readers above
        embedded_names = {"XMLPacket", "ImageResources", "InterColorProfile"}
        items = [i for i in items
                 if not (i.kind == OTHER and (i.tag.startswith(_STRUCTURE_NAMES) or i.tag in embedded_names))]
        items += first_embedded + later
        # Pillow skips a tag whose data lies past the end of the file, with a warning: that
        # tag could not be read, so the file is not clean until it is cleaned
        items += [MetaItem("IFD", "damaged tag", str(w.message)[:200], UNREADABLE) for w in damaged
                  if "Tag" in str(w.message) or "tag" in str(w.message)]
        ordered = [i for i in items if i.kind != HARMLESS] + [i for i in items if i.kind == HARMLESS]
        return Inspection("tiff", width, height, ordered, orientation)

    def strip(self, data: bytes, inspection: Inspection) -> bytes:
        from PIL import Image, ImageOps

        out = io.BytesIO()
        keep_icc = not any(i.segment.endswith(" ICC") and i.kind != HARMLESS for i in inspection.items)
        with warnings.catch_warnings(), Image.open(io.BytesIO(data)) as im:
            warnings.simplefilter("ignore")  # damaged tags were reported by inspect; none is copied
            icc = im.info.get("icc_profile") if keep_icc else None
            frames = []
            for index in range(getattr(im, "n_frames", 1)):
                im.seek(index)
                frame = ImageOps.exif_transpose(im) if inspection.orientation != 1 else im
                fresh = Image.new(frame.mode, frame.size)
                fresh.paste(frame)
                frames.append(fresh)
        options = {"icc_profile": icc} if icc else {}
        frames[0].save(out, format="TIFF", compression="tiff_adobe_deflate", save_all=len(frames) > 1,
                       append_images=frames[1:], **options)
        return out.getvalue()

    def encode(self, picture, like: bytes) -> bytes:
        return saved(picture, "TIFF", compression="tiff_adobe_deflate")

    def encode_frames(self, pictures: list, like: bytes) -> bytes:
        return saved(pictures[0], "TIFF", save_all=True, append_images=pictures[1:], compression="tiff_adobe_deflate")


FORMAT = TiffFormat()
