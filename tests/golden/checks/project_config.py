#!/usr/bin/env python3
"""The project file .cchc.yaml: found from a subfolder, its settings are defaults that flags override.

In a temporary plans repository with a .cchc.yaml at its root (paths, lang, width): from a subfolder two
levels down, `cchc config` names the file and, for each setting, its line; `cchc status` reads the configured
plans with English labels; `--lang vi` on the command line wins; $CCHC_PLANS wins over `paths`; a file with an
unknown key and a bad value is refused with both problems at file:line:col and exit 2.
"""
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_") and k not in ("COLUMNS", "NO_COLOR")}
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    failures = []

    def run(args, cwd, extra=None):
        return subprocess.run([binary] + args, cwd=cwd, env={**env, **(extra or {})}, capture_output=True,
                              text=True, timeout=60)

    with tempfile.TemporaryDirectory() as repo:
        plans = os.path.join(repo, "ke-hoach")
        os.makedirs(plans)
        seed = os.path.join(options.root, "plans", "ha-tinh-2020-tong-ket-cchc.yaml")
        with open(seed, "rb") as source, open(os.path.join(plans, "ha-tinh.yaml"), "wb") as target:
            target.write(source.read())
        with open(os.path.join(repo, ".cchc.yaml"), "w") as handle:
            handle.write("# project settings\npaths: [ke-hoach]\nlang: en\nwidth: 90\n")
        deep = os.path.join(repo, "huyen", "xa")
        os.makedirs(deep)

        shown = run(["config"], deep)
        lines = shown.stdout.splitlines()
        want = ["Project file: ../../.cchc.yaml",
                "  paths   ../../ke-hoach              ../../.cchc.yaml:2",
                "  lang    en                          ../../.cchc.yaml:3",
                "  format  table                       default"]
        if shown.returncode != 0 or lines[:4] != want:
            failures.append(f"cchc config:\n{shown.stdout}{shown.stderr}")

        status = run(["overdue", "--today", "2020-05-01"], deep)
        first = status.stdout.splitlines()[0] if status.stdout else ""
        if status.returncode != 0 or not first.startswith("No.") or len(first) > 90:
            failures.append(f"status with the project file: exit {status.returncode}, {first!r} {status.stderr!r}")
        flag = run(["overdue", "--today", "2020-05-01", "--lang", "vi"], deep)
        if not flag.stdout.startswith("STT"):
            failures.append(f"--lang vi should win over lang: en: {flag.stdout[:40]!r}")
        # A project-wide `format: markdown` is a list format: timeline and export keep their own formats.
        with open(os.path.join(repo, ".cchc.yaml"), "a") as handle:
            handle.write("format: markdown\n")
        picture = run(["timeline", "--today", "2020-05-01", "--color", "never"], deep)
        if picture.returncode != 0 or "✖ overdue" not in picture.stdout:
            failures.append(f"timeline under format: markdown: exit {picture.returncode}, {picture.stderr!r}")
        export = run(["export", "--today", "2020-05-01", "--format", "ics"], deep)
        if export.returncode != 0 or not export.stdout.startswith("BEGIN:VCALENDAR"):
            failures.append(f"export under format: markdown: exit {export.returncode}, {export.stderr!r}")
        environment = run(["config"], deep, {"CCHC_PLANS": "elsewhere"})
        if "  paths   elsewhere                   $CCHC_PLANS" not in environment.stdout:
            failures.append(f"$CCHC_PLANS should win over paths:\n{environment.stdout}")

        with open(os.path.join(repo, ".cchc.yaml"), "w") as handle:
            handle.write("lang: fr\nwith: 3\n")
        broken = run(["status"], deep)
        for part in ["../../.cchc.yaml:1:7: error: 'fr' is not a value of 'lang'",
                     "../../.cchc.yaml:2:1: error: unknown key 'with'", "did you mean 'width'?"]:
            if part not in broken.stderr:
                failures.append(f"broken project file: missing {part!r} in:\n{broken.stderr}")
        if broken.returncode != 2:
            failures.append(f"broken project file: exit {broken.returncode}, expected 2")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
