from django.db import transaction
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from samverka.core.serializers import JsonTypes
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

from . import services
from .filters import ActorFilter
from .forms import ActorForm
from .models import Actor


class ActorSerializer(JsonTypes, serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Area.objects.all(), required=False)
    target_groups = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=TargetGroup.objects.all(), required=False)
    districts = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=District.objects.all(), required=False)
    languages = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Language.objects.all(), required=False)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, queryset=SdgGoal.objects.all(), required=False)
    verified = serializers.BooleanField(source="is_verified", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = [
            "url", "slug", "name", "kind", "organisation_number", "summary", "description", "areas",
            "target_groups", "districts", "languages", "sdg_goals", "email", "website", "phone",
            "meeting_place", "accessibility", "verified", "status", "updated_at",
        ]
        # Representatives change what the page's form changes; the address, the status
        # (archive) and the verified mark have their own actions.
        read_only_fields = ["slug", "status", "updated_at"]

    def validate(self, attrs):
        # The same validation as the page's form, so the API accepts exactly what the page does.
        instance = self.instance
        data = {f: getattr(instance, f) for f in ActorForm.Meta.fields if f not in attrs and instance}
        data.update(attrs)
        for name in services.M2M_FIELDS:
            value = data.get(name)
            if hasattr(value, "all"):
                data[name] = list(value.all())
            data[name] = [getattr(v, "pk", v) for v in data.get(name, [])]
        form = ActorForm(data=data, instance=Actor.objects.get(pk=instance.pk))
        if not form.is_valid():
            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        # The form's cleaned values: an organisation number written as the page writes it,
        # a name without stray spaces.
        return {name: form.cleaned_data[name] for name in attrs}


class ActorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                   viewsets.GenericViewSet):
    """The association register. Anyone reads; an actor's representatives update it."""

    serializer_class = ActorSerializer
    lookup_field = "slug"
    filterset_class = ActorFilter
    write_perms = {"update": "actors.change_actor", "partial_update": "actors.change_actor"}

    def get_queryset(self):
        return Actor.objects.visible_to(self.request.user).prefetch_related(
            "areas", "target_groups", "districts", "languages", "sdg_goals").order_by("sort_name", "pk")

    def perform_update(self, serializer):
        with transaction.atomic():
            services.update_actor(by=self.request.user, actor=serializer.instance, data=serializer.validated_data)
