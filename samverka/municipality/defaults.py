"""The configuration every installation starts with; the administrator edits it."""

AREAS = [  # slug, sv, en, ar
    ("kultur", "Kultur", "Culture", "الثقافة"),
    ("fritid", "Fritid", "Leisure", "أوقات الفراغ"),
    ("utbildning", "Utbildning", "Education", "التعليم"),
    ("integration", "Integration", "Integration", "الاندماج"),
    ("folkhalsa", "Folkhälsa", "Public health", "الصحة العامة"),
    ("arbetsmarknad", "Arbetsmarknad", "Labour market", "سوق العمل"),
    ("natur", "Natur", "Nature", "الطبيعة"),
    ("varldsarv", "Världsarv", "World heritage", "التراث العالمي"),
    ("trygghet", "Trygghet", "Safety", "الأمان"),
    ("omsorg", "Omsorg", "Care", "الرعاية"),
    ("innovation", "Innovation", "Innovation", "الابتكار"),
]

TARGET_GROUPS = [
    ("barn", "Barn", "Children", "الأطفال"),
    ("unga", "Unga", "Young people", "الشباب"),
    ("vuxna", "Vuxna", "Adults", "البالغون"),
    ("aldre", "Äldre", "Older people", "كبار السن"),
    ("nyanlanda", "Nyanlända", "Newcomers", "القادمون الجدد"),
    ("familjer", "Familjer", "Families", "العائلات"),
    ("funktionsnedsattning", "Personer med funktionsnedsättning", "People with disabilities", "الأشخاص ذوو الإعاقة"),
    ("anhoriga", "Anhöriga", "Carers and relatives", "الأقارب ومقدمو الرعاية"),
]

LANGUAGES = [  # code, sv, en, ar
    ("sv", "Svenska", "Swedish", "السويدية"),
    ("en", "Engelska", "English", "الإنجليزية"),
    ("ar", "Arabiska", "Arabic", "العربية"),
    ("fa", "Persiska/dari", "Persian/Dari", "الفارسية/الدارية"),
    ("ti", "Tigrinja", "Tigrinya", "التغرينية"),
    ("so", "Somaliska", "Somali", "الصومالية"),
    ("uk", "Ukrainska", "Ukrainian", "الأوكرانية"),
    ("fi", "Finska", "Finnish", "الفنلندية"),
    ("es", "Spanska", "Spanish", "الإسبانية"),
    ("de", "Tyska", "German", "الألمانية"),
    ("swl", "Svenskt teckenspråk", "Swedish Sign Language", "لغة الإشارة السويدية"),
]


def load(apps) -> None:
    """Create the vocabularies and the Agenda 2030 goals and targets (idempotent)."""
    from .sdg_data import GOALS, TARGETS

    for model_name, rows in (("Area", AREAS), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("municipality", model_name)
        for position, (slug, sv, en, ar) in enumerate(rows):
            model.objects.update_or_create(slug=slug, defaults=dict(name=sv, name_en=en, name_ar=ar, position=position))
    Language = apps.get_model("municipality", "Language")
    for position, (code, sv, en, ar) in enumerate(LANGUAGES):
        Language.objects.update_or_create(code=code, defaults=dict(name=sv, name_en=en, name_ar=ar, position=position))
    SdgGoal = apps.get_model("municipality", "SdgGoal")
    SdgTarget = apps.get_model("municipality", "SdgTarget")
    for number, sv, en in GOALS:
        SdgGoal.objects.update_or_create(number=number, defaults=dict(title_sv=sv, title_en=en))
    for position, (code, goal, sv, en) in enumerate(TARGETS):
        SdgTarget.objects.update_or_create(code=code, defaults=dict(goal_id=goal, text_sv=sv, text_en=en, position=position))
