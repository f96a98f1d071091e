"""How a person's name is written in a script: capitalised words, particles ("de la"), a
quoted nickname inside a full name; shared by the people rules (person.py) and the rules
that tell a place or a business named after someone from a person (not_person.py)."""
from __future__ import annotations

import re

UPPER = r"A-ZÁÉÍÓÚÑÜ"
NAME_WORD = rf"[{UPPER}][a-záéíóúñü'’]+"
PARTICLE = r"(?:de[ \t]+la[ \t]+|de[ \t]+los[ \t]+|de[ \t]+|del[ \t]+)"
# a quoted nickname may sit inside a full name: Guadalupe "Lupita" Baltazar
QUOTED = rf"""[ \t]+["“'‘]{NAME_WORD}["”'’]"""
NAME = rf"{NAME_WORD}(?:{QUOTED})?(?:[ \t]+{PARTICLE}?{NAME_WORD}){{0,3}}"


def accent_tolerant(alternation: str) -> str:
    """A folded alternation matching the accented spellings too ("mama" finds "mamá")."""
    table = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}
    return re.sub(r"(?<!\\)[aeioun]", lambda m: table[m.group()], alternation)
