"""Forms of the municipality's configuration (used by the administration)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.phone import PhoneNumberField, display_phone
from samverka.core.text import unique_slug
from samverka.core.uploads import CheckedImageField

from .models import Area, Committee, District, Municipality, Office, OfficeMembership, TargetGroup


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
            "privacy_contact", "logo", "privacy_notice", "privacy_notice_en", "privacy_notice_ar",
            "accessibility_statement", "accessibility_statement_en", "accessibility_statement_ar",
            "email_sender_name", "email_sender_address", "email_reply_to", "sms_sender",
        ]
        field_classes = {"logo": CheckedImageField}  # the same checks as the setup guide's logo step

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


# ---------------------------------------------------------------- the setup guide's steps
# One form per step of the administrator's setup guide (samverka.setup), each saving part of
# the settings row through services.save_configuration.


class NameForm(MunicipalityForm):
    class Meta(MunicipalityForm.Meta):
        fields = ["name", "short_name", "contact_email", "phone", "phone_hours", "phone_hours_en", "phone_hours_ar"]


class LogoForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["logo"]
        field_classes = {"logo": CheckedImageField}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo is None or (not logo and logo is not False and not self.instance.logo):
            raise forms.ValidationError(_("Choose an image file with the logo."))
        return logo


class ColoursForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["colour_primary", "colour_primary_dark", "colour_accent"]
        widgets = {name: forms.TextInput(attrs={"size": 8, "spellcheck": "false", "autocomplete": "off"})
                   for name in fields}
        help_texts = {
            "colour_primary": _("Buttons and links, e.g. #0b4f6c. White text is written on it."),
            "colour_primary_dark": _("The page header and links people point at, e.g. #073447."),
            "colour_accent": _("Marks where the keyboard is, e.g. #ffdd00. Dark text is written on it."),
        }

    def clean(self):
        data = super().clean()
        for name in self.Meta.fields:
            if data.get(name):
                data[name] = data[name].lower()
        return data


class TextsForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["privacy_notice", "privacy_notice_en", "privacy_notice_ar", "privacy_contact",
                  "accessibility_statement", "accessibility_statement_en", "accessibility_statement_ar",
                  "accessibility_contact", "accessibility_assessed_on"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 10, "dir": "auto"})
               for name in ["privacy_notice", "privacy_notice_en", "privacy_notice_ar", "accessibility_statement",
                            "accessibility_statement_en", "accessibility_statement_ar"]},
            "accessibility_assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "accessibility_assessed_on": _("The date of your own latest review of the website, e.g. 2026-11-23."),
        }


class MessagesForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["email_sender_name", "email_sender_address", "email_reply_to", "sms_sender"]

    def clean(self):
        data = super().clean()
        if data.get("email_sender_name") and not data.get("email_sender_address") \
                and "email_sender_address" not in self.errors:
            self.add_error("email_sender_address", _("Write the address the name belongs to."))
        return data


class _NamedForm(forms.ModelForm):
    """A name in Swedish (required), English and Arabic; the address part (slug) is made from it."""

    def save(self, commit=True):
        obj = super().save(commit=False)
        if not obj.slug:
            obj.slug = unique_slug(type(obj).objects.all(), obj.name, fallback=type(obj)._meta.model_name,
                                   max_length=55)
        return obj


class CommitteeForm(_NamedForm):
    class Meta:
        model = Committee
        fields = ["name", "name_en", "name_ar"]


class OfficeForm(_NamedForm):
    class Meta:
        model = Office
        fields = ["name", "name_en", "name_ar", "committee", "email"]


class DistrictForm(_NamedForm):
    class Meta:
        model = District
        fields = ["name", "name_en", "name_ar", "zone"]


class AreaForm(_NamedForm):
    class Meta:
        model = Area
        fields = ["name", "name_en", "name_ar"]


class TargetGroupForm(_NamedForm):
    class Meta:
        model = TargetGroup
        fields = ["name", "name_en", "name_ar"]


class OfficialForm(forms.Form):
    """Someone with an account becomes an official of an office."""

    email = forms.EmailField(label=_("Their e-mail address"),
                             help_text=_("The address of their account. They create the account first."))
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.all())
    title = forms.CharField(label=_("Title"), max_length=120, required=False,
                            help_text=_("E.g. Föreningssamordnare."))

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if email:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                self.add_error("email", _("No one has an account with this address. Ask them to create one first."))
            elif data.get("office") and OfficeMembership.objects.filter(user=user, office=data["office"]).exists():
                self.add_error("email", _("They are already an official of this office."))
            data["user"] = user
        return data
