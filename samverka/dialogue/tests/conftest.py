import pytest

from .factories import ProcessFactory


@pytest.fixture
def office(official):
    return official.office_memberships.get().office


@pytest.fixture
def process(office, official):
    """Ungas Ekerö, run by the culture and leisure office, in its phase for proposals."""
    return ProcessFactory(title="Ungas Ekerö", slug="ungas-ekero", office=office, contact=official)
