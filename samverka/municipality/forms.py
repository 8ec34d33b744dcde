"""Forms of the municipality's configuration (used by the administration)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.phone import PhoneNumberField, display_phone

from .models import Municipality


class MunicipalityForm(forms.ModelForm):
    """The settings row. The phone number is written any usual way, stored in E.164 and
    shown the Swedish way (08-124 570 00)."""

    phone = PhoneNumberField(
        label=_("phone number"), required=False,
        help_text=Municipality._meta.get_field("phone").help_text,
        error_messages={"invalid": _("Write a phone number people can call, e.g. 08-124 570 00.")},
    )

    class Meta:
        model = Municipality
        fields = [
            "name", "short_name", "contact_email", "phone", "phone_hours", "phone_hours_en", "phone_hours_ar",
            "colour_primary", "colour_primary_dark",
            "colour_accent", "require_two_factor_for_officials", "accessibility_contact", "accessibility_assessed_on",
            "privacy_contact",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.phone and not self.is_bound:
            self.initial["phone"] = display_phone(self.instance.phone)

    def clean(self):
        data = super().clean()
        for field in ("phone_hours", "phone_hours_en", "phone_hours_ar"):
            if data.get(field) and not data.get("phone") and "phone" not in self.errors:
                self.add_error(field, _("Write the phone number too, or leave the hours empty."))
        return data
