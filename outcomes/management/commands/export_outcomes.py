from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outcomes import analysis
from outcomes.exports import export_csv
from people.models import Organisation


class Command(BaseCommand):
    help = (
        "Write per-person outcome analysis data (research numbers, never names) to a CSV file: group, days "
        "followed, readmission, bed days, crisis days, attendances and cost. Gives people an outcome research "
        "number on first export; changes nothing else. The export is recorded in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv"], default="csv")
        parser.add_argument("--out", required=True, help="The file to write.")
        parser.add_argument("--org", help="One organisation's short name (slug); default: every organisation.")
        parser.add_argument("--start", type=date.fromisoformat, help="First day of the period (YYYY-MM-DD).")
        parser.add_argument("--end", type=date.fromisoformat, help="Last day of the period (default: today).")

    def handle(self, *args, out, org, start, end, **options):
        organisations = Organisation.objects.all()
        if org:
            organisations = organisations.filter(slug=org)
            if not organisations.exists():
                raise CommandError(f"There is no organisation with the short name “{org}”.")
        default_start, end = analysis.default_period(end)
        start = start or default_start
        if end <= start:
            raise CommandError("The end of the period must be after its start.")
        text = export_csv(
            organisation_ids=list(organisations.values_list("pk", flat=True)), start=start, end=end, actor=None
        )
        Path(out).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {text.count(chr(10)) - 1} rows to {out}.")
