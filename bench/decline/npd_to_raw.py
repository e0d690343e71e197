"""Writes the Norwegian Offshore Directorate's monthly field production (tests/fixtures/real-data/npd-factpages-2013,
NLOD) as a raw-contract CSV, one "well" per field, as the tests' SharedRawData.NpdFields does: net oil, gas, NGL and
condensate (MSm3, GSm3) as calendar-day kbd and MMcfd, producing all the days of a month with oil or gas.

usage: npd_to_raw.py FIELD_PRODUCTION_MONTHLY.csv OUT.csv
"""
import calendar
import csv
import sys

COLUMNS = ["field_code", "field_name", "well_code", "well_reference", "well_name", "production_period",
           "days_on_production", "oil_production_kbd", "gas_production_mmcfd", "liquids_production_kbd",
           "water_production_kbd", "data_source", "source_data", "partition_0", "created_at", "updated_at"]
BARRELS_PER_CUBIC_METRE = 6.289811
CUBIC_FEET_PER_CUBIC_METRE = 35.31467


def main(source: str, target: str) -> None:
    with open(source, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: (int(r["prfNpdidInformationCarrier"]), int(r["prfYear"]), int(r["prfMonth"])))
    with open(target, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in rows:
            year, month = int(r["prfYear"]), int(r["prfMonth"])
            days = calendar.monthrange(year, month)[1]

            def kbd(column):
                return float(r[column]) * 1e6 * BARRELS_PER_CUBIC_METRE / 1000 / days

            oil = kbd("prfPrdOilNetMillSm3")
            gas = float(r["prfPrdGasNetBillSm3"]) * 1e9 * CUBIC_FEET_PER_CUBIC_METRE / 1e6 / days
            liquids = oil + kbd("prfPrdNGLNetMillSm3") + kbd("prfPrdCondensateNetMillSm3")
            producing = days if oil > 0 or gas > 0 else 0
            code, name = r["prfNpdidInformationCarrier"], r["prfInformationCarrier"]
            writer.writerow([code, name, code, name, name, f"{year:04d}-{month:02d}-01", producing, repr(oil), repr(gas),
                             repr(liquids), repr(kbd("prfPrdProducedWaterInFieldMillSm3")), "sodir_monthly",
                             "npd-factpages-2013/field_production_monthly.csv", str(year), "2013-03-01 00:00:00",
                             "2013-03-01 00:00:00"])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
