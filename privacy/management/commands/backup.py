from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutuality.errors import ServiceError
from privacy import backup


class Command(BaseCommand):
    help = "Back up the whole database to one file (pg_dump for PostgreSQL, the online backup API for SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the backup (default: var/backups/…).")

    def handle(self, *args, file=None, **options):
        destination = Path(file) if file else backup.default_backup_path()
        try:
            written = backup.backup(destination)
        except ServiceError as error:
            raise CommandError(str(error)) from error
        tables = backup.fingerprint()
        self.stdout.write(f"Backed up {len(tables)} tables, {sum(n for n, _ in tables.values())} rows, to {written}")
        self.stdout.write("Keep FIELD_ENCRYPTION_KEYS safe separately: encrypted text cannot be read without them.")
