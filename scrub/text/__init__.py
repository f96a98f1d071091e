"""Detection in text. Presidio's predefined recognizers are made lazy before anything here
imports Presidio (see presidio_import)."""
from scrub.text import presidio_import as _presidio_import

_presidio_import.install()
