"""pip-audit over the pinned requirements, honest about what it could not check.

    python scripts/audit_deps.py            # `make test` runs this
    PIP_AUDIT_REQUIRED=1 python scripts/audit_deps.py   # a release: no audit, no pass

pip-audit asks PyPI's vulnerability data for each pinned version (requirements.txt and
requirements-dev.txt; the pins are exact, so `--no-deps --disable-pip`: nothing is resolved
or installed). Outcomes:

- a known vulnerability in a pinned version: exit 1, always;
- every pin checked, none vulnerable: exit 0;
- the vulnerability service unreachable, or it could not say for some pins (pip-audit then
  reports them as "not found"/skipped): the script says so loudly, lists them, and prints
  "pip-audit: NOT AUDITED" — it never claims a clean bill. It exits 0 by default, so that a
  machine without the service (this project's CI reaches the package index but not PyPI's
  per-version JSON API) does not fail every run on an outage; with PIP_AUDIT_REQUIRED=1 it
  exits 1 instead.

Responses are cached in .cache/pip-audit (git-ignored) between runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]
CACHE = ROOT / ".cache" / "pip-audit"


def pip_audit() -> tuple[int, dict | None, str]:
    exe = Path(sys.executable).with_name("pip-audit")
    cmd = [str(exe) if exe.exists() else "pip-audit"]
    for req in REQUIREMENTS:
        cmd += ["-r", str(ROOT / req)]
    cmd += ["--no-deps", "--disable-pip", "--progress-spinner", "off", "-f", "json"]
    cmd += ["--cache-dir", str(CACHE), "--timeout", "20"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 2, None, str(exc)
    try:
        data = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError:
        data = None
    return proc.returncode, data, proc.stderr


def verdict(data: dict | None, *, required: bool, code: int = 0, stderr: str = "") -> tuple[int, list[str]]:
    """The exit status and report lines for pip-audit's JSON output (None: no answer)."""
    if data is None:
        return (1 if required else 0), [
            "pip-audit: the vulnerability service could not be asked: " + stderr.strip()[-2000:],
            "pip-audit: NOT AUDITED (0 of the pinned packages checked)",
        ]
    deps = data.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    audited = len(deps) - len(skipped)
    lines = []
    for d in vulnerable:
        for v in d["vulns"]:
            fix = ", ".join(v.get("fix_versions") or []) or "no fixed version"
            lines.append(f"VULNERABLE {d['name']}=={d.get('version', '?')}: {v['id']} (fixed in: {fix})")
    if vulnerable:
        lines.append(f"pip-audit: {len(vulnerable)} vulnerable package(s) among {audited} checked")
        return 1, lines
    if skipped:
        lines.append(f"pip-audit: {len(skipped)} of {len(deps)} pinned packages could NOT be checked:")
        lines += [f"  {d['name']}: {d['skip_reason']}" for d in skipped]
        if audited == 0:
            lines.append("pip-audit: NOT AUDITED — the vulnerability service answered for no package")
        else:
            lines.append(f"pip-audit: PARTIAL — no known vulnerability in the {audited} package(s) checked")
        return (1 if required else 0), lines
    lines.append(f"pip-audit: no known vulnerability in the {audited} pinned packages")
    return (0 if code == 0 else 1), lines


def main() -> int:
    code, data, stderr = pip_audit()
    status, lines = verdict(
        data, required=os.environ.get("PIP_AUDIT_REQUIRED") == "1", code=code, stderr=stderr
    )
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
