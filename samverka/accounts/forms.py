from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.core.phone import PhoneNumberField, is_mobile
from samverka.municipality.models import TargetGroup

from .ages import ALONE, OLDEST, age_on


def _birth_date_field(**kwargs):
    field = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput(),
                            input_formats=DATE_FORMATS, **kwargs)
    field.error_messages["invalid"] = _("Write the date as year-month-day, for example 2011-05-04.")
    return field


def _check_birth_date(value):
    if value is None:
        return value
    today = timezone.localdate()
    if value > today:
        raise forms.ValidationError(_("The date of birth cannot be in the future."), code="future")
    if age_on(value, today) > OLDEST:
        raise forms.ValidationError(_("Check the year: write it with four digits, for example 1952."), code="old")
    return value


class SignupDetailsForm(forms.Form):
    """The fields allauth's sign-up form asks for beyond e-mail and password. A child under
    13 names a guardian, who confirms the account by a link before the child can take part."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = _birth_date_field(help_text=_(
        "You do not have to say it. If you are under 13, you need a guardian's consent to have an account."))
    guardian_name = forms.CharField(label=_("Your guardian's name (only if you are under 13)"), max_length=150,
                                    required=False)
    guardian_email = forms.EmailField(
        label=_("Your guardian's e-mail address (only if you are under 13)"), required=False,
        help_text=_("We send your guardian a link. When they have confirmed, you can sign up for things."))

    field_order = ["first_name", "last_name", "email", "password1", "password2", "birth_date", "guardian_name",
                   "guardian_email"]

    def clean_birth_date(self):
        return _check_birth_date(self.cleaned_data.get("birth_date"))

    def clean(self):
        data = super().clean()
        born = data.get("birth_date")
        if born and age_on(born, timezone.localdate()) < ALONE:
            if not data.get("guardian_name", "").strip() and "guardian_name" not in self.errors:
                self.add_error("guardian_name", _("You are under 13: write the name of a parent or guardian."))
            if not data.get("guardian_email") and "guardian_email" not in self.errors:
                self.add_error("guardian_email", _("You are under 13: write your guardian's e-mail address."))
            elif data.get("guardian_email") and data["guardian_email"].lower() == (data.get("email") or "").lower():
                self.add_error("guardian_email", _("Write your guardian's own address, not yours."))
        return data

    def signup(self, request, user):
        from . import services

        data = self.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.birth_date = data.get("birth_date")
        user.save(update_fields=["first_name", "last_name", "birth_date"])
        if user.birth_date and age_on(user.birth_date, timezone.localdate()) < ALONE:
            services.ask_guardian(by=user, user=user, guardian_name=data["guardian_name"].strip(),
                                  guardian_email=data["guardian_email"])


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)


class AboutMeForm(forms.Form):
    """Optional: the date of birth (asked where age matters) and the target groups a person
    says they belong to (counted, never guessed)."""

    birth_date = _birth_date_field(help_text=_(
        "Some activities and assignments are for certain ages. Leave it empty if you do not want to say."))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Do you belong to any of these groups?"), queryset=TargetGroup.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only if you want to say. The municipality counts how many from each group take part, to see "
                    "whom it reaches; nobody else sees your answer, and you can remove it at any time."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["target_groups"].label_from_instance = lambda group: group.label

    def clean_birth_date(self):
        value = _check_birth_date(self.cleaned_data.get("birth_date"))
        if value and age_on(value, timezone.localdate()) < ALONE and not hasattr(self.user, "guardian_consent"):
            raise forms.ValidationError(_("Under 13 you need a guardian's consent. Write your date of birth with your guardian's "
                                          "name when you create an account, or ask the municipality for help."),
                                        code="guardian")
        return value


def age_field() -> forms.IntegerField:
    """The question a sign-up asks when what it is for has ages and the person's age is not
    known: the answer is used for the check only, and not kept."""
    field = forms.IntegerField(
        label=_("Your age"), min_value=1, max_value=OLDEST, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("This is for certain ages. We use your answer only to check that, and do not keep it."))
    field.error_messages["invalid"] = _("Write your age in years, for example 16.")
    return field


def asks_age(user, limits, *, record_extract: bool = False) -> bool:
    """Must the form ask the person's age? Only where it matters and it is not known."""
    from .ages import age_of, needs_age

    return needs_age(limits, record_extract=record_extract) and age_of(user) is None


def check_age_span(form, data: dict) -> None:
    """The youngest age may not be above the oldest (for a form with `min_age` and `max_age`)."""
    low, high = data.get("min_age"), data.get("max_age")
    if low is not None and high is not None and high < low:
        form.add_error("max_age", _("The oldest age must be the youngest age or more."))


class PhoneForm(forms.Form):
    """The person's mobile number, to get messages by SMS once they verified it."""

    phone = PhoneNumberField(
        label=_("Your mobile number"),
        error_messages={"required": _("Write your mobile number, for example 070-123 45 67."),
                        "invalid": _("Write a mobile number, for example 070-123 45 67 or +46 70 123 45 67.")},
        help_text=_("We send a code by SMS to this number. Type it on the next step to show the number is yours."))

    def clean_phone(self):
        number = self.cleaned_data["phone"]
        if number and not is_mobile(number):
            raise forms.ValidationError(_("Write a mobile number that can get SMS, for example 070-123 45 67."),
                                        code="not_mobile")
        return number


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code from the SMS"), max_length=20,
        error_messages={"required": _("Write the six digits from the SMS, for example 123456.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text=_("Six digits."))

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Write the six digits from the SMS, for example 123456."), code="invalid")
        return code
