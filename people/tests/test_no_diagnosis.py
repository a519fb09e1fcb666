"""There is no diagnosis field anywhere in Mutuality (PRODUCT.md: "No diagnosis")."""

from django.apps import apps


def test_no_model_anywhere_has_a_diagnosis_field():
    offending = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if "diagnos" in field.name.lower() or "diagnos" in str(getattr(field, "verbose_name", "")).lower()
    ]
    assert offending == []


def test_starter_themes_describe_experiences_not_clinical_labels(db):
    from people.models import Theme

    labels = {"schizophrenia", "bipolar", "personality disorder", "psychosis", "ptsd", "ocd", "adhd", "disorder"}
    names = [theme.name.lower() for theme in Theme.objects.filter(suggested=True)]
    assert names, "the starter list of themes is shipped"
    assert not [name for name in names if any(label in name for label in labels)]
