"""Every kind of page carries the security headers and a strict Content Security Policy."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_secure_headers(response, *, signed_in: bool):
    for name, value in HEADERS.items():
        assert response.get(name) == value, (name, response.get(name))
    csp = response.get("Content-Security-Policy", "")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "camera=()" in response.get("Permissions-Policy", "")
    if signed_in:
        assert "no-store" in response.get("Cache-Control", "")


def _page_types(client, world):
    """(label, response, signed in?) for each kind of page Mutuality serves."""
    yield "public front door", client.get("/"), False
    yield "sign-in form", client.get("/accounts/login/"), False
    yield "password reset form", client.get("/accounts/password-reset/"), False
    yield "not found", client.get("/no-such-page/"), False
    yield "API refusal without credentials", client.get("/api/people/"), False
    yield "health check (JSON)", client.get("/healthz"), False
    client.post("/accounts/login/", {"username": "coordinator@example.org", "password": "correct horse battery staple"})
    yield "two-factor set-up (QR code)", client.get("/two-factor/"), True
    client.logout()
    client.force_login(world.users["coordinator"])
    yield "signed-in home", client.get("/"), True
    yield "list of records", client.get("/people/"), True
    yield "record page", client.get(f"/people/{world.person('peer').pk}/"), True
    yield "form", client.get("/people/new/"), True
    yield "API (JSON)", client.get("/api/people/", HTTP_ACCEPT="application/json"), True
    client.force_login(world.users["peer"])
    yield "forbidden", client.get("/organisations/riverside/audit/"), True


def test_every_page_type_carries_the_security_headers_and_a_csp_without_unsafe_inline(client, world):
    seen = []
    for label, response, signed_in in _page_types(client, world):
        assert response.status_code in {200, 302, 401, 403, 404}, (label, response.status_code)
        assert_secure_headers(response, signed_in=signed_in)
        seen.append((label, response.status_code))
    assert {status for _, status in seen} >= {200, 401, 403, 404}


@pytest.mark.django_db(transaction=True)
def test_the_try_again_page_carries_the_security_headers_too(client):
    from people.testing import build_world

    client.raise_request_exception = False
    client.force_login(build_world().users["coordinator"])
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    else:
        connection.settings_dict["NAME"] = "/nonexistent-directory/mutuality.sqlite3"
    try:
        response = client.get("/people/")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        connection.connect()
    assert response.status_code == 503
    assert_secure_headers(response, signed_in=False)


def test_production_sends_https_only_headers(client, world, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/")["Location"].startswith("https://")
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: link"),
]


def test_no_template_uses_inline_script_or_style_the_policy_would_block():
    base = Path(settings.BASE_DIR)
    templates = [
        path
        for path in base.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts and "email" not in path.parts
    ]
    assert templates
    problems = [
        f"{path.relative_to(base)}: {what}"
        for path in templates
        for pattern, what in INLINE
        if pattern.search(path.read_text())
    ]
    assert not problems, problems
