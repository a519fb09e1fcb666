"""Languages commonly spoken or signed in the UK, and a starter list of
lived-experience themes. Themes are everyday descriptions a person may choose,
never diagnoses; anyone can add their own."""

from django.db import migrations

LANGUAGES = [
    ("en", "English"), ("cy", "Welsh"), ("gd", "Scottish Gaelic"), ("ga", "Irish"),
    ("bfi", "British Sign Language"), ("pl", "Polish"), ("ro", "Romanian"), ("pa", "Punjabi"),
    ("ur", "Urdu"), ("bn", "Bengali"), ("gu", "Gujarati"), ("ar", "Arabic"), ("pt", "Portuguese"),
    ("es", "Spanish"), ("fr", "French"), ("it", "Italian"), ("lt", "Lithuanian"), ("so", "Somali"),
    ("ta", "Tamil"), ("tr", "Turkish"), ("yue", "Cantonese"), ("zh", "Mandarin"), ("fa", "Persian (Farsi)"),
    ("ku", "Kurdish"), ("ti", "Tigrinya"), ("ps", "Pashto"), ("uk", "Ukrainian"), ("ru", "Russian"),
    ("hi", "Hindi"), ("bg", "Bulgarian"),
]

THEMES = [
    "Anxiety and worry", "Low mood", "Hearing voices", "Unusual experiences or beliefs", "Self-harm",
    "Suicidal thoughts", "Trauma", "Mood swings", "Eating and food", "Alcohol or drugs", "Being in hospital",
    "Being detained under the Mental Health Act", "Loss and bereavement", "Loneliness and isolation",
    "Parenting", "Caring for someone", "Work, money and benefits", "Housing and homelessness",
    "Racism and discrimination", "LGBTQ+ identity", "Neurodivergence", "Physical health alongside mental health",
    "Sleep", "Leaving care", "Contact with police or prison", "Recovery and hope",
]


def load(apps, schema_editor):
    Language = apps.get_model("people", "Language")
    Theme = apps.get_model("people", "Theme")
    Language.objects.bulk_create([Language(code=code, name=name) for code, name in LANGUAGES], ignore_conflicts=True)
    Theme.objects.bulk_create([Theme(name=name, suggested=True) for name in THEMES], ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("people", "Language").objects.filter(code__in=[code for code, _ in LANGUAGES]).delete()
    apps.get_model("people", "Theme").objects.filter(name__in=THEMES, suggested=True).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
