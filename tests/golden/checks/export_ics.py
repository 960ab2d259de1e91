#!/usr/bin/env python3
"""The .ics of the seed plan imports into a calendar: Python's icalendar finds every deadline on its date.

Exports the seed plan at 2020-05-01 as iCalendar and parses it with the `icalendar` package (Debian
python3-icalendar). Every task and report section that states its own deadline (from `cchc export --format
json`: a `due` that is not derived from subtasks) must be one all-day VEVENT whose DTSTART is that date, with
the UID <id>@<plan>.cchc. A second export, and an export on another day (when states differ), must give the
same UIDs; the same day must give the same bytes. Every line ends in CRLF, is at most 75 octets and is valid
UTF-8 on its own (folds never split a character).
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import readers  # noqa: E402

ARGS = ["export", "plans", "--today", "2020-05-01"]


def deadlines(document):
    """(uid, date, title) of every task and section that states its own deadline."""
    found = []
    for plan in document["plans"]:
        pending = list(plan["tasks"])
        while pending:
            task = pending.pop(0)
            pending[0:0] = task["children"]
            if task["due"] and not task["due_derived"]:
                found.append((f"{task['id']}@{plan['id']}.cchc", task["due"], task["title"]))
        for section in plan["sections"]:
            if section["due"] and not section["due_derived"]:
                found.append((f"section-{section['id']}@{plan['id']}.cchc", section["due"], section["title"]))
    return found


def main():
    options = readers.arguments()
    icalendar = readers.require_module("icalendar", "python3-icalendar")

    ics = readers.run(options.binary, options.root, *ARGS, "--format", "ics").stdout
    again = readers.run(options.binary, options.root, *ARGS, "--format", "ics").stdout
    later = readers.run(options.binary, options.root, "export", "plans", "--today", "2020-07-01", "--format",
                        "ics").stdout
    document = json.loads(readers.run(options.binary, options.root, *ARGS, "--format", "json").stdout)
    expected = deadlines(document)
    failures = []

    if ics != again:
        failures.append("two exports on the same day differ")
    if not ics.endswith(b"\r\n"):
        failures.append("the file does not end in CRLF")
    for number, line in enumerate(ics.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            failures.append(f"line {number} has {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            failures.append(f"line {number} holds a bare line break")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failures.append(f"line {number} is not UTF-8 on its own (a fold split a character)")

    calendar = icalendar.Calendar.from_ical(ics)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    if len(events) != len(calendar.walk("VEVENT")):
        failures.append("UIDs are not unique")
    for uid, due, title in expected:
        event = events.get(uid)
        if event is None:
            failures.append(f"no event {uid}")
            continue
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if isinstance(start, datetime.datetime) or start.isoformat() != due:
            failures.append(f"{uid}: DTSTART {start!r}, expected the all-day date {due}")
        if end - start != datetime.timedelta(days=1):
            failures.append(f"{uid}: not one whole day ({start} to {end})")
        if title not in str(event["SUMMARY"]):
            failures.append(f"{uid}: SUMMARY {str(event['SUMMARY'])!r} lacks the title")
    if set(events) != {uid for uid, _, _ in expected}:
        failures.append(f"events not in the plan: {sorted(set(events) - {uid for uid, _, _ in expected})}")

    later_uids = {str(event["UID"]) for event in icalendar.Calendar.from_ical(later).walk("VEVENT")}
    if later_uids != set(events):
        failures.append("an export on another day has other UIDs")
    if later == ics:
        failures.append("an export on another day is identical: DTSTAMP and states should follow --today")

    if len(expected) < 20:
        failures.append(f"only {len(expected)} deadlines in the seed plan's JSON export")
    return readers.finish(failures, f"ok: {len(expected)} deadlines on their dates, UIDs stable, lines folded")


if __name__ == "__main__":
    sys.exit(main())
