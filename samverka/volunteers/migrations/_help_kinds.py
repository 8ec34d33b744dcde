"""The default kinds of help, loaded by migration 0002 (and again by tests that flush the
database)."""

HELP_KINDS = [
    # slug, Swedish, English, Arabic
    ("matinkop", "Handla mat", "Grocery shopping", "التسوق للطعام"),
    ("apotek", "Hämta på apoteket", "Pharmacy errands", "إحضار الأدوية من الصيدلية"),
    ("arenden", "Ärenden, post och bank", "Errands, post and bank", "قضاء المهام والبريد والبنك"),
    ("telefonsamtal", "Ett samtal i telefon", "A phone call", "مكالمة هاتفية"),
    ("hundpromenad", "Rasta hunden", "Dog walking", "تمشية الكلب"),
    ("transport", "Skjuts och transport", "Transport and lifts", "التوصيل والنقل"),
    ("sprak", "Tolkning och språkstöd", "Interpreting and language support", "الترجمة والدعم اللغوي"),
    ("digitalt", "Hjälp med dator och telefon", "Help with computer and phone", "المساعدة في الحاسوب والهاتف"),
]


def add(apps, schema_editor):
    HelpKind = apps.get_model("volunteers", "HelpKind")
    for position, (slug, sv, en, ar) in enumerate(HELP_KINDS):
        HelpKind.objects.update_or_create(slug=slug, defaults={"name": sv, "name_en": en, "name_ar": ar, "position": position})
