"""Anna creates an account, confirms her e-mail address, logs out and in again, and
resets a forgotten password. Someone guessing passwords is slowed down."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import PASSWORD, UserFactory
from samverka.communication.models import OutboxMessage
from samverka.core.tests.helpers import link_in, says

User = get_user_model()
SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")
LOGOUT = reverse("account_logout")
RESET = reverse("account_reset_password")
NEW_PASSWORD = "ett-langt-nytt-losenord-2026"


def signup(client, **changes):
    data = {"first_name": "Anna", "last_name": "Berg", "email": "anna@example.org",
            "password1": "ett-langt-losenord-2026", "password2": "ett-langt-losenord-2026"}
    data.update(changes)
    return client.post(SIGNUP, data)


def logged_in_user(client):
    return client.get(reverse("accounts:dashboard")).wsgi_request.user


def test_sign_up_confirm_the_address_and_be_logged_in(client, db):
    assert client.get(SIGNUP).status_code == 200
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert (user.first_name, user.last_name) == ("Anna", "Berg")
    assert not logged_in_user(client).is_authenticated

    message = OutboxMessage.objects.get(to="anna@example.org")
    assert message.subject.startswith("Samverka: ")
    confirm = link_in(message)
    assert confirm.startswith("/konto/confirm-email/")

    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert logged_in_user(client) == user
    assert user.emailaddress_set.get().verified


def test_an_unconfirmed_account_cannot_log_in(client, db):
    signup(client)
    client.logout()
    response = client.post(LOGIN, {"login": "anna@example.org", "password": "ett-langt-losenord-2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not logged_in_user(client).is_authenticated


def test_over_long_names_are_refused(client, db):
    response = signup(client, first_name="A" * 101)
    assert response.status_code == 200
    assert not User.objects.exists()


def test_names_are_required(client, db):
    response = signup(client, first_name="", last_name="")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("password", ["kort", "12345678901", "password123", "anna@example.org"])
def test_a_weak_password_is_refused(client, db, password):
    response = signup(client, password1=password, password2=password)
    assert response.status_code == 200
    assert not User.objects.exists()


def test_an_address_already_in_use_is_refused(client, resident):
    response = signup(client, email="LINA@example.org")
    assert User.objects.filter(email__iexact="lina@example.org").count() == 1
    # allauth does not reveal whether the address is taken (enumeration): it either shows a
    # message or pretends to send a verification e-mail; it never creates a second account.
    assert response.status_code in (200, 302)


def test_script_in_the_name_is_stored_as_text(client, db):
    signup(client, first_name="<script>alert(1)</script>")
    user = User.objects.get()
    assert user.first_name == "<script>alert(1)</script>"
    client.force_login(user)
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_log_in_and_log_out(client, resident):
    response = client.post(LOGIN, {"login": "LINA@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert logged_in_user(client) == resident
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert not logged_in_user(client).is_authenticated


def test_a_wrong_password_says_so_without_logging_in(client, resident):
    response = client.post(LOGIN, {"login": "lina@example.org", "password": "fel-losenord"})
    assert response.status_code == 200
    assert says("The email address and/or password you specified are not correct.") in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_reset_a_forgotten_password(client, resident):
    response = client.post(RESET, {"email": "lina@example.org"})
    assert response.status_code == 302
    message = OutboxMessage.objects.get(to="lina@example.org")
    link = link_in(message)
    response = client.get(link)
    if response.status_code == 302:  # allauth moves the key out of the address
        link = response["Location"]
        response = client.get(link)
    assert response.status_code == 200
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    client.logout()
    assert client.post(LOGIN, {"login": "lina@example.org", "password": PASSWORD}).status_code == 200
    assert client.post(LOGIN, {"login": "lina@example.org", "password": NEW_PASSWORD}).status_code == 302
    # The link works once.
    client.logout()
    response = client.post(link, {"password1": "ett-tredje-losenord-99", "password2": "ett-tredje-losenord-99"})
    resident.refresh_from_db()
    assert resident.check_password(NEW_PASSWORD)


def test_a_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(RESET, {"email": "okand@example.org"})
    assert response.status_code == 302
    assert not User.objects.exists()


def test_many_failed_logins_for_one_account_lock_it_for_a_while_from_there(client, resident):
    for _ in range(5):
        client.post(LOGIN, {"login": "lina@example.org", "password": "gissning"})
    response = client.post(LOGIN, {"login": "lina@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert says("Too many attempts") in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_too_many_logins_from_one_address_get_429(client, db):
    UserFactory(email="offer@example.org")
    statuses = [
        client.post(LOGIN, {"login": f"gissning{n}@example.org", "password": "gissning"}).status_code
        for n in range(31)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    # Another visitor, from another address, may still log in.
    other = client_from("10.0.0.2")
    assert other.post(LOGIN, {"login": "offer@example.org", "password": PASSWORD}).status_code == 302


def test_too_many_sign_ups_from_one_address_get_429(client, db):
    statuses = [signup(client, email=f"bot{n}@example.org").status_code for n in range(11)]
    assert statuses[-1] == 429
    assert User.objects.count() == 10


def client_from(address: str):
    from django.test import Client

    return Client(REMOTE_ADDR=address)


def test_the_confirmation_e_mail_names_the_platform_and_its_address(client, db, settings):
    settings.SITE_URL = "https://samverka.ekero.se"
    signup(client)

    body = OutboxMessage.objects.get(to="anna@example.org").body_text
    assert "Hej från Samverka Ekerö!" in body
    assert "registrera ett konto på samverka.ekero.se." in body
    assert "Tack för att du använder Samverka Ekerö!" in body
    assert "e-postadress" in body
    assert "epost" not in body.lower()


@pytest.mark.parametrize("path", [SIGNUP, LOGIN, RESET])
def test_account_pages_write_e_postadress(client, db, path):
    page = client.get(path).content.decode()
    assert "epost" not in page.lower()


def test_the_page_after_sign_up_says_what_happens_after_the_link(client, db):
    page = client.get(signup(client)["Location"]).content.decode()
    assert says("If you open the link in this browser, you are then logged in. If you open it on another "
                "device or in another browser, you then log in there with your e-mail address and password.") in page
    assert "sedan är du inloggad" not in page


def test_confirming_in_another_browser_leads_to_logging_in_there(client, db):
    signup(client)
    confirm = link_in(OutboxMessage.objects.get(to="anna@example.org"))
    other_browser = Client()
    response = other_browser.post(confirm, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert "Du har verifierat anna@example.org." in response.content.decode()
    assert not logged_in_user(other_browser).is_authenticated

    other_browser.post(LOGIN, {"login": "anna@example.org", "password": "ett-langt-losenord-2026"})
    assert logged_in_user(other_browser).email == "anna@example.org"
