"""Odd query strings get a clear answer, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/weeknotes/?tag=%00",
    "/weeknotes/?author=a%00b",
    "/weeknotes/feed/rss/?tag=%01",
    "/weeknotes/feed/atom/?issue=%00",
    "/search/?q=a%00b",
    "/api/v2/pages/?search=a%00",
    "/issues/?page=%00",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_control_characters_in_a_query_string_get_a_plain_400(client, path):
    response = client.get(path)

    assert response.status_code == 400
    assert "characters in it that we cannot read" in response.content.decode()


def test_an_unbalanced_quote_in_a_search_is_explained(client):
    response = client.get('/search/?q="harbour')

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="&quot;harbour"' in page
    assert "We could not read that search" in page or "Nothing published matches" in page


def test_an_unbalanced_quote_in_an_api_search_is_not_a_server_error(client):
    response = client.get('/api/v2/pages/?search="harbour')

    assert response.status_code in (200, 400)  # 400 on SQLite, whose search syntax refuses it
    if response.status_code == 400:
        assert response.json() == {"message": "The search could not be read: try plain words."}
