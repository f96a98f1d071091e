"""Who the card is about, and which number is the collective's, when no case file says so.

Without a case file every name looked like a relative and every phone like the family's:
"Hola, soy Ana Lucía Pérez Gómez" became "soy [nombre]" and the collective's hotline
"[teléfono]", and the card was useless. Cards introduce both in a few set ways, so they are
read from the text:

- the missing person: "soy ...", "me llamo ...", "soy la mamá de ...", "se busca a ...",
  "ayúdanos a encontrar a ...", "buscamos a mi hijo ...", "have you seen ...", "help us
  find ...", a name heading the card after "SE BUSCA" or "FICHA DE BÚSQUEDA", or a name
  in bold followed by an age ("**Diana Marisol Vega Robles**, 19,"); with the short forms
  the text itself gives ("me dicen Anita", "le decimos Beto", "(“Chuy”)") and the first
  given name;
- the public contacts: a number introduced by a collective, an institution or a hotline
  ("comunícate con el colectivo al ...", "call the collective at ...", "Fiscalía ...: ...",
  "Línea del colectivo: ..."), with no word between them that makes it a person's ("mi",
  "su mamá", "my"), and toll-free numbers (800), which reach an institution, never a family.

What was assumed is returned with the reason, for the report to say it in plain words and
to suggest the case file that would confirm it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from scrub.case import Case, fold, fold_keeping_length
from scrub.text import lexicon

_UPPER = "A-ZÁÉÍÓÚÑÜ"
_WORD = rf"[{_UPPER}][a-záéíóúñü'’]+"
_PARTICLE = r"(?:de[ \t]+la[ \t]+|de[ \t]+los[ \t]+|de[ \t]+|del[ \t]+)"
_FULL = rf"{_WORD}(?:[ \t]+{_PARTICLE}?{_WORD}){{0,4}}"
_CAPS_WORD = rf"[{_UPPER}]{{2,}}"
_CAPS_FULL = rf"{_CAPS_WORD}(?:[ \t]+(?:DE[ \t]+LA[ \t]+|DE[ \t]+|DEL[ \t]+)?{_CAPS_WORD}){{1,4}}"


@functools.lru_cache(maxsize=1)
def _subject_cues() -> list[tuple[re.Pattern, str]]:
    rel = rf"(?:{lexicon.alternation('relation_es')}|{lexicon.alternation('relation_en')})"
    rel = re.sub(r"(?<!\\)[aeiou]", lambda m: {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uú]"}[m.group()], rel)
    name = rf"(?:\*\*|__)?(?P<name>{_FULL}|{_CAPS_FULL})"
    return [
        # a relative speaking: "Soy la mamá de Yesenia Abarca Nava", "I'm the sister of ..."
        (re.compile(rf"(?i:\b(?:soy|i\s+am|i'm)\s+(?:la|el|the)\s+{rel}\s+(?:de|of)\s+){name}"), "soy la mamá de"),
        # the photo speaks: "Hola, soy Ana Lucía Pérez Gómez", "Me llamo ...", "My name is ..."
        (re.compile(rf"(?i:\b(?:me\s+llamo|mi\s+nombre\s+es|soy|my\s+name\s+is|i\s+am|i'm))\s+{name}"), "soy"),
        (re.compile(rf"(?i:\b(?:se\s+busca\s+a|buscamos\s+a|busco\s+a|estamos\s+buscando\s+a|seguimos\s+buscando\s+a|"
                    rf"ay[uú]d(?:a|e)(?:n|nos|me|nme|nnos)?\s+a\s+(?:encontrar|buscar|localizar)\s+a|"
                    rf"(?:para|de)\s+(?:localizar|encontrar|ubicar|hallar)\s+a|"
                    rf"(?:his|her)\s+name\s+is|su\s+nombre\s+es|"
                    rf"have\s+you\s+seen|help\s+(?:us|me)\s+(?:find|locate)|looking\s+for|"
                    rf"we\s+are\s+searching\s+for|missing)(?:\s+(?:a\s+)?(?:mi|mis|nuestr[ao]s?|su|my|our|her|his)\s+{rel})?[\s:,]+){name}"),
         "se busca a"),
        # the card's heading: "SE BUSCA\n\nMauricio Esteban ...", "FICHA DE BÚSQUEDA — NAME"
        (re.compile(rf"(?i:\b(?:se\s+busca|ficha\s+de\s+b[uú]squeda|ficha\s+de\s+localizaci[oó]n|desaparecid[oa]|"
                    rf"missing(?:\s+person)?|help\s+us\s+find|ay[uú]danos\s+a\s+encontrar(?:l[oa])?)\b)[^\w\n]*(?:\n[^\w\n]*)*{name}"),
         "encabezado"),
        # a name in bold, then an age: "**Diana Marisol Vega Robles**, 19,"
        (re.compile(rf"(?:\*\*|__)(?P<name>{_FULL})(?:\*\*|__)[ \t]*,?[ \t]*(?:de[ \t]+)?\d{{1,2}}\b"), "nombre y edad"),
        (re.compile(rf"(?m:^[ \t]*(?:nombre|name)[ \t]*:[ \t*_]*(?P<name>{_FULL}|{_CAPS_FULL}))", re.IGNORECASE), "nombre:"),
    ]


_NICKNAME = re.compile(
    rf"(?i:\b(?:me\s+dicen|le\s+dicen|le\s+decimos|le\s+decían|le\s+apodan|mejor\s+conocid[oa]\s+como|alias|conocid[oa]\s+como|"
    rf"goes\s+by|they\s+call\s+(?:him|her|me)|we\s+call\s+(?:him|her))\s+)[\"“'‘]?(?P<nick>(?:(?:el|la|El|La)\s+)?{_WORD})"
)
_QUOTED_NICK = re.compile(rf"[(\[][\"“'‘]?(?P<nick>{_WORD})[\"”'’]?[)\]]|[\"“](?P<nick2>{_WORD})[\"”]")


@dataclass
class Assumed:
    subject: list[str] = field(default_factory=list)
    subject_why: str = ""
    public_contacts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out: dict = {}
        if self.subject:
            out["subject"] = list(self.subject)
            out["subject_from"] = self.subject_why
        if self.public_contacts:
            out["public_contacts"] = list(self.public_contacts)
        return out


def _name_forms(name: str) -> list[str]:
    words = name.split()
    forms = [name]
    if len(words) >= 2:
        forms.append(words[0])
    if len(words) >= 4:
        forms.append(" ".join(words[:2]))  # the two given names: "Ana Lucía"
    return forms


def _title(name: str) -> str:
    if not name.isupper():
        return name
    return " ".join(w.lower() if w in ("DE", "DEL", "LA", "LOS", "Y") else w.capitalize() for w in name.split())


def infer_subject(text: str) -> tuple[list[str], str]:
    """The missing person's forms and the cue they were read from, or ([], "")."""
    not_names = lexicon.word_set("not_names") | lexicon.word_set("relation_es") | lexicon.word_set("relation_en")
    relation = re.compile(rf"(?i:\b(?:y\s+)?(?:soy|i\s+am|i'm)\s+(?:la|el|su|the|his|her)\s+"
                          rf"(?:{lexicon.alternation('relation_es')}|{lexicon.alternation('relation_en')})\b)")
    for pattern, why in _subject_cues():
        for m in pattern.finditer(text):
            if why == "soy" and relation.search(fold(text[m.end():m.end() + 40])):
                continue  # "Me llamo Graciela y soy la mamá": the writer, a relative
            name = _title(m.group("name").strip())
            words = [w for w in name.split() if fold(w) not in not_names]
            while words and fold(words[-1]) in ("de", "del", "la", "los", "y"):
                words.pop()
            if not words or fold(words[0]) in ("de", "del", "la"):
                continue
            name = " ".join(name.split()[: name.split().index(words[-1]) + 1]) if words[-1] in name.split() else " ".join(words)
            if not _name_like(name):
                continue  # "HAVE YOU SEEN THIS MAN?": no name there; the next cue may have one
            forms = _name_forms(name)
            forms += _nicknames(text, name)
            return list(dict.fromkeys(forms)), why
    return [], ""


def _name_like(name: str) -> bool:
    """A given name first, or two or more words none of which is a common word."""
    words = [fold(w) for w in name.split()]
    if words[0] in lexicon.word_set("given_names") or words[0] in lexicon.word_set("hypocoristic"):
        return True
    common = lexicon.word_set("stopwords") | lexicon.word_set("not_names")
    return len(words) >= 2 and not any(w in common for w in words)


def _nicknames(text: str, name: str) -> list[str]:
    out = []
    for m in _NICKNAME.finditer(text):
        out.append(m.group("nick"))
    first = re.escape(name.split()[0])
    # "Jorge Alberto Salgado Nava ("Beto")": a nickname in quotes or brackets beside the name
    for m in re.finditer(rf"{first}[^\n]{{0,60}}?(?:{_QUOTED_NICK.pattern})", text):
        out.append(m.group("nick") or m.group("nick2"))
    return [n for n in out if n and fold(n) not in lexicon.word_set("not_names")]


@functools.lru_cache(maxsize=1)
def _public_intro() -> re.Pattern:
    words = (r"colectivo|colectiva|collective|fiscal[ií]a|comisi[oó]n|l[ií]nea|hotline|tips?|tip\s+line|"
             r"denuncia|denuncias|an[oó]nima|cruz\s+roja|red\s+cross|consulado|consulate|embajada|"
             r"search\s+commission|prosecutor|sheriff|police\s+department|organizaci[oó]n|asociaci[oó]n|fundaci[oó]n|"
             r"buscadoras|madres|familias|families|mothers|red|brigada|movimiento")
    # acronyms only as they are written, in capitals: "DIF", not "dif" inside other letters
    # (a mutated script's "·DIf{" made its phone the DIF's, found by fuzzing)
    return re.compile(rf"(?i:\b(?:{words})\b)|\b(?:DIF|CNB)\b")


# words that make a number a person's: "mi", "su mamá", "my", "her cell"
@functools.lru_cache(maxsize=1)
def _personal() -> re.Pattern:
    rel = rf"(?:{lexicon.alternation('relation_es')}|{lexicon.alternation('relation_en')})"
    # "nos dieron su número" is the institution's number given to the family: "nos" and
    # "us" are who received it, not whose it is
    return re.compile(rf"(?<![\w])(?:mi|mis|mio|mia|nuestro|nuestra|yo|my|i|our|{rel})(?![\w])")


# Mexico's toll-free lines are 800 (after 01 or +52); North America's are 800, 833, 844,
# 855, 866, 877 and 888, but 833 and 844 are also Tampico's and Saltillo's area codes, so
# those two count only with the +1 in front
_TOLL_FREE = re.compile(r"^(?:52|01)?800\d{7}$|^1?8(?:55|66|77|88)\d{7}$|^18(?:00|33|44)\d{7}$")


def is_toll_free(digits: str) -> bool:
    return bool(_TOLL_FREE.match(digits))


def infer_public_contacts(text: str, phones: list[tuple[int, int]]) -> list[str]:
    """The phones (spans of ``text``) that a collective, an institution or a hotline
    introduces, with nothing between that makes them a person's."""
    folded = fold_keeping_length(text)
    out = []
    for start, end in phones:
        # the introduction may be a line or two above ("LÍNEA DEL COLECTIVO\nAMOR Y DIGNIDAD
        # NL: 81 ...", a subtitle cue before), within the same sentence
        window_start = max(0, start - 120)
        breaks = [i for i in range(window_start, start) if text[i] == "\n"]
        if len(breaks) > 2:
            window_start = breaks[-3] + 1
        stop = max(text.rfind(ch, window_start, start) for ch in ".!?")
        if stop >= 0:
            window_start = stop + 1
        intros = list(_public_intro().finditer(text, window_start, start))
        if not intros:
            continue
        between = folded[intros[-1].end():start]
        if _personal().search(between) or re.search(r"[.!?]\s", text[intros[-1].end():start]):
            continue
        out.append(text[start:end])
    return list(dict.fromkeys(out))


def complete_case(case: Case | None, text: str, phones: list[tuple[int, int]]) -> tuple[Case, Assumed]:
    """``case`` with what the text says and the case does not: the subject when none is
    given, and the public contacts when the case gives neither subject nor contacts."""
    case = case or Case()
    assumed = Assumed()
    subject = list(case.subject)
    contacts = list(case.public_contacts)
    if not subject:
        assumed.subject, assumed.subject_why = infer_subject(text)
        subject = assumed.subject
    if not case.subject and not case.public_contacts:
        assumed.public_contacts = infer_public_contacts(text, phones)
        contacts = assumed.public_contacts
    if not assumed.subject and not assumed.public_contacts:
        return case, assumed
    from dataclasses import replace

    return replace(case, subject=subject, public_contacts=contacts), assumed
