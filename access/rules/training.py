"""Who may do what with courses, cohorts and training records.

* Any signed-in person sees courses and may apply to a cohort that is open.
* Trainers and coordinators of the course's organisation run it: parts, materials,
  cohorts, applications, attendance, completions; they see the cascade totals.
* A participant sees their own applications and certificates and records their own cascade.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind

RUNNERS = (RoleKind.TRAINER, RoleKind.COORDINATOR)


def course_creatable_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(*RUNNERS)


def can_view_course(actor: Actor, course) -> Decision:
    return decide(actor.is_authenticated, True)


def can_run_course(actor: Actor, course) -> Decision:
    return decide(actor.is_authenticated, actor.has_any_role(RUNNERS, course.organisation_id))


def can_apply(actor: Actor, cohort) -> Decision:
    return decide(actor.is_authenticated, cohort.applications_open)


def can_view_certificate(actor: Actor, completion) -> Decision:
    mine = actor.is_self(completion.person_id)
    runs = actor.has_any_role(RUNNERS, completion.cohort.course.organisation_id)
    return decide(mine or runs, mine or runs)


def can_report_cascade(actor: Actor, cohort, participant_ids: frozenset[int]) -> Decision:
    """Only people who had a place on the cohort record what they went on to do."""
    taking_part = actor.person_id in participant_ids
    return decide(taking_part, taking_part)
