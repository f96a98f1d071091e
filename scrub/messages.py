"""Every sentence a person reads, in Spanish and English, in one catalog.

Spanish is the default: most of scrub's users are Mexican families and volunteers. The
language comes from ``--lang``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``);
Spanish when the locale is Spanish or unknown.
"""
from __future__ import annotations

import os

CATALOG: dict[str, dict[str, str]] = {
    # statuses and summary
    "status.clean": {"es": "sin datos sensibles", "en": "no sensitive details"},
    "status.findings": {"es": "tiene datos que no se deben publicar", "en": "has details that must not be published"},
    "status.error": {"es": "NO SE PUDO REVISAR (no lo publiques así)", "en": "COULD NOT BE CHECKED (do not publish it as is)"},
    "summary": {
        "es": "{files} archivo(s): {clean} sin problemas, {findings} con datos sensibles, {errors} sin revisar.",
        "en": "{files} file(s): {clean} clean, {findings} with sensitive details, {errors} not checked.",
    },
    "col.where": {"es": "dónde", "en": "where"},
    "where.pixels": {"es": "en la imagen", "en": "in the picture"},
    "col.what": {"es": "qué", "en": "what"},
    "col.value": {"es": "valor (oculto)", "en": "value (masked)"},
    "col.severity": {"es": "gravedad", "en": "severity"},
    "severity.block": {"es": "BLOQUEA", "en": "BLOCK"},
    "severity.warn": {"es": "revisar", "en": "review"},
    "severity.info": {"es": "info", "en": "info"},
    "cleaned.to": {"es": "copia limpia en {path}", "en": "clean copy written to {path}"},
    # notes
    "note.no-case": {
        "es": "no encontré case.toml: no sé quién es la persona buscada ni qué contactos son públicos",
        "en": "no case.toml found: scrub does not know who the missing person is or which contacts are public",
    },
    "note.case": {"es": "ficha del caso: {path}", "en": "case file: {path}"},
    "note.decoded-utf16": {"es": "el texto venía en UTF-16; se leyó bien", "en": "the text was UTF-16; it was read correctly"},
    "note.decoded-cp1252": {
        "es": "el texto no era UTF-8; se leyó como Windows-1252 (revisa acentos y eñes)",
        "en": "the text was not UTF-8; it was read as Windows-1252 (check accents)",
    },
    "note.not-text-extension": {
        "es": "la extensión no es de texto, pero el contenido es texto y se revisó",
        "en": "the extension is not a text one, but the content is text and was checked",
    },
    # errors (plain words, no tracebacks)
    "error.binary": {
        "es": "no es un archivo de texto (parece binario); no se pudo revisar",
        "en": "not a text file (looks binary); it could not be checked",
    },
    "error.undecodable": {
        "es": "no se pudo leer el texto (codificación desconocida); no se pudo revisar",
        "en": "the text could not be decoded (unknown encoding); it could not be checked",
    },
    "error.image-corrupt": {
        "es": "la imagen está dañada ({reason}); no se pudo revisar",
        "en": "the image is damaged ({reason}); it could not be checked",
    },
    "error.image-truncated": {
        "es": "la imagen está incompleta ({reason}); no se pudo revisar",
        "en": "the image is incomplete ({reason}); it could not be checked",
    },
    "error.image-too-big": {
        "es": "la imagen es demasiado grande ({reason}; límite: 50 millones de píxeles, 200 MB); no se revisó",
        "en": "the image is too large ({reason}; limit: 50 million pixels, 200 MB); it was not checked",
    },
    "error.image-unsupported": {
        "es": "este tipo de imagen ({kind}) no se puede revisar todavía",
        "en": "this kind of image ({kind}) cannot be checked yet",
    },
    "error.extension-mismatch": {
        "es": "el nombre del archivo no corresponde a su contenido ({reason}); se revisó como {kind}, pero cámbiale el nombre",
        "en": "the file name does not match its content ({reason}); it was checked as {kind}, but rename it",
    },
    "error.not-an-image": {
        "es": "el nombre dice imagen, pero el archivo no es una imagen; no se pudo revisar",
        "en": "the name says image, but the file is not an image; it could not be checked",
    },
    "note.pixels-not-read": {
        "es": "solo se revisaron los metadatos (--no-ocr): el texto visible en la imagen NO se leyó",
        "en": "only the metadata was checked (--no-ocr): the text visible in the picture was NOT read",
    },
    "error.ocr-unavailable": {
        "es": "no se pudo leer el texto de la imagen (falta Tesseract con español e inglés); usa --no-ocr para revisar solo los metadatos",
        "en": "the text in the picture could not be read (Tesseract with Spanish and English is missing); use --no-ocr to check metadata only",
    },
    "error.unsupported": {
        "es": "tipo de archivo no reconocido ({kind}); no se pudo revisar",
        "en": "unrecognised file type ({kind}); it could not be checked",
    },
    "error.missing": {"es": "no existe", "en": "does not exist"},
    "error.unreadable": {"es": "no se pudo abrir: {reason}", "en": "could not be opened: {reason}"},
    "error.case-file": {"es": "la ficha del caso tiene un error: {reason}", "en": "the case file has an error: {reason}"},
    "error.still-sensitive": {
        "es": "después de limpiar siguen quedando datos que bloquean la publicación",
        "en": "after cleaning, details that block publication are still there",
    },
    "error.write": {"es": "no se pudo escribir la copia: {reason}", "en": "the copy could not be written: {reason}"},
    "error.output-inside": {
        "es": "la carpeta de salida no puede ser la misma que la de entrada (usa --in-place)",
        "en": "the output folder cannot be the input itself (use --in-place)",
    },
    "error.no-output": {
        "es": "indica dónde escribir las copias limpias con --out CARPETA (o --in-place)",
        "en": "say where to write the clean copies with --out DIR (or --in-place)",
    },
    "error.empty": {"es": "no hay archivos que revisar en {path}", "en": "no files to check in {path}"},
}

# What a redacted detail is replaced with: words a text-to-speech voice can read aloud.
REPLACEMENTS: dict[str, dict[str, str]] = {
    "PHONE": {"es": "[teléfono]", "en": "[phone]"},
    "EMAIL": {"es": "[correo]", "en": "[email]"},
    "ADDRESS": {"es": "[domicilio]", "en": "[address]"},
    "POSTAL_CODE": {"es": "[código postal]", "en": "[postal code]"},
    "GPS": {"es": "[ubicación]", "en": "[location]"},
    "ID": {"es": "[identificación]", "en": "[ID number]"},
    "FINANCIAL": {"es": "[datos bancarios]", "en": "[bank details]"},
    "PERSON": {"es": "[nombre]", "en": "[name]"},
    "SOCIAL": {"es": "[red social]", "en": "[social media]"},
    "PLATE": {"es": "[placas]", "en": "[plate]"},
    "DOB": {"es": "[fecha de nacimiento]", "en": "[date of birth]"},
    "WORKPLACE": {"es": "[lugar de trabajo]", "en": "[workplace]"},
    "WITHHELD": {"es": "[dato reservado]", "en": "[withheld]"},
}

ENTITY_NAMES: dict[str, dict[str, str]] = {
    "PHONE": {"es": "teléfono", "en": "phone"},
    "EMAIL": {"es": "correo", "en": "e-mail"},
    "ADDRESS": {"es": "domicilio", "en": "address"},
    "POSTAL_CODE": {"es": "código postal", "en": "postal code"},
    "GPS": {"es": "ubicación exacta", "en": "exact location"},
    "ID": {"es": "identificación oficial", "en": "official ID"},
    "FINANCIAL": {"es": "datos bancarios", "en": "bank details"},
    "PERSON": {"es": "nombre de otra persona", "en": "another person's name"},
    "SOCIAL": {"es": "red social", "en": "social media"},
    "PLATE": {"es": "placas", "en": "plate"},
    "DOB": {"es": "fecha de nacimiento", "en": "date of birth"},
    "WORKPLACE": {"es": "lugar de trabajo o escuela", "en": "workplace or school"},
    "WITHHELD": {"es": "dato reservado por la familia", "en": "fact the family withheld"},
    "METADATA": {"es": "dato oculto en el archivo", "en": "hidden data in the file"},
}


def language_from_env() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "es"
    return "es"


def pick(lang: str | None) -> str:
    if lang in ("es", "en"):
        return lang
    return language_from_env()


def t(key: str, lang: str, **kwargs) -> str:
    entry = CATALOG[key]
    return entry.get(lang, entry["es"]).format(**kwargs)


def replacement(entity: str, lang: str) -> str:
    entry = REPLACEMENTS.get(entity, {"es": "[dato]", "en": "[redacted]"})
    return entry["en" if lang == "en" else "es"]


def entity_name(entity: str, lang: str) -> str:
    entry = ENTITY_NAMES.get(entity)
    return entry["en" if lang == "en" else "es"] if entry else entity

# Rules written in Python (the others are described in rules/*.yaml).
BUILTIN_RULES: list[tuple[str, str, dict[str, str]]] = [
    ("phone-number", "PHONE", {
        "es": "teléfono mexicano o de EE. UU. (10 dígitos, con +52, +52 1, 044, 045, 01 o +1)",
        "en": "Mexican or US phone number (10 digits, with +52, +52 1, 044, 045, 01 or +1)"}),
    ("person-name", "PERSON", {
        "es": "nombre de una persona (modelo de lenguaje) que no es la persona buscada",
        "en": "a person's name (language model) other than the missing person"}),
    ("person-relative", "PERSON", {
        "es": "nombre de un familiar, amistad o testigo (\"mi mamá, Martha\", \"doña Chela\")",
        "en": "name of a relative, friend or witness (\"my aunt Rosa\", \"Mrs. Díaz\")"}),
    ("workplace", "WORKPLACE", {
        "es": "lugar de trabajo o escuela con nombre de un familiar (\"trabaja en la Farmacia X\")",
        "en": "named workplace or school of a relative (\"works at the X plant\")"}),
    ("img-gps", "GPS", {
        "es": "posición GPS guardada en la foto (EXIF, XMP, C2PA): lleva a la casa donde se tomó",
        "en": "GPS position stored in the photo (EXIF, XMP, C2PA): leads to where it was taken"}),
    ("img-device-serial", "METADATA", {
        "es": "número de serie del teléfono, cámara o lente",
        "en": "serial number of the phone, camera or lens"}),
    ("img-device", "METADATA", {"es": "marca y modelo del teléfono o cámara", "en": "make and model of the phone or camera"}),
    ("img-owner", "METADATA", {
        "es": "nombre del dueño, autor o contacto guardado en el archivo (Artist, Copyright, Author, By-line...)",
        "en": "owner, author or contact stored in the file (Artist, Copyright, Author, By-line...)"}),
    ("img-text", "METADATA", {
        "es": "texto escondido en el archivo (comentarios, descripciones, instrucciones de IA)",
        "en": "text hidden in the file (comments, descriptions, AI prompts)"}),
    ("img-place", "METADATA", {"es": "ciudad, colonia o lugar escritos en los metadatos", "en": "city, neighbourhood or place written in the metadata"}),
    ("img-date", "METADATA", {"es": "fecha y hora en que se tomó o editó la foto", "en": "date and time the photo was taken or edited"}),
    ("img-software", "METADATA", {"es": "programa o versión del teléfono que hizo la foto", "en": "software or phone firmware that made the photo"}),
    ("img-edit-history", "METADATA", {
        "es": "historial de edición (nombres de archivo originales, programas)",
        "en": "editing history (original file names, programs)"}),
    ("img-thumbnail-differs", "METADATA", {
        "es": "miniatura escondida que muestra otra imagen (por ejemplo la foto sin recortar)",
        "en": "hidden thumbnail showing another picture (for example the uncropped photo)"}),
    ("img-thumbnail", "METADATA", {"es": "miniatura escondida igual a la foto (se quita)", "en": "hidden thumbnail matching the photo (removed)"}),
    ("img-icc-device", "METADATA", {
        "es": "perfil de color que nombra un aparato, su serie o una persona",
        "en": "colour profile naming a device, its serial or a person"}),
    ("img-c2pa", "METADATA", {
        "es": "manifiesto C2PA/JUMBF (puede llevar autor y ubicación)",
        "en": "C2PA/JUMBF manifest (may carry author and location)"}),
    ("img-trailer", "METADATA", {"es": "datos pegados después del final de la imagen", "en": "data appended after the end of the image"}),
    ("img-unreadable-metadata", "METADATA", {
        "es": "metadatos dañados que no se pudieron leer (se quitan al limpiar)",
        "en": "damaged metadata that could not be read (removed on clean)"}),
    ("img-other-metadata", "METADATA", {"es": "otros metadatos (se quitan al limpiar)", "en": "other metadata (removed on clean)"}),
    ("withheld-fact", "WITHHELD", {
        "es": "un dato que la familia pidió no publicar (lista withheld de case.toml)",
        "en": "a fact the family asked not to publish (withheld list in case.toml)"}),
]
