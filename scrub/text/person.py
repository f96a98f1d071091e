"""People other than the missing person: relatives, partners, friends, witnesses.

Two sources: the spaCy NER model (PER entities) and the ways families introduce someone:
a relationship word ("mi mamá, Martha...", "su hermano el Chino", "Tía Mago:", "Papá (Rubén
Villalpando)"), a role after a name ("MARÍA ELENA SOTELO RÍOS (ESPOSA)"), an honorific
("doña Chela"), a form's label ("Familiar que reporta:", "Titular:"), a speaker in a chat
log ("[08:14] Anabel:"), a nickname with its article ("el Flaco"). The case file's subject
is then taken out, in all its forms, so the missing person's name is never flagged. The
relationship word itself stays visible: it is what keeps the script readable ("mi mamá
[nombre]").

Text written in capitals (forms, posters) is read through a copy in which each run of
capitalised words is written as a name is ("MARÍA ELENA" -> "María Elena"), offsets
unchanged, so the patterns and the model see names there too.

The model also takes places, brands and collectives for people; its guesses are dropped
when they are a place that carries a person's name (states, municipalities, streets named
after heroes: "Juárez y Morelos", "bulevar López Mateos"), a brand on clothing ("gorra de
John Deere"), a collective ("Valley Families Searching Together"), or words inside a
tattoo's description ("un tatuaje que dice "Mamá Lupe"").
"""
from __future__ import annotations

import functools
import re

from scrub.case import fold
from scrub.text import lexicon
from scrub.text.names import NAME as _NAME
from scrub.text.names import NAME_WORD as _NAME_WORD
from scrub.text.names import PARTICLE as _PARTICLE
from scrub.text.names import UPPER as _UPPER
from scrub.text.names import accent_tolerant as _accent_tolerant
from scrub.text.not_person import (
    VENUE_END,
    brands,
    business_name,
    is_place,
    non_person_zones,
    sentence_start,
    tattoo_spans,
)
from scrub.text.recognizer import ScrubRecognizer
from scrub.text.spans import Span, SpanIndex

_POSSESSIVE = r"mi|mis|su|sus|tu|tus|nuestr[ao]s?|la|el|una|un|my|his|her|their|our|your|the|a"
_ADJECTIVE = r"querid[ao]|pequeñ[ao]|little|older|younger|oldest|youngest|big|baby|best|mejor|otr[oa]"


@functools.lru_cache(maxsize=1)
def _relation() -> str:
    return rf"(?:{lexicon.alternation('relation_es')}|{lexicon.alternation('relation_en')})"


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    rel = _accent_tolerant(_relation())
    nick = _accent_tolerant(lexicon.alternation("nickname_with_article"))
    honorific = _accent_tolerant(lexicon.alternation("honorific")).replace(r"\.", r"\.?")
    intro = _accent_tolerant(lexicon.alternation("name_intro"))
    # a nickname with its article, a name, or a name in quotes ("EL BETO", “Chuy”)
    named = (rf"(?:(?i:el|la)[ \t]+(?i:{nick})\b|(?:el|la)[ \t]+{_NAME_WORD}|{_NAME}"
             rf"""|(?<=["“'‘])(?:(?:EL|LA|El|La)[ \t]+)?[{_UPPER}][\wÁÉÍÓÚÑáéíóúñ]+(?=["”'’]))""")
    return {
        # "mi mamá, Martha ...", "su hermano el Chino", "my aunt Teresa", "mi comadre la güera"
        "relation": re.compile(
            rf"\b(?i:(?:{_POSSESSIVE})[ \t]+(?:(?:{_ADJECTIVE})[ \t]+)?{rel}s?(?:[ \t]+(?:mayor|menor|chic[ao]|grande))?"
            rf"(?:[ \t]+(?:la|el)[ \t]+(?:mayor|menor|chica|chico|grande|mas[ \t]+chica|mas[ \t]+chico))?"
            rf"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+|[ \t]*:[ \t]*)(?:(?:la[ \t]+señora|el[ \t]+señor|{honorific}|se[ \t]+llama|named|called)[ \t]+)?"
            rf"""["“'‘]?)"""
            rf"(?P<name>{named})(?:[ \t]+(?:y|and|e)[ \t]+(?P<second>{_NAME}))?(?![\w])"
        ),
        # a name set off by commas after a relative and where they are: "Su mamá en Holguín,
        # Mirtha Castellanos, pide...", "Otro compañero del albergue, el Matancero, fue..."
        "appositive": re.compile(
            rf"\b(?i:(?:(?:{_POSSESSIVE}|otr[oa])[ \t]+)?(?:(?:{_ADJECTIVE})[ \t]+)?{rel}s?"
            rf"(?:[ \t]+(?:en|de|del|from|in|at)[ \t]+[\w'’]+(?:[ \t]+[\w'’]+)?)?[ \t]*,[ \t]*)"
            rf"(?P<name>(?:(?:el|la|El|La)[ \t]+)?{_NAME})[ \t]*,"
            # "El compañero que lo vio por última vez, el Cipitío, se quedó": a nickname set off by commas
            rf"|\b(?i:{rel})[^,.\n]{{0,50}},[ \t]*(?P<name2>(?:el|la|El|La)[ \t]+{_NAME_WORD})[ \t]*,"
            # "con EL CUCHO, que es nuestro primo": the relationship after the name
            rf"|(?P<name3>(?:(?:EL|LA|El|La|el|la)[ \t]+)?(?:{_NAME}|[{_UPPER}]{{3,}}))[ \t]*,[ \t]*que[ \t]+es[ \t]+(?i:(?:mi|su|nuestr[ao]|tu)[ \t]+{rel})\b"
        ),
        # a relative who shares a name: "mi papá, que también se llama Juan", "se llama igual que él, Jesús"
        "namesake": re.compile(
            rf"(?i:\b(?:tambi[eé]n|too|also)[ \t]+se[ \t]+llama|se[ \t]+llama[ \t]+igual[ \t]+que[ \t]+\w+,?|"
            rf"is[ \t]+also[ \t]+(?:named|called))[ \t]+(?P<name>{_NAME})"
        ),
        # a relationship word written as a title: "Tía Mago:", "Papá (Rubén Villalpando)", "Mamá: Rosa"
        "title": re.compile(
            rf"(?:^|(?<=[\n\]|•*:\-–—,]))[ \t*_]*(?i:{rel})[ \t]*:?[ \t]*(?P<name2>{_NAME})"
            # a name in brackets after a relationship word, anywhere: "y con Tío (Chuy)"
            rf"|\b(?i:{rel})[ \t]*\([ \t]*(?P<name>{_NAME})[ \t]*\)"
        ),
        # "MARÍA ELENA SOTELO RÍOS (ESPOSA)", "Verónica Chávez Leal (mamá)", "Name, su mamá"
        "role_after": re.compile(
            rf"(?P<name>{_NAME})[ \t]*(?:,[ \t]*|\([ \t]*)(?i:(?:(?:mi|su|tu|my|his|her|their|our|the)[ \t]+)?{rel})\b"
        ),
        # a form's label: "Familiar que reporta: X", "Titular de todas: X", "NOMBRE DEL FAMILIAR: X"
        "label": re.compile(rf"(?i:\b(?:{intro})(?:[ \t]+\w+){{0,2}}?[ \t]*:)[ \t*_]+(?P<name>{_NAME})"),
        # "Me llamo X", "a nombre de X", "se llama X"
        "intro": re.compile(
            rf"(?i:\b(?:{intro})|\ba[ \t]+nombre[ \t]+de(?:[ \t]+(?:mi|su|my|his|her)[ \t]+{rel},?)?"
            rf"|\bin[ \t]+the[ \t]+name[ \t]+of|\bhabla|\bte[ \t]+habla|\bsoy|\bi[ \t]+am|\bi'm|\bthis[ \t]+is)[ \t*_]+(?P<name>{_NAME})"
        ),
        "honorific": re.compile(rf"\b(?i:{honorific})[ \t]+(?P<name>{_NAME})"),
        # a signature line: "— Crystal Meza, Los Angeles"
        # (a hyphen starts a list item: "- Moreno, 1.62, complexión gruesa" describes)
        "signature": re.compile(rf"(?m:^[ \t]*(?:[—–]|--)[ \t]*(?P<name>{_NAME})[ \t]*(?:,|$))"),
        # a speaker in a chat log: "[08:14] Anabel: ...", "[08:14] Tía Mago: ..."
        "speaker": re.compile(
            rf"(?m:^[ \t]*\[[\d:. apmAPM/-]+\][ \t]*(?:(?i:{rel})[ \t]+)?(?P<name>{_NAME})[ \t]*:)"
        ),
        # a nickname with its article: "el Flaco", "la Güera" (capitalised: a name)
        "nickname": re.compile(rf"\b(?P<name>(?:el|la|El|La)[ \t]+(?P<nick>[{_UPPER}][a-záéíóúñü]+))(?![\w])"),
        # a given name and a surname: "With me is Martha Ponce of Las Cruces", "MARTHA PONCE:"
        "given": re.compile(
            rf"(?<![\w])(?P<name>(?i:{_accent_tolerant(lexicon.alternation('given_names'))})(?![\w])"
            rf"(?:[ \t]+{_PARTICLE}?[{_UPPER}][a-záéíóúñü'’]+){{1,3}})"
        ),
        # in a voice note written in lower case: a relative's given name or nickname after
        # the relationship word ("a mi cuñada maricela", "al pelón lo encuentran")
        "lower_relative": re.compile(
            rf"\b(?:(?:mi|mis|su|sus|tu)[ \t]+{rel}|(?:al|el|la|a[ \t]+la))[ \t]+"
            rf"(?P<name>(?:{_accent_tolerant(lexicon.alternation('given_names'))}|{_accent_tolerant(lexicon.alternation('hypocoristic'))}|{nick})"
            rf"(?:[ \t]+(?:{_accent_tolerant(lexicon.alternation('given_names'))}))?)(?![\w])"
        ),
        # names in voice notes are written in lower case: only after "se llama", "me llamo"
        "lower_intro": re.compile(
            r"\b(?:se[ \t]+llama|me[ \t]+llamo|mi[ \t]+nombre[ \t]+es|se[ \t]+llamaba)[ \t]+"
            r"(?P<name>[a-záéíóúñü]{3,}(?:[ \t]+(?:del[ \t]+|de[ \t]+la[ \t]+|de[ \t]+)?[a-záéíóúñü]{3,}){0,3})"
        ),
    }


_CAPS_WORD = re.compile(rf"[{_UPPER}]{{2,}}(?![\w])")
_CAPS_RUN = re.compile(rf"(?<![\w])[{_UPPER}][{_UPPER}'’]+(?:[ \t]+(?:DE|DEL|LA|LOS|Y)?[ \t]*[{_UPPER}][{_UPPER}'’]+)+(?![\w])")


def recase(text: str) -> str:
    """``text`` with each run of two or more words in capitals written as a name is
    ("MARÍA DEL CARMEN RÍOS" -> "María del Carmen Ríos"); same length, same offsets."""
    if not _CAPS_WORD.search(text):
        return text
    out = list(text)
    for run in _CAPS_RUN.finditer(text):
        for word in re.finditer(r"[^\W\d_]+", run.group()):
            s = run.start() + word.start()
            w = word.group()
            new = w.lower() if w in ("DE", "DEL", "LA", "LOS", "Y") else w[0] + w[1:].lower()
            if len(new) == len(w):
                out[s:s + len(w)] = new
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return lexicon.word_set("not_names") | lexicon.word_set("relation_es") | lexicon.word_set("relation_en")


def clean_name(text: str, start: int, end: int, introduced: bool = False) -> tuple[int, int] | None:
    """Trim a candidate name to its capitalised words; None when nothing name-like is left.
    ``introduced``: the name follows a relationship word, so calendar words count as names."""
    stop = _not_names() - lexicon.word_set("calendar") if introduced else _not_names() | lexicon.word_set("calendar")
    span = text[start:end]
    words = list(re.finditer(r"[\w'’]+", span))
    article = bool(words) and words[0].group().lower() in ("el", "la") and introduced

    def capitalised(w: re.Match) -> bool:
        return w.group()[0].isupper() or introduced and fold(w.group()) in lexicon.word_set("nickname_with_article")

    first = 1 if article else 0
    while len(words) > first and (not capitalised(words[first]) or fold(words[first].group()) in stop):
        words.pop(first)
    while len(words) > first and (not capitalised(words[-1]) or fold(words[-1].group()) in stop):
        words.pop()
    if len(words) <= first:
        return None
    if any(fold(w.group()) in stop for w in words[first:]):
        return None
    particles = {"de", "del", "la", "las", "los", "y", "e", "da", "di", "van", "von", "el"}
    if any(fold(w.group()) in lexicon.word_set("stopwords") and fold(w.group()) not in particles for w in words[first:]):
        return None
    s, e = start + words[0].start(), start + words[-1].end()
    if re.search(r"['’]s$", text[s:e]):
        e -= 2  # "Luis Ángel's photo": the name without the possessive
    value = text[s:e]
    if value.isupper() and len(words) == 1:
        return None  # a heading word, not a name
    if "\n" in value:
        return None
    return s, e


def looks_like_person(text: str, start: int, end: int, zones: list[tuple[int, int]]) -> bool:
    """Filters for the NER model's PER guesses, which in scripts include sentence-initial
    verbs ("Traía", "Mido"), collectives, places named after people and brands."""
    value = text[start:end]
    words = re.findall(r"[\w'’]+", value)
    if any(zs < end and start < ze for zs, ze in zones):
        return False
    if start > 0 and text[start - 1] in "#@":
        return False
    if any(re.search(r"[a-záéíóúñ][A-ZÁÉÍÓÚÑ]", w) for w in words):  # HashtagWords
        return False
    folded = [fold(w) for w in words]
    known_brands = brands()
    if any(w in known_brands or w.rstrip("s") in known_brands for w in folded) or " ".join(folded) in known_brands:
        return False
    if VENUE_END.search(value):
        return False
    if re.match(r"[ \t]+(?i:jersey|shirt|t-shirt|hoodie|cap|hat|jacket|sweatshirt|sneakers|shoes|boots|truck|car|van|pickup|"
                r"crossing|bridge|intersection|exit|station|market|mall|park|plaza|border|port|terminal)\b", text[end:end + 15]):
        return False  # "a maroon Colorado Rapids jersey", "near the Morley crossing": a team, a place
    if len(words) == 1 and re.match(r"[*_ \t]*:", text[end:end + 4]):
        return False  # "**Goal:** $15,000": a label
    if any(w in lexicon.word_set("collective_words") for w in folded):
        return False
    if is_place(value):
        return False
    if any(w[0].islower() and fold(w) not in {"de", "del", "la", "los", "las", "y"} for w in words):
        return False  # "Luz en el Bajío": a name, but of a collective
    if len(words) == 1 and sentence_start(text, start):
        return False
    if words[0].endswith("ó") and sentence_start(text, start):
        return False  # "Salió de Managua", "Llegó a Tijuana": a verb, not a name
    return True


def other_mentions(text: str, found: list[tuple[int, int, float, str]], zones: list[tuple[int, int]]) -> list[tuple[int, int, float, str]]:
    """Once a relative is named ("Su pareja, Ramón Félix Ochoa", "Guadalupe "Lupita"
    Baltazar"), later mentions of the same full name, first name or quoted nickname are the
    same person, unless they sit where no person is named (a tattoo's words, a street)."""
    seen: set[str] = set()
    for s, e, _score, _rule in found:
        value = text[s:e]
        for quoted in re.findall(r"[\"“'‘]([\w]+)[\"”'’]", value):
            seen.add(quoted)
        value = re.sub(r"[ \t]*[\"“'‘][\w]+[\"”'’]", "", value)
        words = re.findall(r"[\w'’]+", value)
        if words and words[0].lower() in ("el", "la"):
            continue  # a nickname is found with its article by its own pattern
        if words:
            seen.add(" ".join(words))
            if len(words) > 1 and len(words[0]) > 2:
                seen.add(words[0])
    out = []
    taken = SpanIndex()
    for s, e, _, _ in found:
        taken.add(Span(s, e))
    for zs, ze in zones:
        taken.add(Span(zs, ze))
    for name in sorted(seen, key=len, reverse=True):
        pattern = r"(?<![\w'’])" + r"[ \t]+".join(map(re.escape, name.split())) + r"(?!\w)"
        for m in re.finditer(pattern, text):
            if taken.any_overlap(m.start(), m.end()):
                continue
            taken.add(Span(*m.span()))
            # judged like a model guess: a mention made only of the subject's words is
            # the subject ("Alberto" of "Jesús Alberto ..."), not the relative
            out.append((m.start(), m.end(), 0.7, "person-name"))
    return out


def _lower_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A name written in lower case after "se llama": its words up to the first word that
    cannot be part of a name ("maría del carmen y su número..." -> "maría del carmen")."""
    stop = lexicon.word_set("stopwords") - {"de", "del", "la"}
    words = list(re.finditer(r"[\w'’]+", text[start:end]))
    kept = []
    for w in words:
        if fold(w.group()) in stop or fold(w.group()) in _not_names():
            break
        kept.append(w)
    while kept and fold(kept[-1].group()) in ("de", "del", "la"):
        kept.pop()
    if not kept:
        return None
    return start + kept[0].start(), start + kept[-1].end()


class PersonRecognizer(ScrubRecognizer):
    entity, label = "PERSON", "person"
    examples = {
        "person-relative": {
            "flag": [
                "Mi mamá, [[Martha Salcedo Ruelas]], no ha dejado de buscarme.",
                "Su hermano [[Osvaldo]] lo busca todos los días.",
                "escríbanle a doña [[Rosario Espinoza]] por favor",
                "My aunt [[Teresa Villa]] keeps the flyers.",
                "Me llamo [[Graciela Cuautle Xochipa]] y soy la mamá",
                "- Mamá ([[Rosa María]]): 462-118-4093",
                "- NOMBRE DEL FAMILIAR: [[MARÍA ELENA SOTELO RÍOS]] (ESPOSA)",
                "Titular de todas: [[Verónica Chávez Leal]] (mamá).",
                "[08:14] Tía [[Mago]]: Ya le mandé a mi mamá lo de esta semana",
                "[08:20] [[Anabel]]: Mi apá dice que ya llegó",
                "la señora Leticia, su hermano [[el Chino]] y yo, su prima.",
                "háblenle a mi comadre [[la güera]] ella se llama [[maría del carmen]] y su número",
                "His wife, [[Guadalupe \"Lupita\" Baltazar]], waits for him.",
                "Su mamá en Holguín, [[Mirtha Castellanos]], pide que le escriban.",
                "Otro compañero del albergue, [[el Matancero]], fue el último que lo vio.",
                "o su hermano \"[[EL BETO]]\" 81-88-04-17-29",
                "también le pueden avisar a mi cuñada [[maricela]] ella me ayuda con el face",
                "le pueden hablar a mi mami, la niña [[Toya]], al WhatsApp",
                "A friend who was with her that night, [[el Flaco]], has not spoken.",
                "El compañero que lo vio por última vez, [[el Cipitío]], se quedó en Altar.",
                "sigue yendo a todas las búsquedas con [[EL CUCHO]], que es nuestro primo, y con Tío ([[Chuy]]).",
                "su hermana [[la Chepita]] el 7455-0217",
                "Su tío ([[Rigoberto]]) está en Houston.",
            ],
            "keep": [
                'He has a tattoo that says "Mamá" on his forearm.',
                "Tiene un tatuaje que dice Papá en el brazo.",
                "Soy la mamá de Ana. Llama al colectivo.",
            ],
        },
        "person-namesake": {
            "flag": ["Mi papá, que también se llama [[Juan]], ya está muy enfermo."],
            "keep": ["Se llama Juan y tiene 30 años."],
        },
        "person-name": {
            "flag": [
                "Ayer vino [[Rigoberto Saldaña]] a preguntar por ella.",
                "With me is [[Martha Ponce]] of Las Cruces.",
                "Un muchacho que le dicen [[el Chele]] iba con ella.",
                "HOST: What was he driving?\n[[MARTHA PONCE]]: A maroon Nissan.",
            ],
            "keep": [
                "Traía una sudadera gris. También llevaba tenis.",
                "Desapareció en la colonia Gabriel Tepepa, Cuautla.",
                "Llama al colectivo Hilos de Luz Zapopan.",
                "Lo vieron parado en la esquina de Álvaro Obregón y Juan de la Barrera.",
                "Llevaba pantalón caqui y una gorra de John Deere.",
                'Tiene un tatuaje en el brazo que dice "Mamá Lupe" con una rosa.',
                "Desapareció en Villa Juárez, Navolato, rumbo a Culiacán.",
                "You can also call Valley Families Searching Together at the number below.",
                "He wore a black Carhartt jacket and white Jordans.",
                "TEZ: MORENA CABELLO: NEGRO CORTO",
                "*URGENTE* FAVOR DE COMPARTIR NO CUESTA NADA",
                "Vigil this Saturday at St. Anne's Parish, downtown.",
                "Tiene un tatuaje de una mariposa con el nombre Valentina en el hombro.",
                "Pueden mandar a Tigo Money al número de la familia.",
                "Nunca llegó a San Juan Cosalá.",
                "Es mi hijo, tiene 34 años. Salió de Managua el 1 de marzo.",
                "He was last wearing a maroon Colorado Rapids jersey.",
                "a tattoo of praying hands and the word Olga on his forearm",
            ],
        },
    }

    def find(self, text, nlp_artifacts):
        # text in capitals is read as names are written where the structure says a name
        # follows (a form's label, a role in brackets) and by the model; elsewhere a
        # capitalised word after "SU PAPÁ" is as likely a verb ("TRABAJA") as a name
        read = recase(text)
        patterns = _patterns()
        candidates: list[tuple[int, int, float, str]] = []
        zones = non_person_zones(read)
        # where the words are a tattoo's or a business's, no pattern finds a person
        shown = tattoo_spans(read) + [m.span("name") for m in business_name().finditer(read)]
        for key, source in (("relation", text), ("title", text), ("role_after", read), ("label", read), ("intro", text),
                            ("honorific", text), ("signature", text), ("speaker", text), ("appositive", text)):
            for m in patterns[key].finditer(source):
                for group in ("name", "name2", "name3", "second"):
                    if group in m.re.groupindex and m.start(group) >= 0:
                        trimmed = clean_name(source, *m.span(group), introduced=True)
                        if not trimmed or any(zs <= trimmed[0] and trimmed[1] <= ze for zs, ze in shown):
                            continue
                        if key in ("title", "role_after", "appositive", "label") and any(
                                zs <= trimmed[0] and trimmed[1] <= ze for zs, ze in zones):
                            continue  # "His dad's side is in Cúcuta, his tía ...": a place before the relative
                        candidates.append((*trimmed, 0.85, "person-relative"))
        for m in patterns["namesake"].finditer(text):
            trimmed = clean_name(text, *m.span("name"), introduced=True)
            if trimmed:
                candidates.append((*trimmed, 0.9, "person-namesake"))
        for key in ("lower_intro", "lower_relative"):
            for m in patterns[key].finditer(read):
                s0 = max(read.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
                if re.search(rf"[{_UPPER}]", read[s0:m.end()]):
                    continue  # a sentence written with capitals writes names with them too
                if any(zs <= m.start("name") < ze for zs, ze in shown + zones):
                    continue
                trimmed = _lower_name(read, *m.span("name")) if key == "lower_intro" else m.span("name")
                if trimmed:
                    candidates.append((*trimmed, 0.8, "person-relative"))
        for m in patterns["given"].finditer(read):
            trimmed = clean_name(read, *m.span("name"))
            if trimmed and looks_like_person(read, *trimmed, zones) and not is_place(read[trimmed[0]:trimmed[1]]):
                candidates.append((*trimmed, 0.6, "person-name"))
        for m in patterns["nickname"].finditer(read):
            if fold(m.group("nick")) in lexicon.word_set("nickname_with_article") and not any(
                    zs < m.end() and m.start() < ze for zs, ze in zones):
                candidates.append((*m.span("name"), 0.75, "person-name"))
        if nlp_artifacts is not None:
            for ent in nlp_artifacts.entities:
                if ent.label_ not in ("PER", "PERSON"):
                    continue
                trimmed = clean_name(read, ent.start_char, ent.end_char)
                if not trimmed or not looks_like_person(read, *trimmed, zones):
                    continue
                original = text[trimmed[0]:trimmed[1]]
                if original.isupper() and not (fold(original.split()[0]) in lexicon.word_set("given_names")
                                               or fold(original.split()[0]) in lexicon.word_set("hypocoristic")):
                    continue  # words of a heading in capitals ("COMPARTIR NO CUESTA NADA", "CABELLO: NEGRO CORTO")
                candidates.append((*trimmed, 0.6, "person-name"))
        candidates.extend(other_mentions(read, candidates, zones))
        return candidates
