"""pikepdf (QPDF), loaded when a PDF is read, and its strings as text."""
from __future__ import annotations

from scrub.formats.meta.items import printable
from scrub.policy import ErrorCode, Unverified


def load():
    try:
        import pikepdf
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, "pikepdf is not installed") from exc
    return pikepdf


def text(value) -> str:
    try:
        return printable(str(value).encode("utf-8"))
    except Exception:  # noqa: BLE001 - a string that is not text
        return printable(bytes(value))
