"""The demo's knowledge bank: a dozen guides, language versions, office guides, history."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from samverka.guides.models import Guide


def test_the_demo_guides_load_once_and_show(db, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    guides = Guide.objects.all()
    assert guides.count() == 12
    assert guides.exclude(title_en="").count() == 2 and guides.exclude(title_ar="").count() == 1
    assert set(guides.filter(topic="office").values_list("office__slug", flat=True)) == {
        "kultur-och-fritidskontoret", "socialkontoret"}
    social = guides.get(topic="office", office__slug="socialkontoret")
    assert social.version == 4 and social.versions.filter(kind="restored").exists()
    assert "vardagar 8–16 " in social.body_sv or "vardagar 8–16 och" in social.body_sv
    invited = guides.get(title_sv="Så startar du en förening")
    assert invited.versions.get(number=2).created_by.email == "forening@samverka.example"
    assert guides.filter(status="draft").count() == 1
    found = client.get(reverse("guides:search"), {"q": "foreningar bidrag"}).content.decode()
    assert "Så söker du bidrag" in found
    with translation.override("ar"):
        url = guides.get(topic="apply_grant").get_absolute_url()
    assert "كيف تتقدم بطلب منحة" in client.get(url).content.decode()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Guide.objects.count() == 12
