"""Real data folders that cannot be written, and a real full disk, for the CLI's error paths.

The tests run as root in CI, and root writes anywhere. `unshare --user` runs a command in a new
user namespace: same files, no privileges, so a folder with mode 0555 is read-only for it.
`unshare --user --map-root-user --mount` may mount a small tmpfs of its own: a disk that really
fills up (ENOSPC, SQLite's "database or disk is full"). Both skip, saying why, where the kernel
does not allow unprivileged user namespaces.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from functools import cache


@cache
def user_namespaces() -> str:
    """'' when unshare can make a user namespace with a mount here; else why not."""
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    try:
        run = subprocess.run(
            ["unshare", "--user", "--map-root-user", "--mount", "true"],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unshare failed: {exc}"
    if run.returncode != 0:
        return "unprivileged user namespaces are not allowed here: " + run.stderr.decode().strip()
    return ""


def unprivileged(command: list[str]) -> list[str]:
    """`command` without root's privileges over the files."""
    return ["unshare", "--user", *command]


def on_a_full_disk(
    mountpoint: str, command: list[str], *, size_kb: int, keep: str = ""
) -> list[str]:
    """`command` with a `size_kb` tmpfs at `mountpoint`, holding a copy of the folder `keep`
    (if given), then filled up to the last byte."""
    steps = [f"mount -t tmpfs -o size={size_kb}k shipdesk-full {shlex.quote(mountpoint)}"]
    if keep:
        steps.append(f"cp -a {shlex.quote(keep)}/. {shlex.quote(mountpoint)}/")
    steps.append(f"dd if=/dev/zero of={shlex.quote(mountpoint)}/.fill bs=1k 2>/dev/null || true")
    steps.append(shlex.join(command))
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", " && ".join(steps)]
