"""Check that the English catalogue is complete and compiles.

Runs makemessages into the catalogue; fails if the set of strings changed (the
catalogue is out of date: run `make messages` and translate), or if any entry is
untranslated or fuzzy; then compiles. A catalogue whose strings did not change is
restored byte for byte, so the check leaves no diff behind.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
IGNORES = ["--ignore=.venv", "--ignore=staticfiles", "--ignore=tests", "--ignore=media"]


def msgids(text: str) -> set[str]:
    """The msgids of a .po text (joined multi-line strings), without the header."""
    ids, current, in_id = set(), [], False
    for line in text.splitlines():
        if line.startswith("msgid "):
            in_id, current = True, [line[len("msgid ") :]]
        elif line.startswith("msgctxt "):
            in_id = False
            ids.add("ctx:" + line[len("msgctxt ") :])
        elif in_id and line.startswith('"'):
            current.append(line)
        else:
            if in_id:
                ids.add("".join(s.strip().strip('"') for s in current))
            in_id = False
    ids.discard("")
    return ids


def run(*cmd: str) -> str:
    return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def main() -> int:
    python = sys.executable
    before = PO.read_text() if PO.exists() else ""
    run(python, "manage.py", "makemessages", "-l", "en", "--no-location", *IGNORES)
    after = PO.read_text()
    problems = []
    if msgids(before) != msgids(after):
        added = sorted(msgids(after) - msgids(before))[:20]
        removed = sorted(msgids(before) - msgids(after))[:20]
        problems.append(
            f"catalogue out of date (run `make messages` and translate): new {added}, gone {removed}"
        )
    else:
        PO.write_text(before)
    untranslated = run("msgattrib", "--untranslated", "--no-obsolete", str(PO))
    fuzzy = run("msgattrib", "--only-fuzzy", "--no-obsolete", str(PO))
    for label, out in (("untranslated", untranslated), ("fuzzy", fuzzy)):
        entries = [i for i in msgids(out) if i]
        if entries:
            problems.append(f"{len(entries)} {label} entries, e.g. {entries[:10]}")
    run(python, "manage.py", "compilemessages", "--ignore=.venv", "-v0")
    if problems:
        print("Translation catalogue check FAILED:\n- " + "\n- ".join(problems))
        return 1
    print(f"Translation catalogue complete ({len(msgids(after))} strings) and compiled.")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pelayanan.settings.test")
    sys.exit(main())
