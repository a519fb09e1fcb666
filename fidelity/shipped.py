"""Published principle frameworks and Mutuality's example fidelity instruments.

Principle names follow their sources; the short definitions are written in our
own words. The example instruments are written for Mutuality: they are not a
copy of the ENRICH fidelity index or of any published IPS measure. An
organisation that holds a published instrument loads it as its own, and links
its items to principles (docs/fidelity.md).

Loaded by a data migration; later changes ship as a new version in a new
migration, never by editing rows already shipped.
"""

from __future__ import annotations

ENRICH = "enrich"
IPS = "ips-four-tasks"
TOGETHER = "together-twelve"

FRAMEWORKS = [
    {
        "code": ENRICH,
        "name": "ENRICH peer support principles",
        "citation": (
            "Gillard, S., Foster, R., Gibson, S., Goldsmith, L., Marks, J. & White, S. (2017). Describing a "
            "principles-based approach to developing and evaluating peer worker roles as peer support moves into "
            "mainstream mental health services. Mental Health and Social Inclusion, 21(3), 133-143. "
            "doi:10.1108/MHSI-03-2017-0016"
        ),
        "description": (
            "Five principles agreed by a research team and a national expert panel with lived experience. "
            "Respect for the full diversity of lived experience runs through all five."
        ),
        "principles": [
            {
                "code": "safe-trusting-relationships",
                "name": "Safe, trusting relationships built on shared lived experience",
                "definition": "The relationship is safe and trusted, and rests on lived experience that both share.",
                "sub_points": [
                    "The lived experience fits the setting and community, and its diversity is respected.",
                    "Kindness, compassion, time and space to share experience and build a common language.",
                ],
            },
            {
                "code": "mutuality-reciprocity",
                "name": "Mutuality and reciprocity",
                "definition": "Both people are of equal value, and both give and receive.",
                "sub_points": [
                    "Mutuality: empathy, mutual respect, a sense of equal worth, connection to communities.",
                    "Reciprocity: giving and receiving support, listening and sharing, learning from difference.",
                ],
            },
            {
                "code": "experiential-knowledge",
                "name": "Validating experiential knowledge",
                "definition": "Knowledge from lived experience is recognised and used, beside other kinds.",
                "sub_points": [
                    "Personal experience is treated as a real source of knowledge and strength.",
                    "It can offer an alternative to medical or psychological ways of understanding distress.",
                    "It is grounded in particular cultures and ways of making meaning.",
                ],
            },
            {
                "code": "leadership-choice-control",
                "name": "Leadership, choice and control",
                "definition": "Peers lead, and choose how peer support is given and received.",
                "sub_points": [
                    "Leadership at the level of the organisation.",
                    "Power in the peer role within teams, with lived experience used safely.",
                    "Choice over how and how much lived experience is shared.",
                ],
            },
            {
                "code": "strengths-connections",
                "name": "Discovering strengths and making connections",
                "definition": (
                    "Without directing, peers find and use their own strengths and build connections with peers, "
                    "networks and communities."
                ),
                "sub_points": [],
            },
        ],
    },
    {
        "code": IPS,
        "name": "Intentional Peer Support: the four tasks",
        "citation": (
            "Ley, A., Roberts, G. & Willis, D. (2010). How to support peer support: evaluating the first steps in "
            "a healthcare community. Journal of Public Mental Health; Jackson, C. (2008). Peer to peer. Mental "
            "Health Today; after Copeland, M.E. & Mead, S. (2004)."
        ),
        "description": "The four tasks that together distinguish Intentional Peer Support.",
        "principles": [
            {
                "code": "connection",
                "name": "Connection",
                "definition": "Noticing when we are really connecting with someone, and when we are not.",
            },
            {
                "code": "worldview",
                "name": "Worldview",
                "definition": "Helping each other see where our ways of seeing things have come from.",
            },
            {
                "code": "mutuality",
                "name": "Mutuality",
                "definition": "Help as learning and growing together, not one person fixing another.",
            },
            {
                "code": "moving-towards",
                "name": "Moving towards",
                "definition": "Moving towards what we want, rather than away from what we fear.",
            },
        ],
    },
    {
        "code": TOGETHER,
        "name": "Together: twelve principles of peer support",
        "citation": (
            "Basset, T., Faulkner, A., Repper, J. & Stamou, E. (2010). Lived Experience Leading The Way: Peer "
            "Support in Mental Health. London: Together for Mental Wellbeing."
        ),
        "description": "Twelve principles that the report argues make up the essence of peer support.",
        "principles": [
            {"code": "mutuality", "name": "Mutuality"},
            {"code": "solidarity", "name": "Solidarity"},
            {"code": "synergy", "name": "Synergy"},
            {"code": "safety-trust", "name": "Sharing with safety and trust"},
            {"code": "companionship", "name": "Companionship"},
            {"code": "hopefulness", "name": "Hopefulness"},
            {"code": "strengths-potential", "name": "Focus on strengths and potential"},
            {"code": "equality-empowerment", "name": "Equality and empowerment"},
            {"code": "being-yourself", "name": "Being yourself"},
            {"code": "independence", "name": "Independence"},
            {"code": "reduction-of-stigma", "name": "Reduction of stigma"},
            {"code": "respect-inclusiveness", "name": "Respect and inclusiveness"},
        ],
    },
]

# How often something happened: the same 0-3 shape the Devon evaluation used for the four tasks.
OFTEN = [
    {"value": 0, "label": "Not at all"},
    {"value": 1, "label": "A little"},
    {"value": 2, "label": "Quite often"},
    {"value": 3, "label": "Most of the time"},
]

_HELP = "Leave it blank if you cannot say."

# (principle code, perspective, item code, wording)
ENRICH_ITEMS = [
    ("safe-trusting-relationships", "worker", "en-safe-w", "I had time to let trust grow before we got to tasks."),
    ("safe-trusting-relationships", "person", "en-safe-p", "I felt safe to say how things really were."),
    ("safe-trusting-relationships", "supervisor", "en-safe-s", "Their work shows trust being built, not rushed."),
    ("mutuality-reciprocity", "worker", "en-mutual-w", "I learned something from the people I supported."),
    ("mutuality-reciprocity", "person", "en-mutual-p", "It felt like we were equals, both giving something."),
    ("mutuality-reciprocity", "supervisor", "en-mutual-s", "They talk about the people they support as equals."),
    ("experiential-knowledge", "worker", "en-know-w", "My own experience was treated as knowledge here."),
    ("experiential-knowledge", "person", "en-know-p", "What I know from my own life was taken seriously."),
    ("experiential-knowledge", "supervisor", "en-know-s", "The team uses their lived experience in decisions."),
    ("leadership-choice-control", "worker", "en-choice-w", "I chose what I shared about myself, and when."),
    ("leadership-choice-control", "person", "en-choice-p", "I decided what we worked on and how."),
    ("leadership-choice-control", "supervisor", "en-choice-s", "They can shape how peer support runs here."),
    ("strengths-connections", "worker", "en-connect-w", "We looked for strengths before problems."),
    ("strengths-connections", "person", "en-connect-p", "I found people or places beyond our meetings."),
    ("strengths-connections", "supervisor", "en-connect-s", "They help people link with groups and communities."),
]

IPS_ITEMS = [
    ("connection", "worker", "ips-conn-w", "I noticed when we had lost touch with each other, and said so."),
    ("connection", "person", "ips-conn-p", "I felt we really connected, not just went through the motions."),
    ("connection", "supervisor", "ips-conn-s", "They can describe moments of real connection, and of losing it."),
    ("worldview", "worker", "ips-view-w", "We talked about how we each came to see things as we do."),
    ("worldview", "person", "ips-view-p", "I was asked how I make sense of things, not told."),
    ("worldview", "supervisor", "ips-view-s", "They stay curious about views different from their own."),
    ("mutuality", "worker", "ips-mutual-w", "The relationship changed me too, not only them."),
    ("mutuality", "person", "ips-mutual-p", "It felt like learning together rather than being helped."),
    ("mutuality", "supervisor", "ips-mutual-s", "They share power in the relationship, even in a paid role."),
    ("moving-towards", "worker", "ips-toward-w", "We talked about what we wanted, not only what to avoid."),
    ("moving-towards", "person", "ips-toward-p", "We talked about the life I want to move towards."),
    ("moving-towards", "supervisor", "ips-toward-s", "Their work is about hopes more than risks."),
]

PERSPECTIVE_SECTIONS = [
    ("worker", "For the peer worker", "About your own practice over the last few months."),
    ("person", "For the person supported", "About your time with your peer worker."),
    ("supervisor", "For the supervisor", "About what you see in supervision and in the team."),
]


def instrument_definition(code: str, name: str, items: list[tuple[str, str, str, str]]) -> dict:
    sections = []
    for perspective, title, help_text in PERSPECTIVE_SECTIONS:
        sections.append(
            {
                "title": title,
                "help_text": help_text,
                "items": [
                    {"code": item_code, "text": text, "help_text": _HELP, "kind": "scale", "options": OFTEN}
                    for _principle, p, item_code, text in items
                    if p == perspective
                ],
            }
        )
    return {
        "code": code,
        "name": name,
        "description": (
            "An example written for Mutuality, for reflection rather than judgement. Change it, or load the "
            "instrument your organisation uses."
        ),
        "licence": "Written for Mutuality; free to use and adapt.",
        "scoring": [],
        "sections": sections,
    }


INSTRUMENTS = [
    (ENRICH, instrument_definition("mutuality-enrich-check", "Mutuality ENRICH principles check", ENRICH_ITEMS)),
    (IPS, instrument_definition("mutuality-ips-check", "Mutuality four tasks check", IPS_ITEMS)),
]
ITEM_LINKS = {ENRICH: ENRICH_ITEMS, IPS: IPS_ITEMS}
