"""A case's documents for a disclosure request (begäran om allmän handling): a ZIP with the
application, its budget, reviews, decision and follow-up as text, each personal detail marked
for the official to redact or release after the secrecy assessment (sekretessprövning), a
list of what was marked, and the attached files as they were sent (to be read by hand)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.se import personnummer

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w-])(?:\+46[\s-]?|0)7\d(?:[\s-]?\d){7}(?!\d)")
PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def people_in_case(application) -> list:
    """The people the platform knows in a case: who sent it, the actor's representatives (its
    contact persons), the reviewers and who sent the follow-up report. Reads prefetched
    relations where the caller prefetched them (`DecisionQuerySet.public`)."""
    people = [application.applicant]
    people += [m.user for m in application.actor.memberships.all()]
    people += [r.reviewer for r in application.reviews.all()]
    report = getattr(application, "follow_up", None)
    if report is not None:
        people.append(report.submitted_by)
    return [p for p in people if p is not None]


def name_forms(people) -> list[str]:
    """Each person's full name, and first and last name alone (three letters or more, so that
    a short name does not take ordinary words with it)."""
    return forms_of_names((person.first_name, person.last_name) for person in people)


def forms_of_names(names) -> list[str]:
    """`name_forms` of plain (first name, last name) pairs, as `values_list` loads them."""
    forms = set()
    for first_name, last_name in names:
        full = " ".join(f"{first_name} {last_name}".split())
        forms |= {full, *(part for part in (first_name, last_name) if len(part.strip()) > 2)}
    return sorted((f.strip() for f in forms if len(f.strip()) > 2), key=len, reverse=True)


def without_names(text: str, names: list[str]) -> str:
    """`text` with each of `names` (whole words, as written) replaced by “[name removed]”. Only
    names the platform knows are found: other personal details written in free text are not."""
    text = text or ""
    removed = _("[name removed]")
    for name in names:
        text = re.sub(rf"(?<![\w\[]){re.escape(name)}(?![\w\]])", removed, text)
    return text


@dataclass(frozen=True)
class Mark:
    where: str
    text: str
    why: str


class Marker:
    """Wraps personal details in ⟦…⟧ and remembers each with why it was marked."""

    def __init__(self, names: list[str]):
        self.names = sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True)
        self.marks: list[Mark] = []

    def __call__(self, where: str, text: str) -> str:
        text = text or ""

        def mark(why):
            def replace(match):
                self.marks.append(Mark(where=where, text=match.group(0), why=why))
                return f"⟦{match.group(0)}⟧"
            return replace

        def personal_number(match):
            value = match.group(0)
            if not personnummer.is_valid(value):
                return value
            self.marks.append(Mark(where=where, text=value, why=_("personal identity number")))
            return f"⟦{value}⟧"

        text = PERSONAL_NUMBER.sub(personal_number, text)
        text = EMAIL.sub(mark(_("e-mail address")), text)
        text = PHONE.sub(mark(_("telephone number")), text)
        for name in self.names:
            text = re.sub(rf"(?<![⟦\w]){re.escape(name)}(?![\w⟧])", mark(_("name of a person")), text)
        return text


def export(application) -> bytes:
    """The ZIP for `application` (the caller checks the right and records the audit event)."""
    people = [u.display_name for u in filter(None, [application.applicant])]
    people += [r.reviewer.display_name for r in application.reviews.all() if r.reviewer]
    report = getattr(application, "follow_up", None)
    if report is not None and report.submitted_by:
        people.append(report.submitted_by.display_name)
    # The actor's contact persons, and every known person's first or last name written alone.
    people += name_forms(people_in_case(application))
    marker = Marker(people)
    lines = [
        _("Case number: %(number)s") % {"number": application.case_number},
        _("Programme: %(programme)s") % {"programme": application.programme},
        _("Applicant: %(actor)s") % {"actor": application.actor.name},
        _("Sent by: %(person)s") % {"person": marker("applicant", application.applicant.display_name
                                                       if application.applicant else "–")},
        _("Submitted: %(when)s") % {"when": timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
                                    if application.submitted_at else "–"},
        "",
        _("What the money is for: %(title)s") % {"title": marker("title", application.title)},
        _("Amount asked for: %(amount)s kr") % {"amount": application.amount_asked},
        "",
        _("Purpose and plan:"),
        marker("purpose", application.purpose),
        "",
        _("Budget:"),
        *(f"- {line.get_kind_display()}: {marker('budget', line.label)}: {line.amount} kr"
          for line in application.budget_lines.all()),
    ]
    reviews = list(application.reviews.select_related("reviewer"))
    if reviews:
        lines += ["", _("Reviews:")]
        lines += [f"- {marker('review', r.reviewer.display_name if r.reviewer else '–')}: "
                  f"{marker('review', r.comment)}" for r in reviews]
    decision = getattr(application, "decision", None)
    if decision is not None:
        lines += ["", _("Decision: %(outcome)s, %(amount)s kr, committee meeting %(date)s") % {
            "outcome": decision.get_outcome_display(), "amount": decision.amount,
            "date": decision.meeting_date.isoformat()}, marker("decision", decision.reasons)]
    if report is not None and report.submitted_at:
        lines += ["", _("Follow-up report:")]
        lines += [f"{question}\n{marker('follow-up report', answer)}" for question, answer in report.answered]
    summary = [_("Disclosure of %(number)s, made %(when)s.") % {
                   "number": application.case_number, "when": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
               _("Text within ⟦ ⟧ is personal data marked for the secrecy assessment: redact it or release it."),
               _("Attached files are included as they were sent; read them through by hand."), ""]
    summary += [f"- {m.where}: {m.text} ({m.why})" for m in marker.marks] or [_("Nothing was marked.")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00-markerat.txt", "\n".join(summary) + "\n")
        archive.writestr("01-ansokan.txt", "\n".join(lines) + "\n")
        for n, attachment in enumerate(application.attachments.all(), start=1):
            try:
                with attachment.file.open("rb") as handle:
                    extension = attachment.file.name.rsplit(".", 1)[-1]
                    archive.writestr(f"bilaga-{n:02d}.{extension}", handle.read())
            except FileNotFoundError:
                archive.writestr(f"bilaga-{n:02d}-saknas.txt", _("The file is missing from the store."))
        if report is not None and report.attachment:
            try:
                with report.attachment.open("rb") as handle:
                    archive.writestr(f"uppfoljning.{report.attachment.name.rsplit('.', 1)[-1]}", handle.read())
            except FileNotFoundError:
                pass
    return out.getvalue()
