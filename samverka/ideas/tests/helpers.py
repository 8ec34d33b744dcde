from django.urls import reverse


def idea_form(**changes) -> dict:
    data = {
        "title": "Reparationskafé i Stenhamra",
        "what": "Ett café en lördag i månaden där grannar hjälper varandra att laga cyklar, kläder och lampor.",
        "for_whom": "Alla i Stenhamra som vill laga i stället för att köpa nytt.",
        "place": "Stenhamra församlingshem", "help_wanted": "En lokal och kontakt med Kyrkan.",
        "name": "Ali Hassan", "email": "ali@example.org", "website": "",
    }
    data.update(changes)
    return data


def new_url() -> str:
    return reverse("ideas:new")
