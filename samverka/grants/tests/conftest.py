import pytest
from django.core.files.storage import FileSystemStorage

from samverka.grants import models


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Each test's private files in a folder of its own."""
    monkeypatch.setattr(models.private, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    return tmp_path / "private"


@pytest.fixture
def culture_committee(official):
    """Sara's office, Kultur- och fritidskontoret, works under Kultur- och fritidsnämnden."""
    from .factories import CommitteeFactory

    committee = CommitteeFactory()
    office = official.office_memberships.get().office
    office.committee = committee
    office.save(update_fields=["committee"])
    return committee
