"""Pictures as a person sees them: decoded by Pillow, turned by their EXIF orientation, and
every distinct frame of an animation or page of a TIFF."""
from __future__ import annotations

from scrub.policy import MAX_PIXELS, ErrorCode, Unverified


def displayed(data: bytes):
    """The picture as a person sees it: decoded, turned by its EXIF orientation, RGB.
    (A format Pillow does not open by itself registers its opener first: HEIC.)"""
    import io

    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # a second guard: Pillow refuses larger pictures
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        shown = ImageOps.exif_transpose(im)
        return shown.convert("RGB")


MAX_FRAMES = 40  # distinct pictures read in one file (animation frames, TIFF pages)


def frames(data: bytes, animated: bool = True):
    """Every distinct picture a person sees in the file (the frames of an animated GIF,
    WebP or PNG, the pages of a TIFF), and for each frame in order the index of its
    picture: text shown only in the fifth frame of an animation is still text on the card.
    A still image, or a format whose primary picture only is read (``animated=False``),
    gives ([displayed(data)], [0])."""
    import hashlib
    import io

    from PIL import Image

    if animated:
        with Image.open(io.BytesIO(data)) as im:
            count = getattr(im, "n_frames", 1)
            if count > 1:
                pictures: list = []
                order: list[int] = []
                seen: dict[bytes, int] = {}
                for index in range(count):
                    im.seek(index)
                    picture = im.convert("RGB")
                    key = hashlib.blake2b(picture.tobytes(), digest_size=16).digest()
                    if key not in seen:
                        if len(pictures) == MAX_FRAMES:
                            raise Unverified(ErrorCode.TOO_MANY_FRAMES, f"more than {MAX_FRAMES} different frames")
                        seen[key] = len(pictures)
                        pictures.append(picture)
                    order.append(seen[key])
                return pictures, order
    return [displayed(data)], [0]
