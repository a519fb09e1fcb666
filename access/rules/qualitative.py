"""Who may do what in qualitative analysis.

Qualitative projects hold pseudonymous research data (answers known by research
number only), so they follow the evaluation rules: the evaluators of the
organisation see projects, code and analyse. Among them, the project's lead
draws the double-coding sample, settles disagreements and changes the codebook
in ways that move other people's coding (merge, split, delete). Nobody else sees
them: not coordinators, workers, administrators or commissioners.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind

CODERS = (RoleKind.EVALUATOR,)


def project_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(*CODERS) if actor.is_authenticated else frozenset()


def can_use_qualitative(actor: Actor) -> bool:
    return bool(project_orgs(actor))


def can_create_project(actor: Actor, organisation_id: int) -> Decision:
    allowed = organisation_id in project_orgs(actor)
    return decide(allowed, allowed)


def can_view_project(actor: Actor, project) -> Decision:
    visible = project.organisation_id in project_orgs(actor)
    return decide(visible, visible)


def can_code(actor: Actor, project) -> Decision:
    """Apply codes, write memos, add codes, pick quotations."""
    return can_view_project(actor, project)


def can_lead(actor: Actor, project) -> Decision:
    """Draw the sample, settle disagreements, merge, split and delete codes, import."""
    visible = can_view_project(actor, project).visible
    return decide(visible, visible and (project.lead_id is None or project.lead_id == actor.person_id))
