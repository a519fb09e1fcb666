from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from outcomes.models import ImportBatch, ServiceUse
from outcomes.services import outcomes_import
from outcomes.tests.helpers import D, consenting_person, stay


def _csv(*lines: str) -> bytes:
    return ("person,kind,admitted_on,discharged_on,readmission\n" + "\n".join(lines) + "\n").encode()


def test_a_clean_file_imports_every_row_in_one_batch(world):
    a = consenting_person(world, "Ana")
    b = consenting_person(world, "Ben")
    data = _csv(
        f"{a.pk},hospital,2025-01-05,2025-01-25,no",
        f"{a.pk},hospital,14/06/2025,30/06/2025,yes",
        f"{b.pk},crisis,2025-02-01,2025-02-06,",
        f"{b.pk},emergency,2025-03-01,,",
    )
    result = outcomes_import(organisation=world.org, data=data, filename="trust.csv", actor=None)
    assert result.ok and result.errors == []
    assert ServiceUse.objects.filter(batch=result.batch).count() == 4
    june = ServiceUse.objects.get(person=a, started_on=D(2025, 6, 14))
    assert (june.ended_on, june.is_readmission, june.source) == (D(2025, 6, 30), True, "import")
    assert AuditEvent.objects.filter(target_type="outcomes.importbatch", action="create").count() == 1


def test_one_bad_row_imports_nothing_and_every_problem_is_listed_by_row(world):
    ana = consenting_person(world, "Ana")
    no_consent = world.add_person("Cal")
    elsewhere = world.add_person("Dev", org=world.other_org)
    stay(ana, D(2025, 5, 1), D(2025, 5, 3))
    data = _csv(
        f"{ana.pk},hospital,2025-01-05,2025-01-25,no",  # fine
        "99999,hospital,2025-01-05,,",  # nobody with that number
        f"{no_consent.pk},hospital,2025-01-05,,",  # no consent
        f"{elsewhere.pk},hospital,2025-01-05,,",  # another organisation's person
        f"{ana.pk},surgery,2025-01-07,,",  # unknown kind
        f"{ana.pk},hospital,5th Jan,,",  # not a date
        f"{ana.pk},hospital,2025-02-10,2025-02-01,",  # discharge before admission
        f"{ana.pk},hospital,2025-03-10,,perhaps",  # readmission flag
        f"{ana.pk},hospital,2025-01-05,2025-01-25,no",  # same as row 2
        f"{ana.pk},hospital,2025-05-01,2025-05-03,",  # already recorded
    )
    result = outcomes_import(organisation=world.org, data=data, filename="trust.csv", actor=None)
    assert not result.ok
    assert ServiceUse.objects.count() == 1 and not ImportBatch.objects.exists()
    text = "\n".join(result.errors)
    for expected in [
        "Row 3: there is no person with Mutuality number “99999”",
        "Row 4: Cal has not agreed",
        f"Row 5: there is no person with Mutuality number “{elsewhere.pk}”",
        "Row 6: the kind “surgery” is not one of hospital, crisis or emergency",
        "Row 7: “5th Jan” is not a date",
        "Row 8: The discharge date is before the admission date.",
        "Row 9: readmission should be yes, no or empty",
        "Row 10: the same stay or attendance is on row 2",
        "Row 11: this stay or attendance is already recorded",
    ]:
        assert expected in text
    assert "Row 2" not in text


def test_files_that_cannot_be_read_are_refused_with_a_reason(world):
    cases = {
        b"name,date\nAna,2025-01-01\n": "Missing: person, kind, admitted_on",
        "person,kind,admitted_on\n1,hospital,2025-01-01\n".encode("utf-16"): "not UTF-8",
        b"person,kind,admitted_on\n": "no rows",
        b"": "Missing: person",
    }
    for data, message in cases.items():
        result = outcomes_import(organisation=world.org, data=data, filename="x.csv", actor=None)
        assert not result.ok
        assert message in result.errors[0]
    assert not ServiceUse.objects.exists()


def test_coordinator_uploads_a_file_and_sees_the_row_by_row_report(world, client):
    ana = consenting_person(world, "Ana")
    client.force_login(world.users["coordinator"])
    bad = SimpleUploadedFile("trust.csv", _csv(f"{ana.pk},hospital,2025-01-05,,", "12345,hospital,2025-01-05,,"))
    response = client.post(reverse("outcomes:import"), {"file": bad})
    page = response.content.decode()
    assert "Nothing has been imported" in page and "Row 3" in page
    good = SimpleUploadedFile("trust.csv", _csv(f"{ana.pk},hospital,2025-01-05,,"))
    response = client.post(reverse("outcomes:import"), {"file": good}, follow=True)
    assert "1 records imported from trust.csv" in response.content.decode()
    assert ServiceUse.objects.count() == 1
