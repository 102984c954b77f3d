"""A person who needs a public page finds it from the home page: every public service is linked, in every language."""

import pytest

pytestmark = pytest.mark.django_db

#: The public pages that are not a request form, and where they are linked from.
LINKED_FROM_EVERY_PAGE = ["/notices/", "/office-actions/", "/laws/", "/data/"]


@pytest.mark.parametrize("lang", ["en", "ar", "fa", "hi"])
def test_the_home_page_links_the_legal_support_form_and_the_footer_every_public_register(client, lang):
    page = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/legal-support/"' in page  # volunteers facing a legal threat find where to ask for help
    for path in LINKED_FROM_EVERY_PAGE:
        assert f'href="/{lang}{path}"' in page, path
