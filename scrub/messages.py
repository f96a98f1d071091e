"""Every sentence a person reads, in Spanish and English, from one gettext catalog.

The catalogs are ``scrub/locale/<lang>/LC_MESSAGES/scrub.po`` with symbolic msgids
("status.clean", "explain.PHONE.why"), read with Babel at run time (no compile step, so an
edited .po is used as it is). Spanish is the default: most of scrub's users are Mexican
families and volunteers. The language comes from ``--lang``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``); Spanish when the locale is Spanish or unknown.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

LANGS = ("es", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

@functools.lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    # no ``locale=``: it loads the language's CLDR data (plural rules scrub's messages do
    # not use), 40 ms of every cold start
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "scrub.po", "rb") as fh:
        po = read_po(fh)
    return {m.id: m.string for m in po if m.id and m.string}


def language_from_env() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "es"
    return "es"


def pick(lang: str | None) -> str:
    if lang in LANGS:
        return lang
    return language_from_env()


def has(key: str) -> bool:
    return key in catalog("es")


def t(key: str, lang: str, **kwargs) -> str:
    text = catalog(lang if lang in LANGS else "es").get(key) or catalog("es").get(key) or key
    return text.format(**kwargs) if kwargs else text


def replacement(entity: str, lang: str) -> str:
    """What a redacted detail becomes: words a text-to-speech voice can read ("[teléfono]")."""
    key = f"replacement.{entity}"
    return t(key if has(key) else "replacement.default", lang)


def entity_name(entity: str, lang: str) -> str:
    key = f"entity.{entity}"
    return t(key, lang) if has(key) else entity
