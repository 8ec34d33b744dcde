from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Write DELETE to confirm"), max_length=20,
        help_text=_("Your account and your personal data are erased. This cannot be undone."),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in {"DELETE", "RADERA", str(_("DELETE")).upper()}:
            raise forms.ValidationError(_("Write DELETE in capital letters to confirm."))
        return value
