from datetime import timedelta

from jobs.schedule import Periodic
from support.tasks import session_reminders

PERIODIC = [Periodic("support.session_reminders", timedelta(minutes=15), session_reminders)]
