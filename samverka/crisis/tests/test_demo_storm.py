"""The demo's past crisis with an association as help provider."""

import io

from samverka.actors.tests.factories import AssociationFactory
from samverka.crisis import demo
from samverka.crisis.models import Crisis, CrisisVolunteer, ProviderTask


def test_the_snowstorm_has_the_red_cross_as_provider_and_volunteers_who_chose(districts, kinds, social_office):
    AssociationFactory(name="Röda Korset Ekerö", slug="roda-korset-ekero")
    AssociationFactory(name="Lions Club Ekerö", slug="lions-club-ekero")
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())  # loaded twice: once

    storm = Crisis.objects.get(name=demo.STORM)
    red_cross = storm.providers.get(actor__name="Röda Korset Ekerö")
    assert red_cross.capacities.get(help_kind__slug="matinkop").per_day == 20
    assert ProviderTask.objects.filter(provider=red_cross, status="done").count() > 10
    told = CrisisVolunteer.objects.filter(crisis=storm, released_at__isnull=False)
    assert told.filter(choice="keep").count() == 18 and not told.filter(choice="").exists()
    assert storm.volunteer_links.count() == demo.STORM_VOLUNTEERS - 9  # nine erased
