"""Print the agreement between a project's double coders.

    python manage.py coding_agreement PROJECT --format json

PROJECT is the project's number or its exact name.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from qualitative import agreement
from qualitative.models import Project


class Command(BaseCommand):
    help = "Agreement between the double coders of a qualitative project (unit of analysis: the answer)."

    def add_arguments(self, parser):
        parser.add_argument("project", help="The project's number or exact name.")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, project: str, format: str, **options):
        found = Project.objects.filter(pk=int(project)) if project.isdigit() else Project.objects.filter(name=project)
        if found.count() != 1:
            raise CommandError(f"No single project called {project!r}.")
        result = agreement.compute(found.get())
        if format == "json":
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
            return
        self.stdout.write(f"Unit of analysis: {result.unit}. Coders: {', '.join(result.coders) or 'none'}.")
        self.stdout.write(
            f"Sample: {result.sample_answers} answers, {result.coded_answers} coded, {result.uncoded_answers} left out."
        )
        if result.overall is None:
            self.stdout.write("No double-coded answers yet.")
            return
        o = result.overall
        self.stdout.write(f"Overall: {o.percent}% agreement, kappa {o.kappa}, alpha {o.alpha} ({o.units} decisions).")
        for row in result.per_code:
            self.stdout.write(f"{row.code}: {row.percent}% agreement, kappa {row.kappa}, alpha {row.alpha}")
