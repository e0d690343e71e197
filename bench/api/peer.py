"""The peer baseline of bench/api: the seed's serving design, FastAPI + pandas holding the snapshot's relations in
memory, pre-grouped by well (a dict of per-well DataFrames), answering the same per-well URLs as the Wellhouse API
with DataFrame.to_json. Run with Debian's python3 (python3-fastapi, python3-uvicorn, python3-pandas):
  PEER_DATA=<folder of <relation>.csv> /usr/bin/python3 -m uvicorn peer:app --workers 2 --port 5300
The CSV files are the snapshot's relations exported by bench/warehouse (--export), ordered by well and date."""
import os

import pandas as pd
from fastapi import FastAPI, HTTPException, Response

DATA = os.environ["PEER_DATA"]

# relation -> the date column the API orders and ranges by
RELATIONS = {
    "mart_production_monthly": "month",
    "mart_production_yearly": "year",
    "mart_production_daily": "production_period",
    "int_production_cumsum": "production_period",
    "int_moving_averages": "production_period",
    "int_declining_curves": "production_period",
    "mart_decline_forecast": "month",
    "int_ml_trendlines_output": "production_period",
    "mart_revenue": "month",
    "mart_well_summary": None,
}


def load(name):
    path = os.path.join(DATA, name + ".csv")
    if not os.path.exists(path):
        return None
    frame = pd.read_csv(path)
    return {int(code): group.reset_index(drop=True) for code, group in frame.groupby("well_code", sort=False)}


GROUPS = {name: load(name) for name in RELATIONS}
app = FastAPI()


def answer(name, well, envelope, **filters):
    groups = GROUPS.get(name)
    if groups is None or (GROUPS["mart_well_summary"] is not None and well not in GROUPS["mart_well_summary"]):
        raise HTTPException(404)
    frame = groups.get(well)
    if frame is None:
        items = "[]"
    else:
        for column, value in filters.items():
            if value is not None:
                frame = frame[frame[column] == value]
        items = frame.to_json(orient="records", date_format="iso")
    head = ",".join(f'"{key}":{value}' for key, value in envelope.items())
    return Response("{" + head + ',"items":' + items + "}", media_type="application/json")


@app.get("/api/wells/{well}")
def summary(well: int):
    frame = (GROUPS["mart_well_summary"] or {}).get(well)
    if frame is None:
        raise HTTPException(404)
    return Response(frame.iloc[0:1].to_json(orient="records", date_format="iso")[1:-1], media_type="application/json")


@app.get("/api/wells/{well}/production")
def production(well: int, granularity: str = "monthly"):
    name = {"daily": "mart_production_daily", "yearly": "mart_production_yearly"}.get(granularity, "mart_production_monthly")
    return answer(name, well, {"well_code": well, "granularity": f'"{granularity}"'},
                  **({"period_type": "day"} if granularity == "daily" else {}))


@app.get("/api/wells/{well}/cumulative")
def cumulative(well: int):
    return answer("int_production_cumsum", well, {"well_code": well})


@app.get("/api/wells/{well}/moving-averages")
def moving_averages(well: int, window: str | None = None):
    return answer("int_moving_averages", well, {"well_code": well, "window": f'"{window}"' if window else "null"}, window=window)


@app.get("/api/wells/{well}/decline")
def decline(well: int, stream: str = "oil"):
    return answer("int_declining_curves", well, {"well_code": well, "stream": f'"{stream}"'}, stream=stream)


@app.get("/api/wells/{well}/forecast")
def forecast(well: int, stream: str = "oil"):
    return answer("mart_decline_forecast", well, {"well_code": well, "stream": f'"{stream}"'}, stream=stream)


@app.get("/api/wells/{well}/trendline")
def trendline(well: int, stream: str = "oil"):
    return answer("int_ml_trendlines_output", well, {"well_code": well, "stream": f'"{stream}"'}, stream=stream)


@app.get("/api/wells/{well}/revenue")
def revenue(well: int):
    return answer("mart_revenue", well, {"well_code": well})


@app.get("/alive")
def alive():
    return {"status": "alive"}
