#!/usr/bin/python3
"""Reliability probes of a running Wellhouse, as an attacker and an operator would try it (issue 16).

Usage: /usr/bin/python3 bench/reliability/probe.py <wellhouse executable> <work folder> [--quick]
(bench/reliability/run.sh builds the executable and calls this.) Standard library only, plus wrk for the load.

Probes, each printed as one line of a table with what it counted and whether the expectation held:
  bad uploads      ~60 malformed or hostile uploads: each a 4xx ProblemDetails (never 5xx), nothing stored
  injection        ~2,000 reads with SQL, path traversal, NUL, encoded and oversized payloads in every path and
                   query parameter, odd headers: no 5xx, no stack trace, no server path, no file content leaked
  publish under load  wrk reads random wells while full refreshes publish new snapshots: every request answered
  kill -9          the server killed during refreshes and uploads, a CLI refresh and a CLI ingest killed: after a
                   restart the served snapshot answers, no accepted row is lost, no partial batch or snapshot
                   remains, killed runs are marked abandoned
  faults           (root only) a read-only data directory and a full disk: 503/507 ProblemDetails, never 500,
                   the served snapshot still answers, and writes work again once the fault is gone
Exit status 1 when any expectation failed.
"""
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

KEY = "probe-key"
WELLS = 200
FIRST_WELL = 100001
HEADER = ("field_code,field_name,well_code,well_reference,well_name,production_period,days_on_production,"
          "oil_production_kbd,gas_production_mmcfd,liquids_production_kbd,water_production_kbd,data_source,source_data,"
          "partition_0,created_at,updated_at")
RESULTS = []


def row(well=900001, month=1, year=2021, **override):
    fields = dict(field_code="90", field_name="PROBE", well_code=str(well), well_reference="NO 9/9-P-1",
                  well_name="Probe P-1", production_period=f"{year}-{month:02d}-01", days_on_production="28",
                  oil_production_kbd="1.5", gas_production_mmcfd="0.3", liquids_production_kbd="1.6",
                  water_production_kbd="0.2", data_source="upload_monthly", source_data="probe.csv",
                  partition_0=str(year), created_at="2022-01-01T00:00:00", updated_at="2022-01-01T00:00:00")
    fields.update(override)
    return ",".join(fields[name] for name in HEADER.split(","))


def csv(*rows):
    return (HEADER + "\n" + "\n".join(rows) + "\n").encode()


def report(name, count, failures, detail=""):
    RESULTS.append((name, count, failures, detail))
    status = "ok" if not failures else f"FAILED ({len(failures)})"
    print(f"| {name} | {count} | {status} | {detail} |", flush=True)
    for failure in failures[:10]:
        print(f"|   | | | {failure} |", flush=True)


class Server:
    """`wellhouse serve` on a free loopback port over a data directory."""

    def __init__(self, exe, data, log):
        self.exe, self.data, self.log = exe, data, log
        self.process = None
        self.url = None

    def start(self, wait_published=True, timeout=300):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, Wellhouse__Api__Key=KEY, Wellhouse__Bootstrap="false",
                   Logging__LogLevel__Default="Warning", Wellhouse__Api__WritesPerMinute="100000")
        self.process = subprocess.Popen([self.exe, "serve", "--data-dir", self.data, "--urls", self.url], env=env,
                                        stdout=open(self.log, "ab"), stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                status, _, _ = request(self, "GET", "/api/snapshots" if wait_published else "/alive")
                if status == 200 and (not wait_published or current_id(self)):
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited with {self.process.returncode}; see {self.log}")
            time.sleep(0.1)
        raise RuntimeError(f"serve did not come up in {timeout} s; see {self.log}")

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(server, method, path, body=None, headers=None, key=True, timeout=120):
    all_headers = {"X-Api-Key": KEY} if key else {}
    all_headers.update(headers or {})
    req = urllib.request.Request(server.url + path, data=body, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def current_id(server):
    status, _, body = request(server, "GET", "/api/snapshots")
    if status != 200:
        return None
    items = json.loads(body).get("items", [])
    return next((item["id"] for item in items if item.get("published") or item.get("current")), None)


def batches(server):
    status, _, body = request(server, "GET", "/api/ingest/batches")
    assert status == 200, status
    return {item["id"]: item["rows"] for item in json.loads(body)["items"]}


def wait_run(server, run_id, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, _, body = request(server, "GET", f"/api/runs/{run_id}")
        if status == 200 and json.loads(body)["status"] != "running":
            return json.loads(body)
        time.sleep(0.2)
    raise RuntimeError(f"run {run_id} did not finish in {timeout} s")


def refresh(server, full=True):
    status, headers, body = request(server, "POST", "/api/runs" + ("?full_refresh=true" if full else ""))
    if status != 202:
        raise RuntimeError(f"POST /api/runs: {status} {body[:300]!r}")
    return wait_run(server, json.loads(body)["id"])


def leftovers(data):
    """Files a finished state must not have: temporary files, uploads in progress of no running process, and snapshot
    files of no finished snapshot."""
    found = []
    for name in os.listdir(os.path.join(data, "raw", "incoming")):
        pid = name.split("-", 1)[0]
        if not (pid.isdigit() and os.path.exists(f"/proc/{pid}")):
            found.append(f"raw/incoming/{name}")
    snapshots = os.path.join(data, "snapshots")
    finished = {name[:-5] for name in os.listdir(snapshots) if name.endswith(".json")}
    for name in os.listdir(snapshots):
        stem = name.split(".")[0]
        if name in ("current", "parts") or stem in finished:
            continue
        found.append(f"snapshots/{name}")
    for root, _, files in os.walk(data):
        for name in files:
            if ".tmp" in name or name.endswith(".partial"):
                found.append(os.path.relpath(os.path.join(root, name), data))
    return found


# ---------------------------------------------------------------------------------------------------------- probes

def bad_uploads():
    """(name, body, content type, query) of uploads that must each be refused with a 4xx."""
    big_quote = (HEADER + "\n" + row() + "\n" + row(month=2).replace("Probe P-1", '"Probe P-1') + "x" * (20 << 20) + "\n").encode()
    cases = [
        ("empty body", b"", "text/csv", ""),
        ("header only, no rows", (HEADER + "\n").encode(), "text/csv", ""),
        ("no header", (row() + "\n").encode(), "text/csv", ""),
        ("unknown column", csv(row()).replace(b"water_production_kbd", b"colour"), "text/csv", ""),
        ("duplicate column", (HEADER + ",well_code\n" + row() + ",1\n").encode(), "text/csv", ""),
        ("10 MB column name", ("x" * (10 << 20) + "," + HEADER + "\n").encode(), "text/csv", ""),
        ("quote left open over 20 MiB", big_quote, "text/csv", ""),
        ("too few fields", csv(row().rsplit(",", 3)[0]), "text/csv", ""),
        ("too many fields", csv(row() + ",1,2"), "text/csv", ""),
        ("NUL byte in a name", csv(row(well_name="Probe\0P-1")), "text/csv", ""),
        ("NUL byte in a number", csv(row(days_on_production="3\x000")), "text/csv", ""),
        ("invalid UTF-8", csv(row()).replace(b"Probe P-1", b"Probe \xff\xfe"), "text/csv", ""),
        ("date not a date", csv(row(production_period="yesterday")), "text/csv", ""),
        ("February 31st", csv(row(production_period="2021-02-31")), "text/csv", ""),
        ("date in year 0", csv(row(production_period="0000-01-01")), "text/csv", ""),
        ("rate not a number", csv(row(oil_production_kbd="lots")), "text/csv", ""),
        ("rate NaN", csv(row(oil_production_kbd="NaN")), "text/csv", ""),
        ("rate Infinity", csv(row(oil_production_kbd="Infinity")), "text/csv", ""),
        ("rate 1e309", csv(row(oil_production_kbd="1e309")), "text/csv", ""),
        ("rate 1.7e308 (volume overflows)", csv(row(oil_production_kbd="1.7e308")), "text/csv", ""),
        ("negative days", csv(row(days_on_production="-3")), "text/csv", ""),
        ("days over the period", csv(row(days_on_production="45")), "text/csv", ""),
        ("well code not an integer", csv(row(well="abc")), "text/csv", ""),
        ("well code overflows", csv(row(well="99999999999999999999999")), "text/csv", ""),
        ("empty well code", csv(row(well="")), "text/csv", ""),
        ("empty field code with volumes", csv(row(field_code="")), "text/csv", ""),
        ("unknown data source", csv(row(data_source="nobody_knows")), "text/csv", ""),
        ("SQL in data source", csv(row(data_source="x'); drop table raw; --")), "text/csv", ""),
        ("timestamp not a timestamp", csv(row(updated_at="soon")), "text/csv", ""),
        ("one bad row among good", csv(row(month=1), row(month=2, oil_production_kbd="?"), row(month=3)), "text/csv", ""),
        ("formula is not refused but a bad date is", csv(row(well_name="=HYPERLINK(\"http://x\")", production_period="x")), "text/csv", ""),
        ("JSON not an array", b'{"well_code": 1}', "application/json", ""),
        ("JSON array of numbers", b"[1, 2, 3]", "application/json", ""),
        ("JSON truncated", b'[{"well_code": 900001, "production_period": "2021-01-01"', "application/json", ""),
        ("JSON unknown property", json.dumps([dict(zip(HEADER.split(","), row().split(",")), colour="red")]).encode(), "application/json", ""),
        ("JSON wrong types", json.dumps([dict(zip(HEADER.split(","), row().split(",")), well_code=[1, 2])]).encode(), "application/json", ""),
        ("JSON deeply nested", ("[" * 10000 + "]" * 10000).encode(), "application/json", ""),
        ("JSON huge number", json.dumps([dict(zip(HEADER.split(","), row().split(",")))]).replace('"900001"', "1" + "0" * 400).encode(), "application/json", ""),
        ("NDJSON garbage line", (json.dumps(dict(zip(HEADER.split(","), row().split(",")))) + "\nnot json\n").encode(), "application/x-ndjson", ""),
        ("NDJSON array line", b"[1]\n", "application/x-ndjson", ""),
        ("Parquet: random bytes", b"PAR1" + os.urandom(4096) + b"PAR1", "application/vnd.apache.parquet", ""),
        ("Parquet: truncated magic", b"PAR1", "application/vnd.apache.parquet", ""),
        ("Parquet: CSV inside", csv(row()), "application/vnd.apache.parquet", ""),
        ("unknown content type", csv(row()), "application/x-msdownload", ""),
        ("format parameter unknown", csv(row()), "text/csv", "?format=xlsx"),
        ("mode parameter unknown", csv(row()), "text/csv", "?mode=yolo"),
        ("source with traversal", csv(row()), "text/csv", "?source=../../etc/passwd%00"),
        ("gzip claimed, not gzip", csv(row()), "text/csv", "&gzip"),
        ("Content-Encoding not supported", csv(row()), "text/csv", "&zstd"),
        ("binary noise as CSV", os.urandom(65536), "text/csv", ""),
        ("UTF-16 CSV", csv(row()).decode().encode("utf-16"), "text/csv", ""),
        ("CSV with only separators", b",,,,,,,,\n,,,,,,,,\n", "text/csv", ""),
        ("semicolon CSV with comma decimals", csv(row()).replace(b",", b";").replace(b"1.5", b"1,5"), "text/csv", ""),
        ("header repeated as a row", csv(HEADER), "text/csv", ""),
        ("production period in the future", csv(row(year=2999)), "text/csv", ""),
        ("updated before created", csv(row(updated_at="2000-01-01T00:00:00")), "text/csv", ""),
        ("negative rate", csv(row(oil_production_kbd="-5")), "text/csv", ""),
        ("well code zero", csv(row(well="0")), "text/csv", ""),
        ("very long well name", csv(row(well_name="w" * 100000)), "text/csv", ""),
        ("control characters in a name", csv(row(well_name="Probe\x1b[31mP-1")), "text/csv", ""),
        ("no API key", csv(row()), "text/csv", "nokey"),
        ("wrong API key", csv(row()), "text/csv", "badkey"),
    ]
    return cases


def probe_bad_uploads(server):
    before = batches(server)
    failures, statuses = [], {}
    # Rows the raw contract allows (stored as they were sent), and a UTF-16 file with its byte order mark.
    accepted_expected = {"production period in the future", "updated before created", "negative rate", "well code zero",
                         "very long well name", "control characters in a name", "semicolon CSV with comma decimals",
                         "UTF-16 CSV"}
    for name, body, content_type, query in bad_uploads():
        headers = {"Content-Type": content_type}
        key = query not in ("nokey", "badkey")
        if query == "badkey":
            headers["X-Api-Key"] = "wrong"
        if query.startswith("&"):
            headers["Content-Encoding"] = query[1:]
        path = "/api/ingest" + (query if query.startswith("?") else "")
        status, response_headers, response = request(server, "POST", path, body, headers, key=key)
        statuses[status] = statuses.get(status, 0) + 1
        problem = response_headers.get("Content-Type", "").startswith("application/problem+json")
        if status >= 500 or (status >= 400 and not problem):
            failures.append(f"{name}: {status} {response[:200]!r}")
        elif 200 <= status < 300 and name not in accepted_expected:
            failures.append(f"{name}: accepted ({status})")
        elif name in accepted_expected and 200 <= status < 300:
            # A row the contract allows: stored as a batch of its own; the probe removes nothing.
            pass
    after = batches(server)
    unexpected = set(after) - set(before)
    accepted = sum(1 for s, n in statuses.items() if 200 <= s < 300 for _ in range(n))
    if len(unexpected) > accepted:
        failures.append(f"{len(unexpected)} batches appeared, {accepted} uploads were accepted")
    leaks = leftovers(server.data)
    failures += [f"left behind: {path}" for path in leaks]
    report("bad uploads", len(bad_uploads()), failures,
           "statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))


def injection_requests():
    payloads = [
        "' OR '1'='1", "1; DROP TABLE mart_well_summary; --", "1 UNION SELECT * FROM duckdb_settings()", "1)--",
        "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
        "..\\..\\windows\\win.ini", "%00", "100001%00", "100001\x00.json", "${jndi:ldap://x/a}", "{{7*7}}", "<script>alert(1)</script>",
        "%252e%252e%252f", "-1", "0", "99999999999999999999999", "1e309", "NaN", "100001.5", "0x186A1", " 100001", "100001 ",
        "%20", "\u202e100001", "ＡＢＣ", "😀", "a" * 5000, "100001/../../api-key", "100001;ls", "100001|id", "`id`", "$(id)",
        "read_csv('/etc/passwd')", "'; COPY (SELECT 1) TO '/tmp/x'; --", "%27%20OR%201=1--", "*", "?", "#", "%", "%zz",
    ]
    templates = [
        "/api/wells/{p}", "/api/wells/{p}/production?granularity=monthly", "/api/wells/100001/production?granularity={p}",
        "/api/wells/100001/production?from={p}", "/api/wells/100001/production?to={p}", "/api/wells/{p}/cumulative",
        "/api/wells/100001/moving-averages?window={p}", "/api/wells/100001/decline?stream={p}", "/api/wells/100001/forecast?stream={p}",
        "/api/wells/100001/trendline?stream={p}", "/api/wells/{p}/revenue", "/api/wells?search={p}", "/api/wells?field={p}",
        "/api/wells?page={p}", "/api/wells?page_size={p}", "/api/fields/{p}/production", "/api/fields/90/production?granularity={p}",
        "/api/wells/{p}/latest", "/api/wells/100001/latest?limit={p}", "/api/ingest/batches/{p}", "/api/runs/{p}",
        "/api/runs/{p}/log", "/api/runs?limit={p}", "/api/snapshots/{p}", "/{p}", "/assets/{p}", "/api/wells/100001/production?granularity=monthly&format={p}",
    ]
    out = []
    for template in templates:
        for payload in payloads:
            quoted = urllib.parse.quote(payload, safe="%/" if payload.startswith("%") else "")
            out.append(("GET", template.replace("{p}", quoted), None, {}))
    odd_headers = [{"X-Api-Key": "' OR 1=1 --"}, {"X-Api-Key": "a" * 100000}, {"Accept": "text/csv; q=1" * 1000},
                   {"If-None-Match": '"' + "x" * 10000 + '"'}, {"X-Forwarded-For": "127.0.0.1, ' OR 1=1"},
                   {"Host": "evil.example"}, {"Accept": "../../etc/passwd"}, {"X-Unknown": "y" * (10 << 20)}]
    for headers in odd_headers:
        out.append(("GET", "/api/wells/100001/production?granularity=monthly", None, headers))
    fits = ['{"rates": [1e306, 1e306, 1e306]}', '{"rates": "x"}', '{"model": "../../x", "rates": [1,2,3]}',
            '{"rates": [' + ",".join(["1"] * 200000) + "]}", "[" * 5000, '{"rates": [NaN]}']
    for body in fits:
        out.append(("POST", "/api/decline/fit", body.encode(), {"Content-Type": "application/json"}))
    for target in ["../x", "..%2F..%2Fcurrent", "20990101T000000000Z-abcd", "%00"]:
        out.append(("POST", f"/api/snapshots/{urllib.parse.quote(target, safe='%')}/publish", b"", {}))
        out.append(("POST", f"/api/runs/{urllib.parse.quote(target, safe='%')}/cancel", b"", {}))
    return out


def probe_injection(server):
    leak = re.compile(r"root:x:0:0|\[fonts\]|   at [A-Z][\w.]+\(|System\.[A-Za-z.]+Exception|" + re.escape(server.data)
                      + r"|/work/|/home/|/tmp/")
    failures, statuses = [], {}
    cases = injection_requests()
    for method, path, body, headers in cases:
        try:
            status, _, response = request(server, method, path, body, headers, key=True)
        except (urllib.error.URLError, OSError, ValueError) as error:
            # The client library may refuse to send a malformed request line; the server never saw it.
            statuses["not sent"] = statuses.get("not sent", 0) + 1
            continue
        statuses[status] = statuses.get(status, 0) + 1
        text = response.decode("utf-8", "replace")
        if status >= 500:
            failures.append(f"{method} {path[:120]}: {status} {text[:200]}")
        elif leak.search(text):
            failures.append(f"{method} {path[:120]}: leaks {leak.search(text).group(0)!r}")
    _, _, well = request(server, "GET", "/api/wells/100001")
    if b"100001" not in well:
        failures.append("the probed well no longer answers after the probes")
    report("injection and traversal", len(cases), failures,
           "statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=str)))


def probe_publish_under_load(server, seconds, refreshes):
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "random.lua")
    wrk = subprocess.Popen(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", script, server.url, "--",
                            str(FIRST_WELL), str(FIRST_WELL + WELLS - 1), "/production?granularity=monthly"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    published, failures = [], []
    time.sleep(2)
    for _ in range(refreshes):
        run = refresh(server, full=True)
        if not run.get("published"):
            failures.append(f"refresh {run['id']} {run['status']}: {run.get('error')}")
        published.append(run["id"])
    output, _ = wrk.communicate()
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    socket_errors = m.group(0) if (m := re.search(r"Socket errors:.*", output)) else ""
    if non2xx or socket_errors:
        failures.append(f"{non2xx} non-2xx/3xx responses; {socket_errors}")
    p99 = re.search(r"99%\s+(\S+)", output).group(1)
    report("publish under load", total, failures,
           f"{len(published)} snapshots published during {seconds} s of wrk (32 connections, random wells): "
           f"{total} requests, {non2xx} failed, p99 {p99}")


def probe_kill9(exe, server, work):
    """Kills while writing; returns the restarted server."""
    failures, kills = [], 0
    log = os.path.join(work, "serve.log")
    upload = csv(*[row(well=910000 + w, month=m, year=y) for w in range(300) for y in (2019, 2020) for m in range(1, 13)])

    def check(after_restart, expected_rows, label):
        rows = batches(after_restart)
        for batch_id, count in expected_rows.items():
            if rows.get(batch_id) != count:
                failures.append(f"{label}: batch {batch_id[:12]} had {count} rows, now {rows.get(batch_id)}")
        status, _, body = request(after_restart, "GET", "/api/wells/100001/production?granularity=monthly")
        if status != 200:
            failures.append(f"{label}: served snapshot answers {status}")
        status, _, _ = request(after_restart, "GET", "/api/runs")  # marks a dead CLI run abandoned
        failures.extend(f"{label}: left behind {path}" for path in leftovers(after_restart.data))
        return rows

    # The server killed during a refresh, at a random moment of it.
    for i in range(4):
        known = batches(server)
        status, _, body = request(server, "POST", "/api/runs?full_refresh=true")
        time.sleep(random.uniform(0.2, 4.0))
        server.kill9(); kills += 1
        server = Server(exe, server.data, log).start()
        check(server, known, f"server killed during refresh {i + 1}")
        run = json.loads(request(server, "GET", f"/api/runs/{json.loads(body)['id']}")[2])
        if run["status"] not in ("abandoned", "succeeded"):
            failures.append(f"refresh killed {i + 1}: run status {run['status']}")

    # The server killed during an upload (mid-body or while committing).
    for i in range(3):
        known = batches(server)
        body = upload.replace(b"2022-01-01T00:00:00", f"2022-01-0{i + 1}T00:00:00".encode())
        sock = socket.create_connection(server.url.removeprefix("http://").split(":"))
        port = server.url.rsplit(":", 1)[1]
        sock.sendall(f"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Api-Key: {KEY}\r\n"
                     f"Content-Type: text/csv\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        cut = random.randint(len(body) // 4, len(body))
        sock.sendall(body[:cut])
        time.sleep(random.uniform(0.0, 0.5))
        server.kill9(); kills += 1
        sock.close()
        server = Server(exe, server.data, log).start()
        after = check(server, known, f"server killed during upload {i + 1}")
        for batch_id in set(after) - set(known):
            if after[batch_id] != 600:
                failures.append(f"upload killed {i + 1}: a partial batch of {after[batch_id]} rows")

    # A CLI refresh killed while the server serves: the served snapshot stays, the run is abandoned.
    env = dict(os.environ, Logging__LogLevel__Default="Warning")
    for i in range(2):
        known, served = batches(server), current_id(server)
        cli = subprocess.Popen([exe, "refresh", "--data-dir", server.data, "--full-refresh"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(1.0, 5.0))
        cli.send_signal(signal.SIGKILL); cli.wait(); kills += 1
        check(server, known, f"CLI refresh killed {i + 1}")
        if current_id(server) is None:
            failures.append(f"CLI refresh killed {i + 1}: nothing served")
        runs = json.loads(request(server, "GET", "/api/runs")[2])["items"]
        if any(run["status"] == "running" for run in runs):
            failures.append(f"CLI refresh killed {i + 1}: a run stays 'running'")

    # A CLI ingest killed: no partial batch.
    path = os.path.join(work, "cli-upload.csv")
    for i in range(2):
        with open(path, "wb") as f:
            f.write(upload.replace(b"2022-01-01T00:00:00", f"2022-02-0{i + 1}T00:00:00".encode()))
        known = batches(server)
        cli = subprocess.Popen([exe, "ingest", path, "--data-dir", server.data], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.3, 2.0))
        cli.send_signal(signal.SIGKILL); cli.wait(); kills += 1
        # The next upload (here a repeated one: nothing new stored) clears what the killed ingest left in incoming/.
        request(server, "POST", "/api/ingest", csv(row()), {"Content-Type": "text/csv"})
        known.update({k: v for k, v in batches(server).items() if k not in known and v == 1})
        after = check(server, known, f"CLI ingest killed {i + 1}")
        for batch_id in set(after) - set(known):
            if after[batch_id] != 600:
                failures.append(f"CLI ingest killed {i + 1}: a partial batch of {after[batch_id]} rows")
    report("kill -9", kills, failures, "server during refresh x4 and upload x3, CLI refresh x2, CLI ingest x2; "
           "after each: rows of every accepted batch intact, served snapshot answers, no partial files")
    return server


def probe_faults(exe, server, work):
    if os.geteuid() != 0:
        report("faults", 0, [], "skipped: mounting a read-only or full file system needs root")
        return server
    failures = []
    data = server.data
    server.stop()
    # Read-only: bind-mount the data directory read-only over itself.
    subprocess.run(["mount", "--bind", data, data], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", data], check=True)
    try:
        server = Server(exe, data, os.path.join(work, "serve.log")).start()
        for method, path, body in [("POST", "/api/ingest", csv(row(month=5))), ("POST", "/api/runs", b"")]:
            status, headers, response = request(server, method, path, body, {"Content-Type": "text/csv"})
            if status != 503 or not headers.get("Content-Type", "").startswith("application/problem+json"):
                failures.append(f"read-only: {method} {path}: {status} {response[:200]!r}")
        if request(server, "GET", "/api/wells/100001")[0] != 200:
            failures.append("read-only: the served snapshot does not answer")
        server.stop()
    finally:
        subprocess.run(["umount", data], check=True)
    # Full disk: a 64 MiB tmpfs holding a copy of the data directory.
    full = os.path.join(work, "full")
    os.makedirs(full, exist_ok=True)
    size = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(data) for name in names)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size // (1 << 20) + 64}m", "tmpfs", full], check=True)
    try:
        target = os.path.join(full, "data")
        shutil.copytree(data, target, ignore=shutil.ignore_patterns("runs"))
        os.makedirs(os.path.join(target, "runs"), exist_ok=True)
        filler = os.path.join(full, "filler")
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M", "count=100000"], stderr=subprocess.DEVNULL)
        server = Server(exe, target, os.path.join(work, "serve.log")).start()
        status, headers, response = request(server, "POST", "/api/ingest", csv(*[row(month=m) for m in range(1, 13)]),
                                            {"Content-Type": "text/csv"})
        if status != 507 or not headers.get("Content-Type", "").startswith("application/problem+json"):
            failures.append(f"full disk: POST /api/ingest: {status} {response[:200]!r}")
        if request(server, "GET", "/api/wells/100001")[0] != 200:
            failures.append("full disk: the served snapshot does not answer")
        os.remove(filler)
        status, _, response = request(server, "POST", "/api/ingest", csv(*[row(month=m) for m in range(1, 13)]),
                                      {"Content-Type": "text/csv"})
        if status != 201:
            failures.append(f"full disk freed: POST /api/ingest: {status} {response[:200]!r}")
        server.stop()
    finally:
        subprocess.run(["umount", full], check=False)
    report("faults", 4, failures, "read-only data directory (ingest, refresh: 503) and full disk (ingest: 507, then 201 once freed)")
    return Server(exe, data, os.path.join(work, "serve.log")).start()


def main():
    exe, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    quick = "--quick" in sys.argv
    data = os.path.join(work, "data")
    os.makedirs(work, exist_ok=True)
    if not os.path.exists(os.path.join(data, "snapshots", "current")):
        gen = os.path.join(work, "gen")
        subprocess.run([exe, "generate", "--wells", str(WELLS), "--days", "1826", "--period", "month", "--output", gen,
                        "--format", "parquet"], check=True, stdout=subprocess.DEVNULL)
        for name in sorted(os.listdir(gen)):
            if name.endswith(".parquet"):
                subprocess.run([exe, "ingest", os.path.join(gen, name), "--data-dir", data], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([exe, "refresh", "--data-dir", data], check=True, stdout=subprocess.DEVNULL)
    print(f"Wellhouse reliability probes, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"load {os.getloadavg()[0]:.1f}; {WELLS} generated wells x 60 months\n")
    print("| probe | cases | result | what |")
    print("|---|---|---|---|")
    server = Server(exe, data, os.path.join(work, "serve.log")).start()
    try:
        probe_bad_uploads(server)
        probe_injection(server)
        probe_publish_under_load(server, 20 if quick else 60, 2 if quick else 4)
        server = probe_kill9(exe, server, work)
        server = probe_faults(exe, server, work)
    finally:
        server.stop()
    failed = sum(1 for result in RESULTS if result[2])
    print(f"\n{len(RESULTS) - failed} probes held, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
