from datetime import timedelta

from jobs.schedule import Periodic

from .tasks import send_invitations

PERIODIC = [Periodic("evaluation.invitations", timedelta(hours=1), send_invitations)]
