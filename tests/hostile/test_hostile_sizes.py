"""Issue 14, "Hostile sizes: bounded time and memory, then a clear refusal". Each class
runs at a small size and at one large size (the issue's measured size where it builds in
seconds; ``SCRUB_HOSTILE_FULL=1`` adds the rest of the issue's sizes). The bounds are the
issue's proposed defaults: 60 s and 1 GB per file (the 50 MB line: 60 s, so a line costs
at most 1.2 s a MB). Every run is in a child process watched from outside: the watchdog
kills it a little past the bound, so a failing case costs CI its bound, not the issue's
measured minutes. Outcome: findings (exit 1) or not checked (exit 2, plain words), never
clean; inputs untouched."""
from __future__ import annotations

import os
import threading
import time

import pytest

import hostile_inputs as H
from hostile_support import (
    FULL,
    assert_finished,
    assert_inputs_untouched,
    assert_no_internal_error,
    assert_not_checked,
    assert_not_clean,
    blocking,
    run_scrub,
    tree_state,
)

SECONDS = 60
MB = 1024


def _bounded(args, seconds=SECONDS, mb=MB):
    """Run with the watchdog a little past the bound (and well before the machine suffers)."""
    run = run_scrub(args, timeout=seconds + 10, max_rss_mb=max(mb * 1.5, mb + 512))
    assert_finished(run, seconds=seconds, mb=mb)
    return run


def _check(path, seconds=SECONDS, mb=MB, *extra):
    folder = path.parent
    before = tree_state(folder)
    run = _bounded(["check", "--jobs", "1", "--format", "json", *extra, path], seconds, mb)
    assert_not_clean(run, path.name)
    assert_inputs_untouched(before, tree_state(folder))
    return run


def _sizes(small, large, full=()):
    return [*small, *large, *(full if FULL else ())]


# ---- long texts -------------------------------------------------------------------------

@pytest.mark.parametrize("megabytes", _sizes([1], [8], [50]), ids=lambda m: f"{m}MB")
def test_long_single_line_text_in_linear_time_and_bounded_memory(tmp_path, megabytes):
    path = H.write(tmp_path / "linea.txt", H.long_line(megabytes))
    run = _check(path, seconds=10 + 1.2 * megabytes)
    entry = run.json()["files"][0]
    if entry["status"] == "findings":
        assert any(f["entity"] == "PHONE" for f in blocking(entry)), "the planted phone was not found"


@pytest.mark.parametrize("count", _sizes([4_000], [40_000]), ids=lambda n: f"{n}-phones")
def test_text_with_very_many_phones_is_bounded(tmp_path, count):
    path = H.write(tmp_path / "telefonos.txt", H.many_phones(count))
    _check(path)


def test_findings_past_the_per_file_cap_make_the_file_not_checked(tmp_path):
    """100,000 phones in one file: far past any per-file cap a card needs. Past the cap the
    file is "not checked: too many details, split it", in bounded time and memory."""
    path = H.write(tmp_path / "telefonos.txt", H.many_phones(100_000))
    run = _bounded(["check", "--jobs", "1", "--format", "json", path])
    assert_not_checked(run, "100,000 phones")
    entry = run.json()["files"][0]
    assert entry["status"] == "error" and entry.get("message"), entry


# ---- images -----------------------------------------------------------------------------

@pytest.mark.parametrize("kind,count,payload", _sizes(
    [("exif", 1500, 1000), ("appn", 1500, 1000)], [("exif", 1500, 64000)], [("appn", 1500, 64000)]),
    ids=lambda v: str(v))
def test_jpeg_with_very_many_metadata_segments_is_bounded(tmp_path, kind, count, payload):
    path = H.write(tmp_path / "foto.jpg", H.jpeg_many_segments(count, payload, kind))
    _check(path)


def test_exif_entry_declaring_a_huge_count_is_bounded(tmp_path):
    """Metadata sizes are what the file claims: a count of 2.7 billion in a 3 KB photo must
    be refused or read within the bounds (the fuzz found one byte doing this)."""
    path = H.write(tmp_path / "foto.jpg", H.jpeg_exif_huge_count())
    _check(path, SECONDS, MB, "--no-ocr")


@pytest.mark.parametrize("frames", _sizes([2_000], [100_000]), ids=lambda n: f"{n}-frames")
def test_gif_with_very_many_tiny_frames_is_bounded(tmp_path, frames, tesseract):
    path = H.write(tmp_path / "animacion.gif", H.gif_many_frames(frames))
    _check(path)


@pytest.mark.parametrize("pages,side", _sizes([(4, 4000)], [(20, 5000)], [(60, 5000)]),
                         ids=lambda v: str(v))
def test_multipage_tiff_over_the_pixel_budget_is_not_checked(tmp_path, pages, side, tesseract):
    """Pages of 16 or 25 megapixels, each under the 50-million-pixel limit of one picture,
    together over it: pages are counted and their pixels added up before decoding."""
    assert pages * side * side > 50_000_000
    path = H.write(tmp_path / "paginas.tif", H.tiff_pages(pages, (side, side)))
    before = tree_state(tmp_path)
    run = _bounded(["check", "--jobs", "1", "--format", "json", path])
    assert_not_checked(run, f"{pages} pages of {side}x{side}")
    assert_inputs_untouched(before, tree_state(tmp_path))


# ---- what is not a regular file ---------------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_device_as_an_argument_is_refused_with_a_plain_message(device):
    run = _bounded(["check", "--jobs", "1", device], seconds=30)
    assert_not_checked(run, device)


@pytest.mark.parametrize("name", ["guion.txt", "foto.jpg"])
def test_sparse_file_over_the_size_limit_is_refused_from_stat(tmp_path, name, baseline_rss_mb):
    """3 GB that take a few KB of disk: refused from its size, never read (the 200 MB limit
    plus one byte at most), so the child's memory stays near that of a short check."""
    head = H.plain_jpeg() if name.endswith(".jpg") else f"{H.CARD}\n".encode()
    path = H.sparse_file(tmp_path / name, 3 * 1024 ** 3, head)
    before = tree_state(tmp_path)
    run = _bounded(["check", "--jobs", "1", path], seconds=30, mb=baseline_rss_mb + 100)
    assert_not_checked(run, f"3 GB sparse {name}")
    assert_inputs_untouched(before, tree_state(tmp_path))


def test_fifo_as_an_argument_does_not_hang(tmp_path):
    fifo = tmp_path / "guion.txt"
    os.mkfifo(fifo)
    run = run_scrub(["check", "--jobs", "1", fifo], timeout=20)
    # a writer that never comes must not matter; a late one is let through so that a hung
    # run ends when the watchdog kills it, not the test
    assert run.killed is None, f"scrub hung on a FIFO given as an argument:\n{run.describe()}"
    assert_not_checked(run, "FIFO argument")


def test_fifo_with_a_writer_as_an_argument_is_refused(tmp_path):
    """Even fed (someone writes phones into it), a FIFO is not a file to publish: refused
    as a non-regular file, not read."""
    fifo = tmp_path / "guion.txt"
    os.mkfifo(fifo)

    def feed():
        try:
            fd = os.open(fifo, os.O_WRONLY)
        except OSError:
            return
        try:
            os.write(fd, f"Informes al {H.PHONE}\n".encode() * 1000)
        except OSError:
            pass
        finally:
            os.close(fd)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        run = run_scrub(["check", "--jobs", "1", fifo], timeout=20)
    finally:
        # unblock the writer if scrub never opened the FIFO
        try:
            fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            time.sleep(0.2)
            os.close(fd)
        except OSError:
            pass
    assert_not_checked(run, "FIFO argument with a writer")
