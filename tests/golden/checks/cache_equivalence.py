#!/usr/bin/env python3
"""The plan cache (CCHC_CACHE_DIR; docs/hostile-input.md) never changes what cchc says: `validate`,
`status --format json`, `overdue` and `report` print the same bytes on stdout and stderr and exit with the same
code with the cache off, with an empty cache (the run records the file) and with a warm one (the run replays the
recording instead of parsing), on every plan and hostile case committed under tests/ and plans/: `validate`
(off, cold, warm) and `status` (off, warm) on each file, `overdue` and `report` on each folder of them. The
same again for each file read in two parts on two threads (as large files are), where the cache keeps a
recording of each part.

The cache holds two entries per file: the recording of yaml-cpp's events, and the plan and problems load_plan
gave (the "model"), which a warm run decodes without parsing or replaying anything. Both are checked: the warm
run reuses the model, and a run after the model entries are deleted replays the recording (and stores the model
again), with the same output every time.

It also checks that the cache is used at all: with CCHC_CACHE_STATS, cchc lists the files it recorded, replayed,
stored a model of (stored-model) and reused the model of (reused-model); every committed plan that validates must
be recorded and its model stored by the cold run, and its model reused by the warm one.
And that it is never stale: a plan rewritten with other text of the same size, its inode kept and its
modification and access times put back to the nanosecond (so that its stat data looks unchanged), is read anew;
and an entry cut short or with bytes changed is a miss, and the output is still right. Last, the cache is
where it should be (CCHC_CACHE_DIR, $XDG_CACHE_HOME/cchc, ~/.cache/cchc), and absent when switched off.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

TODAY = "2026-06-15"
COMMANDS = (
    ["validate"],
    ["status", "--today", TODAY, "--format", "json"],
    ["overdue", "--today", TODAY],
    ["report", "--today", TODAY],
)

# A small plan and same-size rewrites of it: a value changed in place, and a value whose structure changes
# (a text becomes a list), which a replay of the old recording would get wrong.
STALE_PLAN = """cchc: 1
plan:
  id: stale
  title: Kế hoạch thử
  date: 2026-01-15
agencies:
  snv:
    name: Sở Nội vụ
tasks:
  - id: "1"
    title: Rà soát thủ tục
    lead: snv
    due: 2026-03-31
    progress: 40
  - id: "2"
    title: Báo cáo quý
    lead: snv
    due: 2026-12-31
"""
# What starts an entry that holds a recording of each part of a text read on two threads.
PARTS_MAGIC = b"cchc yaml event parts 1\n"
STALE_REWRITES = (
    ("due: 2026-03-31", "due: 2026-09-30"),
    ("due: 2026-03-31", "due: [2026,3,1]"),
    ("title: Báo cáo quý", "title: [Báo, cáo q]"),
)


class Checker:
    def __init__(self, binary, work, env=None, name="cache"):
        self.binary = binary
        self.work = work
        self.base_env = dict({k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}, **(env or {}))
        self.failures = []
        self.caches = 0
        self.name = name

    def run(self, args, cache, stats=None):
        env = dict(self.base_env, CCHC_CACHE_DIR=cache)
        if stats:
            env["CCHC_CACHE_STATS"] = stats
        result = subprocess.run([self.binary] + args, capture_output=True, env=env, cwd=self.work, timeout=120)
        return result

    def fresh_cache(self):
        self.caches += 1
        return os.path.join(self.work, f"{self.name}-{self.caches}")

    @staticmethod
    def read_stats(path):
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8", errors="backslashreplace") as handle:
            lines = handle.read().splitlines()
        os.remove(path)
        return lines

    def same(self, label, expected, actual):
        for name in ("stdout", "stderr", "returncode"):
            if getattr(expected, name) != getattr(actual, name):
                self.failures.append(f"{label}: {name} differs from the run without the cache")
                return False
        return True

    def three_ways(self, paths, commands):
        """Runs the first of `commands` on `paths` with the cache off, cold (recording) and warm (replaying), then
        the others off and warm, from the same cache; returns the files the warm runs replayed."""
        stats = os.path.join(self.work, "stats")
        cache = self.fresh_cache()
        replayed_by_all = None
        for index, command in enumerate(commands):
            args = command + paths
            shown = f"cchc {' '.join(args)}"
            off = self.run(args, "off")
            if index == 0:
                cold = self.run(args, cache, stats)
                cold_stats = self.read_stats(stats)
                self.same(f"{shown} (cold cache)", off, cold)
                if any(line.startswith("replayed ") for line in cold_stats):
                    self.failures.append(f"{shown}: an empty cache replayed something: {cold_stats}")
                recorded = sorted(line.split(" ", 1)[1] for line in cold_stats if line.startswith("recorded "))
                # A model is stored for every file read, even one whose YAML could not be read (no recording).
                stored = sorted(line.split(" ", 1)[1] for line in cold_stats if line.startswith("stored-model "))
                if not set(recorded) <= set(stored):
                    self.failures.append(f"{shown}: the cold run recorded {recorded} but stored models of {stored}")
            warm = self.run(args, cache, stats)
            warm_stats = self.read_stats(stats)
            self.same(f"{shown} (warm cache)", off, warm)
            reused = sorted(line.split(" ", 1)[1] for line in warm_stats if line.startswith("reused-model "))
            if reused != stored or any(not line.startswith("reused-model ") for line in warm_stats):
                self.failures.append(f"{shown}: the warm run did {warm_stats}, the cold one stored {stored}")
            # Without the models, the recordings are replayed (and the models stored again).
            self.remove_models(cache)
            replaying = self.run(args, cache, stats)
            replaying_stats = self.read_stats(stats)
            self.same(f"{shown} (warm cache, models deleted)", off, replaying)
            replayed = sorted(line.split(" ", 1)[1] for line in replaying_stats if line.startswith("replayed "))
            stored_again = sorted(line.split(" ", 1)[1] for line in replaying_stats
                                  if line.startswith("stored-model "))
            if replayed != recorded or stored_again != stored or len(replaying_stats) != len(recorded) + len(stored):
                self.failures.append(f"{shown}: with the models deleted the run did {replaying_stats}, the cold one "
                                     f"recorded {recorded}")
            both = set(reused) & set(replayed)
            replayed_by_all = both if replayed_by_all is None else replayed_by_all & both
        return replayed_by_all or set()

    @staticmethod
    def remove_models(cache):
        for name in os.listdir(cache) if os.path.isdir(cache) else []:
            if name.endswith(".model"):
                os.remove(os.path.join(cache, name))

    @staticmethod
    def entries(cache):
        """The recording's entry and the model's entry in a cache that holds one plan's; None where missing."""
        names = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
        events = [os.path.join(cache, name) for name in names if not name.endswith(".model")]
        models = [os.path.join(cache, name) for name in names if name.endswith(".model")]
        if len(events) != 1 or len(models) != 1:
            return None
        return events[0], models[0]

    def stale_text(self):
        """Same-size rewrites with the stat data put back are read anew."""
        path = os.path.join(self.work, "stale.yaml")
        stats = os.path.join(self.work, "stats")
        args = ["status", "--today", TODAY, "--format", "json", path]
        for old, new in STALE_REWRITES:
            if len(old.encode()) != len(new.encode()):
                self.failures.append(f"stale rewrite {old!r} -> {new!r} changes the size")
                continue
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(STALE_PLAN)
            cache = self.fresh_cache()
            before = self.run(args, cache, stats)
            if not any(line.startswith("recorded ") for line in self.read_stats(stats)):
                self.failures.append("the stale plan was not recorded")
            status = os.stat(path)
            with open(path, "r+b") as handle:  # in place: same inode, same size
                handle.write(STALE_PLAN.replace(old, new, 1).encode())
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
            after_status = os.stat(path)
            if (after_status.st_ino, after_status.st_size, after_status.st_mtime_ns) != (
                    status.st_ino, status.st_size, status.st_mtime_ns):
                self.failures.append("the rewrite did not keep the stat data")
            after = self.run(args, cache, stats)
            after_stats = self.read_stats(stats)
            truth = self.run(args, "off")
            label = f"after {old!r} became {new!r} with the same size and dates"
            self.same(label, truth, after)
            if (after.stdout, after.stderr, after.returncode) == (before.stdout, before.stderr, before.returncode):
                self.failures.append(f"{label}: the rewrite changes nothing cchc shows, so it proves nothing")
            if any(line.startswith(("replayed ", "reused-model ")) for line in after_stats):
                self.failures.append(f"{label}: the old recording or model was used: {after_stats}")

    def damaged_entries(self, plan, parts=False):
        """An entry cut short or with bytes changed is a miss; the output stays right. With `parts`, the entry
        must hold a recording of each part."""
        args = ["status", "--today", TODAY, "--format", "json", plan]
        stats = os.path.join(self.work, "stats")
        truth = self.run(args, "off")
        cache = self.fresh_cache()
        self.run(args, cache)
        entries = self.entries(cache)
        if entries is None:
            self.failures.append(f"one plan did not make one recording and one model: {os.listdir(cache)}")
            return
        goods = []
        for entry in entries:
            with open(entry, "rb") as handle:
                goods.append(handle.read())
        if parts != (PARTS_MAGIC in goods[0]):
            self.failures.append(f"{self.name}: the entry of {plan} {'lacks' if parts else 'has'} recordings of parts")
        # The recording is damaged with the model deleted (else the model would be used and the recording never
        # read), the model with the recording intact.
        for entry, good, used in ((entries[0], goods[0], "replayed "), (entries[1], goods[1], "reused-model ")):
            size = len(good)
            damaged = [("empty", b""), ("cut to half", good[: size // 2]), ("last byte cut", good[:-1]),
                       ("a byte added", good + b"\0")]
            for at in (0, 10, size // 3, size // 2, size - 9, size - 1):
                flipped = bytearray(good)
                flipped[at] ^= 0x55
                damaged.append((f"byte {at} changed", bytes(flipped)))
            for name, content in damaged:
                label = f"cache entry {os.path.basename(entry)} {name}"
                if used == "replayed ":
                    self.remove_models(cache)
                with open(entry, "wb") as handle:
                    handle.write(content)
                result = self.run(args, cache, stats)
                self.same(label, truth, result)
                if any(line.startswith(used) for line in self.read_stats(stats)):
                    self.failures.append(f"{label}: it was used")
                for again, expected in zip(entries, goods):
                    with open(again, "rb") as handle:
                        if handle.read() != expected:
                            self.failures.append(f"{label}: the miss did not store {again} again as it was")
        # The cache must never be in the way: a folder that cannot be made, or a file where the folder should be.
        blocked = os.path.join(self.work, "not-a-folder")
        with open(blocked, "w", encoding="utf-8") as handle:
            handle.write("x")
        for cache in (blocked, os.path.join(blocked, "cchc"), "/proc/cchc-cache"):
            self.same(f"the cache folder {cache}", truth, self.run(args, cache))

    def locations(self, plan):
        """Where the cache goes: CCHC_CACHE_DIR, else $XDG_CACHE_HOME/cchc, else ~/.cache/cchc (made 0700); an empty
        CCHC_CACHE_DIR, or no home at all, is no cache, with the same output."""
        args = ["validate", plan]
        truth = self.run(args, "off")
        xdg, home = os.path.join(self.work, "xdg"), os.path.join(self.work, "home")
        os.makedirs(home)
        env = {k: v for k, v in self.base_env.items() if k not in ("XDG_CACHE_HOME", "HOME")}
        cases = (
            ("XDG_CACHE_HOME", dict(env, XDG_CACHE_HOME=xdg, HOME=home), os.path.join(xdg, "cchc")),
            ("HOME", dict(env, HOME=home), os.path.join(home, ".cache", "cchc")),
            ("an empty CCHC_CACHE_DIR", dict(env, CCHC_CACHE_DIR="", XDG_CACHE_HOME=xdg + "-empty", HOME=home + "-x"),
             None),
            ("no home", env, None),
        )
        for name, case_env, folder in cases:
            result = subprocess.run([self.binary] + args, capture_output=True, env=case_env, cwd=self.work, timeout=120)
            self.same(f"the cache from {name}", truth, result)
            if folder is None:
                continue
            if self.entries(folder) is None:
                self.failures.append(f"the cache from {name}: no entry in {folder}")
            elif os.stat(folder).st_mode & 0o777 != 0o700:
                self.failures.append(f"the cache from {name}: {folder} is not mode 0700")
        for unused in (xdg + "-empty", home + "-x"):
            if os.path.exists(unused):
                self.failures.append(f"an empty CCHC_CACHE_DIR still made {unused}")


def main():
    options = readers.arguments()
    binary = os.path.abspath(options.binary)
    root = os.path.abspath(options.root)
    committed = readers.committed_plans(root)

    with tempfile.TemporaryDirectory() as work:
        checker = Checker(binary, work)
        if len(committed) < 40:
            checker.failures.append(f"only {len(committed)} committed plans found under tests/ and plans/")
        # Each file on its own: `validate` and `status`; each folder as a whole: `overdue` and `report`.
        replayed = set()
        for path in committed:
            replayed |= checker.three_ways([path], COMMANDS[:2])
        for folder in sorted({os.path.dirname(path) for path in committed}):
            replayed |= checker.three_ways([folder], COMMANDS[2:])
        for path in committed:
            if path not in replayed and checker.run(["validate", path], "off").returncode == 0:
                checker.failures.append(f"{path} validates, but no warm run replayed it")
        if len(replayed) < 20:
            checker.failures.append(f"only {len(replayed)} committed plans were replayed from the cache")
        seed = os.path.join(root, "plans", "ha-tinh-2020-tong-ket-cchc.yaml")
        checker.stale_text()
        checker.damaged_entries(seed)
        checker.locations(seed)
        # Every file whose task list can be cut read in two parts (CCHC_TWO_PARSERS_FROM_BYTES=0, as files from
        # 256 KiB are) by yaml-cpp, not by the plain reader: the entry holds a recording of each part, and each is
        # replayed, checked against its part.
        in_parts = Checker(binary, work, {"CCHC_TWO_PARSERS_FROM_BYTES": "0", "CCHC_PLAIN_YAML": "off"}, "parts")
        replayed_in_parts = set()
        for path in committed:
            replayed_in_parts |= in_parts.three_ways([path], COMMANDS[:2])
        if len(replayed_in_parts) < 20:
            in_parts.failures.append(f"only {len(replayed_in_parts)} plans read in parts were replayed")
        in_parts.stale_text()
        in_parts.damaged_entries(seed, parts=True)
        failures = checker.failures + in_parts.failures

    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len(replayed)} plans replayed from the cache; {len(failures)} failures", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
