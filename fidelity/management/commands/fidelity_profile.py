"""Print a round's principle profile: ``python manage.py fidelity_profile ROUND --format json|text``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from fidelity import selectors
from fidelity.models import Round


class Command(BaseCommand):
    help = "Print the principle profile of a fidelity round (per principle and perspective, with n)."

    def add_arguments(self, parser):
        parser.add_argument("round", type=int, help="The round's number (as in its web address).")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        round_ = Round.objects.select_related("version__instrument").filter(pk=options["round"]).first()
        if round_ is None:
            raise CommandError(f"There is no fidelity round {options['round']}.")
        profile = selectors.round_profile(round_)
        data = profile.as_dict()
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"{round_.label} ({round_.get_status_display()})")
        for row in data["principles"]:
            self.stdout.write(f"\n{row['name']}  (all shown: {row['overall_mean']})")
            for perspective, cell in row["perspectives"].items():
                figures = "not shown (fewer than 3 people)" if cell["suppressed"] else f"mean {cell['mean']}"
                if not cell["suppressed"]:
                    figures += f", top {cell['top_share']}"
                self.stdout.write(f"  {perspective}: {figures}, n={cell['n_people']} ({cell['n_answers']} answers)")
            if row["disagreement"]:
                d = row["disagreement"]
                self.stdout.write(f"  perspectives disagree: {d['high']} higher than {d['low']}")
