from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from samverka.core.text import fold
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

from .models import Actor, ActorMembership


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = [
            "name", "kind", "organisation_number", "summary", "description",
            "areas", "target_groups", "districts", "languages", "sdg_goals",
            "email", "website", "phone", "meeting_place", "accessibility",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "sdg_goals": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "organisation_number": _("Ten digits, for example 802400-1235. Networks and groups without one leave it empty."),
            "summary": _("Shown in the directory. At most 200 characters."),
            "email": _("A shared address of the association, not a private one. It is public."),
            "phone": _("Public. Leave empty if you do not want calls."),
            "meeting_place": _("For example: Kajutan, Ekerö centrum"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.all()
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["districts"].queryset = District.objects.all()
        self.fields["languages"].queryset = Language.objects.all()
        self.fields["sdg_goals"].queryset = SdgGoal.objects.all()
        for name in ("areas", "target_groups", "districts", "languages"):
            self.fields[name].label_from_instance = lambda obj: obj.label
        self.fields["kind"].choices = Actor.Kind.choices  # radios: no empty "select" choice
        for field in self.fields.values():
            field.error_messages["required"] = _("Fill in “%(label)s”.") % {"label": field.label}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Actor.objects.filter(name_key=fold(name)[:150]).exclude(pk=self.instance.pk).first()
        if clash:
            raise forms.ValidationError(
                _("%(name)s is already in the register. If you represent it, ask its representatives to invite you."),
                params={"name": clash.name}, code="duplicate",
            )
        return name

    def clean_organisation_number(self):
        value = (self.cleaned_data.get("organisation_number") or "").strip()
        if not value and not (self.instance.pk and self.instance.organisation_number):
            return None
        try:
            value = orgnr.format(orgnr.validate(value)) if value else ""
        except StdnumError:
            raise forms.ValidationError(
                _("Write a valid organisation number: ten digits, for example 802400-1235."), code="invalid",
            ) from None
        clash = Actor.objects.filter(organisation_number=value).exclude(pk=self.instance.pk).first()
        if clash:
            raise forms.ValidationError(
                _("The organisation number belongs to %(name)s, which is already in the register."),
                params={"name": clash.name}, code="duplicate",
            )
        if self.instance.pk and self.instance.organisation_number and value != self.instance.organisation_number:
            # Grants are paid against it: an official changes it (grants:details), audited.
            raise forms.ValidationError(
                _("The organisation number changes only through an official. Ask for the change on the "
                  "association's page of annual documents."), code="locked",
            )
        return value

    def clean(self):
        data = super().clean()
        if data.get("kind") == Actor.Kind.ASSOCIATION and not data.get("organisation_number") \
                and "organisation_number" not in self.errors:
            self.add_error("organisation_number", _("A registered association has an organisation number. Write it here."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ActorMembership.Role.choices,
                             initial=ActorMembership.Role.EDITOR, widget=forms.RadioSelect)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ActorMembership.Role.choices)
