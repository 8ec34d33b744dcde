"""Template helpers for one way in. `{% load cases %}` gives:

- `{% my_cases %}`: My pages' section (the inbox, the links the user coordinates, their own messages).
- `{% case_status case today %}`: the case's status in words, with colour (never colour alone);
  `news=True` adds whether the sender wrote more that nobody has answered (officials' pages).
"""

from django import template

register = template.Library()


@register.inclusion_tag("cases/_status.html")
def case_status(case, today=None, news=False):
    return {"case": case, "overdue": case.is_overdue(today), "news": news and case.news_at is not None}


@register.inclusion_tag("cases/_dashboard.html", takes_context=True)
def my_cases(context):
    """For My pages: a link to the messages the user sent and, for officials, the inbox with
    its open and late cases."""
    from django.utils import timezone

    from ..selectors import coordinated_links, inbox_counts

    user = context["user"]
    counts = inbox_counts(user) if user.has_perm("cases.view_inbox") else None
    return {"user": user, "counts": counts, "sent": user.cases.count(),
            "links": coordinated_links(user, today=timezone.localdate())}
