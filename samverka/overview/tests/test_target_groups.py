"""Participation by target group: counted only from what people chose to say, never from
their age; shown on the overview with a chart and a table."""

import datetime as dt
from datetime import date

import time_machine
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory, RegistrationFactory
from samverka.municipality.models import TargetGroup
from samverka.overview import figures
from samverka.overview.models import Dimension, Figure, Metric

TODAY = dt.date(2026, 6, 15)


def test_only_what_people_said_is_counted(client, process_leader, actor):
    newcomers, young = TargetGroup.objects.get(slug="nyanlanda"), TargetGroup.objects.get(slug="unga")
    with time_machine.travel(dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC), tick=False):
        activity = RegistrationActivityFactory(actor=actor, capacity=30)
        occurrence = activity.occurrences.first()
        said = UserFactory()
        said.target_groups.add(newcomers)
        silent_teen = UserFactory(birth_date=date(2010, 1, 1))  # 16, said nothing: in no group
        for user in (said, silent_teen):
            RegistrationFactory(occurrence=occurrence, user=user, status=Registration.Status.CONFIRMED)
        RegistrationFactory(occurrence=occurrence, user=None, status=Registration.Status.CONFIRMED)
    figures.compute(today=TODAY)
    june = dt.date(2026, 6, 1)

    def count(dimension=Dimension.TOTAL, key=""):
        row = Figure.objects.filter(metric=Metric.PARTICIPATION, month=june, dimension=dimension, key=key).first()
        return row.count if row else 0

    assert count() == 3
    assert count(Dimension.TARGET_GROUP, str(newcomers.pk)) == 1
    assert count(Dimension.TARGET_GROUP, str(young.pk)) == 0  # never inferred from age

    client.force_login(process_leader)
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        page = client.get(reverse("overview:index")).content.decode()
    assert 'id="chart-target-groups' in page
    assert "Nyanlända" in page
