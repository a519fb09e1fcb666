"""Who may build, read and share commissioner reports.

* Coordinators and administrators build their organisation's reports, read drafts and
  share (publish) them.
* Commissioners read published reports of organisations where they hold the
  commissioner role, or that share reports with theirs under an agreement. Reports
  hold aggregated, suppressed figures only: no page here shows a person's record.
"""

from __future__ import annotations

from django.db.models import Q

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind, SharingAgreement

BUILDERS = (RoleKind.COORDINATOR, RoleKind.ADMINISTRATOR)


def builder_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(*BUILDERS)


def reader_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_reachable(RoleKind.COMMISSIONER, scope=SharingAgreement.Scope.REPORTING)


def reports_visible(actor: Actor) -> Q:
    """A filter for Report: drafts for builders, published reports for commissioners."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=builder_orgs(actor)) | Q(
        organisation_id__in=reader_orgs(actor), published_at__isnull=False
    )


def can_list_reports(actor: Actor) -> bool:
    return bool(builder_orgs(actor) or reader_orgs(actor))


def can_view_report(actor: Actor, report) -> Decision:
    visible = report.organisation_id in builder_orgs(actor) or (
        report.organisation_id in reader_orgs(actor) and report.published_at is not None
    )
    return decide(visible, True)


def can_build_reports(actor: Actor, organisation_id: int) -> Decision:
    return decide(organisation_id in actor.roles, organisation_id in builder_orgs(actor))


def can_publish_report(actor: Actor, report) -> Decision:
    return decide(can_view_report(actor, report).visible, report.organisation_id in builder_orgs(actor))
