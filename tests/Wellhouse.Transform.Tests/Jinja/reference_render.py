"""Renders the differential-test corpus with the reference Jinja2 (Debian's python3-jinja2).

Reads corpus files given as arguments; prints one JSON object: {name: {"output": str} | {"error": str}}.
Environment: as dbt configures Jinja2 when it compiles (dbt-common's get_environment: a SandboxedEnvironment with
extensions do and loopcontrols and Jinja2's default, lenient Undefined).
"""
import datetime
import json
import re
import sys

import jinja2
import jinja2.sandbox


def parse(path):
    cases = []
    name = None
    section = None
    parts = {}
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    for line in text.split("\n"):
        if line.startswith("=== "):
            if name is not None:
                cases.append((name, parts))
            name = line[4:].strip()
            parts = {"context": [], "template": []}
            section = "template"
        elif name is not None and line == "--- context":
            section = "context"
        elif name is not None and line == "--- template":
            section = "template"
        elif name is not None:
            parts[section].append(line)
    if name is not None:
        cases.append((name, parts))
    result = []
    for name, parts in cases:
        template = "\n".join(parts["template"])
        context = "\n".join(parts["context"]).strip()
        result.append((name, template, json.loads(context) if context else {}))
    return result


def main():
    env = jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    results = {}
    for path in sys.argv[1:]:
        for name, template, context in parse(path):
            context["modules"] = {"datetime": datetime, "re": re}
            try:
                results[name] = {"output": env.from_string(template).render(context)}
            except Exception as exc:  # every failure is compared as "an error", not by message
                results[name] = {"error": type(exc).__name__ + ": " + str(exc)}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
