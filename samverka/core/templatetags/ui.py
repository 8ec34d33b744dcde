"""Template helpers shared by every page (loaded as builtins)."""

from django import forms, template
from django.utils.html import format_html

from samverka.core.once import FIELD, new_token
from samverka.core.phone import display_phone

register = template.Library()


@register.simple_tag
def submission_token():
    """A one-time token so that a form sent twice is acted on once."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def crumbs(*parts):
    """`{% crumbs "Label" url "Label" url … as crumbs %}`: the trail for
    components/breadcrumbs.html, as (label, url) pairs (the last url is empty: this page)."""
    return list(zip(parts[::2], parts[1::2], strict=False))


@register.filter
def field_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.filter
def phone(value) -> str:
    """A stored (E.164) phone number as people read it: 070-123 45 67, 08-124 570 00."""
    return display_phone(value or "")


# A line this long is for sentences (a title, a one-line summary); shorter ones (names,
# numbers, addresses) do not show their limit.
SENTENCE_LINE = 200


@register.filter
def text_limit(bound_field) -> int | None:
    """The most characters a text field takes (the form field's max_length)."""
    limit = getattr(bound_field.field, "max_length", None)
    return int(limit) if limit else None


@register.filter
def shows_limit(bound_field) -> bool:
    """Whether the field shows its limit and a counter: a text area, or a line for sentences
    (not an e-mail address: allauth gives those as text inputs of type "email")."""
    limit = text_limit(bound_field)
    if not limit:
        return False
    widget = bound_field.field.widget
    is_line = type(widget) is forms.TextInput and widget.attrs.get("type", widget.input_type) == "text"
    return isinstance(widget, forms.Textarea) or (is_line and limit >= SENTENCE_LINE)


@register.simple_tag
def widget_without_cut(bound_field, in_filter=False):
    """The field's input without the browser's `maxlength`, which cuts a long paste silently.
    The limit goes to `data-maxlength` (static/js/fields.js counts against it) and the form
    refuses a longer text with a message next to the field, keeping everything written.
    `in_filter`: a filter's field shows no limit (a search term is never that long)."""
    limit = text_limit(bound_field)
    if not limit:
        return bound_field.as_widget()
    attrs = {"maxlength": False, "data-maxlength": limit}
    if shows_limit(bound_field) and not in_filter:
        described = bound_field.field.widget.attrs.get("aria-describedby") or bound_field.aria_describedby or ""
        attrs["aria-describedby"] = f"{described} {bound_field.auto_id}_limit".strip()
    return bound_field.as_widget(attrs=attrs)


@register.filter
def bdi(value):
    """Text someone wrote, set in a sentence of the page's language with its own direction
    ("Seniorgympa." stays so on an Arabic page): `{% blocktranslate with name=actor.name|bdi %}`."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def written(value):
    """Text someone wrote in a form, as paragraphs, `## ` headings and `- ` lists, every
    piece escaped (core.richtext): `{{ municipality.privacy_text|written }}`."""
    from samverka.core.richtext import render

    return render(value)
