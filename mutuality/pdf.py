"""PDF documents from HTML templates (WeasyPrint).

Styles live in static files, never in the templates: the same Content Security
Policy rule as every page (no inline style) keeps templates uniform, and one
stylesheet can serve a document's HTML and PDF forms.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, stylesheets: Sequence[str] = ()) -> bytes:
    """Render ``template`` with ``context`` and return the PDF, styled with the named static files."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, context)
    styles = []
    for name in stylesheets:
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"Static stylesheet {name!r} was not found.")
        styles.append(CSS(filename=path))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=styles)
