from django.core.management.base import BaseCommand, CommandError

from audit.services import record
from people.models import User
from privacy.twofactor import remove_devices


class Command(BaseCommand):
    help = "Remove an account's authenticator and recovery codes, so they set up two-factor authentication again."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", required=True, help="Why (recorded in the audit log).")

    def handle(self, *args, email, reason, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"There is no account with the address {email}.")
        removed = remove_devices(user)
        record(
            actor=None,
            action="update",
            target=user,
            summary="Two-factor devices reset from the command line",
            detail={"reason": reason[:200]},
        )
        self.stdout.write(
            f"Removed {removed} device(s). They will set up two-factor authentication at their next sign-in."
        )
