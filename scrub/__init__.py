"""scrub: check and redact search-card scripts before they are posted.

The library API mirrors the command line::

    import scrub
    report = scrub.check("guion.txt")            # -> scrub.Report (or a list of paths)
    scrub.clean(["guion.txt"], out_dir="limpio")  # redacted copies, re-checked
"""
from scrub.api import check, check_text, clean, redact
from scrub.case import Case, load_case
from scrub.findings import FileReport, Finding, Report, Severity

__all__ = ["check", "check_text", "clean", "redact", "Case", "load_case", "FileReport", "Finding", "Report", "Severity"]
__version__ = "0.1.0"
