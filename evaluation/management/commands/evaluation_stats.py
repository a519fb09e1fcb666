"""python manage.py evaluation_stats EVALUATION [--quantiles default|spss] [--format json|text]"""

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Response rates, descriptive statistics and change between waves of an evaluation."

    def add_arguments(self, parser):
        parser.add_argument("evaluation", nargs="?", type=int, help="The evaluation's identifier (see --list).")
        parser.add_argument("--list", action="store_true", help="List evaluations with their identifiers.")
        parser.add_argument("--quantiles", choices=["default", "spss"], default="default")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, evaluation=None, list=False, quantiles="default", format="text", **options):
        from evaluation.models import Evaluation
        from evaluation.stats import evaluation_stats

        if list:
            for row in Evaluation.objects.select_related("organisation").order_by("id"):
                self.stdout.write(f"{row.pk}\t{row.name}\t{row.organisation.name}")
            return
        if evaluation is None:
            raise CommandError("Give an evaluation identifier, or --list to see them.")
        found = Evaluation.objects.filter(pk=evaluation).first()
        if found is None:
            raise CommandError(f"No evaluation {evaluation}; use --list to see them.")
        result = evaluation_stats(found, quantiles)
        if format == "json":
            self.stdout.write(json.dumps(result, indent=2, default=str))
            return
        self.stdout.write(found.name)
        for wave in result["response"]["waves"]:
            self.stdout.write(f"  {wave['label']}: {wave['text']}")
        for table in result["descriptives"]["waves"]:
            self.stdout.write(f"\n{table['label']} (completed by {table['responded']})")
            for v in table["variables"]:
                if v["n"]:
                    self.stdout.write(
                        f"  {v['name']}: n={v['n']}, missing={v['missing']}, mean {v['mean']} (SD {v['sd']}), "
                        f"median {v['median']} (IQR {v['iqr']}), {v['min']}–{v['max']}"
                    )
        self.stdout.write("\n" + result["descriptives"]["quantile_definition"])
