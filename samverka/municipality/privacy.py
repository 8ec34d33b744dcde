"""The offices a person works in, for "see my data" (samverka.portal calls every app's
`privacy` module), and the classification of the municipality's configuration, which
holds no one's personal data but the officials' memberships."""

from __future__ import annotations

from samverka.core.privacy import CONFIGURATION, WHILE_ACCOUNT, kept

NAMES = ["name", "name_en", "name_ar"]
VOCABULARY = kept(retention=CONFIGURATION, public=[*NAMES, "slug"], internal=["position"])

FIELDS = {
    "Municipality": kept(
        retention=CONFIGURATION,
        public=["name", "short_name", "contact_email", "phone", "phone_hours", "phone_hours_en", "phone_hours_ar",
                "colour_primary", "colour_primary_dark", "colour_accent", "accessibility_contact",
                "accessibility_assessed_on", "privacy_contact", "logo", "privacy_notice", "privacy_notice_en",
                "privacy_notice_ar", "accessibility_statement", "accessibility_statement_en",
                "accessibility_statement_ar", "email_sender_name", "email_sender_address", "email_reply_to",
                "sms_sender"],
        internal=["require_two_factor_for_officials"],
    ),
    "Committee": kept(retention=CONFIGURATION, public=[*NAMES, "slug"]),
    "Office": kept(retention=CONFIGURATION, public=[*NAMES, "slug", "committee", "email"]),
    "OfficeMembership": kept(retention=WHILE_ACCOUNT, personal=["user", "office", "title"]),
    "District": kept(retention=CONFIGURATION, public=[*NAMES, "slug", "latitude", "longitude", "zone"],
                     internal=["position"]),
    "Area": VOCABULARY,
    "TargetGroup": VOCABULARY,
    "Language": kept(retention=CONFIGURATION, public=[*NAMES, "code"], internal=["position"]),
    "SdgGoal": kept(retention=CONFIGURATION, public=["number", "title_sv", "title_en"]),
    "SdgTarget": kept(retention=CONFIGURATION, public=["code", "goal", "text_sv", "text_en"], internal=["position"]),
}


def personal_data(user) -> dict:
    return {
        "offices": [
            {"office": m.office.name, "title": m.title} for m in user.office_memberships.select_related("office")
        ],
    }


def erase(user) -> None:
    user.office_memberships.all().delete()
