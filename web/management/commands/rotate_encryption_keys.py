from django.core.management.base import BaseCommand

from web.encryption import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted text value (notes, answers, reflections, own words) with the first key in "
        "FIELD_ENCRYPTION_KEYS. Run after putting a new key first; remove old keys only after it finishes."
    )

    def handle(self, *args, **options):
        for label, count in rotate_all().items():
            self.stdout.write(f"{label}: {count} value(s) re-encrypted")
        self.stdout.write(self.style.SUCCESS("Done. Every value now uses the newest key."))
