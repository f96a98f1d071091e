"""The case file (``case.toml``): who the publication is about and what may be published."""
from __future__ import annotations

import functools
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Numbers that are always public: emergency, anonymous denunciation, search hotlines.
EMERGENCY_NUMBERS = frozenset({"911", "089", "066", "088", "060", "080", "065", "5550715", "8009112000"})

LANGUAGES = ("es", "en", "auto")


class CaseFileError(Exception):
    """The case file exists but cannot be used (bad TOML, wrong types)."""


def fold(text: str) -> str:
    """Lower-case, strip accents and compatibility forms, so 'PÉREZ' matches 'perez'."""
    if text.isascii():
        return text.casefold()  # nothing to decompose: the same result, without the per-character walk
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold_keeping_length(text: str) -> str:
    """Like :func:`fold`, but one character for each character of ``text``, so offsets in
    the folded text are offsets in the original ("ß" or "ﬁ" would otherwise grow)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join(fold(ch)[:1] or " " for ch in text)


def digits_of(text: str) -> str:
    out = []
    for ch in text:
        d = unicodedata.digit(ch, None)
        if d is not None:
            out.append(str(d))
    return "".join(out)


@dataclass
class Case:
    subject: list[str] = field(default_factory=list)
    public_contacts: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    language: str = "auto"
    source: Path | None = None

    # --- subject -------------------------------------------------------------------
    def subject_tokens(self) -> set[str]:
        """Every word of every subject form, folded: first names, surnames, nicknames."""
        out: set[str] = set()
        for form in self.subject:
            for word in re.findall(r"\w+", fold(form)):
                if len(word) > 1 and word not in _NAME_PARTICLES:
                    out.add(word)
        return out

    def is_subject_name(self, text: str, ocr: bool = False) -> bool:
        """True when every word of ``text`` is a word of the subject's names, allowing one
        typo in longer words ("Ramirez", "Luiz"). ``ocr``: text read from pixels, where a
        short misread word ("Mis Alberto" for "Luis Alberto") beside a name word still
        means the subject: erasing the missing person's name from a poster is the worst
        over-redaction there is."""
        words = [w for w in re.findall(r"\w+", fold(text)) if w not in _NAME_PARTICLES]
        if not words:
            return False
        tokens = self.subject_tokens()
        matched = [any(_near(w, t) for t in tokens) for w in words]
        if all(matched):
            return True
        return ocr and any(matched) and all(m or len(w) <= 3 for w, m in zip(words, matched))

    def is_subject_form(self, text: str) -> bool:
        """True when ``text`` names the subject although a relationship word introduced it:
        one of the listed forms (without "don", "doña", "el", "la"), the start of the full
        name ("Brenda" of "Brenda Guadalupe Ortiz Salcedo"), or words of it that end with its
        last surname ("Guadalupe Saucedo Tovar"). A relative shares some of the subject's
        names but not that way: the father of Adrián Esteban Lucero Franco is "Esteban
        Lucero", his son "Emiliano Paz" of "Rodrigo Emiliano Paz Cortés", and a lone later
        word ("Alberto" of "Jesús Alberto ...") is a brother as often as the subject."""
        words = _without_honorific(re.findall(r"\w+", fold(text)))
        if not words:
            return False
        for form in self.subject:
            form_words = _without_honorific(re.findall(r"\w+", fold(form)))
            if not form_words:
                continue
            if words == form_words or (len(form_words) > 2 and words == form_words[: len(words)]):
                return True
            n = len(words)
            inside = any(form_words[i:i + n] == words for i in range(len(form_words) - n + 1))
            if inside and n >= 2 and len(form_words) >= 3 and words[-1] == form_words[-1]:
                return True
        return False

    # --- contacts ------------------------------------------------------------------
    def public_digits(self) -> set[str]:
        out = set(EMERGENCY_NUMBERS)
        for c in self.public_contacts:
            d = digits_of(c)
            if len(d) >= 3:
                out.add(d)
                # a national number is the same contact with or without the country code
                for prefix in ("521", "52", "1"):
                    if d.startswith(prefix) and len(d) - len(prefix) == 10:
                        out.add(d[len(prefix):])
        return out

    def public_texts(self) -> set[str]:
        return {fold(c).strip() for c in self.public_contacts if not digits_of(c) or "@" in c or "." in c}

    def is_public_contact(self, value: str) -> bool:
        d = digits_of(value)
        # compared by digits only when the value is a number (or carries a whole phone
        # number, as a wa.me link does): "ana911@gmail.com" is not the 911
        if d and (len(d) >= 7 or not any(ch.isalpha() for ch in value)):
            pub = self.public_digits()
            if d in pub:
                return True
            for prefix in ("521", "52", "1"):
                if d.startswith(prefix) and d[len(prefix):] in pub:
                    return True
        folded = fold(value).strip()
        return bool(folded) and folded in self.public_texts()


def _near(word: str, token: str) -> bool:
    """Equal, or one edit apart for words of 5+ letters (two for 9+)."""
    if word == token:
        return True
    allowed = 2 if len(token) >= 9 else 1 if len(token) >= 5 else 0
    if not allowed or abs(len(word) - len(token)) > allowed:
        return False
    previous = list(range(len(token) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(token, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        if min(current) > allowed:
            return False
        previous = current
    return previous[-1] <= allowed


_NAME_PARTICLES = {"de", "del", "la", "las", "los", "y", "van", "von", "da", "di", "el"}
_HONORIFICS = {"don", "dona", "el", "la", "senor", "senora", "sr", "sra", "mr", "mrs", "ms"}


def _without_honorific(words: list[str]) -> list[str]:
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def string_list(table: dict, key: str, source: Path) -> list[str]:
    """A TOML value that must be a list of strings (one string is taken as a list of one)."""
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CaseFileError(f"{source}: '{key}' must be a list of strings")
    return [v for v in value if v.strip()]


def load_case(path: Path) -> Case:
    """Read a case file. Its errors are said in plain words, with the line and how to fix
    it ("usa comillas rectas"): the people who write case files are rarely programmers,
    and a phone or a word processor turns "..." into “...”. The error carries the message
    in each language (``.messages``); its text is in the locale's."""
    from scrub import messages

    def fail(what: str, line: int | None = None, **kwargs) -> CaseFileError:
        texts = {}
        for lang in messages.LANGS:
            fix = messages.t(f"casefile.{what}", lang, **kwargs)
            where = messages.t("casefile.at-line", lang, path=str(path), line=line) if line else str(path)
            texts[lang] = f"{where}: {fix}"
        error = CaseFileError(texts[messages.pick(None)])
        error.messages = texts
        error.line = line
        return error

    curly_quotes = "“”„‟«»‘’‚‛"

    def line_of(key: str) -> int | None:
        """The line a key is set on (for an error about its value)."""
        for number, line in enumerate(text.splitlines(), 1):
            if re.match(rf"\s*{re.escape(key)}\s*=", line):
                return number
        return None

    def toml_error(exc: Exception) -> CaseFileError:
        """What a TOML syntax error means for a case file, and how to fix it."""
        found = re.search(r"at line (\d+)", str(exc))
        lines = text.splitlines()
        number = int(found.group(1)) if found else None
        if number is None:  # "at end of document": an array or string never closed
            number = next((i for i in range(len(lines), 0, -1) if lines[i - 1].strip()), None)
        line = lines[number - 1] if number and number <= len(lines) else ""
        message = str(exc)
        if any(q in line for q in curly_quotes):
            return fail("curly-quotes", number)
        if "overwrite" in message:
            key = line.split("=", 1)[0].strip()
            return fail("twice", number, field=key)
        if "Expected '='" in message or ("=" not in line and line.strip() and not line.strip().startswith(("[", "]", '"', "#"))):
            return fail("no-equals", number)
        if "Unclosed array" in message or "end of document" in message:
            if re.search(r'"\s+"', line):
                return fail("comma", number)
            return fail("unclosed-list", number)
        if "Illegal character" in message or "Unclosed string" in message or line.count('"') % 2:
            return fail("unclosed-quote", number)
        value = line.split("=", 1)[1].strip() if "=" in line else ""
        if value and not value.startswith(("[", '"', "'")):
            return fail("no-quotes", number, field=line.split("=", 1)[0].strip(), value=value)
        return fail("syntax", number, reason=message)

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail("unreadable", reason=exc.strerror or str(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows Notepad) is harmless
    except UnicodeDecodeError as exc:
        raise fail("not-utf8") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc) from exc

    def str_list(key: str) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("not-a-list", line_of(key), field=key)
        return string_list(data, key, path)

    language = data.get("language", "auto")
    if language not in LANGUAGES:
        raise fail("language", line_of("language"), choices=", ".join(f'"{lang}"' for lang in LANGUAGES))
    return Case(
        subject=str_list("subject"),
        public_contacts=str_list("public_contacts"),
        withheld=str_list("withheld"),
        language=language,
        source=path,
    )


def find_case_file(target: Path) -> Path | None:
    """``<stem>.case.toml`` beside the file, else ``case.toml`` in its folder or a parent
    (for a folder: ``case.toml`` in it or a parent)."""
    target = target.resolve()
    finder = CaseFinder()
    return finder.find_from_folder(target) if target.is_dir() else finder.find(target)


class CaseFinder:
    """:func:`find_case_file` for the many files of one run: each folder is listed once,
    so a folder of 1,600 photos costs one listing instead of thousands of file-system
    calls. Made afresh for each run, so a case file written between runs is seen.

    A file is looked up from the folder it is listed in (a linked file is not followed to
    where it points): that folder is how the volunteer grouped the card's files."""

    def __init__(self) -> None:
        self._names: dict[Path, frozenset[str]] = {}
        self._resolved: dict[Path, Path] = {}
        self._shared: dict[Path, Path | None] = {}

    def _listing(self, folder: Path) -> frozenset[str]:
        names = self._names.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(folder))
            except OSError:
                names = frozenset()
            self._names[folder] = names
        return names

    def _file_in(self, folder: Path, name: str) -> Path | None:
        return folder / name if name in self._listing(folder) and (folder / name).is_file() else None

    def _folder(self, folder: Path) -> Path:
        if folder not in self._resolved:
            self._resolved[folder] = folder.resolve()
        return self._resolved[folder]

    def find_from_folder(self, folder: Path) -> Path | None:
        """``case.toml`` in ``folder`` or the nearest parent."""
        folder = self._folder(folder)
        if folder not in self._shared:
            self._shared[folder] = next((hit for d in (folder, *folder.parents) if (hit := self._file_in(d, "case.toml"))), None)
        return self._shared[folder]

    def find(self, target: Path) -> Path | None:
        folder = self._folder(target.parent)
        return self._file_in(folder, f"{target.name.split('.')[0]}.case.toml") or self.find_from_folder(folder)


def load_case_cached(path: Path) -> Case:
    """Like :func:`load_case`, loading each case file once per change: hundreds of photos
    in a batch share one case.toml."""
    try:
        st = path.stat()
    except OSError as exc:
        raise CaseFileError(f"{path}: {exc.strerror or exc}") from exc
    return _load_case_cached(path.resolve(), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=256)
def _load_case_cached(path: Path, _mtime_ns: int, _size: int) -> Case:
    return load_case(path)
