import pytest

from access.actor import actor_for_user
from qualitative import services
from qualitative.testing import codebook_load, devon_evaluation


@pytest.fixture
def team(world):
    """The lead (the world's evaluator) and a second evaluator who double-codes."""
    second = world.add_person("Bea", role="evaluator", email="bea@example.org")
    return {
        "lead": actor_for_user(world.users["evaluator"]),
        "second": actor_for_user(second.user),
    }


@pytest.fixture
def project(world, team):
    evaluation, _ = devon_evaluation(world)
    project = services.project_create(
        organisation=world.org, name="What peer support means", evaluation=evaluation, actor=team["lead"]
    )
    project.codes_by_name = codebook_load(project, team["lead"])
    return project
