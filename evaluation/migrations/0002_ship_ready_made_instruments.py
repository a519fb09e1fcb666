"""Ship the Devon evaluation instruments, PHQ-9, GAD-7 and QPR-15 (published, version 1).

Reads the definitions as they stand in evaluation/shipped.py; later changes to
the wording ship as a new version in a later migration, never by editing these rows.
"""

from django.db import migrations


def load(apps, schema_editor):
    from evaluation.shipped import DEFINITIONS

    Instrument = apps.get_model("evaluation", "Instrument")
    InstrumentVersion = apps.get_model("evaluation", "InstrumentVersion")
    Section = apps.get_model("evaluation", "Section")
    Item = apps.get_model("evaluation", "Item")
    for definition in DEFINITIONS:
        if Instrument.objects.filter(organisation__isnull=True, code=definition["code"]).exists():
            continue
        instrument = Instrument.objects.create(
            code=definition["code"],
            name=definition["name"],
            description=definition.get("description", ""),
            licence=definition.get("licence", ""),
        )
        version = InstrumentVersion.objects.create(
            instrument=instrument, number=1, status="published", scoring=definition.get("scoring", []),
            source="Shipped with Mutuality",
        )
        position = 0
        for s, section_def in enumerate(definition["sections"]):
            section = Section.objects.create(
                version=version, position=s, title=section_def["title"], help_text=section_def.get("help_text", "")
            )
            for item in section_def["items"]:
                position += 1
                Item.objects.create(
                    version=version, section=section, position=position, code=item["code"], text=item["text"],
                    help_text=item.get("help_text", ""), kind=item["kind"], required=item.get("required", False),
                    options=item.get("options", []), min_value=item.get("min"), max_value=item.get("max"),
                    enable_when=item.get("enable_when"),
                )


def unload(apps, schema_editor):
    from evaluation.shipped import DEFINITIONS

    Instrument = apps.get_model("evaluation", "Instrument")
    Instrument.objects.filter(organisation__isnull=True, code__in=[d["code"] for d in DEFINITIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_instruments_evaluations_responses")]

    operations = [migrations.RunPython(load, unload)]
