"""Small helpers the web tests share."""

import re

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(response) -> str:
    """The CSRF token in a rendered form, as a browser would send it back."""
    match = _TOKEN.search(response.get_data(as_text=True))
    assert match, "the page has no form with a CSRF token"
    return match.group(1) or match.group(2)
