"""python manage.py export_evaluation EVALUATION --format csv|sav|dta|fhir --out PATH"""

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Export an evaluation's answers (research numbers only) as CSV, SPSS, Stata or a FHIR bundle."

    def add_arguments(self, parser):
        parser.add_argument("evaluation", type=int)
        parser.add_argument("--format", choices=["csv", "sav", "dta", "fhir"], default="csv")
        parser.add_argument("--out", required=True)
        parser.add_argument("--shape", choices=["long", "wide"], default="long")
        parser.add_argument("--deidentify", action="store_true", help="Re-key research numbers and shift dates.")
        parser.add_argument("--free-text", action="store_true", help="Include free-text answers.")

    def handle(self, *args, evaluation, format, out, shape, deidentify, free_text, **options):
        from audit.models import AuditEvent
        from audit.services import record
        from evaluation.exports import ExportOptions, write
        from evaluation.models import Evaluation

        found = Evaluation.objects.filter(pk=evaluation).first()
        if found is None:
            raise CommandError(f"No evaluation {evaluation}; use evaluation_stats --list to see them.")
        choices = write(
            found,
            out,
            ExportOptions(format=format, shape=shape, deidentify=deidentify, include_text=free_text),
        )
        record(actor=None, action=AuditEvent.Action.EXPORT, target=found, summary=f"Export {format}", detail=choices)
        self.stdout.write(f"Wrote {out}: {json.dumps(choices, default=str)}")
