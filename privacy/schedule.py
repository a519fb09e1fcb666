from datetime import timedelta

from jobs.schedule import Periodic
from privacy.tasks import apply_retention_rules

PERIODIC = [Periodic("privacy.apply_retention_rules", timedelta(days=1), apply_retention_rules)]
