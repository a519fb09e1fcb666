"""Every change to outcome records and unit costs, one transaction each, audited.

Nothing is recorded about a person without their current consent to outcomes data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from outcomes.models import CostItem, ImportBatch, ServiceUse, UnitCost, UseKind
from people.models import ConsentScope, Organisation, Person
from people.selectors import consenting, has_consent

A = AuditEvent.Action

NO_CONSENT = "{name} has not agreed to hospital and crisis outcomes being recorded, so nothing was saved."


def _check_dates(kind: str, started_on: date, ended_on: date | None) -> date | None:
    today = timezone.localdate()
    if started_on > today:
        raise ServiceError("The admission or attendance date is in the future.")
    if kind == UseKind.EMERGENCY:
        return started_on
    if ended_on is not None:
        if ended_on < started_on:
            raise ServiceError("The discharge date is before the admission date.")
        if ended_on > today:
            raise ServiceError("The discharge date is in the future. Leave it empty while the stay goes on.")
    return ended_on


@transaction.atomic
def service_use_record(
    *,
    person: Person,
    kind: str,
    started_on: date,
    ended_on: date | None = None,
    is_readmission: bool | None = None,
    actor: Any,
) -> ServiceUse:
    if kind not in UseKind.values:
        raise ServiceError("Please choose what kind of stay or attendance this was.")
    if not has_consent(person.pk, ConsentScope.OUTCOMES):
        raise ServiceError(NO_CONSENT.format(name=person.display_name))
    ended_on = _check_dates(kind, started_on, ended_on)
    if ServiceUse.objects.filter(person=person, kind=kind, started_on=started_on).exists():
        raise ServiceError("This stay or attendance has already been recorded for that date.")
    use = ServiceUse.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        is_readmission=is_readmission,
        recorded_by=getattr(actor, "user", None),
    )
    record(actor=actor, action=A.CREATE, target=use, summary="Outcome recorded", detail={"kind": kind})
    return use


@transaction.atomic
def service_use_discharge(*, use: ServiceUse, ended_on: date, actor: Any) -> ServiceUse:
    """Record the discharge of a stay that was still going on."""
    if use.ended_on == ended_on:
        return use
    use.ended_on = _check_dates(use.kind, use.started_on, ended_on)
    use.save(update_fields=["ended_on"])
    record(actor=actor, action=A.UPDATE, target=use, summary="Discharge recorded", detail={"fields": ["ended_on"]})
    return use


@transaction.atomic
def service_use_remove(*, use: ServiceUse, actor: Any) -> None:
    """Remove a record entered in error."""
    record(actor=actor, action=A.DELETE, target=use, summary="Outcome removed (entered in error)")
    use.delete()


@transaction.atomic
def unit_cost_set(
    *, organisation: Organisation, year: int, item: str, amount: Decimal, source: str, actor: Any
) -> UnitCost:
    if item not in CostItem.values:
        raise ServiceError("Please choose what the cost is for.")
    if amount < 0:
        raise ServiceError("A cost cannot be negative.")
    if not 2000 <= year <= 2100:
        raise ServiceError("Please give a year between 2000 and 2100.")
    if not source.strip():
        raise ServiceError("Please say where the figure comes from, so readers can check it.")
    cost, created = UnitCost.objects.update_or_create(
        organisation=organisation,
        year=year,
        item=item,
        defaults={"amount": amount, "source": source.strip(), "recorded_by": getattr(actor, "user", None)},
    )
    record(
        actor=actor,
        action=A.CREATE if created else A.UPDATE,
        target=cost,
        organisation_id=organisation.pk,
        summary="Unit cost",
        detail={"item": item, "year": year},
    )
    return cost


# --- Import from a file a trust provides ------------------------------------------------

IMPORT_COLUMNS = ("person", "kind", "admitted_on", "discharged_on", "readmission")
REQUIRED_COLUMNS = ("person", "kind", "admitted_on")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
KIND_WORDS = {
    "hospital": UseKind.HOSPITAL,
    "inpatient": UseKind.HOSPITAL,
    "crisis": UseKind.CRISIS,
    "emergency": UseKind.EMERGENCY,
    "a&e": UseKind.EMERGENCY,
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


@dataclass
class ImportResult:
    batch: ImportBatch | None = None
    errors: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return self.batch is not None


def _is_number(text: str) -> bool:
    """Plain 0-9 digits only: str.isdigit() also passes ² and other scripts' digits."""
    return text.isascii() and text.isdigit()


def _parse_date(text: str) -> date:
    """ISO dates (2026-03-31) or the UK day-first form trusts often export (31/03/2026)."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise ValueError(text)


def _read_csv(data: bytes) -> tuple[list[dict[str, str]], list[str]]:
    if len(data) > MAX_IMPORT_BYTES:
        return [], ["The file is larger than 5 MB. Please split it into smaller files."]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["The file is not UTF-8 text. Please save it as “CSV UTF-8” and try again."]
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        return [], [
            f"The first line must name the columns. Missing: {', '.join(missing)}. "
            f"Expected columns: {', '.join(IMPORT_COLUMNS)}."
        ]
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:  # csv puts the cells beyond the named columns under None
            return [], [f"Row {number} has more cells than the first line names columns. Please check its commas."]
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items()})
    if not rows:
        return [], ["The file has no rows under its first line."]
    return rows, []


def _import_row(number: int, row: dict[str, str], people: dict[int, Person], consented: set[int]) -> tuple:
    """Check one row; return (errors, values)."""
    errors: list[str] = []
    where = f"Row {number}"
    person = None
    raw_person = row.get("person", "")
    if not _is_number(raw_person) or int(raw_person) not in people:
        errors.append(f"{where}: there is no person with Mutuality number “{raw_person}” in this organisation.")
    else:
        person = people[int(raw_person)]
        if person.pk not in consented:
            errors.append(
                f"{where}: " + NO_CONSENT.format(name=person.display_name).replace(", so nothing was saved", "")
            )
    kind = KIND_WORDS.get(row.get("kind", "").lower())
    if kind is None:
        errors.append(f"{where}: the kind “{row.get('kind', '')}” is not one of hospital, crisis or emergency.")
    started = ended = None
    try:
        started = _parse_date(row.get("admitted_on", ""))
    except ValueError:
        errors.append(f"{where}: “{row.get('admitted_on', '')}” is not a date (use 2026-03-31 or 31/03/2026).")
    if row.get("discharged_on"):
        try:
            ended = _parse_date(row["discharged_on"])
        except ValueError:
            errors.append(f"{where}: “{row['discharged_on']}” is not a date (use 2026-03-31 or 31/03/2026).")
    readmission = None
    flag = row.get("readmission", "").lower()
    if flag in YES:
        readmission = True
    elif flag in NO:
        readmission = False
    elif flag:
        errors.append(f"{where}: readmission should be yes, no or empty, not “{row['readmission']}”.")
    if kind and started and not errors:
        try:
            ended = _check_dates(kind, started, ended)
        except ServiceError as error:
            errors.append(f"{where}: {error}")
    return errors, (person, kind, started, ended, readmission)


def outcomes_import(*, organisation: Organisation, data: bytes, filename: str, actor: Any) -> ImportResult:
    """Import a CSV of stays and attendances: every row is checked first, and if any
    row has a problem nothing is imported and each problem is listed by row."""
    rows, errors = _read_csv(data)
    if errors:
        return ImportResult(errors=errors)
    ids = {int(r["person"]) for r in rows if _is_number(r.get("person", ""))}
    people = {p.pk: p for p in Person.objects.filter(organisation=organisation, pk__in=ids)}
    consented = set(
        Person.objects.filter(pk__in=people).filter(consenting(ConsentScope.OUTCOMES)).values_list("pk", flat=True)
    )
    existing = set(
        ServiceUse.objects.filter(person_id__in=people).values_list("person_id", "kind", "started_on").order_by()
    )
    seen: dict[tuple, int] = {}
    checked = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header line
        row_errors, values = _import_row(number, row, people, consented)
        person, kind, started, _ended, _readmission = values
        if not row_errors:
            key = (person.pk, kind, started)
            if key in existing:
                row_errors.append(f"Row {number}: this stay or attendance is already recorded.")
            elif key in seen:
                row_errors.append(f"Row {number}: the same stay or attendance is on row {seen[key]}.")
            seen[key] = number
        errors.extend(row_errors)
        checked.append(values)
    if errors:
        return ImportResult(errors=errors, rows=len(rows))
    user = getattr(actor, "user", None)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                organisation=organisation, filename=filename[:200], rows=len(checked), imported_by=user
            )
            ServiceUse.objects.bulk_create(
                [
                    ServiceUse(
                        organisation=organisation,
                        person=person,
                        kind=kind,
                        started_on=started,
                        ended_on=ended,
                        is_readmission=readmission,
                        source=ServiceUse.Source.IMPORT,
                        batch=batch,
                        recorded_by=user,
                    )
                    for person, kind, started, ended, readmission in checked
                ]
            )
            record(
                actor=actor,
                action=A.CREATE,
                target=batch,
                organisation_id=organisation.pk,
                summary="Outcomes imported",
                detail={"rows": len(checked)},
            )
    except IntegrityError:
        # Someone recorded one of these stays while the file was being checked.
        return ImportResult(errors=["Some of these stays were recorded by someone else just now. Please try again."])
    return ImportResult(batch=batch, rows=len(checked))
