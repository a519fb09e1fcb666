"""Certificates as PDF, drawn by WeasyPrint from an HTML template."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from training.models import Completion


def certificate_pdf(completion: Completion) -> bytes:
    html = render_to_string("training/certificate_pdf.html", {"completion": completion})
    return HTML(string=html).write_pdf()
