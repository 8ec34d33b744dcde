"""The topics and routing rules every installation starts with; the administrator edits
them in /admin/. Rules name their office by slug and are made only for offices that exist
(`load` runs from the migration and again after the offices are set up, e.g. by load_demo)."""

TOPICS = [  # slug, sv, en, ar
    ("foreningsliv-och-bidrag", "Föreningsliv och bidrag", "Associations and grants", "الجمعيات والمنح"),
    ("lokaler", "Lokaler", "Premises", "المقرات"),
    ("volontararbete", "Volontärarbete", "Volunteering", "العمل التطوعي"),
    ("integration-och-sprak", "Integration och språk", "Integration and language", "الاندماج واللغة"),
    ("kultur-och-fritid", "Kultur och fritid", "Culture and leisure", "الثقافة وأوقات الفراغ"),
    ("aldre", "Äldre", "Older people", "كبار السن"),
    ("barn-och-unga", "Barn och unga", "Children and young people", "الأطفال والشباب"),
    ("natur-och-miljo", "Natur och miljö", "Nature and environment", "الطبيعة والبيئة"),
    ("trygghet", "Trygghet", "Safety", "الأمان"),
    ("annat", "Annat", "Something else", "شيء آخر"),
]

# (topic slug or None, office slug); None is the catch-all for everything else.
RULES = [
    ("foreningsliv-och-bidrag", "kultur-och-fritidskontoret"),
    ("lokaler", "kultur-och-fritidskontoret"),
    ("volontararbete", "socialkontoret"),
    ("integration-och-sprak", "socialkontoret"),
    ("kultur-och-fritid", "kultur-och-fritidskontoret"),
    ("aldre", "socialkontoret"),
    ("barn-och-unga", "barn-och-utbildningsforvaltningen"),
    ("natur-och-miljo", "teknik-och-exploateringskontoret"),
    ("trygghet", "socialkontoret"),
    (None, "kultur-och-fritidskontoret"),
]


def load_topics(apps) -> None:
    Topic = apps.get_model("cases", "Topic")
    for position, (slug, sv, en, ar) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults=dict(name=sv, name_en=en, name_ar=ar, position=position))


def load_rules(apps) -> int:
    """Add the default rules whose office exists and whose place is free; returns how many."""
    Topic = apps.get_model("cases", "Topic")
    Office = apps.get_model("municipality", "Office")
    RoutingRule = apps.get_model("cases", "RoutingRule")
    offices = {o.slug: o for o in Office.objects.filter(slug__in={office for _, office in RULES})}
    topics = {t.slug: t for t in Topic.objects.all()}
    added = 0
    for topic_slug, office_slug in RULES:
        office = offices.get(office_slug)
        topic = topics.get(topic_slug) if topic_slug else None
        if office is None or (topic_slug and topic is None):
            continue
        if not RoutingRule.objects.filter(topic=topic, district=None).exists():
            RoutingRule.objects.create(topic=topic, district=None, office=office)
            added += 1
    return added


def load(apps) -> None:
    load_topics(apps)
    load_rules(apps)
