"""pip-audit on the hashed locks in requirements/ (`make audit`; CI runs it before the tests).

    python tools/audit.py [--ignore-vuln ID]... LOCK...

Run with the tools venv's Python (requirements/tools.txt: pip-audit, with packaging and
requests). The locks are universal: one file for every platform and Python, with environment
markers. pip-audit would skip every line whose marker is false on the machine it runs on (the
Windows-only packages on Linux, PySide6 6.12 on Python 3.11), so this lists every release that
any supported platform and Python installs and audits each of them, pinned, without pip
(--disable-pip --no-deps: nothing is downloaded or installed).

The audit needs an advisory database: PyPI's JSON API (pip-audit's default) or OSV (--osv-url
names a mirror of its query API). Each is probed first with a release that has known
advisories; where neither answers, one line says the audit was skipped and why, and the exit
status is 0. A known vulnerability exits 1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import requests
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

# The platforms the locks serve (CI on Linux, the release builds on Windows and macOS) and the
# Pythons ShipDesk supports (requires-python >= 3.11).
PLATFORMS = {
    "Linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "Windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    "macOS": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
}
PYTHONS = ("3.11", "3.12", "3.13", "3.14")

# A release with known advisories (CVE-2024-49768, CVE-2024-49769): a database that answers
# without them is not one to trust an empty result from.
PROBE_NAME, PROBE_VERSION = "waitress", "3.0.0"
TIMEOUT = 15
OSV_URL = "https://api.osv.dev/v1/query"


def environments() -> list[tuple[str, dict[str, str]]]:
    envs = []
    for platform, values in PLATFORMS.items():
        for python in PYTHONS:
            env = dict(
                values,
                python_version=python,
                python_full_version=f"{python}.0",
                implementation_name="cpython",
                implementation_version=f"{python}.0",
                platform_python_implementation="CPython",
                platform_machine="x86_64",
                platform_release="",
                platform_version="",
            )
            envs.append((f"{platform}/{python}", env))
    return envs


def pinned_releases(lock: Path) -> list[tuple[Requirement, str]]:
    """(requirement, version) for each `name==version [; marker]` line of a hashed lock."""
    text = lock.read_text("utf-8").replace("\\\n", " ")
    releases = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        spec = line.split(" --", 1)[0].strip()
        try:
            req = Requirement(spec)
        except InvalidRequirement as exc:
            raise SystemExit(f"{lock}:{number}: not a requirement: {spec} ({exc})") from exc
        pins = [s.version for s in req.specifier if s.operator == "=="]
        if len(pins) != 1 or len(req.specifier) != 1:
            raise SystemExit(f"{lock}:{number}: not pinned to one version: {spec}")
        releases.append((req, pins[0]))
    return releases


def probe(service: str, osv_url: str) -> str | None:
    """None when the service answers with the probe's advisories, else why it cannot be used."""
    try:
        if service == "pypi":
            url = f"https://pypi.org/pypi/{PROBE_NAME}/{PROBE_VERSION}/json"
            response = requests.get(url, timeout=TIMEOUT)
            found = response.ok and response.json().get("vulnerabilities")
        else:
            url = osv_url
            query = {"version": PROBE_VERSION, "package": {"name": PROBE_NAME, "ecosystem": "PyPI"}}
            response = requests.post(url, json=query, timeout=TIMEOUT)
            found = response.ok and response.json().get("vulns")
    except requests.Timeout:
        return f"{url}: no answer within {TIMEOUT} s"
    except requests.ConnectionError as exc:
        unresolved = "NameResolution" in str(exc) or "Name or service not known" in str(exc)
        return f"{url}: {'host name not resolved' if unresolved else 'no connection'}"
    except requests.RequestException as exc:
        return f"{url}: {type(exc).__name__}"
    except ValueError:
        return f"{url} answered HTTP {response.status_code}, not JSON"
    if found:
        return None
    if not response.ok:
        return f"{url} answered HTTP {response.status_code}"
    return f"{url} lists no advisories for {PROBE_NAME} {PROBE_VERSION}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("locks", nargs="+", type=Path)
    parser.add_argument("--ignore-vuln", action="append", default=[], metavar="ID")
    parser.add_argument("--osv-url", default=OSV_URL, help="the OSV query API (a mirror)")
    args = parser.parse_args()

    # Every release any platform and Python installs, and which locks pin it.
    locks_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lock in args.locks:
        for req, version in pinned_releases(lock):
            if req.marker is None or any(req.marker.evaluate(env) for _, env in environments()):
                locks_of[(canonicalize_name(req.name), version)].add(lock.name)
    names = sorted(locks_of)

    problems = {}
    service = None
    for candidate in ("pypi", "osv"):
        problems[candidate] = probe(candidate, args.osv_url)
        if problems[candidate] is None:
            service = candidate
            break
    if service is None:
        print(
            "pip-audit skipped: no advisory database can be reached from here "
            f"(PyPI: {problems['pypi']}; OSV: {problems['osv']}); "
            f"the {len(names)} releases pinned in {', '.join(map(str, args.locks))} "
            "were NOT audited"
        )
        return 0

    # One pip-audit run per layer: a name pinned twice (PySide6 6.11 for Python 3.11, 6.12 from
    # 3.12 on) goes in a second layer, since pip-audit refuses two versions in one run.
    layers: list[dict[str, str]] = []
    for name, version in names:
        layer = next((la for la in layers if name not in la), None)
        if layer is None:
            layer = {}
            layers.append(layer)
        layer[name] = version

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, layer in enumerate(layers):
            pins = Path(tmp, f"pins-{index}.txt")
            pins.write_text("".join(f"{n}=={v}\n" for n, v in sorted(layer.items())))
            report = Path(tmp, f"report-{index}.json")
            command = [
                sys.executable,
                "-m",
                "pip_audit",
                "--disable-pip",
                "--no-deps",
                "--vulnerability-service",
                service,
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                str(report),
                "-r",
                str(pins),
            ]
            if service == "osv":
                command += ["--osv-url", args.osv_url]
            for vuln in args.ignore_vuln:
                command += ["--ignore-vuln", vuln]
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            if not report.exists():
                message = (run.stderr or run.stdout).strip().splitlines()
                detail = message[-1] if message else f"exit {run.returncode}"
                if "connect" in detail.lower():
                    print(f"pip-audit skipped: lost the advisory database ({service}): {detail}")
                    return 0
                print(f"pip-audit failed: {detail}", file=sys.stderr)
                return 2
            results += json.loads(report.read_text("utf-8"))["dependencies"]

    skipped = [d for d in results if "skip_reason" in d]
    audited = len(results) - len(skipped)
    results.sort(key=lambda d: (canonicalize_name(d["name"]), d.get("version", "")))
    found = [(d, v) for d in results for v in d.get("vulns", [])]
    for dep, vuln in found:
        key = (canonicalize_name(dep["name"]), dep["version"])
        aliases = ", ".join(vuln.get("aliases") or [])
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
        description = " ".join((vuln.get("description") or "").split())
        print(
            f"VULNERABLE {dep['name']} {dep['version']} ({', '.join(sorted(locks_of[key]))}): "
            f"{vuln['id']}{f' ({aliases})' if aliases else ''}, fixed in {fixed}: "
            f"{description[:160]}"
        )
    for dep in skipped:
        print(f"not audited: {dep['name']}: {dep['skip_reason']}")
    database = "PyPI's database"
    if service == "osv":
        database = "OSV" if args.osv_url == OSV_URL else f"the OSV API at {args.osv_url}"
    platforms = ", ".join(PLATFORMS)
    scope = (
        f"{audited} releases pinned in {', '.join(map(str, args.locks))} "
        f"({platforms}; Python {PYTHONS[0]} to {PYTHONS[-1]}) against {database}"
    )
    if args.ignore_vuln:
        scope += f", ignoring {', '.join(args.ignore_vuln)}"
    if found:
        print(
            f"pip-audit: {len(found)} known vulnerabilities in {scope}. Raise the floor in "
            "pyproject.toml or run `make lock`, then `make audit` again."
        )
        return 1
    if skipped and not audited:
        print(f"pip-audit skipped: {database} answered for none of the releases")
        return 0
    print(f"pip-audit: no known vulnerabilities in {scope}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
