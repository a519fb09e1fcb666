import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from outcomes import analysis
from people.models import Organisation


class Command(BaseCommand):
    help = (
        "Print an organisation's outcome analysis (readmission within 12 months, days in the community "
        "with Kaplan–Meier, log-rank and Cox figures, bed days and costs). Reads only; changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="The organisation's short name (slug).")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--start", type=date.fromisoformat, help="First day of the period (YYYY-MM-DD).")
        parser.add_argument("--end", type=date.fromisoformat, help="Last day of the period (default: today).")

    def handle(self, *args, org, format, start, end, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"There is no organisation with the short name “{org}”.")
        default_start, end = analysis.default_period(end)
        start = start or default_start
        if end <= start:
            raise CommandError("The end of the period must be after its start.")
        stats = analysis.outcome_stats([organisation.pk], start, end)
        data = stats.as_json()
        if format == "json":
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{organisation.name}: {start} to {end}")
        self.stdout.write(stats.caution)
        for group, p in data["readmission_within_12_months"].items():
            share = "—" if p["proportion"] is None else f"{p['proportion']:.1%}"
            self.stdout.write(f"  {group}: readmitted within 12 months {p['readmitted']} of {p['n']} ({share})")
        comparison = data["comparison"]
        if comparison["hazard_ratio_supported_vs_not"] is not None:
            low, high = comparison["hazard_ratio_ci95"]
            interval = f"95% CI {low:.2f} to {high:.2f}" if low is not None and high is not None else "no CI"
            logrank = "—" if comparison["logrank_p"] is None else f"{comparison['logrank_p']:.3g}"
            self.stdout.write(
                f"  Hazard ratio {comparison['hazard_ratio_supported_vs_not']:.2f} ({interval}); log-rank p = {logrank}"
            )
