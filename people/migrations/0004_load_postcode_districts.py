"""Load the postcode-district centres shipped in people/data/postcode_districts.csv
(derived from the ONS Postcode Directory, Open Government Licence v3.0)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "postcode_districts.csv"


def load(apps, schema_editor):
    District = apps.get_model("people", "PostcodeDistrict")
    with DATA.open(newline="") as handle:
        rows = [
            District(
                code=row["district"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                postcodes=int(row["postcodes"]),
            )
            for row in csv.DictReader(handle)
        ]
    District.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("people", "PostcodeDistrict").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0003_postcode_districts")]
    operations = [migrations.RunPython(load, unload)]
