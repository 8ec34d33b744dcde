"""Demo news (invented, around the policy's facts): the municipality's news and posts that
lift associations' initiatives (policy point 8b), a few subscribers and one newsletter that
has been sent. `load_demo` calls `load(stdout=..., password=...)` after the other apps;
running it again adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from samverka.activities.models import Activity
from samverka.actors.models import Actor
from samverka.municipality.models import Office, SdgGoal

from . import services
from .models import Newsletter, Post, Subscriber

# (days ago, kind, office slug, actor, activity title, title, lead, body, SDG goals)
POSTS = [
    (2, "municipality", "kultur-och-fritidskontoret", None, None,
     "Nu kan föreningar söka aktivitetsbidrag för våren",
     "Föreningar som ordnar aktiviteter för barn, unga och äldre kan söka bidrag fram till den 15 februari.",
     "Kultur- och fritidsnämnden har öppnat ansökan om aktivitetsbidrag för våren. Bidraget är till för "
     "föreningar som ordnar regelbundna aktiviteter på Mälaröarna.\n\nDu söker direkt här på Samverka, under "
     "Bidrag. Har du frågor? Ring kultur- och fritidskontoret eller skriv via En väg in.", [3, 10]),
    (5, "initiative", None, "Språkcaféet Ekerö", "Språkcafé på biblioteket",
     "Språkcaféet fyller biblioteket varje tisdag",
     "Volontärerna på Språkcaféet Ekerö har hjälpt över hundra nya Ekeröbor att öva svenska i år.",
     "Varje tisdag kväll blir biblioteket i Ekerö centrum ett vardagsrum. Nya Ekeröbor och volontärer sitter "
     "i små grupper, dricker kaffe och pratar svenska i lugn takt.\n\n”Det viktigaste är att ingen behöver "
     "vara rädd för att säga fel”, säger en av volontärerna.\n\nSpråkcaféet söker fler volontärer. Du behöver "
     "inga förkunskaper, bara tid och nyfikenhet.", [4, 10]),
    (9, "municipality", "socialkontoret", None, None,
     "Seniorsamtal för dig som fyller 80",
     "Kommunen bjuder in alla som fyller 80 år till ett samtal om vardagen, hälsan och vad som finns på öarna.",
     "Samtalen görs tillsammans med föreningarna i referensgruppen. Du får ett brev med en tid, och du kan "
     "välja att träffas hemma, på en mötesplats eller på telefon.\n\nSyftet är att du ska känna till "
     "aktiviteter, väntjänst och stöd nära dig, innan du behöver det.", [3]),
    (14, "initiative", None, "Öar utan gränser", "Internationell matlagning",
     "Internationell matlagning samlar nya och gamla Ekeröbor",
     "Öar utan gränser bjuder in till matlagning där alla lär sig något av varandra.",
     "En lördag i månaden lagar vi mat från olika länder i församlingshemmet. Den som kan ett recept lär ut "
     "det, och sedan äter vi tillsammans.\n\nNätverket vill att fler ska mötas över gränser: mellan språk, "
     "åldrar och öar. Alla är välkomna, och maten är gratis.", [10, 11]),
    (20, "municipality", "kultur-och-fritidskontoret", None, None,
     "Samverka: en plats för kommunen och civilsamhället",
     "Här hittar du föreningar, aktiviteter, behov och sätt att engagera dig, på ett ställe.",
     "Samverka är kommunens och civilsamhällets gemensamma plats. Föreningar visar sin verksamhet, kontoren "
     "berättar vad de behöver hjälp med och du som bor här hittar något att vara med i.\n\nSajten bygger på "
     "kommunens policy för samverkan med civilsamhället.", [16, 17]),
    (27, "initiative", None, "Parkinson Ekerö", "Parkinsongympa",
     "Parkinsongympa ger styrka och gemenskap",
     "Parkinson Ekerö tränar varje tisdag med fysioterapeut i Ekebyhovshallen.",
     "Träningen är anpassad för dig med Parkinsons sjukdom. Efteråt fikar gruppen tillsammans.\n\n"
     "Föreningen berättar att gemenskapen är lika viktig som träningen. Nya deltagare är välkomna.", [3]),
    (-3, "municipality", "kultur-och-fritidskontoret", None, None,
     "Föreningsträff om den lokala överenskommelsen",
     "Välkommen till en kväll om hur kommunen och föreningarna arbetar vidare med överenskommelsen.",
     "Vi berättar vad som hänt under året och vad som är på gång. Anmälan behövs inte.", [17]),
]
SUBSCRIBERS = ["karin.holm@example.org", "ahmed.yusuf@example.org", "birgitta.lind@example.org",
               "tomas.ek@example.org", "leila.karimi@example.org", "nils.wester@example.org"]


def load(*, stdout, password: str = "") -> None:
    if Post.objects.exists():
        return
    offices = {o.slug: o for o in Office.objects.all()}
    goals = {g.number: g for g in SdgGoal.objects.all()}
    now = timezone.now()
    with transaction.atomic():
        posts = []
        for days, kind, office, actor_name, activity_title, title, lead, body, numbers in POSTS:
            actor = Actor.objects.filter(name=actor_name).first() if actor_name else None
            if kind == "initiative" and actor is None:
                continue
            activity = (Activity.objects.filter(actor=actor, title=activity_title).order_by("pk").first()
                        if actor else None)
            posts.append(services.create_post(by=None, data={
                "kind": kind, "title": title, "lead": lead, "body": body, "office": offices.get(office or ""),
                "actor": actor, "activity": activity, "status": Post.Status.PUBLISHED,
                "published_at": now - timedelta(days=days, hours=3),
                "sdg_goals": [goals[n] for n in numbers if n in goals]}))
        for n, email in enumerate(SUBSCRIBERS):
            subscriber = Subscriber.objects.create(email=email, language="en" if n == 4 else "sv")
            subscriber.status, subscriber.confirmed_at = Subscriber.Status.CONFIRMED, now - timedelta(days=40 - n)
            subscriber.save(update_fields=["status", "confirmed_at"])
        letter = services.create_newsletter(by=None, data={
            "title": "Nyhetsbrev från Samverka Ekerö",
            "intro": "Hej! Här är det senaste från kommunen och föreningarna på Mälaröarna.",
            "posts": [p for p in posts if p.is_public][:4]})
        letter.status, letter.send_started_at = Newsletter.Status.SENDING, now - timedelta(days=1)
        letter.save(update_fields=["status", "send_started_at"])
        services.deliver_newsletter(newsletter_id=letter.pk)
    stdout.write(f"News: {len(posts)} posts, {len(SUBSCRIBERS)} subscribers, one newsletter sent.")
