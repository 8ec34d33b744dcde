"""What the API's serializers share (no domain rules)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField, RelatedField


def json_type(field: serializers.Field) -> tuple[str, tuple[type, ...]] | None:
    """The JSON type the description gives `field` and the Python types that are it."""
    if isinstance(field, serializers.BooleanField):
        return "boolean", (bool,)
    if isinstance(field, serializers.IntegerField | PrimaryKeyRelatedField):
        return "integer", (int,)
    if isinstance(field, serializers.ListField | ManyRelatedField):
        return "array", (list,)
    if isinstance(field, serializers.CharField | serializers.ChoiceField | serializers.DateField
                  | serializers.DateTimeField | serializers.TimeField | RelatedField):
        return "string", (str,)
    return None


class JsonTypes:
    """A serializer mixin: each field takes only the JSON type its description names (DRF
    would read 1 as true, 5 as "5" and "5" as 5) and a text no longer than its maxLength,
    and no null character, so what the description calls invalid is refused with 400 and
    the field's name."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                kind = None if field.read_only else json_type(field)
                if kind is None or name not in data or (data[name] is None and field.allow_null):
                    continue
                value = data[name]
                type_name, types = kind
                if isinstance(value, bool) and bool not in types or not isinstance(value, types):
                    errors[name] = [_("Give a value of the type %(type)s.") % {"type": type_name}]
                elif any("\x00" in text for text in (value if isinstance(value, list) else [value])
                         if isinstance(text, str)):
                    # No text field takes it (PostgreSQL cannot store or compare it).
                    errors[name] = [_("Null characters are not allowed.")]
                elif isinstance(value, str) and len(value) > (getattr(field, "max_length", None) or len(value)):
                    # DRF measures after trimming spaces; the description's maxLength is of what is sent.
                    errors[name] = [field.error_messages["max_length"].format(max_length=field.max_length)]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
