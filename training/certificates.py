"""Certificates as PDF, drawn by WeasyPrint from an HTML template."""

from __future__ import annotations

from mutuality.pdf import render_pdf
from training.models import Completion


def certificate_pdf(completion: Completion) -> bytes:
    return render_pdf(
        "training/certificate_pdf.html", {"completion": completion}, stylesheets=["training/certificate-pdf.css"]
    )
