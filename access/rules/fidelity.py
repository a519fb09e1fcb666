"""Who may do what in fidelity and reflective learning.

* Fidelity is a learning tool, not a league table. Nothing ranks workers.
* A round about one worker, and that worker's profile, are seen by that worker
  and their supervisor only. Not by coordinators, not by other workers.
* Team and service rounds and profiles are seen by the organisation's peer-work
  staff: workers, facilitators, supervisors, coordinators, trainers and evaluators.
* Supervisors and coordinators set up teams, values and rounds; a worker round
  is opened by that worker's supervisor.
* Reflections and actions are written by whoever may see the round.
* A respondent answers their own questionnaire and sees nobody else's answers.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind

SEE_TEAM = (
    RoleKind.WORKER,
    RoleKind.FACILITATOR,
    RoleKind.SUPERVISOR,
    RoleKind.COORDINATOR,
    RoleKind.TRAINER,
    RoleKind.EVALUATOR,
)
RUNNERS = (RoleKind.SUPERVISOR, RoleKind.COORDINATOR)


def fidelity_orgs(actor: Actor) -> frozenset[int]:
    """Organisations whose team and service fidelity the actor may see."""
    return actor.orgs_with(*SEE_TEAM) if actor.is_authenticated else frozenset()


def run_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(*RUNNERS) if actor.is_authenticated else frozenset()


def can_use_fidelity(actor: Actor) -> bool:
    return bool(fidelity_orgs(actor))


def can_view_framework(actor: Actor, framework) -> Decision:
    visible = can_use_fidelity(actor) and (
        framework.organisation_id is None or framework.organisation_id in fidelity_orgs(actor)
    )
    return decide(visible, True)


def can_write_values(actor: Actor, organisation_id: int) -> Decision:
    return decide(organisation_id in fidelity_orgs(actor), organisation_id in run_orgs(actor))


def can_run(actor: Actor, organisation_id: int) -> Decision:
    """Set up teams and open team or service rounds."""
    return can_write_values(actor, organisation_id)


def can_see_worker(actor: Actor, worker_id: int) -> bool:
    """A worker's own fidelity: that worker and their supervisor, nobody else."""
    return actor.is_authenticated and (actor.is_self(worker_id) or worker_id in actor.supervised_ids)


def can_open_worker_round(actor: Actor, worker) -> Decision:
    return decide(can_see_worker(actor, worker.pk), worker.pk in actor.supervised_ids)


def can_view_round(actor: Actor, round_) -> Decision:
    if round_.subject == round_.Subject.WORKER:
        return decide(can_see_worker(actor, round_.worker_id), True)
    return decide(round_.organisation_id in fidelity_orgs(actor), True)


def can_manage_round(actor: Actor, round_) -> Decision:
    """Add respondents and close the round."""
    visible = can_view_round(actor, round_).visible
    if round_.subject == round_.Subject.WORKER:
        return decide(visible, round_.worker_id in actor.supervised_ids)
    return decide(visible, round_.organisation_id in run_orgs(actor))


def can_reflect(actor: Actor, round_) -> Decision:
    """Write what the team notices and agree actions: everyone who may see the round, once answers are in."""
    return decide(can_view_round(actor, round_).visible, not round_.is_open)


def can_answer(actor: Actor, respondent) -> Decision:
    own = actor.is_authenticated and actor.is_self(respondent.person_id)
    return decide(own, own and respondent.round.is_open and respondent.participant.withdrawn_at is None)


def can_view_profile(actor: Actor, subject: str, organisation_id: int, worker_id: int | None = None) -> Decision:
    if subject == "worker":
        return decide(can_see_worker(actor, worker_id), True)
    return decide(organisation_id in fidelity_orgs(actor), True)


def can_view_assessment(actor: Actor, assessment) -> Decision:
    return decide(assessment.organisation_id in fidelity_orgs(actor), True)


def can_answer_assessment(actor: Actor, assessment) -> Decision:
    """Stage 3 is answered by the team together: anyone on the team side of the organisation may record it."""
    return can_view_assessment(actor, assessment)


def can_complete_action(actor: Actor, action) -> Decision:
    parent = action.round or action.assessment
    if action.round is not None:
        visible = can_view_round(actor, parent).visible
    else:
        visible = can_view_assessment(actor, parent).visible
    return decide(visible, True)


def can_link_items(actor: Actor, instrument) -> Decision:
    """Link an organisation's own instrument's questions to principles: its supervisors, coordinators, evaluators."""
    org_id = instrument.organisation_id
    visible = org_id is not None and org_id in fidelity_orgs(actor)
    return decide(visible, actor.has_any_role((*RUNNERS, RoleKind.EVALUATOR), org_id))
