"""Helpers for qualitative tests and demo data: a Devon-like course's answers to the
three open questions at day 1, day 5 and two months, and a small codebook.

The answers are written in the spirit of the published evaluation's quotations.
"""

from __future__ import annotations

import datetime as dt

from evaluation import services as evaluation_services
from evaluation.models import Evaluation, Participant

from . import services
from .models import Code, Project

ANSWERS: dict[str, dict[int, list[str]]] = {
    "understand": {
        1: [
            "Helping other people in whatever way possible to get through a bad patch and to be there for them.",
            "To find out what people need and meet this need.",
            "To encourage them to stay well. To suggest positive things that may help them.",
            "A form of self-help involving listening to others who suffer similar problems, and they listen to you.",
            "Networking, buddying and befriending people with the same experience.",
            "Being there for someone in crisis and listening to them.",
        ],
        2: [
            "A mutual relationship with agreed boundaries where both parties can learn and grow.",
            "A two-way street. Not one person telling another what to do. If both are not gaining, it's not working.",
            "Being connected, looking from a worldview, seeing each other as equal, moving forward together.",
            "Moving towards what each wants for themselves, not a fearful getting by.",
            "The idea that the stronger supports the weaker has been blown away on the wind.",
            "A way of being that operates from hope, not fear.",
        ],
        3: [
            "A mutual relationship where we both learn.",
            "To learn to help other people get through their setbacks, and to protect yourself in doing this.",
            "Connection and worldview: hearing how the other person sees things.",
            "Still mostly helping people who are struggling.",
            "A way of being together that comes from hope rather than fear.",
            "Sharing power and learning from each other.",
        ],
    },
    "offer": {
        1: [
            "As I have had a mental illness for a long time, I can offer understanding to others in the same situation.",
            "Experience of the mental health system from both sides, worker and service user.",
            "To share, to be positive and to be non-judgemental.",
            "An open mind and heart.",
            "Capacity to listen.",
            "A drive and determination to help others in their recovery.",
        ],
        2: [
            "An openness to reflecting my own feelings in order to be equal, and a willingness to share my worldview.",
            "Skills from the course that I can take into my work and everyday relationships.",
            "Willingness to look at a different way of being within relationships.",
            "An ability to listen and appreciate other worldviews, aware of what I find hard to accept.",
            "I am curious and enjoy relationships where I feel comfortable enough to be uncomfortable.",
            "Learning to negotiate boundaries so people do not overstep them.",
        ],
        3: [
            "Patience and a positive attitude.",
            "What I learnt on the course about the four tasks.",
            "My own experience of recovery.",
            "Being non-judgemental and open.",
            "Listening without advising.",
            "Warmth and honesty in a relationship.",
        ],
    },
    "feel": {
        1: [
            "Excited to learn new skills I can use to help others.",
            "Nervous but hopeful.",
            "Very positive, I want to give something back.",
            "Looking forward to it.",
            "A bit scared about how much will be expected.",
            "Enthusiastic.",
        ],
        2: [
            "Inspired and ready to start.",
            "Positive, with a clearer idea of boundaries.",
            "Excited and a little daunted.",
            "Really hopeful about what we can do together.",
            "Confident to try it with friends first.",
            "Energised.",
        ],
        3: [
            "Still keen but finding little time.",
            "Positive; I have tried it with two people.",
            "Frustrated that there is no support locally.",
            "Committed to carrying on.",
            "Hopeful, but it is hard without a group.",
            "Happy to be part of it.",
        ],
    },
}

CODEBOOK: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Understanding of peer support",
        "What people say peer support is.",
        [
            ("Helping or rescuing", "Peer support as one person helping, rescuing or being there for another."),
            ("Mutuality", "Equality and shared experience; both people learn and grow."),
            ("The four tasks", "Connection, worldview, mutuality and moving towards, named or described."),
            ("An alternative way of working", "Peer support as a different way of being with people: hope, not fear."),
        ],
    ),
    (
        "What I have to offer",
        "What people believe they bring to peer support.",
        [
            ("Personal experience", "Lived experience of mental distress or of services."),
            ("Personal qualities and attitudes", "Openness, positivity, being non-judgemental."),
            ("Personal skills", "Listening and other skills, including self-awareness."),
            ("Course knowledge and skills", "Ideas and skills learnt on the course."),
        ],
    ),
    (
        "Feelings about being involved",
        "How people feel about taking part.",
        [
            ("Positive feelings", "Excitement, hope, enthusiasm."),
            ("Worries", "Fear, nerves, frustration, lack of time or support."),
        ],
    ),
]


def devon_evaluation(world, *, size: int = 6, name: str = "IPS course 2007") -> tuple[Evaluation, list[Participant]]:
    """A Devon course evaluation where ``size`` participants answered the three open questions at three waves."""
    from evaluation.testing import cohort

    evaluation = evaluation_services.evaluation_create_devon(
        organisation=world.org, name=name, anchor_date=dt.date(2007, 3, 5), actor=None
    )
    participants = cohort(world, evaluation, size)
    answer_all(evaluation, participants)
    return evaluation, participants


def answer_all(evaluation: Evaluation, participants: list[Participant]) -> None:
    for wave in evaluation.waves.order_by("position")[:3]:
        version = wave.instruments.first()
        for index, participant in enumerate(participants):
            answers = {
                item: ANSWERS[item][wave.position][index % len(ANSWERS[item][wave.position])] for item in ANSWERS
            }
            evaluation_services.response_save(
                participant=participant, wave=wave, version=version, answers=answers, actor=None, complete=False
            )


def codebook_load(project: Project, actor) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    for category, definition, children in CODEBOOK:
        parent = services.code_create(project=project, name=category, definition=definition, actor=actor)
        codes[category] = parent
        for name, child_definition in children:
            codes[name] = services.code_create(
                project=project, name=name, parent=parent, definition=child_definition, actor=actor
            )
    return codes
