#!/usr/bin/env python3
"""Shell completion works: the bash script completes commands, flags, values and ids; zsh and fish parse.

Sources `cchc completion bash` in bash and calls its function with COMP_WORDS/COMP_CWORD as bash would:
commands, the flags of a command, --format and --state values, agency ids of the seed plan after --lead (and
of the plan named on the command line when there is one), files for PATH. When the command `done` exists,
`cchc done 3.<TAB>` must offer 3.1 … 3.14 of the seed plan (completion of any positional ID argument). The
zsh and fish scripts are checked for their key parts and, when those shells are installed, for syntax
(zsh -n, fish -n), and fish's own `complete -C` is asked for the agencies after --lead.
"""
import os
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

CALL = """
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_cchc
printf '%s\\n' "${COMPREPLY[@]}"
"""


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["CCHC_CACHE_DIR"] = "off"  # never the plan cache in the real home
    env["PATH"] = os.path.dirname(binary) + os.pathsep + env.get("PATH", "")
    failures = []

    def script(shell):
        return subprocess.run([binary, "completion", shell], capture_output=True, text=True, check=True).stdout

    with tempfile.TemporaryDirectory() as folder:
        bash_file = os.path.join(folder, "cchc.bash")
        with open(bash_file, "w") as handle:
            handle.write(script("bash"))

        def complete(*words):
            result = subprocess.run(["bash", "-c", CALL, "bash", bash_file, "cchc", *words], cwd=options.root,
                                    env=env, capture_output=True, text=True, timeout=60)
            if result.returncode != 0 or result.stderr:
                failures.append(f"bash completion of {words}: exit {result.returncode}, {result.stderr!r}")
            return [line for line in result.stdout.splitlines() if line]

        def expect(words, want):
            got = complete(*words)
            if got != want:
                failures.append(f"cchc {' '.join(words)}<TAB>: expected {want}, got {got}")

        expect(["stat"], ["status", "stats"])
        expect(["sta"], ["status", "stats", "start"])
        expect(["up"], ["upcoming"])
        expect(["status", "--fo"], ["--format"])
        expect(["overdue", "--exit"], ["--exit-code"])
        expect(["status", "--format", ""], ["table", "markdown", "csv", "json"])
        expect(["status", "-f", "m"], ["markdown"])
        expect(["report", "--format", ""], ["markdown", "html"])  # the report's own formats
        expect(["report", "-o", "pla"], ["plans"])  # a file name
        expect(["status", "--state", "due"], ["due-today", "due-soon"])
        expect(["status", "--lead", "s"],
               ["snv", "stp", "stc", "skhcn", "stttt", "skhdt", "syt", "sgddt"])
        expect(["status", "examples/so-tu-phap-2021.yaml", "--lead", "phong"],
               ["phong-xdkt", "phong-hctp", "phong-pbgdpl"])
        expect(["overdue", "--plan", ""], ["ha-tinh-tong-ket-cchc-2020"])
        expect(["validate", "examples/so-"], ["examples/so-tu-phap-2021.yaml"])
        expect(["help", "dead"], ["deadlines"])
        expect(["init", "--lang", ""], ["vi", "en"])
        has_done = subprocess.run([binary, "done", "--help"], capture_output=True).returncode == 0
        if has_done:
            expect(["done", "3."], [f"3.{n}" for n in range(1, 15)])

        ids = subprocess.run([binary, "__complete", "tasks", "plans"], cwd=options.root, capture_output=True,
                             text=True).stdout.split()
        if ids != ["1", "2", "3"] + [f"3.{n}" for n in range(1, 15)] + [str(n) for n in range(4, 10)]:
            failures.append(f"__complete tasks plans: {ids}")

    zsh = script("zsh")
    for part in ["#compdef cchc", "_cchc_ids agencies", "(table markdown csv json)", "compdef _cchc cchc",
                 "'status:Show every task"]:
        if part not in zsh:
            failures.append(f"zsh script lacks {part!r}")
    fish = script("fish")
    for part in ["function __cchc_ids", "-n '__fish_use_subcommand' -a status",
                 "-n '__fish_seen_subcommand_from status' -l lead -x -a '(__cchc_ids agencies)'",
                 "-l format -s f -x -a 'table markdown csv json'"]:
        if part not in fish:
            failures.append(f"fish script lacks {part!r}")
    with tempfile.TemporaryDirectory() as folder:
        for shell, text, name in (("zsh", zsh, "_cchc"), ("fish", fish, "cchc.fish")):
            path = os.path.join(folder, name)
            with open(path, "w") as handle:
                handle.write(text)
            if shutil.which(shell):
                result = subprocess.run([shell, "-n", path], capture_output=True, text=True)
                if result.returncode != 0:
                    failures.append(f"{shell} -n {name}: {result.stderr}")
        if shutil.which("fish"):
            result = subprocess.run(
                ["fish", "-c", f"source {os.path.join(folder, 'cchc.fish')}; complete -C 'cchc status --lead sn'"],
                cwd=options.root, env=env, capture_output=True, text=True)
            if [line.split("\t")[0] for line in result.stdout.splitlines()] != ["snv"]:
                failures.append(f"fish: cchc status --lead sn<TAB>: {result.stdout!r} {result.stderr!r}")

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
