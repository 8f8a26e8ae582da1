"""Sign-in settings are documented, and the cookie route only ever redirects within this site."""
from pathlib import Path

import pytest

from tracking.settings import SETTINGS
from tracking.web.auth_routes import safe_next

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_in_the_readme_with_its_default(setting):
    assert f"| `{setting.env}` | `{setting.default:g}` |" in README


@pytest.mark.parametrize("target, expected", [
    ("/compliance?as_of=2011-06-30&level=district", "/compliance?as_of=2011-06-30&level=district"),
    ("/", "/"), (None, "/"), ("", "/"),
    ("https://example.com/", "/"), ("//example.com/x", "/"), ("/\\example.com", "/"), ("javascript:alert(1)", "/"),
])
def test_the_cookie_route_redirects_only_to_a_path_on_this_site(target, expected):
    assert safe_next(target) == expected
