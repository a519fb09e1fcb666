"""Journey: a commissioner reads the latest report and downloads its PDF."""

import random
import subprocess

import pytest
from PIL import Image

from outcomes.tests.helpers import D
from outcomes.tests.test_analysis import _cohort
from people.testing import build_world, sign_in
from reports.models import Report
from reports.services import report_build, report_publish
from web.testing import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_commissioner_opens_the_latest_report_and_downloads_a_pdf_that_renders(page, tmp_path):
    world = build_world()
    rng = random.Random(3)
    _cohort(world, rng, 30, True, mean_days=900)
    _cohort(world, rng, 30, False, mean_days=250)
    older = Report.objects.create(
        organisation=world.org, start=D(2023, 1, 1), end=D(2024, 12, 31), rule="standard", threshold=5
    )
    latest = Report.objects.create(
        organisation=world.org, start=D(2023, 1, 1), end=D(2025, 12, 31), rule="standard", threshold=5
    )
    for report in (older, latest):
        report_build(report=report)
        report_publish(report=report, actor=None)

    sign_in(page, "commissioner@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="1 Jan 2023 to 31 Dec 2025").click()
    assert page.get_by_role("heading", name="Hospital and crisis outcomes").is_visible()
    assert page.get_by_role("img", name="Kaplan–Meier curves for each group").is_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    assert image.size[1] > image.size[0]  # an A4 page, upright
    assert image.getextrema()[0] < 100  # something dark (text) on a light page
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    assert "Riverside Peer Support" in text.stdout
    assert "Peer support report, 1 January 2023 to 31 December 2025" in text.stdout
