"""TIFF: metadata lives in the same tag directory as the picture's own structure, so a
clean copy is written from the decoded pixels (lossless compression, no tags but the
picture's own). Pillow would carry XMP, IPTC and Photoshop tags over from the original if
asked to re-save it, so the pixels are copied into a new image first."""
from __future__ import annotations

import io

from scrub.media.base import MAX_PIXELS, ImageError, Inspection, exif_items


class TiffHandler:
    format = "tiff"

    def inspect(self, data: bytes) -> Inspection:
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    raise ImageError("too-big", f"{width}x{height} pixels")
                im.load()
        except ImageError:
            raise
        except Exception as exc:
            raise ImageError("corrupt", str(exc)) from exc
        items, orientation, _thumb = exif_items(data, "IFD0")
        from scrub.media.base import HARMLESS, OTHER

        # the picture's own tags are structure, not metadata worth a finding
        items = [i for i in items if not (i.kind == OTHER and i.tag.startswith(("Tag0x", "Strip", "Tile")))]
        result = Inspection("tiff", width, height, [i for i in items if i.kind != HARMLESS] + [i for i in items if i.kind == HARMLESS], orientation)
        return result

    def clean(self, data: bytes, inspection: Inspection) -> bytes:
        from PIL import Image, ImageOps

        out = io.BytesIO()
        with Image.open(io.BytesIO(data)) as im:
            frames = []
            for index in range(getattr(im, "n_frames", 1)):
                im.seek(index)
                frame = ImageOps.exif_transpose(im) if inspection.orientation != 1 else im
                fresh = Image.new(frame.mode, frame.size)
                fresh.paste(frame)
                frames.append(fresh)
        frames[0].save(out, format="TIFF", compression="tiff_adobe_deflate", save_all=len(frames) > 1,
                       append_images=frames[1:])
        return out.getvalue()
