"""What officials type about news posts and newsletters, and what a visitor types to
subscribe. The rules that need the database are the services' (`FieldProblem`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity
from samverka.actors.models import Actor
from samverka.core.uploads import CheckedImageField
from samverka.municipality.models import Office

from .models import Newsletter, Post


def _squash(text: str) -> str:
    return " ".join((text or "").split())


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["kind", "title", "lead", "body", "office", "actor", "activity", "image", "image_alt", "sdg_goals",
                  "status", "published_at"]
        field_classes = {"image": CheckedImageField}
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 10}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "sdg_goals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Office.objects.acted_for_by(user)
        self.fields["office"].queryset = offices
        self.fields["actor"].queryset = Actor.objects.published().order_by("name")
        self.fields["activity"].queryset = (Activity.objects.filter(status=Activity.Status.PUBLISHED,
                                                                    actor__isnull=False)
                                            .select_related("actor").order_by("actor__name", "title"))
        self.fields["activity"].label_from_instance = lambda a: f"{a.actor.name}: {a.title}"
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if offices.count() == 1 and not self.instance.pk:
            self.fields["office"].initial = offices.first().pk

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == Post.Kind.INITIATIVE and not data.get("actor"):
            self.add_error("actor", _("Choose the association whose initiative the post lifts."))
        activity = data.get("activity")
        if activity is not None and data.get("actor") and activity.actor_id != data["actor"].pk:
            self.add_error("activity", _("Choose one of the association's own activities."))
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for those who cannot see it."))
        return data

    def post_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                             help_text=_("For example: namn@example.org"),
                             error_messages={"required": _("Write your e-mail address."),
                                             "invalid": _("Write an e-mail address, for example namn@example.org.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["title", "intro", "posts"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5}), "posts": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posts"].queryset = Post.objects.filter(
            pk__in=list(Post.objects.published().order_by("-published_at").values_list("pk", flat=True)[:30])
        ).order_by("-published_at")

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def newsletter_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
