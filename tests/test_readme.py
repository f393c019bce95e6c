"""The README's headless flow, run as written: a fresh data folder, no keychain, the sandbox."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def readme_block(heading: str) -> str:
    text = (REPO / "README.md").read_text("utf-8")
    section = text[text.index(heading) :]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1)


def run_readme_block(heading: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A README shell block run as written, in a fresh folder, with nothing of ours set."""
    script = readme_block(heading)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SHIPDESK_", "PYTHON_KEYRING", "DISPLAY", "WAYLAND"))
    }
    env.update(
        HOME=str(tmp_path / "home"),  # the keyring file's default place, away from ours
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        QT_QPA_PLATFORM="offscreen",
    )
    run = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def test_the_headless_flow_runs_as_written_from_connect_to_tracking(tmp_path: Path) -> None:
    run = run_readme_block("### From connect to tracking, headless", tmp_path)
    assert re.search(r"Labels: (\d+) created, 0 failed", run.stdout)
    assert re.search(r"Tracking: [1-9]\d* confirmed, 0 to retry, 0 refused", run.stdout)
    orders = json.loads((tmp_path / "orders.json").read_text("utf-8"))
    shipped = [o for o in orders if o["draft"] and o["draft"]["state"] == "shipped"]
    assert shipped and all(o["trackingNumbers"] for o in shipped)
    assert (tmp_path / "labels.pdf").read_bytes().startswith(b"%PDF")
    # The secrets went into the encrypted keyring file, never in plain text.
    keyring_file = next((tmp_path / "home").rglob("keyring.enc"))
    sandbox_env = (tmp_path / "sandbox.env").read_text()
    secret = re.search(r"SANDBOX_DHL_API_KEY='?([^'\n]+)", sandbox_env).group(1)
    assert secret.encode() not in keyring_file.read_bytes()


def test_the_gls_day_runs_as_written(tmp_path: Path) -> None:
    run = run_readme_block("The same day with GLS NL instead", tmp_path)
    assert re.search(r"GLS NL connected; customer numbers: \d+, \d+; labels made on", run.stdout)
    made = int(re.search(r"Labels: (\d+) created, 0 failed", run.stdout).group(1))
    assert made and f"Tracking: {made} confirmed, 0 to retry, 0 refused" in run.stdout
    orders = json.loads((tmp_path / "gls-orders.json").read_text("utf-8"))
    shipped = [o for o in orders if o["draft"] and o["draft"]["state"] == "shipped"]
    assert len(shipped) == made and {o["draft"]["carrier"] for o in shipped} == {"gls"}
    assert {o["trackingToAmazon"] for o in shipped} == {"sent"}
    assert (tmp_path / "gls-labels.pdf").read_bytes().startswith(b"%PDF")
    sandbox_env = (tmp_path / "sandbox.env").read_text()
    customer = re.search(r"SANDBOX_GLS_CUSTOMER_NUMBER='?(\d+)", sandbox_env).group(1)
    assert all(o["trackingNumbers"][0].startswith(customer) for o in shipped)
