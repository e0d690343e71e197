#!/usr/bin/env python3
"""A dbt package hub on loopback, from git repositories on this machine, so `wellhouse deps` installs a project's
hub packages unchanged without network:

    bench/dbt-packages/hub.py PORT org/name=GIT_DIR [org/name=GIT_DIR ...]
    DBT_PACKAGE_HUB_URL=http://127.0.0.1:PORT/ wellhouse deps --project-dir ...

GIT_DIR is a clone (or bare repository) of the package. Each tag that is a version (`1.3.3`, `v0.10.0`) becomes a
version of the package: GET /api/v1/org/name.json lists them as dbt's hub does ({"name", "namespace", "latest",
"versions": {v: {"name", "version", "require_dbt_version", "downloads": {"tarball"}}}}), and the tarball is `git
archive` of that tag. The package name is the `name:` of the tag's dbt_project.yml, require_dbt_version its
`require-dbt-version` (deps leaves out versions that exclude its dbt version, as dbt does). Serves only 127.0.0.1."""
import json
import re
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = re.compile(r"^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$")


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout


def package(source, repo):
    versions = {}
    for tag in git(repo, "tag").decode().split():
        match = VERSION.match(tag)
        if not match:
            continue
        try:
            project = git(repo, "show", f"{tag}:dbt_project.yml").decode()
        except subprocess.CalledProcessError:
            continue
        name = re.search(r"^name:\s*['\"]?([A-Za-z0-9_]+)", project, re.M)
        versions[match.group(1)] = {"tag": tag, "name": name.group(1) if name else source.split("/")[1],
                                    "require_dbt_version": require_dbt_version(project)}
    return versions


def require_dbt_version(project):
    """The `require-dbt-version` of a dbt_project.yml as a list (the hub lists it per version): a string, a flow list
    `[">=1.3.0", "<3.0.0"]` or a block list; [] when there is none."""
    lines = project.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^require-dbt-version:\s*(.*)$", line)
        if not match:
            continue
        value = match.group(1).split(" #")[0].strip()
        if value.startswith("["):
            return [part.strip().strip("'\"") for part in value.strip("[]").split(",") if part.strip()]
        if value:
            return [value.strip("'\"")]
        parts = []
        for item in lines[i + 1:]:
            item_match = re.match(r"^\s+-\s*(.+)$", item)
            if not item_match:
                break
            parts.append(item_match.group(1).strip().strip("'\""))
        return parts
    return []


def main():
    port, mappings = int(sys.argv[1]), dict(arg.split("=", 1) for arg in sys.argv[2:])
    base = f"http://127.0.0.1:{port}"
    hub = {source: (repo, package(source, repo)) for source, repo in mappings.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            match = re.match(r"^/api/v1/([^/]+/[^/]+)\.json$", self.path)
            if match and match.group(1) in hub:
                source = match.group(1)
                versions = hub[source][1]
                latest = max(versions, key=lambda v: [int(p) for p in v.split("-")[0].split(".")], default=None)
                body = json.dumps({
                    "name": versions[latest]["name"] if latest else source.split("/")[1],
                    "namespace": source.split("/")[0],
                    "latest": latest,
                    "versions": {v: {"name": d["name"], "version": v, "require_dbt_version": d["require_dbt_version"],
                                     "downloads": {"tarball": f"{base}/tarball/{source}/{v}.tar.gz"}}
                                 for v, d in versions.items()},
                }).encode()
                return self.answer(200, "application/json", body)
            match = re.match(r"^/tarball/([^/]+/[^/]+)/(.+)\.tar\.gz$", self.path)
            if match and match.group(1) in hub and match.group(2) in hub[match.group(1)][1]:
                repo, versions = hub[match.group(1)]
                tag = versions[match.group(2)]["tag"]
                body = git(repo, "archive", "--format=tar.gz", f"--prefix={match.group(1).split('/')[1]}-{match.group(2)}/", tag)
                return self.answer(200, "application/gzip", body)
            self.answer(404, "text/plain", b"not found")

        def answer(self, status, kind, body):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
