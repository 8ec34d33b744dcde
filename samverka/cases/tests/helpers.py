from django.urls import reverse

from samverka.cases.models import Topic


def case_form(topic="kultur-och-fritid", **changes) -> dict:
    data = {
        "kind": "question", "topic": Topic.objects.get(slug=topic).pk, "district": "",
        "message": "Var kan vår förening hyra en lokal på kvällarna?",
        "name": "Lina Sandberg", "email": "lina@example.org", "phone": "", "website": "",
    }
    data.update(changes)
    return data


NEW = "cases:new"


def new_url() -> str:
    return reverse(NEW)
