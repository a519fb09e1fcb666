"""Ready-made instruments shipped with Mutuality (loaded by a data migration).

* The Devon evaluation instruments: the questions asked in the evaluation of
  the first UK intentional peer support (IPS) course (Ley, Roberts & Willis),
  one instrument per wave (day 1, day 5, two months, five months).
* PHQ-9 and GAD-7 (free to use, no permission needed) and QPR-15 (free to use
  with attribution).

WEMWBS and ReQoL need a licence and are not shipped; an organisation that holds
one imports them (FHIR Questionnaire or REDCap data dictionary).
"""

from __future__ import annotations

DEVON_LICENCE = (
    "Questions from the evaluation of the first UK intentional peer support course: Ley A, Roberts G, "
    "Willis D. How to support peer support: evaluating the first steps in a healthcare community. "
    "Journal of Public Mental Health. Written for Mutuality from the published description; free to use."
)

OPEN_QUESTIONS = [
    {"code": "understand", "text": "What do you currently understand by peer support?", "kind": "long_text"},
    {"code": "offer", "text": "What do you believe you have to offer peer support?", "kind": "long_text"},
    {"code": "feel", "text": "How do you feel about being involved in peer support?", "kind": "long_text"},
]

INTEREST = [
    {"value": 0, "label": "I'm no longer interested"},
    {"value": 1, "label": "A little interested"},
    {"value": 2, "label": "Interested"},
    {"value": 3, "label": "Very interested"},
    {"value": 4, "label": "I'm committed to participation"},
]

TASK_USE = [
    {"value": 0, "label": "Not at all"},
    {"value": 1, "label": "A little"},
    {"value": 2, "label": "Some of the time"},
    {"value": 3, "label": "Most of the time"},
]

TASKS = [
    ("connection", "Connection"),
    ("worldview", "Worldview"),
    ("mutuality", "Mutuality"),
    ("moving", "Moving towards"),
]


def _yes_then_count(code: str, text: str, count_text: str) -> list[dict]:
    return [
        {"code": code, "text": text, "kind": "yesno", "required": True},
        {
            "code": f"{code}_n",
            "text": count_text,
            "kind": "number",
            "min": 0,
            "max": 10000,
            "enable_when": {"item": code, "equals": 1},
        },
    ]


DEVON_DAY1 = {
    "code": "devon-day1",
    "name": "Peer support course: start of course (day 1)",
    "description": "Asked on the first day of the course.",
    "licence": DEVON_LICENCE,
    "sections": [
        {
            "title": "Peer support now",
            "items": [
                {
                    "code": "involved",
                    "text": "Are you currently involved in peer support?",
                    "kind": "yesno",
                    "required": True,
                },
                {
                    "code": "involved_desc",
                    "text": "If so, please briefly describe.",
                    "kind": "long_text",
                    "enable_when": {"item": "involved", "equals": 1},
                },
            ],
        },
        {
            "title": "Your thoughts",
            "help_text": "Please write as much or as little as you like.",
            "items": OPEN_QUESTIONS,
        },
    ],
}

DEVON_DAY5 = {
    "code": "devon-day5",
    "name": "Peer support course: end of residential phase (day 5)",
    "description": "Asked on the last day of the residential phase.",
    "licence": DEVON_LICENCE,
    "sections": [
        {
            "title": "Your thoughts",
            "help_text": "Please write as much or as little as you like.",
            "items": OPEN_QUESTIONS,
        },
    ],
}

DEVON_2M = {
    "code": "devon-2m",
    "name": "Peer support course: two months",
    "description": "Asked at the first refresher workshop, two months after the course.",
    "licence": DEVON_LICENCE,
    "sections": [
        {
            "title": "Since the course",
            "items": [
                *_yes_then_count(
                    "attempted_ips", "Have you had a go at intentional peer support (IPS)?", "With how many people?"
                ),
                {"code": "reread", "text": "Have you reread the course manual?", "kind": "yesno"},
                *_yes_then_count(
                    "passed_on", "Have you passed on information about IPS to others?", "To about how many people?"
                ),
            ],
        },
        {
            "title": "Your interest",
            "items": [
                {
                    "code": "interest_ips",
                    "text": "How interested are you in continuing IPS?",
                    "kind": "scale",
                    "options": INTEREST,
                },
                {
                    "code": "interest_general",
                    "text": "How interested are you in continuing peer support in general?",
                    "kind": "scale",
                    "options": INTEREST,
                },
            ],
        },
        {
            "title": "Your thoughts",
            "items": [
                *OPEN_QUESTIONS,
                {"code": "benefits", "text": "What are the benefits of peer support?", "kind": "long_text"},
                {
                    "code": "helped",
                    "text": "What has helped the learning and development of peer support in practice?",
                    "kind": "long_text",
                },
                {
                    "code": "hindered",
                    "text": "What has hindered the learning and development of peer support in practice?",
                    "kind": "long_text",
                },
            ],
        },
    ],
}

DEVON_5M = {
    "code": "devon-5m",
    "name": "Peer support course: five months",
    "description": "Asked at the second refresher workshop, five months after the course.",
    "licence": DEVON_LICENCE,
    "sections": [
        {
            "title": "Peer support since the course",
            "help_text": "General peer support is any peer support; IPS is intentional peer support as taught "
            "on the course.",
            "items": [
                *_yes_then_count(
                    "general_ps", "Have you been involved in general peer support?", "With how many people?"
                ),
                *_yes_then_count("ips", "Have you been involved in IPS?", "With how many people?"),
                {
                    "code": "activities",
                    "text": "Please describe the peer support activities you have done since the course.",
                    "kind": "long_text",
                },
            ],
        },
        {
            "title": "The four tasks",
            "help_text": "How much have you been able to use each of the four tasks? "
            "0 = not at all, 3 = most of the time.",
            "items": [
                *[
                    {
                        "code": f"general_{code}",
                        "text": f"{label}, in general peer support",
                        "kind": "scale",
                        "options": TASK_USE,
                        "enable_when": {"item": "general_ps", "equals": 1},
                    }
                    for code, label in TASKS
                ],
                *[
                    {
                        "code": f"ips_{code}",
                        "text": f"{label}, in IPS",
                        "kind": "scale",
                        "options": TASK_USE,
                        "enable_when": {"item": "ips", "equals": 1},
                    }
                    for code, label in TASKS
                ],
                {
                    "code": "tasks_how",
                    "text": "In what ways have you been able to use the four tasks?",
                    "kind": "long_text",
                },
            ],
        },
        {
            "title": "Passing it on",
            "items": [
                {"code": "reread", "text": "Have you reread the course materials?", "kind": "yesno"},
                *_yes_then_count(
                    "passed_on", "Have you passed on information about IPS to others?", "To about how many people?"
                ),
                {
                    "code": "hindered",
                    "text": "What have been the main hindrances to practising IPS?",
                    "kind": "long_text",
                },
            ],
        },
    ],
}

FREQUENCY = [
    {"value": 0, "label": "Not at all"},
    {"value": 1, "label": "Several days"},
    {"value": 2, "label": "More than half the days"},
    {"value": 3, "label": "Nearly every day"},
]

PHQ9_ITEMS = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed; or the opposite, being so fidgety "
    "or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead, or of hurting yourself in some way",
]

PHQ9 = {
    "code": "phq-9",
    "name": "PHQ-9 (Patient Health Questionnaire)",
    "description": "Nine questions about low mood over the last two weeks. Total 0 to 27.",
    "licence": "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an "
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
    "scoring": [
        {
            "code": "phq9_total",
            "label": "PHQ-9 total",
            "method": "sum",
            "items": [f"phq9_{n}" for n in range(1, 10)],
            "min_answered": 7,
            "bands": [
                [0, 4, "Minimal"],
                [5, 9, "Mild"],
                [10, 14, "Moderate"],
                [15, 19, "Moderately severe"],
                [20, 27, "Severe"],
            ],
        },
    ],
    "sections": [
        {
            "title": "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
            "items": [
                {"code": f"phq9_{n}", "text": text, "kind": "single", "options": FREQUENCY, "required": True}
                for n, text in enumerate(PHQ9_ITEMS, start=1)
            ]
            + [
                {
                    "code": "phq9_difficulty",
                    "text": "If you checked off any problems, how difficult have these problems made it for you to "
                    "do your work, take care of things at home, or get along with other people?",
                    "kind": "single",
                    "options": [
                        {"value": 0, "label": "Not difficult at all"},
                        {"value": 1, "label": "Somewhat difficult"},
                        {"value": 2, "label": "Very difficult"},
                        {"value": 3, "label": "Extremely difficult"},
                    ],
                },
            ],
        }
    ],
}

GAD7_ITEMS = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
]

GAD7 = {
    "code": "gad-7",
    "name": "GAD-7 (Generalised Anxiety Disorder)",
    "description": "Seven questions about anxiety over the last two weeks. Total 0 to 21.",
    "licence": "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke, Bernd Löwe and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or "
    "distribute.",
    "scoring": [
        {
            "code": "gad7_total",
            "label": "GAD-7 total",
            "method": "sum",
            "items": [f"gad7_{n}" for n in range(1, 8)],
            "min_answered": 6,
            "bands": [[0, 4, "Minimal"], [5, 9, "Mild"], [10, 14, "Moderate"], [15, 21, "Severe"]],
        },
    ],
    "sections": [
        {
            "title": "Over the last 2 weeks, how often have you been bothered by the following problems?",
            "items": [
                {"code": f"gad7_{n}", "text": text, "kind": "single", "options": FREQUENCY, "required": True}
                for n, text in enumerate(GAD7_ITEMS, start=1)
            ],
        }
    ],
}

AGREE = [
    {"value": 0, "label": "Disagree strongly"},
    {"value": 1, "label": "Disagree"},
    {"value": 2, "label": "Neither agree nor disagree"},
    {"value": 3, "label": "Agree"},
    {"value": 4, "label": "Agree strongly"},
]

QPR15_ITEMS = [
    "I feel better about myself",
    "I feel able to take chances in life",
    "I am able to develop positive relationships with other people",
    "I feel part of society rather than isolated",
    "I am able to assert myself",
    "I feel that my life has a purpose",
    "My experiences have changed me for the better",
    "I have been able to come to terms with things that have happened to me in the past and move on with my life",
    "I am basically strongly motivated to get better",
    "I can recognise the positive things I have done",
    "I am able to understand myself better",
    "I can take charge of my life",
    "I can actively engage with life",
    "I can take control of aspects of my life",
    "I can find the time to do the things I enjoy",
]

QPR15 = {
    "code": "qpr-15",
    "name": "QPR-15 (Questionnaire about the Process of Recovery)",
    "description": "Fifteen statements about personal recovery. Total 0 to 60; higher means more recovery.",
    "licence": "Neil ST, Kilbride M, Pitt L et al. (2009) The questionnaire about the process of recovery (QPR). "
    "Psychosis 1:145-155; 15-item version: Law H, Neil ST, Dunn G, Morrison AP (2014) Schizophrenia Research "
    "156:184-189. Free to use with this attribution; check the wording against the published version before use.",
    "scoring": [
        {
            "code": "qpr15_total",
            "label": "QPR-15 total",
            "method": "sum",
            "items": [f"qpr15_{n}" for n in range(1, 16)],
            "min_answered": 12,
        },
    ],
    "sections": [
        {
            "title": "Please read each statement and say how much you agree, thinking about the last 7 days.",
            "items": [
                {"code": f"qpr15_{n}", "text": text, "kind": "scale", "options": AGREE, "required": True}
                for n, text in enumerate(QPR15_ITEMS, start=1)
            ],
        }
    ],
}

DEFINITIONS = [DEVON_DAY1, DEVON_DAY5, DEVON_2M, DEVON_5M, PHQ9, GAD7, QPR15]
DEVON_CODES = [DEVON_DAY1["code"], DEVON_DAY5["code"], DEVON_2M["code"], DEVON_5M["code"]]
