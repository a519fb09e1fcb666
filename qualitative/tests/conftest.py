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


@pytest.fixture
def double_coded(project, team):
    """The sample drawn (seed 7) for the lead and the second coder, who code it
    (the same code on most answers, with some disagreements) and both finish."""
    services.sample_draw(
        project=project, coders=[team["lead"].person, team["second"].person], seed=7, actor=team["lead"]
    )
    codes = project.codes_by_name
    sample = list(project.documents.filter(in_sample=True).order_by("id"))
    for index, document in enumerate(sample):
        if index == 0:
            continue  # nobody codes the first answer
        services.segments_apply(document=document, codes=[codes["Mutuality"]], actor=team["lead"])
        second = [codes["Mutuality"]] if index % 4 else [codes["Helping or rescuing"]]
        services.segments_apply(document=document, codes=second, actor=team["second"])
    project.sample_list = sample
    return project


@pytest.fixture
def finished(double_coded, team):
    services.coder_finish(project=double_coded, actor=team["lead"])
    services.coder_finish(project=double_coded, actor=team["second"])
    return double_coded
