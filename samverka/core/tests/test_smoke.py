def test_home_page_is_swedish_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="sv" dir="ltr">' in response.content


def test_arabic_pages_are_right_to_left(client, db):
    response = client.get("/ar/")
    assert b'<html lang="ar" dir="rtl">' in response.content
