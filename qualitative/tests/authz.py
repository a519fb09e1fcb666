"""Qualitative projects are for the organisation's evaluators; everyone else is
refused the list (403) and cannot know a project exists (404)."""

from access.authz import FORBIDDEN, LOGIN, NOT_FOUND, OK, Case, expect

FOUND = 302  # a form posted successfully redirects


def _setup(world) -> dict:
    if not hasattr(world, "_qualitative"):
        from access.actor import actor_for_user
        from qualitative import services

        actor = actor_for_user(world.users["evaluator"])
        project = services.project_create(organisation=world.org, name="Workshop notes", actor=actor)
        document = services.text_import(project=project, title="Notes", text="We learnt to listen.", actor=actor)
        code = services.code_create(project=project, name="Listening", actor=actor)
        spare = services.code_create(project=project, name="Spare", actor=actor)
        segment = services.segments_apply(document=document, codes=[code], actor=actor)[0]
        quotation = services.quotation_pick(segment=segment, actor=actor)
        world._qualitative = {
            "project": project.pk,
            "document": document.pk,
            "code": code.pk,
            "spare": spare.pk,
            "segment": segment.pk,
            "quotation": quotation.pk,
        }
    return world._qualitative


def _project(world):
    return {"project_id": _setup(world)["project"]}


def _with(key, name=None):
    def kwargs(world):
        ids = _setup(world)
        return {"project_id": ids["project"], (name or f"{key}_id"): ids[key]}

    return kwargs


def _spare(world):
    ids = _setup(world)
    return {"project_id": ids["project"], "code_id": ids["spare"]}


EVALUATOR_ONLY = expect(NOT_FOUND, anonymous=LOGIN, evaluator=OK)
EVALUATOR_POSTS = expect(NOT_FOUND, anonymous=LOGIN, evaluator=FOUND)

CASES = [
    Case("qualitative:projects", expect(FORBIDDEN, anonymous=LOGIN, evaluator=OK)),
    Case(
        "qualitative:projects",
        expect(FORBIDDEN, anonymous=LOGIN, evaluator=OK),
        method="post",
        data=lambda world: {},
        label="invalid",
    ),
    Case("qualitative:project", EVALUATOR_ONLY, kwargs=_project),
    Case("qualitative:refresh", EVALUATOR_POSTS, kwargs=_project, method="post"),
    Case("qualitative:text_import", EVALUATOR_ONLY, kwargs=_project),
    Case("qualitative:codebook", EVALUATOR_ONLY, kwargs=_project),
    Case(
        "qualitative:codebook",
        EVALUATOR_POSTS,
        kwargs=_project,
        method="post",
        data=lambda world: {"name": "Hope"},
        label="add",
    ),
    Case("qualitative:codebook_import", EVALUATOR_POSTS, kwargs=_project, method="post"),
    Case("qualitative:code", EVALUATOR_ONLY, kwargs=_with("code")),
    Case("qualitative:code_merge", EVALUATOR_POSTS, kwargs=_spare, method="post"),
    Case("qualitative:code_split", EVALUATOR_POSTS, kwargs=_spare, method="post"),
    Case("qualitative:code_delete", EVALUATOR_ONLY, kwargs=_spare),
    Case("qualitative:code_delete", EVALUATOR_POSTS, kwargs=_spare, method="post", label="empty code"),
    Case("qualitative:document", EVALUATOR_ONLY, kwargs=_with("document")),
    Case(
        "qualitative:document",
        EVALUATOR_POSTS,
        kwargs=_with("document"),
        method="post",
        data=lambda world: {"codes": [_setup(world)["spare"]]},
        label="apply",
    ),
    Case("qualitative:segment_remove", EVALUATOR_POSTS, kwargs=_with("segment"), method="post"),
    Case("qualitative:quotation_pick", EVALUATOR_POSTS, kwargs=_with("segment"), method="post"),
    Case("qualitative:quotation_remove", EVALUATOR_POSTS, kwargs=_with("quotation"), method="post"),
    Case(
        "qualitative:memo_add",
        EVALUATOR_POSTS,
        kwargs=_project,
        method="post",
        data=lambda world: {"code": _setup(world)["code"], "text": "Listening comes up a lot."},
    ),
    Case("qualitative:sample", EVALUATOR_ONLY, kwargs=_project),
    Case("qualitative:sample", EVALUATOR_ONLY, kwargs=_project, method="post", label="invalid"),
    Case("qualitative:finish", EVALUATOR_POSTS, kwargs=_project, method="post"),
    Case("qualitative:agreement", EVALUATOR_ONLY, kwargs=_project),
    Case("qualitative:disagreements", EVALUATOR_ONLY, kwargs=_project),
    Case("qualitative:analysis", EVALUATOR_ONLY, kwargs=_project),
    Case(
        "qualitative:export",
        EVALUATOR_ONLY,
        kwargs=lambda world: {"project_id": _setup(world)["project"], "kind": "segments.csv"},
    ),
]
