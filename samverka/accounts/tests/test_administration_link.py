"""The header links to the administration for administrators only (asked through the rule)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(("who", "sees"), [
    ("resident", False), ("official", False), ("process_leader", False),
    ("administrator", True),
])
def test_only_administrators_see_the_link_to_the_administration(client, request, who, sees):
    client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("actors:directory")).content.decode()
    assert (f'href="{reverse("admin:index")}"' in page) is sees
