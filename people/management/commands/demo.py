import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from people.demo import DEMO_EMAIL_DOMAIN, SCALES, DemoContext
from people.models import Organisation


def demo_modules():
    for app in settings.MUTUALITY_APPS:
        try:
            yield importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.demo":
                raise


def load_demo(scale: str, seed: int, log=print) -> DemoContext:
    """Load demo data for every app, in one transaction: all of it or none."""
    ctx = DemoContext(scale_name=scale, seed=seed, log=log)
    with transaction.atomic():
        for module in demo_modules():
            started = time.perf_counter()
            module.load(ctx)
            ctx.timings[module.__name__.split(".")[0]] = time.perf_counter() - started
    return ctx


class Command(BaseCommand):
    help = (
        "Load deterministic, synthetic demo data into an empty database: organisations, people, workers, "
        "themes, consents and each capability's records, plus one demo login per role. "
        "Scales: small (about 70 people), network (about 5,500), national (over 55,000)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has data.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Load even with DEBUG off (for benchmarks on a throwaway database; never on real data).",
        )

    def handle(self, *args, scale, seed, if_empty, allow_without_debug, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Demo data has well-known passwords, so it is only loaded with DEBUG on. "
                "For a throwaway benchmark database, add --allow-without-debug."
            )
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("The database already has data; demo data not loaded.")
                self._print_logins()
                return
            raise CommandError("The database already has data. Use an empty database for demo data.")
        started = time.perf_counter()
        load_demo(scale, seed, log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ({scale}, seed {seed}) loaded in {time.perf_counter() - started:.1f}s.")
        )
        self._print_logins()

    def _print_logins(self):
        from people.demo import DEMO_LOGIN_NAMES

        self.stdout.write(f"\nDemo logins (password: {settings.DEMO_PASSWORD})")
        for role, (_full, display, _pronouns, _gender) in DEMO_LOGIN_NAMES.items():
            email = f"{role}@{DEMO_EMAIL_DOMAIN}"
            self.stdout.write(f"  {role:<14} {email:<34} ({display})")
        for module in demo_modules():
            note = getattr(module, "LOGIN_NOTE", "")
            if note:
                self.stdout.write("\n" + note)
