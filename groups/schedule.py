from datetime import timedelta

from groups.tasks import send_meeting_reminders, send_network_digests
from jobs.schedule import Periodic

PERIODIC = [
    Periodic("groups.meeting_reminders", timedelta(hours=1), send_meeting_reminders),
    Periodic("groups.network_digests", timedelta(hours=6), send_network_digests),
]
