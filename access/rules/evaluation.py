"""Who may do what in evaluation.

* Evaluators of an organisation build instruments, set up evaluations, and see
  results and exports: research numbers only, never names.
* Coordinators of the organisation enrol people (they already know who people
  are) and enter paper or phone answers on someone's behalf; they see
  evaluations but not the analysis.
* A participant completes their own questionnaires on the web.
* Nobody else sees evaluation data; administrators and commissioners included.

The link between a research number and a person (``ParticipantIdentity``) is
joined here and nowhere else.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind

BUILDERS = (RoleKind.EVALUATOR,)
ENROLLERS = (RoleKind.COORDINATOR,)


def evaluation_orgs(actor: Actor) -> frozenset[int]:
    """Organisations whose evaluations the actor may see."""
    return actor.orgs_with(*BUILDERS, *ENROLLERS)


def can_use_evaluation(actor: Actor) -> bool:
    return actor.is_authenticated and bool(evaluation_orgs(actor))


def can_build_instruments(actor: Actor) -> bool:
    return actor.is_authenticated and bool(actor.orgs_with(*BUILDERS))


def can_view_instrument(actor: Actor, instrument) -> Decision:
    visible = can_use_evaluation(actor) and (
        instrument.organisation_id is None or instrument.organisation_id in evaluation_orgs(actor)
    )
    return decide(visible, True)


def can_edit_instrument(actor: Actor, instrument) -> Decision:
    allowed = instrument.organisation_id is not None and actor.has_any_role(BUILDERS, instrument.organisation_id)
    return decide(can_view_instrument(actor, instrument).visible, allowed)


def can_view_evaluation(actor: Actor, evaluation) -> Decision:
    """Evaluations another part of Mutuality holds behind the scenes (a fidelity round's
    ratings) are shown only by that part's own pages, under its own rules."""
    return decide(evaluation.organisation_id in evaluation_orgs(actor) and not evaluation.held_for, True)


def can_analyse_evaluation(actor: Actor, evaluation) -> Decision:
    """Statistics and exports: evaluators only (pseudonymous data)."""
    return decide(
        can_view_evaluation(actor, evaluation).visible, actor.has_any_role(BUILDERS, evaluation.organisation_id)
    )


def can_manage_evaluation(actor: Actor, evaluation) -> Decision:
    return can_analyse_evaluation(actor, evaluation)


def can_enrol(actor: Actor, evaluation) -> Decision:
    return decide(
        can_view_evaluation(actor, evaluation).visible, actor.has_any_role(ENROLLERS, evaluation.organisation_id)
    )


def can_enter_on_behalf(actor: Actor, participant) -> Decision:
    """Paper and phone answers: a coordinator, or the worker who supports the person."""
    evaluation = participant.evaluation
    person_id = _person_id(participant)
    allowed = actor.has_any_role(ENROLLERS, evaluation.organisation_id) or person_id in actor.supported_ids
    visible = evaluation.organisation_id in evaluation_orgs(actor) or person_id in actor.supported_ids
    return decide(visible, allowed)


def can_complete(actor: Actor, participant) -> Decision:
    """A participant completes their own questionnaires."""
    own = actor.is_authenticated and _person_id(participant) == actor.person_id
    return decide(own, own and participant.withdrawn_at is None)


def _person_id(participant) -> int | None:
    from evaluation.models import ParticipantIdentity

    return ParticipantIdentity.objects.filter(participant=participant).values_list("person_id", flat=True).first()


def person_of(participant):
    """The person behind a research number (for reminders, consent and enrolment only)."""
    from evaluation.models import ParticipantIdentity

    identity = ParticipantIdentity.objects.select_related("person").filter(participant=participant).first()
    return identity.person if identity else None


def participations_of(person_id: int):
    """A person's own participations (to list their questionnaires)."""
    from evaluation.models import Participant

    return Participant.objects.filter(identity__person_id=person_id, withdrawn_at__isnull=True)


def participant_for_person(evaluation, person_id: int):
    from evaluation.models import Participant

    return Participant.objects.filter(evaluation=evaluation, identity__person_id=person_id).first()


def people_of(participant_ids) -> dict:
    """Participant id → person, for sending a person their own invitations (never shown to evaluators)."""
    from evaluation.models import ParticipantIdentity

    rows = ParticipantIdentity.objects.filter(participant_id__in=list(participant_ids)).select_related("person")
    return {row.participant_id: row.person for row in rows}
