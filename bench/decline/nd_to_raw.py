"""Writes the North Dakota Bakken wells of ../shared/data/raw/nd-bakken as a raw-contract CSV (what `wellhouse ingest`
and `wellhouse decline forecast` read) to the path given. Run at benchmark time only: the data has no licence to
redistribute, so neither it nor this output is ever committed.

Units: the source reports bbl and Mcf per month; the contract's rates are calendar-day averages in kbd and MMcfd.
"""
import calendar
import csv
import sys
from pathlib import Path

COLUMNS = ["field_code", "field_name", "well_code", "well_reference", "well_name", "production_period",
           "days_on_production", "oil_production_kbd", "gas_production_mmcfd", "liquids_production_kbd",
           "water_production_kbd", "data_source", "source_data", "partition_0", "created_at", "updated_at"]


def main(source: Path, target: Path) -> None:
    wells = {}
    with open(source / "ND_WELL_DATA.csv", newline="") as f:
        for row in csv.DictReader(f):
            wells[row["api"]] = row
    fields = {name: i + 1 for i, name in enumerate(sorted({w["field_name"] for w in wells.values()}))}
    with open(source / "ND_PRODUCTION_DATA.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    codes = {api: i + 1 for i, api in enumerate(sorted({r["api"] for r in rows}))}
    rows.sort(key=lambda r: (codes[r["api"]], r["date"]))
    with open(target, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in rows:
            year, month = int(r["date"][:4]), int(r["date"][5:7])
            days = calendar.monthrange(year, month)[1]
            well = wells.get(r["api"], {})
            field = well.get("field_name", "")
            oil = float(r["volume_oil_formation_bbls"]) / days / 1000
            gas = float(r["volume_gas_formation_mcf"]) / days / 1000
            water = float(r["volume_water_formation_bbls"]) / days / 1000
            writer.writerow([fields.get(field, 0), field, codes[r["api"]], r["api"], well.get("well_name", ""), r["date"],
                             r["producing_days"], repr(oil), repr(gas), repr(oil), repr(water), "ndic_monthly",
                             "nd-bakken/ND_PRODUCTION_DATA.csv", r["date"][:4], "2019-03-09 00:00:00", "2019-03-09 00:00:00"])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
