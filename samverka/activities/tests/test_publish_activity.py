"""Eva publishes Parkinson Ekerö's activities; Sara publishes for the culture office.
Bad input gets a message next to the field and nothing is lost or stored."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.activities.models import Activity, Occurrence
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, RegistrationFactory, in_days
from samverka.activities.tests.helpers import a_day, activity_form, field_error, image_file
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.municipality.models import Area, Language, Office, TargetGroup

CREATE = reverse("activities:create")


@pytest.fixture
def eva(client, representative):
    client.force_login(representative)
    return client


@pytest.fixture
def form(actor):
    def build(**changes):
        return activity_form(changes.pop("organiser", f"actor:{actor.pk}"), **changes)
    return build


def test_eva_publishes_a_one_off_activity(eva, actor, representative, form):
    assert eva.get(CREATE).status_code == 200
    response = eva.post(CREATE, form(
        areas=[Area.objects.get(slug="kultur").pk], target_groups=[TargetGroup.objects.get(slug="nyanlanda").pk],
        languages=[Language.objects.get(code="sv").pk], sdg_goals=[4]))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert flash(response) == [says("The activity is saved. Check the page; share the link or the calendar feed.")]
    assert activity.actor == actor and activity.office is None
    assert activity.created_by == representative
    assert activity.slug == "sprakcafe-pa-biblioteket"
    assert activity.status == Activity.Status.PUBLISHED
    assert timezone.localtime(activity.start).strftime("%H:%M") == "18:00"
    assert timezone.localtime(activity.start).date() == a_day()
    assert activity.rrule == "" and activity.is_free
    occurrence = Occurrence.objects.get()
    assert (occurrence.start, occurrence.end, occurrence.day) == (activity.start, activity.end, a_day())
    assert [a.slug for a in activity.areas.all()] == ["kultur"]
    assert AuditEvent.objects.for_object(activity).get().action == "activity.create"

    page = eva.get(activity.get_absolute_url()).content.decode()
    assert "<h1><bdi>Språkcafé på biblioteket</bdi></h1>" in page
    assert reverse("activities:edit", args=[activity.slug]) in page
    calendar = eva.get(reverse("activities:calendar")).content.decode()
    assert activity.get_absolute_url() in calendar


def test_sara_publishes_for_her_office(client, official):
    client.force_login(official)
    office = Office.objects.get(slug="kultur-och-fritidskontoret")
    body = client.get(CREATE).content.decode()
    assert f'value="office:{office.pk}"' in body
    client.post(CREATE, activity_form(f"office:{office.pk}", title="Prova-på-dag i Ekebyhov"))
    activity = Activity.objects.get()
    assert activity.office == office and activity.actor is None


def test_a_weekly_activity_gets_every_tuesday_until_the_last_date(eva, form):
    first = a_day(7)
    while first.weekday() != 1:
        first += timedelta(days=1)
    until = first + timedelta(weeks=5)
    eva.post(CREATE, form(date=first.isoformat(), repeat="weekly", repeat_until=until.isoformat(),
                          exceptions=(first + timedelta(weeks=2)).isoformat()))
    activity = Activity.objects.get()
    assert activity.rrule.startswith("FREQ=WEEKLY;BYDAY=TU;UNTIL=")
    occurrences = list(Occurrence.objects.order_by("start"))
    assert [o.day for o in occurrences] == [first + timedelta(weeks=n) for n in range(6)]
    assert [o.cancelled for o in occurrences] == [False, False, True, False, False, False]
    assert {timezone.localtime(o.start).strftime("%H:%M") for o in occurrences} == {"18:00"}


def test_every_other_week_and_monthly_by_weekday(eva, form):
    first = a_day(7)
    while not (first.weekday() == 2 and 8 <= first.day <= 14):  # a second Wednesday
        first += timedelta(days=1)
    eva.post(CREATE, form(date=first.isoformat(), repeat="monthly", repeat_until=(first + timedelta(days=100)).isoformat()))
    monthly = Activity.objects.get()
    assert "FREQ=MONTHLY;BYDAY=2WE" in monthly.rrule
    days = [o.day for o in monthly.occurrences.all()]
    assert all(d.weekday() == 2 and 8 <= d.day <= 14 for d in days) and len(days) >= 3

    eva.post(CREATE, form(title="Vandring", date=first.isoformat(), repeat="biweekly",
                          repeat_until=(first + timedelta(weeks=6)).isoformat()))
    biweekly = Activity.objects.get(title="Vandring")
    assert [o.day for o in biweekly.occurrences.all()] == [first + timedelta(weeks=n) for n in (0, 2, 4, 6)]


def test_an_activity_at_a_meeting_place_needs_no_address(eva, form):
    place = MeetingPlaceFactory(name="Kajutan")
    eva.post(CREATE, form(place=place.pk, address=""))
    assert Activity.objects.get().place == place


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "17:00"}, "end_time", "The end must be after the start. Check the times and the dates."),
        ({"end_time": "18:00"}, "end_time", "The end must be after the start. Check the times and the dates."),
        ({"date": (timezone.localdate() - timedelta(days=1)).isoformat()}, "date",
         "The date and time have passed. Choose a time later than now."),
        ({"end_date": (timezone.localdate() + timedelta(days=60)).isoformat()}, "end_date",
         "An activity can last at most 31 days. For a longer one, let it repeat."),
        ({"registration_mode": "registration", "capacity": "0"}, "capacity",
         "Write at least 1 place, or leave it empty if there is no limit."),
        ({"registration_mode": "registration", "capacity": "-5"}, "capacity",
         "Write at least 1 place, or leave it empty if there is no limit."),
        ({"repeat": "weekly", "repeat_until": ""}, "repeat_until",
         "Write the last date it repeats, at most a year from the first."),
        ({"repeat": "weekly", "repeat_until": (a_day() + timedelta(days=500)).isoformat()}, "repeat_until",
         "An activity can repeat for at most a year ahead. Choose an earlier last date, and add a new activity for the year after."),
        ({"repeat": "custom", "rule": "FREQ=WEEKLY;BYDAY=XX"}, "rule",
         "The rule could not be read. Check it against the example: FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231."),
        ({"repeat": "custom", "rule": "nonsense"}, "rule",
         "Write the rule as NAME=VALUE pairs separated by semicolons, for example FREQ=WEEKLY;BYDAY=TU;COUNT=10."),
        ({"repeat": "custom", "rule": "FREQ=DAILY"}, "rule",
         "The rule never ends. Give the last date (UNTIL) or the number of times (COUNT)."),
        ({"repeat": "custom", "rule": "FREQ=MINUTELY;COUNT=5"}, "rule",
         "An activity can repeat daily, weekly, monthly or yearly (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)."),
        ({"repeat": "custom", "rule": "FREQ=DAILY;COUNT=1000"}, "rule",
         "The rule gives more than %(count)s dates. Choose a less frequent rule or an earlier last date."),
        ({"repeat": "custom", "rule": "FREQ=WEEKLY;COUNT=3;UNTIL=20301231"}, "rule", "Use either COUNT or UNTIL, not both."),
        ({"is_free": "", "cost": ""}, "cost", "Write what it costs, or tick “Free of charge”."),
        ({"address": ""}, "address", "Choose a meeting place or write an address."),
        ({"start_time": "25:99"}, "start_time", None),
        ({"date": "2026-02-30"}, "date", None),
        ({"title": ""}, "title", None),
        ({"organiser": "actor:999999"}, "organiser", None),
        ({"exceptions": "julafton"}, "exceptions", "%(dates)s is not a date. Write dates like 2026-12-24, one per line."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(eva, form, changes, field, message):
    data = form(**changes)
    response = eva.post(CREATE, data)
    body = response.content.decode()
    assert response.status_code == 200
    error = field_error(body, field)
    assert error
    if message:
        assert says(message, count=400, dates="julafton") in error
    assert 'class="error-summary"' in body
    assert 'value="Språkcafé på biblioteket"' in body or field == "title"
    assert "Alla är välkomna, oavsett hur mycket svenska du kan." in body
    assert not Activity.objects.exists() and not Occurrence.objects.exists()


def test_a_rule_that_does_not_start_on_the_first_date_is_refused(eva, form):
    day = a_day(7)
    other = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(day.weekday() + 1) % 7]
    body = eva.post(CREATE, form(date=day.isoformat(), repeat="custom", rule=f"FREQ=WEEKLY;BYDAY={other};COUNT=4")).content.decode()
    assert says("The first date, %(date)s, is not one of the rule's dates. Change the date or the rule.",
                date=day.isoformat()) in field_error(body, "rule")


def test_a_custom_rule_is_stored_in_one_spelling(eva, form):
    day = a_day(7)
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()]
    eva.post(CREATE, form(date=day.isoformat(), repeat="custom", rule=f"rrule:byday={weekday}; freq=weekly; count=3"))
    activity = Activity.objects.get()
    assert activity.rrule == f"FREQ=WEEKLY;BYDAY={weekday};COUNT=3"
    assert activity.occurrences.count() == 3


def test_an_image_needs_a_description(eva, form):
    body = eva.post(CREATE, {**form(), "image": image_file()}).content.decode()
    assert says("Describe the image for people who cannot see it.") in field_error(body, "image_alt")
    assert not Activity.objects.exists()


def test_an_image_with_a_description_is_stored_without_its_metadata(eva, form, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    eva.post(CREATE, {**form(image_alt="Sex personer runt ett bord med kaffekoppar."),
                      "image": image_file(size=(3000, 1000), kind="JPEG", name="IMG_0001.jpg")})
    activity = Activity.objects.get()
    assert activity.image.name.startswith("activities/") and activity.image.name.endswith(".jpg")
    from PIL import Image
    with Image.open(activity.image.path) as stored:
        assert stored.size == (2000, 667)
        assert not stored.getexif()
    page = eva.get(activity.get_absolute_url()).content.decode()
    assert 'alt="Sex personer runt ett bord med kaffekoppar."' in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("notes.png", b"this is not an image at all", "image/png"),
         "The file is not an image we can read. Choose a JPEG, PNG, WebP or GIF image."),
        (("page.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
         "The file is not an image we can read. Choose a JPEG, PNG, WebP or GIF image."),
    ],
)
def test_a_file_that_is_not_an_image_is_refused(eva, form, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile
    body = eva.post(CREATE, {**form(image_alt="En bild"), "image": SimpleUploadedFile(*upload)}).content.decode()
    assert says(message) in field_error(body, "image")
    assert 'value="En bild"' in body
    assert not Activity.objects.exists()


def test_an_image_larger_than_5_mb_is_refused(eva, form):
    big = image_file(size=(40, 30))
    big.file.seek(0, 2)
    big.file.write(b"\0" * (5 * 1024 * 1024))  # a valid PNG followed by 5 MB
    big.size = big.file.tell()
    big.file.seek(0)
    body = eva.post(CREATE, {**form(image_alt="En bild"), "image": big}).content.decode()
    assert says("The image is larger than %(limit)s MB. Choose a smaller one.", limit=5) in field_error(body, "image")
    assert not Activity.objects.exists()


def test_the_same_form_sent_twice_publishes_one_activity(eva, form):
    token = re.search(r'name="submission_token" value="([^"]+)"', eva.get(CREATE).content.decode()).group(1)
    first = eva.post(CREATE, form(submission_token=token))
    second = eva.post(CREATE, form(submission_token=token))
    assert Activity.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_resident_without_an_association_is_told_what_to_do(client, resident):
    client.force_login(resident)
    response = client.get(CREATE)
    assert response.status_code == 403
    assert says("You need an association or an office") in response.content.decode()
    assert client.post(CREATE, activity_form("actor:1")).status_code == 403
    assert not Activity.objects.exists()


def test_eva_cannot_publish_in_another_actors_name(eva, other_actor):
    body = eva.post(CREATE, activity_form(f"actor:{other_actor.pk}")).content.decode()
    assert field_error(body, "organiser")
    assert not Activity.objects.exists()


def test_a_draft_is_seen_only_by_the_organiser(eva, client, form, resident):
    eva.post(CREATE, form(status="draft"))
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.DRAFT
    assert eva.get(activity.get_absolute_url()).status_code == 200
    assert activity.get_absolute_url() not in eva.get(reverse("activities:calendar")).content.decode()
    client.logout()
    assert client.get(activity.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(activity.get_absolute_url()).status_code == 404

    client.force_login(activity.created_by)
    response = client.post(reverse("activities:publish", args=[activity.slug]))
    assert flash(response) == [says("The activity is published and shown in the calendar.")]
    client.logout()
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_editing_keeps_what_was_written(eva, actor):
    activity = ActivityFactory(actor=actor, title="Stavgång", rrule="", start=in_days(5, 10), end=in_days(5, 11))
    body = eva.get(reverse("activities:edit", args=[activity.slug])).content.decode()
    assert 'value="Stavgång"' in body
    assert f'value="{timezone.localtime(activity.start).date().isoformat()}"' in body
    assert 'value="10:00"' in body and 'value="11:00"' in body


def test_moving_a_date_keeps_the_registrations_and_tells_the_participants(eva, actor):
    activity = ActivityFactory(actor=actor, registration_mode="registration", capacity=5,
                               start=in_days(5, 10), end=in_days(5, 11))
    occurrence = activity.occurrences.get()
    registration = RegistrationFactory(occurrence=occurrence, email="lina@example.org")
    data = activity_form(None, title=activity.title, summary=activity.summary, date=in_days(6).date().isoformat(),
                         start_time="13:00", end_time="14:00", registration_mode="registration", capacity="5")
    data.pop("organiser", None)
    response = eva.post(reverse("activities:edit", args=[activity.slug]), data)
    assert response.status_code == 302
    occurrence.refresh_from_db()
    registration.refresh_from_db()
    assert registration.occurrence_id == occurrence.pk and registration.is_active
    assert timezone.localtime(occurrence.start).strftime("%Y-%m-%d %H:%M") == in_days(6, 13).strftime("%Y-%m-%d %H:%M")
    message = OutboxMessage.objects.get(to="lina@example.org")
    assert activity.title in message.subject and "13.00" in message.body_text


def test_cancelling_a_date_tells_whoever_registered(eva, actor):
    activity = ActivityFactory(actor=actor, registration_mode="registration", capacity=5,
                               rrule="FREQ=WEEKLY;COUNT=3")
    second = activity.occurrences.order_by("start")[1]
    RegistrationFactory(occurrence=second, email="lina@example.org")
    response = eva.post(reverse("activities:cancel_occurrence", args=[activity.slug, second.pk]))
    assert flash(response) == [says("The date is cancelled. Everyone who registered for it gets a message.")]
    second.refresh_from_db()
    activity.refresh_from_db()
    assert second.cancelled
    assert activity.exdates == [second.day.isoformat()]
    assert OutboxMessage.objects.get(to="lina@example.org").subject.endswith(activity.title)
    page = eva.get(activity.get_absolute_url()).content.decode()
    assert says("Cancelled") in page


def test_cancelling_the_activity_tells_everyone_and_marks_it_in_the_calendar(eva, actor, client):
    activity = ActivityFactory(actor=actor, registration_mode="registration", capacity=5,
                               rrule="FREQ=WEEKLY;COUNT=2")
    for n, occurrence in enumerate(activity.occurrences.all()):
        RegistrationFactory(occurrence=occurrence, email=f"p{n}@example.org")
    eva.post(reverse("activities:cancel", args=[activity.slug]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CANCELLED
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == ["p0@example.org", "p1@example.org"]
    client.logout()
    calendar = client.get(reverse("activities:calendar")).content.decode()
    assert activity.get_absolute_url() in calendar and "is-cancelled" in calendar


def test_a_past_date_and_an_end_before_the_start_are_both_explained(eva, form):
    body = eva.post(CREATE, form(date="2020-01-01", start_time="12:00", end_time="10:00")).content.decode()
    assert says("The date and time have passed. Choose a time later than now.") in field_error(body, "date")
    assert says("The end must be after the start. Check the times and the dates.") in field_error(body, "end_time")
    assert 'value="2020-01-01"' in body and 'value="12:00"' in body and 'value="10:00"' in body


def _edit_with(eva, activity, **changes):
    data = activity_form(None, title=activity.title, summary=activity.summary,
                         date=timezone.localtime(activity.start).date().isoformat(),
                         start_time=f"{timezone.localtime(activity.start):%H:%M}",
                         end_time=f"{timezone.localtime(activity.end):%H:%M}", **changes)
    data.pop("organiser", None)
    response = eva.post(reverse("activities:edit", args=[activity.slug]), data)
    assert response.status_code == 302, field_error(response.content.decode(), "image")


def test_a_replaced_or_removed_image_leaves_the_storage(eva, form, settings, tmp_path,
                                                        django_capture_on_commit_callbacks):
    import os

    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        eva.post(CREATE, {**form(image_alt="Fika på biblioteket."), "image": image_file()})
    activity = Activity.objects.get()
    first = activity.image.path
    assert os.path.exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        _edit_with(eva, activity, image=image_file(kind="JPEG", name="ny.jpg"), image_alt="Kören sjunger.")
    activity.refresh_from_db()
    second = activity.image.path
    assert os.path.exists(second) and second != first
    assert not os.path.exists(first)
    assert AuditEvent.objects.get(action="activity.update").changes["image"] == [
        os.path.relpath(first, tmp_path), os.path.relpath(second, tmp_path)]

    # Saving without touching the image keeps it.
    with django_capture_on_commit_callbacks(execute=True):
        _edit_with(eva, activity, image_alt="Kören sjunger i kyrkan.")
    activity.refresh_from_db()
    assert activity.image.path == second and os.path.exists(second)

    with django_capture_on_commit_callbacks(execute=True):
        _edit_with(eva, activity, **{"image-clear": "on"})
    activity.refresh_from_db()
    assert not activity.image and activity.image_alt == ""
    assert not os.path.exists(second)
    assert os.listdir(tmp_path / "activities") == []


def test_an_image_is_not_deleted_before_the_change_is_saved(eva, form, settings, tmp_path,
                                                            django_capture_on_commit_callbacks):
    import os

    from samverka.activities import services

    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        eva.post(CREATE, {**form(image_alt="Fika på biblioteket."), "image": image_file()})
    activity = Activity.objects.get()
    path = activity.image.path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.update_activity(by=activity.created_by, activity=activity, data={"image": None})
    assert os.path.exists(path)  # until the transaction commits
    for callback in callbacks:
        callback()
    assert not os.path.exists(path)
