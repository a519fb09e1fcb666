"""Ship ENRICH's five principles, IPS's four tasks, Together's twelve principles,
and Mutuality's two example fidelity instruments (published, version 1).

Reads fidelity/shipped.py as it stands; later changes ship as new versions in later migrations.
"""

from django.db import migrations


def load(apps, schema_editor):
    from fidelity.shipped import FRAMEWORKS, INSTRUMENTS, ITEM_LINKS

    Framework = apps.get_model("fidelity", "Framework")
    Principle = apps.get_model("fidelity", "Principle")
    ItemLink = apps.get_model("fidelity", "ItemLink")
    Instrument = apps.get_model("evaluation", "Instrument")
    InstrumentVersion = apps.get_model("evaluation", "InstrumentVersion")
    Section = apps.get_model("evaluation", "Section")
    Item = apps.get_model("evaluation", "Item")
    principles = {}
    for definition in FRAMEWORKS:
        framework, created = Framework.objects.get_or_create(
            organisation=None,
            code=definition["code"],
            version=1,
            defaults={
                "name": definition["name"],
                "citation": definition["citation"],
                "description": definition["description"],
            },
        )
        for position, p in enumerate(definition["principles"], start=1):
            principle, _ = Principle.objects.get_or_create(
                framework=framework,
                code=p["code"],
                defaults={
                    "position": position,
                    "name": p["name"],
                    "definition": p.get("definition", ""),
                    "sub_points": p.get("sub_points", []),
                },
            )
            principles[(definition["code"], p["code"])] = principle
    for framework_code, definition in INSTRUMENTS:
        if Instrument.objects.filter(organisation__isnull=True, code=definition["code"]).exists():
            continue
        instrument = Instrument.objects.create(
            code=definition["code"],
            name=definition["name"],
            description=definition["description"],
            licence=definition["licence"],
        )
        version = InstrumentVersion.objects.create(
            instrument=instrument, number=1, status="published", scoring=[], source="Shipped with Mutuality"
        )
        position = 0
        by_code = {}
        for s, section_def in enumerate(definition["sections"]):
            section = Section.objects.create(
                version=version, position=s, title=section_def["title"], help_text=section_def["help_text"]
            )
            for item in section_def["items"]:
                position += 1
                by_code[item["code"]] = Item.objects.create(
                    version=version, section=section, position=position, code=item["code"], text=item["text"],
                    help_text=item["help_text"], kind=item["kind"], required=False, options=item["options"],
                )
        for principle_code, perspective, item_code, _text in ITEM_LINKS[framework_code]:
            ItemLink.objects.create(
                item=by_code[item_code],
                principle=principles[(framework_code, principle_code)],
                perspective=perspective,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("fidelity", "0001_frameworks_instruments_rounds_reflections"),
        ("evaluation", "0002_ship_ready_made_instruments"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
