from django_tasks import task

from people.models import Organisation
from privacy.services import retention_apply


@task()
def apply_retention_rules() -> dict[str, dict[str, int]]:
    """Daily: each organisation's expired records are removed or anonymised, one transaction per organisation."""
    return {org.slug: retention_apply(organisation=org) for org in Organisation.objects.order_by("pk")}
