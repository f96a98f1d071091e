"""Sound files (MP3, FLAC, Ogg Opus, WAV, M4A): every tag a recorder, a messaging app or a
tagger writes is reported and removed, and the sound itself is byte for byte the original's
(the MPEG frames, the FLAC frames, the Opus packets, the WAV data chunk, the AAC packets)."""
from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import mediafixtures as fx
import pytest
from typer.testing import CliRunner

from scrub.cli import app
from scrub.formats import sniff
from scrub.formats.audio import flac, mp3, wav

runner = CliRunner()
CASE = fx.CASE


def tagged_mp3() -> bytes:
    """An MP3 from a tagger: ID3v2.4 frames of every kind, an ID3v1 tag, an APEv2 tag."""
    from mutagen.apev2 import APEv2
    from mutagen.id3 import (
        APIC,
        COMM,
        GEOB,
        ID3,
        PRIV,
        TDRC,
        TIT2,
        TPE1,
        TSSE,
        TXXX,
        USLT,
        WXXX,
    )

    buffer = io.BytesIO(fx.encode("mp3", video=None, audio="libmp3lame"))
    tags = ID3()
    tags.add(TIT2(encoding=3, text="Mensaje para Ana"))
    tags.add(TPE1(encoding=3, text=fx.OWNER))
    tags.add(COMM(encoding=3, lang="spa", desc="", text=f"llama al {fx.PHONE}"))
    tags.add(TXXX(encoding=3, desc="GPS", text="20.6597, -103.3496"))
    tags.add(USLT(encoding=3, lang="spa", desc="", text=f"escríbeme a {fx.EMAIL}"))
    tags.add(GEOB(encoding=3, mime="text/plain", filename="notas.txt", desc="notas", data=f"casa en {fx.STREET}".encode()))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="foto", data=fx.jpeg_with_gps()))
    tags.add(PRIV(owner="WM/UniqueFileIdentifier", data=f"serial {fx.SERIAL}".encode()))
    tags.add(WXXX(encoding=3, desc="perfil", url="https://facebook.com/rosa.gomez.diaz"))
    tags.add(TDRC(encoding=3, text="2026-11-28"))
    tags.add(TSSE(encoding=3, text="Lavf62.12.102"))
    tags.save(buffer, v1=2)
    ape = APEv2()
    ape["Comment"] = f"también {fx.PHONE2}"
    buffer.seek(0)
    ape.save(buffer)
    return buffer.getvalue()


def tagged_flac() -> bytes:
    """A FLAC with Vorbis comments, a PICTURE block and a tagger's APPLICATION block."""
    from mutagen.flac import FLAC, Picture

    buffer = io.BytesIO(fx.encode("flac", video=None, audio="flac"))
    f = FLAC(buffer)
    f["ARTIST"], f["COMMENT"], f["LOCATION"], f["DATE"] = fx.OWNER, f"llama al {fx.PHONE}", fx.STREET, "2026-11-28"
    picture = Picture()
    picture.type, picture.mime, picture.desc, picture.data = 3, "image/jpeg", "foto", fx.jpeg_with_gps()
    f.add_picture(picture)
    buffer.seek(0)
    f.save(buffer)
    data = buffer.getvalue()
    blocks, _start = flac.flac_blocks(data, 0)
    app_block = b"riff" + f"owner={fx.OWNER}".encode().ljust(40, b"\x00")
    first_end = blocks[0][2]
    return data[:first_end] + bytes([2]) + len(app_block).to_bytes(3, "big") + app_block + data[first_end:]


def voice_note() -> bytes:
    """A WhatsApp-style voice note: Opus in Ogg, a vendor string and comments."""
    from mutagen.oggopus import OggOpus

    buffer = io.BytesIO(fx.encode("ogg", video=None, audio="libopus"))
    f = OggOpus(buffer)
    f["ARTIST"], f["COMMENT"] = fx.OWNER, f"llama al {fx.PHONE}"
    f.tags.vendor = "WhatsApp"
    buffer.seek(0)
    f.save(buffer)
    return buffer.getvalue()


def _chunk(cid: bytes, body: bytes) -> bytes:
    return cid + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) & 1 else b"")


def field_recording() -> bytes:
    """A WAV from a field recorder: bext (device, serial, date), LIST/INFO, iXML notes."""
    data = fx.encode("wav", video=None, audio="pcm_s16le")

    def z(text: str) -> bytes:
        return text.encode() + b"\x00"

    info = _chunk(b"LIST", b"INFO" + _chunk(b"IART", z(fx.OWNER)) + _chunk(b"ICMT", z(f"llama al {fx.PHONE}"))
                  + _chunk(b"ICRD", z("2026-11-28")) + _chunk(b"ISFT", z("Lavf62")))
    bext = (b"Entrevista familia".ljust(256, b"\x00") + b"ZOOM H5".ljust(32, b"\x00")
            + f"SN{fx.SERIAL}".encode().ljust(32, b"\x00") + b"2026-11-28" + b"18:04:11" + b"\x00" * 8 + b"\x01\x00"
            + b"\x00" * 254 + b"A=PCM,F=44100,W=16,M=mono,T=ZOOM H5")
    ixml = f"<BWFXML><PROJECT>Ficha Ana</PROJECT><NOTE>casa de {fx.OWNER}, {fx.STREET}</NOTE></BWFXML>".encode()
    chunks = {cid: data[a - 8:b] for cid, a, b in wav.riff_chunks(data)}
    body = b"WAVE" + chunks[b"fmt "] + _chunk(b"bext", bext) + info + _chunk(b"iXML", ixml) + chunks[b"data"]
    return b"RIFF" + struct.pack("<I", len(body)) + body


def voice_memo() -> bytes:
    """An iPhone Voice Memos M4A: the recording is named after where it was made."""
    from mutagen.mp4 import MP4, MP4Cover

    buffer = io.BytesIO(fx.encode("ipod", video=None, audio="aac"))
    f = MP4(buffer)
    f["\xa9nam"], f["\xa9ART"], f["\xa9day"] = f"{fx.STREET}, Guadalajara", fx.OWNER, "2026-11-28T18:04:11Z"
    f["\xa9too"] = "com.apple.VoiceMemos (iPhone Version 17.5.1)"
    f["covr"] = [MP4Cover(fx.jpeg_with_gps(), MP4Cover.FORMAT_JPEG)]
    buffer.seek(0)
    f.save(buffer)
    return buffer.getvalue()


SOUNDS = {"nota.mp3": tagged_mp3, "musica.flac": tagged_flac, "nota-de-voz.opus": voice_note,
          "entrevista.wav": field_recording, "Calle Hidalgo.m4a": voice_memo}
KINDS = {"nota.mp3": "mp3", "musica.flac": "flac", "nota-de-voz.opus": "ogg", "entrevista.wav": "wav",
         "Calle Hidalgo.m4a": "mp4"}
EXPECTED = {
    "nota.mp3": {"img-owner", "img-text", "img-gps", "img-date", "img-software", "media-picture", "media-embedded",
                 "phone-number", "email", "img-edit-history"},
    "musica.flac": {"img-owner", "img-text", "img-place", "img-date", "img-software", "media-picture",
                    "img-other-metadata", "phone-number"},
    "nota-de-voz.opus": {"img-owner", "img-text", "img-software", "phone-number"},
    "entrevista.wav": {"img-owner", "img-text", "img-date", "img-software", "img-device", "img-edit-history",
                       "phone-number"},
    "Calle Hidalgo.m4a": {"img-owner", "img-text", "img-date", "img-software", "media-picture", "mx-street-address"},
}
PLANTED = [fx.PHONE, fx.PHONE2, fx.OWNER, fx.EMAIL, "20.6597", fx.STREET, fx.SERIAL, "WhatsApp", "ZOOM H5",
           "Mensaje para Ana", "VoiceMemos", "rosa.gomez", "notas.txt", "Ficha Ana"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return fx.family_folder(tmp_path_factory, "sound", SOUNDS)


@pytest.fixture(scope="module")
def report(folder):
    return fx.checked(folder)


@pytest.fixture(scope="module")
def cleaned(folder, tmp_path_factory):
    return fx.cleaned(folder, tmp_path_factory)


@pytest.fixture(scope="module")
def exiftool():
    return fx.exiftool_fixture()


@pytest.mark.parametrize("name", sorted(SOUNDS))
def test_every_tag_is_reported(report, name):
    found = fx.of(report, name)
    assert found["kind"] == KINDS[name]
    rules = {x["rule"] for x in found["findings"]}
    assert EXPECTED[name] <= rules, rules
    assert "sound-not-heard" in found["notes"]  # what is said is not checked: said plainly


def test_each_id3_frame_is_reported_by_its_meaning(report):
    where = {(x["location"]["tag"], x["rule"]) for x in fx.of(report, "nota.mp3")["findings"]}
    for pair in [("TPE1", "img-owner"), ("COMM", "img-text"), ("COMM", "phone-number"), ("TXXX:GPS", "img-gps"),
                 ("USLT", "email"), ("GEOB", "media-embedded"), ("APIC", "media-picture"), ("WXXX:perfil", "img-owner"),
                 ("TDRC", "img-date"), ("artist", "img-owner"), ("Comment", "phone-number")]:
        assert pair in where, pair


def test_values_in_the_report_are_masked(report):
    text = json.dumps(report, ensure_ascii=False)
    for raw in (fx.PHONE, fx.OWNER, fx.EMAIL, fx.SERIAL):
        assert raw not in text


def test_clean_succeeds_and_the_copies_check_clean(cleaned):
    fx.assert_copies_check_clean(cleaned)


@pytest.mark.parametrize("name", sorted(SOUNDS))
def test_exiftool_finds_nothing_in_the_copy(exiftool, cleaned, folder, name):
    out, _rep, _code = cleaned
    assert fx.oracle_leaks(exiftool(out / name), PLANTED) == []
    assert fx.oracle_leaks(exiftool(folder / name), PLANTED)


@pytest.mark.parametrize("name", sorted(SOUNDS))
def test_planted_values_are_nowhere_in_the_copy(cleaned, name):
    out, _rep, _code = cleaned
    blob = (out / name).read_bytes()
    assert [raw for raw in PLANTED if raw.encode("utf-8") in blob] == []


@pytest.mark.parametrize("name", sorted(SOUNDS))
def test_the_sound_is_byte_for_byte_the_original(folder, cleaned, name):
    """The packets an independent demuxer (FFmpeg's) reads are the same bytes, and both
    decode to the same number of samples."""
    out, _rep, _code = cleaned
    before, after = (folder / name).read_bytes(), (out / name).read_bytes()
    assert fx.packets(before) == fx.packets(after)
    assert fx.decoded_frames(before) == fx.decoded_frames(after)
    assert fx.decoded_frames(after)[1] > 80_000


def test_mp3_copy_is_its_frames_only(folder, cleaned):
    out, _rep, _code = cleaned
    before, after = (folder / "nota.mp3").read_bytes(), (out / "nota.mp3").read_bytes()
    assert after[:2] == b"\xff\xfb" and after[-128:-125] != b"TAG" and b"APETAGEX" not in after
    assert after in before  # one run of the original's bytes: the frames, untouched


def test_flac_and_wav_keep_their_audio_bytes(folder, cleaned):
    out, _rep, _code = cleaned
    for name in ("musica.flac", "entrevista.wav"):
        before, after = (folder / name).read_bytes(), (out / name).read_bytes()
        if name.endswith(".flac"):
            _blocks, start = flac.flac_blocks(after, 0)
            assert before.endswith(after[start:])
        else:
            data = {cid: after[a:b] for cid, a, b in wav.riff_chunks(after)}[b"data"]
            assert data == {cid: before[a:b] for cid, a, b in wav.riff_chunks(before)}[b"data"]
            assert [cid for cid, _a, _b in wav.riff_chunks(after)] == [b"fmt ", b"data"]


def test_sound_files_are_told_by_their_bytes():
    assert sniff(b"ID3\x04\x00\x00\x00\x00\x00\x00") == "mp3"
    assert sniff(b"\xff\xfb\x90\x64\x00\x00") == "mp3"
    assert sniff("\ufeffhola".encode("utf-16-le")) == "text"  # FF FE: a text's byte-order mark, not MPEG
    assert sniff(b"ID3 tags: what a tagger writes\n") == "text"  # a script about tags is a script
    assert sniff(b"fLaC\x00\x00\x00\x22") == "flac"
    assert sniff(b"OggS\x00\x02") == "ogg"
    assert sniff(b"RIFF\x24\x00\x00\x00WAVEfmt ") == "wav"


def test_a_damaged_sound_file_is_not_checked(folder, tmp_path):
    data = (folder / "musica.flac").read_bytes()
    (tmp_path / "cortado.flac").write_bytes(data[:60])
    (tmp_path / "falso.mp3").write_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 300)
    result = json.loads(runner.invoke(app, ["check", "--format", "json", str(tmp_path)]).stdout)
    assert result["exit_code"] == 2
    assert {f["error"] for f in result["files"]} == {"media-damaged"}


def test_junk_between_mp3_frames_is_reported_and_dropped(folder, tmp_path):
    data = (folder / "nota.mp3").read_bytes()
    found = mp3.FORMAT.inspect(data)
    a, b = found.sound[5]
    spliced = data[:b] + f"nota: llama al {fx.PHONE3}".encode() + data[b:]
    again = mp3.FORMAT.inspect(spliced)
    assert any(i.segment == "between the sound frames" and fx.PHONE3 in i.value for i in again.items)
    copy = mp3.FORMAT.strip(spliced, again)
    assert fx.PHONE3.encode() not in copy and fx.packets(copy) == fx.packets(data)


def _check(tmp_path, name: str, data: bytes) -> dict:
    folder = tmp_path / name.split(".")[0]
    folder.mkdir()
    (folder / name).write_bytes(data)
    return json.loads(runner.invoke(app, ["check", "--format", "json", str(folder)]).stdout)


def _rules(result: dict) -> set[str]:
    return {f["rule"] for f in result["files"][0]["findings"]}


def test_a_vorbis_field_with_an_invalid_name_is_still_read(folder, tmp_path):
    """mutagen drops a field whose name breaks the Vorbis rules ("co\\x7fment"): found by fuzzing."""
    data = (folder / "musica.flac").read_bytes()
    at = data.index(b"COMMENT=")
    broken = data[:at + 2] + b"\x7f" + data[at + 3:]
    assert "phone-number" in _rules(_check(tmp_path, "roto.flac", broken))


def test_an_id3_frame_mutagen_does_not_know_is_still_read(folder, tmp_path):
    """A comment frame whose ID was mistyped (COMM -> COMI) is dropped by mutagen: found by fuzzing."""
    data = (folder / "nota.mp3").read_bytes()
    at = data.index(b"COMM")
    result = _check(tmp_path, "raro.mp3", data[:at] + b"COMI" + data[at + 4:])
    assert "phone-number" in _rules(result)


def test_a_phone_spliced_into_the_sound_itself_fails_the_copy(folder, tmp_path):
    """The WAV's sound is copied byte for byte: a phone written inside the data chunk is
    found by the sweep of the file's readable bytes, and clean refuses to call the copy clean."""
    data = (folder / "entrevista.wav").read_bytes()
    at = data.index(b"data") + 400
    spliced = data[:at] + f"llama al {fx.PHONE3}".encode() + data[at + 20:]
    result = _check(tmp_path, "empalme.wav", spliced)
    phones = [f for f in result["files"][0]["findings"] if f["rule"] == "phone-number"]
    assert any(f["location"]["segment"] == "readable bytes" for f in phones)
    out = tmp_path / "limpio"
    cleaned = json.loads(runner.invoke(app, ["clean", "--format", "json", "--out", str(out),
                                              str(tmp_path / "empalme")]).stdout)
    assert cleaned["exit_code"] == 2 and cleaned["files"][0]["status"] == "error"
    assert not any(p.is_file() and fx.PHONE3.encode() in p.read_bytes() for p in out.rglob("*")) if out.exists() else True


def test_the_sweep_reports_only_what_was_planted(report):
    """The sweep of readable bytes adds no finding of its own in files made by real encoders
    and taggers: no tone's repeated bytes, no encoder version, no date glued to a time (a
    WAV's bext chunk). What it reports is a planted value no reader reached (the EXIF of an
    M4A's cover picture), or nothing."""
    swept = [(Path(entry["path"]).name, f["rule"]) for entry in report["files"] for f in entry["findings"]
             if f["location"].get("segment") == "readable bytes"]
    assert set(swept) <= {("Calle Hidalgo.m4a", "phone-number")}, swept


def test_a_tag_field_that_swallowed_the_next_one_does_not_hide_a_phone(tmp_path):
    """A damaged length makes a Vorbis comment's "encoder" field (reported for its kind
    only, read by no rule) swallow the comment after it; the phone the byte sweep finds is
    not taken as already read from that field (found by fuzzing an Opus note)."""
    from mutagen.flac import FLAC

    buffer = io.BytesIO(fx.encode("flac", video=None, audio="flac"))
    tags = FLAC(buffer)
    tags["ENCODER"], tags["COMMENT"] = "Lavf62", f"llama al {fx.PHONE}"
    buffer.seek(0)
    tags.save(buffer)
    data = buffer.getvalue()
    at = data.index(b"ENCODER=")
    length = int.from_bytes(data[at - 4:at], "little")
    following = int.from_bytes(data[at + length:at + length + 4], "little")  # the comment's length
    assert data[at + length + 4:].startswith(b"COMMENT=")
    count_at = at - 8  # the field count, just before the first field
    swollen = bytearray(data[:at - 4] + (length + 4 + following).to_bytes(4, "little") + data[at:])
    swollen[count_at:count_at + 4] = (1).to_bytes(4, "little")  # one field, as the damage leaves it
    result = _check(tmp_path, "hinchada.flac", bytes(swollen))
    assert result["exit_code"] == 1 and "phone-number" in _rules(result)
