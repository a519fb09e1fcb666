from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutuality.errors import ServiceError
from privacy import backup


class Command(BaseCommand):
    help = "Restore the database from a file made by `manage.py backup`. Replaces everything in it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file.")
        parser.add_argument(
            "--into", metavar="DATABASE_URL", help="Restore into this database instead of the configured one."
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the data.")

    def handle(self, *args, file, into=None, yes=False, **options):
        target = backup.database_settings(into)
        if not yes and options.get("interactive", True):
            answer = input(f"This replaces everything in {target['NAME']}. Type 'restore' to go on: ")
            if answer.strip() != "restore":
                raise CommandError("Nothing was restored.")
        try:
            backup.restore(Path(file), db=target)
        except ServiceError as error:
            raise CommandError(str(error)) from error
        tables = backup.fingerprint(target)
        self.stdout.write(f"Restored {len(tables)} tables, {sum(n for n, _ in tables.values())} rows, from {file}")
