import time

from django.core.management.base import BaseCommand

from jobs.schedule import enqueue_due, registry


class Command(BaseCommand):
    help = (
        "Put periodic tasks (reminders, digests, retention, evaluation invitations) on the queue when due. "
        "Runs until stopped; --once checks a single time. A `db_worker` process carries the tasks out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between checks.")

    def handle(self, *args, once: bool, interval: float, **options):
        self.stdout.write(f"{len(registry())} periodic task(s) registered.")
        while True:
            for name in enqueue_due():
                self.stdout.write(f"Enqueued {name}")
            if once:
                return
            time.sleep(interval)
