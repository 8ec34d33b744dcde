"""The demo's processes part: the 2017 dialogue's five focus groups and open workshop (40
participants) with feedback given, the youth dialogue's proposals and threaded comments with
feedback on time and one overdue, a hidden comment; loading again adds nothing."""

from django.core.management import call_command

from samverka.dialogue import demo
from samverka.dialogue.models import Comment, FeedbackItem, Proposal, Workshop


def test_the_demo_processes_load_once_and_show(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    d2017 = demo.process(demo.DIALOGUE_2017)
    workshops = Workshop.objects.filter(process=d2017)
    assert workshops.filter(kind=Workshop.Kind.FOCUS_GROUP).count() == 5
    assert workshops.get(kind=Workshop.Kind.WORKSHOP).participants == 40
    assert all(w.activity.start.year == 2017 for w in workshops)
    assert not FeedbackItem.objects.filter(process=d2017).open().exists()
    youth = demo.process(demo.YOUTH)
    assert Proposal.objects.filter(process=youth).count() == 5
    assert FeedbackItem.objects.filter(process=youth).overdue().count() == 1
    given = FeedbackItem.objects.filter(status="given")
    assert given.count() >= 8 and all(item.was_on_time for item in given)
    hidden = Comment.objects.get(visibility="hidden")
    page = client.get(youth.get_absolute_url()).content.decode()
    assert "Öppna fritidsgården på lördagar" in page and hidden.hidden_reason in page and hidden.body not in page
    assert "Stenhamra fritidsgård" in page  # you said, we did
    page = client.get(d2017.get_absolute_url()).content.decode()
    # The adopted policy: feedback is points 2 and 7, point 6 the open, accessible decision process.
    assert "Policyns punkter 2 och 7: återkoppling" in page and "Policyns punkt 6: en öppen och tillgänglig" in page
    assert "punkt 6: återkoppling" not in page and "punkt 7: en väg in" not in page
    count = (Proposal.objects.count(), Comment.objects.count(), FeedbackItem.objects.count(), Workshop.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert count == (Proposal.objects.count(), Comment.objects.count(), FeedbackItem.objects.count(),
                     Workshop.objects.count())
