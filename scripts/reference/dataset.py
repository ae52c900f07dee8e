"""SPEC §2: reading the dataset folder — bytes, lines, RFC 4180, cells, ids, and the four tables.

Everything here is written from the SPEC text (and docs/data-format.md for the exact checks), not
from Paiwei's sources. Problems are collected, never raised one at a time: a caller that finds any
refuses the input (SPEC §6 promise 5), and the differential driver only needs to know *that* the
input is refused, so messages are informative but not byte-compatible with Paiwei's.
"""

import datetime
import os
import re
from dataclasses import dataclass, field

# Unicode White_Space (PropList.txt): exactly these 25 code points. str.strip() without an
# argument strips a different set (it adds U+001C..U+001F and leaves no room for doubt), so the set
# is spelled out.
WHITE_SPACE = "".join(
    chr(c)
    for c in [*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
              0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
)
assert len(WHITE_SPACE) == 25


def trim(s: str) -> str:
    return s.strip(WHITE_SPACE)


def id_key(s: str) -> bytes:
    """Ids are byte strings: ordered by their UTF-8 bytes (SPEC §2)."""
    return s.encode("utf-8")


def split_list(cell: str):
    """`A; B;` is `A`, `B`: items trimmed like cells, empty items dropped."""
    return [t for t in (trim(x) for x in cell.split(";")) if t != ""]


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append("%s: %s" % (where, message))

    def __bool__(self):
        return bool(self.items)


# ---------------------------------------------------------------------------------------------
# Bytes -> text -> records


def decode(raw: bytes, name: str, problems: Problems):
    """UTF-8 with or without BOM; else GB18030 if it decodes (Python's codec stands in for iconv)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as e:
            problems.add(name, "not UTF-8 (byte %d)" % (e.start + 4))
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            problems.add(name, "neither UTF-8 nor GB18030 (byte %d)" % (e.start + 1))
            return None


def parse_records(text: str, name: str, problems: Problems):
    """RFC 4180 records as (line, [raw cell text], [was quoted]); lines end in LF, CRLF or CR.

    A record made of one unquoted cell that is empty after trimming is a blank line and skipped.
    Returns None after a syntax error (the file is then not read further).
    """
    records = []
    i, n, line = 0, len(text), 1
    while i < n:
        rec_line = line
        cells, quoted = [], []
        while True:  # one cell per iteration
            if i < n and text[i] == '"':
                i += 1
                buf = []
                while True:
                    if i >= n:
                        problems.add("%s:%d" % (name, rec_line), "a quote never closes")
                        return None
                    ch = text[i]
                    if ch == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if ch == "\r":
                        line += 1
                        if i + 1 < n and text[i + 1] == "\n":
                            buf.append("\r\n")
                            i += 2
                            continue
                    elif ch == "\n":
                        line += 1
                    buf.append(ch)
                    i += 1
                cells.append("".join(buf))
                quoted.append(True)
                if i < n and text[i] not in ",\r\n":
                    problems.add("%s:%d" % (name, line), "text after a closing quote")
                    return None
            else:
                j = i
                while j < n and text[j] not in ',\r\n':
                    if text[j] == '"':
                        problems.add("%s:%d" % (name, line), "a quote inside an unquoted cell")
                        return None
                    j += 1
                cells.append(text[i:j])
                quoted.append(False)
                i = j
            if i < n and text[i] == ",":
                i += 1
                continue
            # end of record: line end or end of text
            if i < n and text[i] == "\r":
                i += 2 if (i + 1 < n and text[i + 1] == "\n") else 1
                line += 1
            elif i < n and text[i] == "\n":
                i += 1
                line += 1
            break
        if len(cells) == 1 and not quoted[0] and trim(cells[0]) == "":
            continue  # blank or whitespace-only line
        records.append((rec_line, cells, quoted))
    return records


@dataclass
class Table:
    name: str
    header: list
    rows: list  # list of (line, dict column -> trimmed cell)


def read_table(folder: str, base: str, problems: Problems, required=True):
    path = os.path.join(folder, base + ".csv")
    if os.path.exists(os.path.join(folder, base + ".xlsx")):
        if os.path.exists(path):
            problems.add(base + ".xlsx", "the folder holds both %s.csv and %s.xlsx (SPEC §2: refused)" % (base, base))
        else:  # a limitation of this implementation, not a rule of the SPEC
            problems.add(base + ".xlsx", "workbooks are not read by the reference implementation")
        return None
    if not os.path.exists(path):
        if required:
            problems.add(base + ".csv", "required file is missing")
        return None
    name = base + ".csv"
    with open(path, "rb") as f:
        raw = f.read()
    text = decode(raw, name, problems)
    if text is None:
        return None
    records = parse_records(text, name, problems)
    if records is None:
        return None
    if not records:
        problems.add(name, "no header row")
        return None
    hline, hcells, _ = records[0]
    header = [trim(c) for c in hcells]
    ok = True
    seen = set()
    for h in header:
        if h == "":
            problems.add("%s:%d" % (name, hline), "empty column name in the header")
            ok = False
        elif h in seen:
            problems.add("%s:%d" % (name, hline), "column '%s' named twice" % h)
            ok = False
        seen.add(h)
    if not ok:
        return None
    rows = []
    for line, cells, _q in records[1:]:
        if len(cells) != len(header):
            problems.add("%s:%d" % (name, line), "%d cells, the header has %d" % (len(cells), len(header)))
            continue
        rows.append((line, {h: trim(c) for h, c in zip(header, cells)}))
    return Table(name, header, rows)


# ---------------------------------------------------------------------------------------------
# Value parsers (each returns (ok, value))

BOOLS = {"yes": True, "no": False, "true": True, "false": False, "1": True, "0": False}
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
INT_RE = re.compile(r"^[0-9]+$")
DEC_RE = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
POINTS_RE = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")

SCHOOL_KINDS = ("public", "private", "boarding")
ZONE_KINDS = ("single", "multi")
HUKOU = ("local", "treated_local", "nonlocal")
HOUSING = ("owned", "rented", "passage", "basement", "garage", "nominal")
CARE = ("martyr", "military", "overseas", "taiwan", "labor_model", "talent", "medical_frontline")
LEVELS = ("primary", "middle")
CHOICE_COLUMNS = ("private_choice", "boarding_choice", "group1_choice", "group2_choice")


def parse_bool(s):
    # SPEC: yes/no, true/false, 1/0. docs/data-format.md adds "in any letter case"; the reference
    # accepts any case too (the generator writes lower case only, so this never decides a run).
    v = BOOLS.get(s.lower())
    return (v is not None), v


def parse_date(s):
    if not DATE_RE.match(s):
        return False, None
    try:
        datetime.date(int(s[0:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return False, None
    return True, s  # ISO dates compare correctly as text


def parse_int(s):
    if not INT_RE.match(s):
        return False, None
    return True, int(s)


def parse_points(s):
    """Points as whole hundredths, so that comparisons are exact."""
    if not POINTS_RE.match(s):
        return False, None
    whole, _, frac = s.partition(".")
    return True, int(whole) * 100 + int((frac + "00")[:2])


# ---------------------------------------------------------------------------------------------
# The tables


@dataclass
class School:
    id: str
    line: int
    name: str = ""
    kind: str = "public"
    district: str = ""
    capacity: int = 0
    lottery_group: int = None
    batch1_seats: int = 0
    feeders: list = field(default_factory=list)
    overflow: bool = True
    lat: float = None
    lon: float = None


@dataclass
class Zone:
    id: str
    line: int
    kind: str = "single"
    schools: list = field(default_factory=list)
    parent: str = ""


@dataclass
class Student:
    id: str
    line: int
    district: str = ""
    zone_id: str = ""
    primary_school: str = ""
    lat: float = None
    lon: float = None
    hukou: str = "local"
    review_passed: bool = False
    housing: str = "owned"
    property_date: str = ""
    address_id: str = ""
    sibling_exempt: bool = False
    birth_date: str = ""
    disabled: bool = False
    care: list = field(default_factory=list)
    choices: dict = field(default_factory=dict)  # choice column -> school id ("" when empty)
    preferences: list = field(default_factory=list)
    accept_feeder: bool = True
    family_id: str = ""
    sibling_school: str = ""
    points: int = 0  # hundredths


@dataclass
class Dataset:
    schools: dict  # id -> School
    zones: dict
    students: dict
    usage: list  # (address_id, year, level)


def _coords(name, line, row, problems):
    la, lo = row.get("lat", ""), row.get("lon", "")
    if la == "" and lo == "":
        return None, None
    if la == "" or lo == "":
        problems.add("%s:%d" % (name, line), "lat/lon: give both coordinates or neither")
        return None, None
    out = []
    for col, v, lim in (("lat", la, 90.0), ("lon", lo, 180.0)):
        if not DEC_RE.match(v):
            problems.add("%s:%d" % (name, line), "%s: '%s' is not a decimal" % (col, v))
            return None, None
        x = float(v)
        if abs(x) > lim:
            problems.add("%s:%d" % (name, line), "%s: %s out of range" % (col, v))
            return None, None
        out.append(x)
    return out[0], out[1]


def _enum(name, line, row, col, values, default, problems):
    v = row.get(col, "")
    if v == "":
        return default
    if v not in values:
        problems.add("%s:%d" % (name, line), "%s: '%s' is not one of %s" % (col, v, ", ".join(values)))
        return default
    return v


def _bool(name, line, row, col, default, problems):
    v = row.get(col, "")
    if v == "":
        return default
    ok, b = parse_bool(v)
    if not ok:
        problems.add("%s:%d" % (name, line), "%s: '%s' is not a boolean" % (col, v))
        return default
    return b


def _date(name, line, row, col, problems):
    v = row.get(col, "")
    if v == "":
        return ""
    ok, d = parse_date(v)
    if not ok:
        problems.add("%s:%d" % (name, line), "%s: '%s' is not a date" % (col, v))
        return ""
    return d


def _require_columns(table, cols, problems):
    missing = [c for c in cols if c not in table.header]
    for c in missing:
        problems.add(table.name, "required column '%s' is missing" % c)
    return not missing


def load(folder: str, problems: Problems) -> Dataset:
    """Reads and checks the four files; returns None when a file could not be read at all."""
    st = read_table(folder, "schools", problems)
    zt = read_table(folder, "zones", problems)
    pt = read_table(folder, "students", problems)
    ut = read_table(folder, "address_usage", problems, required=False)

    schools = {}
    if st is not None and _require_columns(st, ("school_id", "capacity"), problems):
        for line, row in st.rows:
            where = "%s:%d" % (st.name, line)
            sid = row.get("school_id", "")
            if sid == "":
                problems.add(where, "school_id: missing")
                continue
            if sid in schools:
                problems.add(where, "school_id: '%s' given twice" % sid)
                continue
            s = School(sid, line)
            s.name = row.get("name", "") or sid
            s.kind = _enum(st.name, line, row, "kind", SCHOOL_KINDS, "public", problems)
            s.district = row.get("district", "")
            ok, cap = parse_int(row.get("capacity", ""))
            if not ok:
                problems.add(where, "capacity: '%s' is not a whole number" % row.get("capacity", ""))
                cap = 0
            s.capacity = cap
            g = row.get("lottery_group", "")
            if g != "":
                if g not in ("1", "2"):
                    problems.add(where, "lottery_group: '%s' is not 1 or 2" % g)
                elif s.kind != "public":
                    problems.add(where, "lottery_group: only public schools have one")
                else:
                    s.lottery_group = int(g)
            b = row.get("batch1_seats", "")
            if b != "":
                ok, bv = parse_int(b)
                if not ok:
                    problems.add(where, "batch1_seats: '%s' is not a whole number" % b)
                elif bv > cap:
                    problems.add(where, "batch1_seats: above capacity")
                elif bv > 0 and s.lottery_group is None:
                    problems.add(where, "batch1_seats: the school has no lottery_group")
                else:
                    s.batch1_seats = bv
            s.feeders = split_list(row.get("feeders", ""))
            s.overflow = _bool(st.name, line, row, "overflow", s.kind == "public", problems)
            s.lat, s.lon = _coords(st.name, line, row, problems)
            schools[sid] = s
        owner = {}
        for s in schools.values():
            for p in dict.fromkeys(s.feeders):
                if p in owner:
                    problems.add("%s:%d" % (st.name, s.line),
                                 "feeders: primary '%s' already feeds '%s'" % (p, owner[p]))
                else:
                    owner[p] = s.id

    zones = {}
    if zt is not None and _require_columns(zt, ("zone_id", "kind", "schools"), problems):
        for line, row in zt.rows:
            where = "%s:%d" % (zt.name, line)
            zid = row.get("zone_id", "")
            if zid == "":
                problems.add(where, "zone_id: missing")
                continue
            if zid in zones:
                problems.add(where, "zone_id: '%s' given twice" % zid)
                continue
            z = Zone(zid, line)
            k = row.get("kind", "")
            if k not in ZONE_KINDS:
                problems.add(where, "kind: '%s' is not single or multi" % k)
            z.kind = k if k in ZONE_KINDS else "multi"
            z.schools = split_list(row.get("schools", ""))
            if len(set(z.schools)) != len(z.schools):
                problems.add(where, "schools: a school listed twice")
            if z.kind == "single" and len(z.schools) != 1:
                problems.add(where, "schools: a single zone lists exactly one school")
            if z.kind == "multi" and len(z.schools) < 1:
                problems.add(where, "schools: a multi zone lists at least one school")
            if st is not None:
                for s in z.schools:
                    if s not in schools:
                        problems.add(where, "schools: unknown school '%s'" % s)
            z.parent = row.get("parent", "")
            zones[zid] = z
        for z in zones.values():
            if z.parent == "":
                continue
            where = "%s:%d" % (zt.name, z.line)
            if z.kind == "multi":
                problems.add(where, "parent: a multi zone cannot have a parent")
            elif z.parent not in zones:
                problems.add(where, "parent: unknown zone '%s'" % z.parent)
            elif zones[z.parent].kind != "multi":
                problems.add(where, "parent: '%s' is not a multi zone" % z.parent)

    students = {}
    if pt is not None and _require_columns(pt, ("student_id", "zone_id"), problems):
        for line, row in pt.rows:
            where = "%s:%d" % (pt.name, line)
            sid = row.get("student_id", "")
            if sid == "":
                problems.add(where, "student_id: missing")
                continue
            if sid in students:
                problems.add(where, "student_id: '%s' given twice" % sid)
                continue
            if sid.startswith("family:"):
                problems.add(where, "student_id: must not begin with 'family:'")
            p = Student(sid, line)
            p.district = row.get("district", "")
            p.zone_id = row.get("zone_id", "")
            if p.zone_id == "":
                problems.add(where, "zone_id: missing")
            elif zt is not None and p.zone_id not in zones:
                problems.add(where, "zone_id: unknown zone '%s'" % p.zone_id)
            p.primary_school = row.get("primary_school", "")
            p.lat, p.lon = _coords(pt.name, line, row, problems)
            p.hukou = _enum(pt.name, line, row, "hukou", HUKOU, "local", problems)
            p.review_passed = _bool(pt.name, line, row, "review_passed", False, problems)
            p.housing = _enum(pt.name, line, row, "housing", HOUSING, "owned", problems)
            p.property_date = _date(pt.name, line, row, "property_date", problems)
            p.address_id = row.get("address_id", "")
            p.sibling_exempt = _bool(pt.name, line, row, "sibling_exempt", False, problems)
            p.birth_date = _date(pt.name, line, row, "birth_date", problems)
            p.disabled = _bool(pt.name, line, row, "disabled", False, problems)
            p.care = split_list(row.get("care", ""))
            for c in p.care:
                if c not in CARE:
                    problems.add(where, "care: '%s' is not a care category" % c)
            for col in CHOICE_COLUMNS:
                v = row.get(col, "")
                p.choices[col] = v
                if v != "" and st is not None and v not in schools:
                    problems.add(where, "%s: unknown school '%s'" % (col, v))
            p.preferences = split_list(row.get("preferences", ""))
            if st is not None:
                for v in p.preferences:
                    if v not in schools:
                        problems.add(where, "preferences: unknown school '%s'" % v)
            p.accept_feeder = _bool(pt.name, line, row, "accept_feeder", True, problems)
            p.family_id = row.get("family_id", "")
            p.sibling_school = row.get("sibling_school", "")
            if p.sibling_school != "" and st is not None and p.sibling_school not in schools:
                problems.add(where, "sibling_school: unknown school '%s'" % p.sibling_school)
            pts = row.get("points", "")
            if pts != "":
                ok, v = parse_points(pts)
                if not ok:
                    problems.add(where, "points: '%s' is not DIGITS[.D[D]]" % pts)
                else:
                    p.points = v
            students[sid] = p

    usage = []
    if ut is not None and _require_columns(ut, ("address_id", "year", "level"), problems):
        for line, row in ut.rows:
            where = "%s:%d" % (ut.name, line)
            a = row.get("address_id", "")
            ok, y = parse_int(row.get("year", ""))
            lv = row.get("level", "")
            if a == "":
                problems.add(where, "address_id: missing")
            if not ok or y < 1:
                problems.add(where, "year: '%s' is not a whole number >= 1" % row.get("year", ""))
            if lv not in LEVELS:
                problems.add(where, "level: '%s' is not primary or middle" % lv)
            if a != "" and ok and y >= 1 and lv in LEVELS:
                usage.append((a, y, lv))

    return Dataset(schools, zones, students, usage)
