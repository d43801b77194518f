#!/usr/bin/python3
"""Reads every .ics file under a directory with parsers independent of plenary
(Debian's python3-icalendar; python3-vobject and libical through
gir1.2-ical-3.0 + python3-gi when installed) and prints, as JSON, each
event's UID, SEQUENCE and start/end in UTC as each parser reads them, and
libical's iTIP restriction errors (RFC 5546: e.g. ORGANIZER in PUBLISH).

Run with Debian's /usr/bin/python3 (the python3 first on PATH may not see the
Debian packages):

    /usr/bin/python3 test/ics-independent.py OUT_DIR

Output: {"parsers": [...], "files": {"<relative path>": {"method": ...,
"events": [{"uid", "sequence", "status", "attendees", "icalendar": {"start",
"end"}, "vobject": {...}, "libical": {...}}], "libical_errors": [...]}}}.
Times are "YYYY-MM-DDTHH:MM:SSZ" (UTC) or "YYYY-MM-DD" for all-day events.

python icalendar resolves TZID by its IANA name (pytz); vobject and libical
use the file's VTIMEZONE: agreement of all with the timetable checks the wall
times *and* the VTIMEZONE.
"""
import datetime
import json
import os
import sys

import icalendar

try:
    import vobject
except ImportError:  # optional second parser
    vobject = None

try:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib
except (ImportError, ValueError):  # optional third parser: libical itself
    ICalGLib = None


def utc_text(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return "floating:" + value.strftime("%Y-%m-%dT%H:%M:%S")
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return None


def read_icalendar(data):
    cal = icalendar.Calendar.from_ical(data)
    method = str(cal.get("METHOD")) if cal.get("METHOD") is not None else None
    events = []
    for ev in cal.walk("VEVENT"):
        attendees = ev.get("ATTENDEE")
        if attendees is None:
            attendees = []
        elif not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(ev.get("UID")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "status": str(ev.get("STATUS")) if ev.get("STATUS") is not None else None,
            "summary": str(ev.get("SUMMARY")),
            "attendees": [{"address": str(a), "role": str(a.params.get("ROLE"))} for a in attendees],
            "icalendar": {
                "start": utc_text(ev.decoded("DTSTART")),
                "end": utc_text(ev.decoded("DTEND")) if ev.get("DTEND") is not None else None,
            },
        })
    return method, events


def read_vobject(text):
    out = {}
    for cal in vobject.readComponents(text):
        for ev in cal.contents.get("vevent", []):
            uid = ev.uid.value
            start = ev.dtstart.value
            end = ev.dtend.value if hasattr(ev, "dtend") else None
            out[uid] = {"start": utc_text(start), "end": utc_text(end) if end is not None else None}
    return out


def libical_time(t):
    if t is None or t.is_null_time():
        return None
    if t.is_date():
        return "%04d-%02d-%02d" % (t.get_year(), t.get_month(), t.get_day())
    zone = t.get_timezone()
    secs = t.as_timet_with_zone(zone) if zone is not None else t.as_timet()
    return datetime.datetime.fromtimestamp(secs, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def libical_errors(comp):
    errors = []
    prop = comp.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        errors.append(prop.get_value_as_string())
        prop = comp.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    inner = comp.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while inner is not None:
        errors.extend(libical_errors(inner))
        inner = comp.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return errors


def read_libical(text):
    cal = ICalGLib.Component.new_from_string(text)
    cal.check_restrictions()
    out = {}
    ev = cal.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while ev is not None:
        out[ev.get_uid()] = {"start": libical_time(ev.get_dtstart()), "end": libical_time(ev.get_dtend())}
        ev = cal.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return out, libical_errors(cal)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 test/ics-independent.py OUT_DIR\n")
        return 2
    root = sys.argv[1]
    files = {}
    for dirpath, _dirs, names in sorted(os.walk(root)):
        for name in sorted(names):
            if not name.endswith(".ics"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, "rb") as f:
                data = f.read()
            method, events = read_icalendar(data)
            if vobject is not None:
                by_uid = read_vobject(data.decode("utf-8"))
                for e in events:
                    e["vobject"] = by_uid.get(e["uid"])
            entry = {"method": method, "events": events}
            if ICalGLib is not None:
                by_uid, errors = read_libical(data.decode("utf-8"))
                for e in events:
                    e["libical"] = by_uid.get(e["uid"])
                entry["libical_errors"] = errors
            files[rel] = entry
    parsers = ["icalendar " + getattr(icalendar, "__version__", "?")]
    if vobject is not None:
        parsers.append("vobject")
    if ICalGLib is not None:
        parsers.append("libical")
    json.dump({"parsers": parsers, "files": files}, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
