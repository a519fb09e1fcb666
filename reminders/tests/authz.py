from access.authz import LOGIN, OK, Case, expect
from reminders.models import ReminderPreference


def _token(world):
    preference = ReminderPreference.objects.create(person=world.people["peer"], enabled=True, sessions=True)
    return {"token": preference.off_token}


CASES = [
    Case("reminders:preferences", expect(OK, anonymous=LOGIN)),
    # The link in every reminder works for anyone holding it, signed in or not.
    Case("reminders:off", expect(OK), kwargs=_token),
]
