"""Who may ask for and download reports. Who may *see* a report is
`Report.objects.visible_to(user)`.

- The yearly cooperation report: the process leader and administrators.
- A report per office: the officials of that office, the process leader and administrators.

`obj` is the office (None for the yearly report) for `request_report`, the report otherwise."""

import rules

from samverka.accounts.rules import is_administrator, is_official, is_process_leader

from .models import Report


def _office_id(obj):
    if obj is None:
        return None
    return obj.office_id if isinstance(obj, Report) else obj.pk


@rules.predicate
def works_at(user, obj) -> bool:
    """An official of the office a report is (to be) for; never true of the yearly report."""
    office_id = _office_id(obj)
    return office_id is not None and user.is_authenticated and user.is_active and office_id in user.office_ids


# The reports' page: anyone who may ask for some report.
rules.add_perm("overview.view_reports", is_process_leader | is_administrator | is_official)
# `obj` is the office the report is for, None for the yearly cooperation report.
rules.add_perm("overview.request_report", is_process_leader | is_administrator | works_at)
# `obj` is the report: read it, download its files, ask for it again after it failed.
rules.add_perm("overview.view_report", is_process_leader | is_administrator | works_at)
rules.add_perm("overview.retry_report", is_process_leader | is_administrator | works_at)
