import pytest

from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import PartnershipFactory, PartyFactory


@pytest.fixture
def office(official):
    return official.office_memberships.get().office


@pytest.fixture
def social_official(db):
    """Someone of another office: Socialkontoret."""
    return OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user


@pytest.fixture
def partnership(office, actor):
    """The culture office keeps a public IOP; Parkinson Ekerö is a party."""
    item = PartnershipFactory(office=office, title="Dans för Parkinson", slug="dans-for-parkinson")
    PartyFactory(partnership=item, actor=actor, role="Ledare och deltagare")
    return item


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Each test's private files in a folder of its own."""
    from django.core.files.storage import FileSystemStorage

    from samverka.core import storage

    monkeypatch.setattr(storage.private, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    return tmp_path / "private"
