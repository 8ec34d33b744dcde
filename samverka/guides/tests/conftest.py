import pytest

from samverka.municipality.tests.factories import OfficeMembershipFactory


@pytest.fixture
def social_official(db):
    """Karim works at Socialkontoret."""
    return OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret",
                                   user__first_name="Karim", user__last_name="Haddad").user
