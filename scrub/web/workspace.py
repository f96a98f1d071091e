"""One volunteer's work on the page: the case, the files, what scrub found, what she chose
to keep, and the clean copies. Everything lives in a private folder (mode 0700) that
:meth:`Workspace.close` removes; detection and cleaning are ``scrub.api.check`` and
``scrub.api.clean`` on the files written there, exactly as the command line runs them.

"Es público" is recorded in the case, not in a baseline: a baseline only leaves a finding
out of a report, while the case is what check *and* clean honour (a number listed in
``public_contacts`` stays in the clean copy; a name listed in ``subject`` is kept), and it
is the file the volunteer takes home for next time. Each kept value is written there with
a comment saying it was reviewed and where it was seen. What the case cannot keep (an ID,
a date of birth, hidden data in a photo, which clean always removes) is not offered.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from scrub import api
from scrub.case import Case, CaseFileError, load_case
from scrub.findings import FileReport, Finding, Report, Severity, Status
from scrub.report import sentences
from scrub.web.uploads import Received

# what the case can keep, by entity (scrub.text.detect.is_kept): numbers, e-mails, profiles
# and accounts by the case's public_contacts, addresses when at least street and number are
# listed, names by its subject. A postal code alone is never kept by the case, so it is
# not offered.
KEEPABLE = {"PHONE", "EMAIL", "SOCIAL", "FINANCIAL", "NUMBER", "ADDRESS", "PERSON"}


def can_keep(f: Finding) -> bool:
    return (f.entity in KEEPABLE and not sentences.in_hidden_data(f) and f.rule != "person-namesake"
            and f.severity.at_least(Severity.WARN))


def shown(f: FileReport) -> list[tuple[int, Finding]]:
    """The findings a person decides on, with their index in the report: in the text or
    drawn in the picture, at least a warning (what clean replaces or covers)."""
    return [(i, x) for i, x in enumerate(f.findings) if not sentences.in_hidden_data(x) and x.severity.at_least(Severity.WARN)]


@dataclass
class Upload:
    id: str
    name: str
    path: Path
    size: int


@dataclass
class CaseForm:
    name: str = ""
    short_forms: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    language: str = "auto"

    def is_empty(self) -> bool:
        return not (self.name or self.short_forms or self.contacts or self.withheld)


@dataclass
class Kept:
    """A detail a person reviewed and chose to publish."""

    finding: Finding
    file: str  # the name of the file it was seen in


@dataclass
class Cleaned:
    zip_path: Path
    included: list[str]  # the copies in the zip (each re-checked: scrub check exits 0 on it)
    refused: list[tuple[str, str]]  # (file name, why it is not in the zip)
    report: Report


def toml_string(text: str) -> str:
    """A TOML basic string. JSON's escapes are all TOML escapes; TOML also forbids a raw DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _comment(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


class Workspace:
    def __init__(self, lang: str = "es", parent: Path | None = None):
        self.root = Path(tempfile.mkdtemp(prefix="scrub-page-", dir=parent))  # 0700: this user only
        self.inbox = self.root / "archivos"
        self.inbox.mkdir(mode=0o700)
        self.case_path = self.root / "case.toml"
        self.lang = lang
        self.reset()

    # --- state -------------------------------------------------------------------------
    def reset(self) -> None:
        for child in self.inbox.iterdir() if self.inbox.exists() else []:
            child.unlink(missing_ok=True)
        for old in self.root.glob("limpio-*"):
            shutil.rmtree(old, ignore_errors=True)
        for old in self.root.glob("*.zip"):
            old.unlink(missing_ok=True)
        self.uploads: list[Upload] = []
        self.form = CaseForm()
        self.touched = False  # the volunteer wrote or loaded the case herself
        self.prefilled_from: str | None = None
        self.kept: list[Kept] = []
        self.report: Report | None = None
        self.generation = 0
        self.cleaned: Cleaned | None = None
        self.notices: list[tuple[str, dict]] = []
        self._count = 0
        self._taken: set[str] = set()

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def taken_stems(self) -> set[str]:
        return self._taken

    def notify(self, key: str, **kwargs) -> None:
        self.notices.append((key, kwargs))

    def take_notices(self) -> list[tuple[str, dict]]:
        out, self.notices = self.notices, []
        return out

    def upload(self, upload_id: str) -> Upload | None:
        return next((u for u in self.uploads if u.id == upload_id), None)

    def report_for(self, upload: Upload) -> FileReport | None:
        if self.report is None:
            return None
        return next((f for f in self.report.files if f.path == str(upload.path)), None)

    # --- files -------------------------------------------------------------------------
    def add(self, received: list[Received]) -> None:
        """New files; a case file among them ("case.toml" from last time) fills the form."""
        for r in received:
            if r.name.lower().endswith(".toml"):
                self._import_case(r)
                continue
            self._count += 1
            self.uploads.append(Upload(str(self._count), r.name, r.path, r.size))
        self.cleaned = None

    def _import_case(self, r: Received) -> None:
        try:
            case = load_case(r.path)
        except CaseFileError as exc:
            self.notify("page.case-error", reason=getattr(exc, "messages", {}).get(self.lang, str(exc)).replace(str(r.path), r.name))
            return
        finally:
            r.path.unlink(missing_ok=True)
            self._taken.discard(r.path.stem.casefold())
        self.form = CaseForm(case.subject[0] if case.subject else "", case.subject[1:], case.public_contacts,
                             case.withheld, case.language)
        self.kept, self.touched, self.prefilled_from = [], True, None
        self.notify("page.case-loaded", name=r.name)

    def remove(self, upload_id: str) -> None:
        u = self.upload(upload_id)
        if u:
            self.uploads.remove(u)
            u.path.unlink(missing_ok=True)
            self._taken.discard(u.path.stem.casefold())
            self.kept = [k for k in self.kept if k.file != u.name]
            self.cleaned = None

    # --- the case ----------------------------------------------------------------------
    def set_form(self, form: CaseForm) -> None:
        self.form, self.touched, self.prefilled_from = form, True, None
        self.cleaned = None

    def case(self) -> Case:
        subject = [self.form.name] if self.form.name else []
        subject += self.form.short_forms
        subject += [k.finding.value for k in self.kept if k.finding.entity == "PERSON"]
        contacts = list(self.form.contacts) + [k.finding.value for k in self.kept if k.finding.entity != "PERSON"]
        return Case(subject=list(dict.fromkeys(subject)), public_contacts=list(dict.fromkeys(contacts)),
                    withheld=list(self.form.withheld), language=self.form.language)

    def case_toml(self) -> str:
        """The case as a file to keep; reviewed exceptions carry a comment saying so."""
        from scrub import messages

        lang = self.lang
        today = date.today().isoformat()

        def array(key: str, plain: list[str], reviewed: list[Kept]) -> list[str]:
            if not reviewed:
                return [f"{key} = [{', '.join(toml_string(v) for v in plain)}]"]
            out = [f"{key} = ["]
            out += [f"  {toml_string(v)}," for v in plain]
            for k in reviewed:
                note = messages.t("page.toml-reviewed", lang, where=sentences.where(k.finding, lang), file=k.file, date=today)
                out.append(f"  {toml_string(k.finding.value)},  # {_comment(note)}")
            return out + ["]"]

        names = ([self.form.name] if self.form.name else []) + self.form.short_forms
        lines = [f"# {_comment(messages.t('page.toml-header', lang, date=today))}"]
        lines += array("subject", names, [k for k in self.kept if k.finding.entity == "PERSON"])
        lines += array("public_contacts", self.form.contacts, [k for k in self.kept if k.finding.entity != "PERSON"])
        lines += array("withheld", self.form.withheld, [])
        lines.append(f"language = {toml_string(self.form.language)}")
        return "\n".join(lines) + "\n"

    def _write_case(self) -> None:
        data = self.case_toml().encode("utf-8")
        tmp = self.case_path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.case_path)

    # --- checking ----------------------------------------------------------------------
    def check(self) -> None:
        """Check every file with the case (scrub.api.check); fill the form from what the
        script says when the volunteer has not written it; drop a kept value the case
        could not keep after all (and say so)."""
        self.generation += 1
        self.cleaned = None
        if not self.uploads:
            self.report = None
            return
        self._write_case()
        self.report = api.check([str(u.path) for u in self.uploads], case_file=self.case_path, previews=True)
        if not self.touched and self.form.is_empty():
            self._prefill()
        for k in list(self.kept):
            still = any(x.entity == k.finding.entity and x.value == k.finding.value
                        for f in self.report.files for x in f.findings)
            if still:
                self.kept.remove(k)
                self.notify("page.keep-failed", what=sentences.what(k.finding, self.lang))

    def _prefill(self) -> None:
        for u in self.uploads:
            f = self.report_for(u)
            assumed = (f.assumed if f else None) or {}
            if assumed.get("subject") and not self.form.name:
                self.form.name, self.form.short_forms = assumed["subject"][0], list(assumed["subject"][1:])
                self.prefilled_from = u.name
            for contact in assumed.get("public_contacts", []):
                if contact not in self.form.contacts:
                    self.form.contacts.append(contact)
                    self.prefilled_from = self.prefilled_from or u.name

    def keep(self, upload_id: str, index: int, generation: int) -> bool:
        """"Es público": the finding's value joins the case; the files are checked again."""
        u = self.upload(upload_id)
        f = self.report_for(u) if u else None
        if f is None or generation != self.generation or not 0 <= index < len(f.findings):
            self.notify("page.stale")
            return False
        finding = f.findings[index]
        if not can_keep(finding):
            self.notify("page.cannot-keep")
            return False
        self.kept.append(Kept(finding, u.name))
        self.check()
        return True

    def unkeep(self, index: int) -> None:
        if 0 <= index < len(self.kept):
            del self.kept[index]
            self.check()

    # --- cleaning ----------------------------------------------------------------------
    def clean(self) -> Cleaned:
        """Clean copies (scrub.api.clean, which re-checks each), checked once more as
        files (scrub.api.check on the copies, as `scrub check` would), and a zip of the
        copies that pass with a one-page report of everything."""
        from scrub.report.html import render_html

        self._write_case()
        self._count += 1
        out = self.root / f"limpio-{self._count}"
        report = api.clean([str(u.path) for u in self.uploads], out_dir=out, case_file=self.case_path, previews=True)
        outputs = [f.output for f in report.files if f.output]
        again = api.check(outputs, case_file=self.case_path) if outputs else Report([])
        passed = {f.path for f in again.files if f.status(Severity.BLOCK) is Status.CLEAN}
        included, refused = [], []
        names = {str(u.path): u.name for u in self.uploads}
        for f in report.files:
            name = names.get(f.path, Path(f.path).name)
            if f.output and f.output in passed:
                included.append((Path(f.output).name, Path(f.output)))
            else:
                refused.append((name, f.error_message(self.lang) if f.error else ""))
            # what a person reads in the report: the names she knows, not the private folder's
            f.path = name
            if f.output:
                f.output = f"limpio/{Path(f.output).name}"
            if f.case_file:
                f.case_file = "case.toml"
        page = render_html(report, self.lang, reviewed=[sentences.kept(k.finding, self.lang) + f" ({k.file})" for k in self.kept])
        for old in self.root.glob("*.zip"):
            old.unlink(missing_ok=True)
        zip_path = self.root / "ficha-limpia.zip"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, path in included:
                zf.write(path, f"limpio/{name}")
            zf.writestr("reporte.html", page)
        zip_path.write_bytes(buffer.getvalue())
        shutil.rmtree(out, ignore_errors=True)
        self.cleaned = Cleaned(zip_path, [n for n, _ in included], refused, report)
        return self.cleaned
