"""The local page (`scrub abrir`, alias `scrub serve`): a way in for volunteers who do not
use a terminal. It runs on this computer only (127.0.0.1), with a key in its address that
changes every run; nothing it shows or does reaches the network.

- ``security``: who may ask (the per-run key, the Host header, same-origin forms) and the
  headers every answer carries (a Content-Security-Policy of ``default-src 'self'``).
- ``uploads``: files received into a private folder, under names scrub chooses, within a
  size limit.
- ``workspace``: one volunteer's work: the case ("¿A quién buscan?"), the files, what
  ``scrub.api.check`` found, what she chose to keep as public, and the clean copies
  (``scrub.api.clean``, each re-checked) in a zip.
- ``pages``: the HTML, in plain Spanish or English, one sentence per finding
  (scrub/report/sentences.py, as in the terminal and HTML reports).
- ``app``: the routes (Starlette) and ``serve``, which the CLI starts (uvicorn).
"""
