"""python manage.py import_instrument FILE [--organisation SLUG] [--publish]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutuality.errors import ServiceError
from people.models import Organisation


class Command(BaseCommand):
    help = "Import an instrument from a FHIR R4 Questionnaire (JSON) or a REDCap data dictionary (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", help="Slug of the organisation that will own it.")
        parser.add_argument("--publish", action="store_true", help="Publish the imported version at once.")

    def handle(self, *args, file, organisation=None, publish=False, **options):
        from evaluation import services

        path = Path(file)
        if not path.exists():
            raise CommandError(f"No such file: {file}")
        orgs = Organisation.objects.all()
        if organisation:
            org = orgs.filter(slug=organisation).first()
            if org is None:
                raise CommandError(f"No organisation with the slug {organisation!r}.")
        elif orgs.count() == 1:
            org = orgs.get()
        else:
            raise CommandError("Please name the organisation with --organisation SLUG.")
        try:
            version, report = services.instrument_import(
                name=path.name, content=path.read_bytes(), actor=None, organisation=org
            )
            if publish:
                services.version_publish(version=version, actor=None)
        except ServiceError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Imported {version} with {version.items.count()} questions.")
        if report:
            self.stdout.write("Not mapped:")
            for line in report:
                self.stdout.write(f"  - {line}")
        else:
            self.stdout.write("Everything was mapped.")
