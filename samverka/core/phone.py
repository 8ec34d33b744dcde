"""Phone numbers in every Swedish way of writing them (070-123 45 67, +46 70 123 45 67,
0046701234567) stored one way: E.164, e.g. +46701234567."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _


def normalise_phone(value: str) -> str:
    """The number in E.164; ValueError if it is not a valid phone number."""
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        raise ValueError(value) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(value: str) -> str:
    """A stored number as people write it: Swedish numbers nationally (070-123 45 67),
    others internationally."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        return value
    style = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 46 else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


class PhoneNumberField(forms.CharField):
    """A form field that accepts a phone number written any usual way and cleans it to E.164."""

    default_error_messages = {
        "invalid": _("Write a phone number we can call, e.g. 070-123 45 67 or +46 70 123 45 67."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")

    def prepare_value(self, value):
        """A stored number (E.164) is shown as people write it; what someone typed stays."""
        if isinstance(value, str) and value.startswith("+") and value[1:].isdigit():
            return display_phone(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def is_mobile(value: str) -> bool:
    """Can the number (E.164) get SMS? A mobile number, or one the numbering plan does not
    tell apart (some countries' numbers may be either)."""
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in (phonenumbers.PhoneNumberType.MOBILE,
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
