#!/usr/bin/env python3
"""Random small districts and policies for the differential test, deterministic from a seed.

    random_district.py SEED OUT_DIR [--revision] [--no-faults]

writes OUT_DIR/data/{schools,zones,students,address_usage}.csv, OUT_DIR/policy.json and
OUT_DIR/seed.txt (the 64-hex lottery seed). OUT_DIR/fault.txt names the deliberate input fault, if
the district got one (about 1 in 25 does), so that refusals are exercised too.

Every feature of SPEC §2–§3 appears: all school kinds, lottery groups and batch-one seats, feeders,
multi and single zones with parents, zone rows in random order, zero-seat schools, coordinates on a
fine grid, on a coarse 4×4 grid (equal distances) and on shared campuses; ids, districts, family ids
and addresses in canonically equivalent pairs (é precomposed and decomposed) and with edge
whitespace that must be trimmed (and edge characters that look blank but are not White_Space, which
must be kept); CRLF and lone-CR line ends, BOMs, blank and whitespace-only lines, quoted cells,
unknown columns, shuffled columns and rows; every screening case; twins; care; all four choice
columns; preferences with repeats and schools outside the zone; and a random policy of every stage
kind and option that the SPEC allows (never `families: together` with a mechanism other than
immediate acceptance).

`--revision` also uses the SPEC's revision of 2026-12-01 features: mechanisms `parallel` and
`top_trading_cycles`, `order: points_then_lottery`, the `sibling` priority rule (and the `points`
and `sibling_school` columns), and files saved as GB18030.
"""

import hashlib
import json
import os
import random
import sys

E_PRE = "\u00e9"  # é
E_DEC = "e\u0301"  # e + combining acute: canonically equivalent, different bytes

TRIMMED = [" ", "\t", "\u3000", "\u00a0", "\u2003", "\u0085", "\u2028", "\u000b", "\u000c",
           "\u1680", "\u202f", "\u205f", "\u2029"]
# Not White_Space, so never trimmed (U+001F: Python's str.strip() would strip it; U+200B, U+FEFF,
# U+180E look blank). They appear only at the edge of ids, where they are part of the id.
KEPT = ["\u200b", "\ufeff", "\u180e", "\u001f"]

CARE = ["martyr", "military", "overseas", "taiwan", "labor_model", "talent", "medical_frontline"]
CHOICES = ["private_choice", "boarding_choice", "group1_choice", "group2_choice"]


def _raw_distance(la1, lo1, la2, lo2):
    import fdlibm, math
    p1, p2 = la1 * math.pi / 180.0, la2 * math.pi / 180.0
    l1, l2 = lo1 * math.pi / 180.0, lo2 * math.pi / 180.0
    a = fdlibm.sin((p2 - p1) / 2.0) ** 2 + fdlibm.cos(p1) * fdlibm.cos(p2) * (fdlibm.sin((l2 - l1) / 2.0) ** 2)
    return 2.0 * 6371008.8 * fdlibm.asin(math.sqrt(a))


class Gen:
    def __init__(self, seed: int, revision: bool, faults: bool):
        self.r = random.Random(seed)
        self.seed = seed
        self.revision = revision
        self.faults = faults

    def chance(self, p):
        return self.r.random() < p

    # -- ids ------------------------------------------------------------------------------------

    def make_ids(self, prefix, n, equiv_pair=True):
        """n distinct ids; with luck, two of them differ only by é's normalisation form, one has a
        kept blank-looking edge character, one holds a comma or quote (to be written quoted)."""
        ids = []
        for i in range(n):
            ids.append("%s%d" % (prefix, i + 1))
        if n >= 2 and equiv_pair and self.chance(0.5):
            k = self.r.randrange(n - 1)
            ids[k] = "%s%s%d" % (prefix, E_PRE, k + 1)
            ids[k + 1] = "%s%s%d" % (prefix, E_DEC, k + 1)
        if n >= 1 and self.chance(0.15):
            k = self.r.randrange(n)
            c = self.r.choice(KEPT)
            ids[k] = (c + ids[k]) if self.chance(0.5) else (ids[k] + c)
        if n >= 1 and self.chance(0.08):
            k = self.r.randrange(n)
            ids[k] = ids[k] + self.r.choice([",x", '"q', " mid space", "/x", "\u3000mid"])
        if n >= 1 and self.chance(0.05):
            ids[self.r.randrange(n)] = "family" + self.r.choice(["-", "_", " "]) + prefix  # but never "family:"
        return ids

    # -- the model ------------------------------------------------------------------------------

    def district_values(self):
        vals = ["chaoyang", "", "Ch" + E_PRE, "Ch" + E_DEC, "haidian"]
        return self.r.sample(vals, self.r.randint(1, 4))

    def generate(self):
        r = self.r
        n_schools = r.randint(3, 10)
        school_ids = self.make_ids(r.choice(["M", "S", "学校"]), n_schools)
        districts = self.district_values()
        coord_mode = r.choice(["fine", "coarse", "campus"])
        self.coord_mode = coord_mode
        campuses = [self.point("fine") for _ in range(r.randint(1, 3))]

        schools = []
        for sid in school_ids:
            kind = r.choices(["public", "private", "boarding"], [6, 2, 2])[0]
            s = dict(school_id=sid, kind=kind, district=r.choice(districts),
                     capacity=r.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15]))
            if kind == "public" and self.chance(0.4):
                s["lottery_group"] = r.choice([1, 2])
                s["batch1_seats"] = r.randint(0, s["capacity"])
            s["overflow"] = r.choice([None, None, True, False])
            if coord_mode == "campus" or (coord_mode == "fine" and self.chance(0.2)):
                s["lat"], s["lon"] = r.choice(campuses)
            else:
                s["lat"], s["lon"] = self.point(coord_mode)
            s["name"] = r.choice(["", "School " + sid, "学校 " + sid])
            s["feeders"] = []
            schools.append(s)
        primaries = self.make_ids("P", r.randint(0, 6))
        for p in primaries:
            if self.chance(0.7):
                r.choice(schools)["feeders"].append(p)

        # zones: 1-3 multi zones, 1-4 single zones with optional parents; schools may serve several
        multi_ids = self.make_ids("ZM", r.randint(0, 3))
        single_ids = self.make_ids("ZS", r.randint(1, 4))
        if not multi_ids and not single_ids:
            single_ids = ["ZS1"]
        zones = []
        for z in multi_ids:
            served = r.sample(school_ids, r.randint(1, min(4, n_schools)))
            zones.append(dict(zone_id=z, kind="multi", schools=served, parent=""))
        for z in single_ids:
            parent = r.choice(multi_ids) if (multi_ids and self.chance(0.6)) else ""
            zones.append(dict(zone_id=z, kind="single", schools=[r.choice(school_ids)], parent=parent))
        zone_ids = [z["zone_id"] for z in zones]

        policy = self.policy(schools)
        readers = {}
        for st in policy["stages"]:
            if st["kind"] == "single_choice_lottery":
                readers.setdefault(st["choice"], []).append(st.get("school_filter", {}))

        addresses = self.make_ids("A", r.randint(1, 8))
        n_students = r.choice([0, r.randint(1, 12), r.randint(1, 60), r.randint(20, 60)])
        student_ids = self.make_ids(r.choice(["S", "学生"]), n_students)
        families = self.make_ids("F", max(1, n_students // 4))
        students = []
        for sid in student_ids:
            st = dict(student_id=sid)
            st["district"] = r.choice(districts + ["tongzhou"])
            st["zone_id"] = r.choice(zone_ids)
            st["primary_school"] = r.choice(primaries + [""] * 2) if primaries else ""
            z = next(z for z in zones if z["zone_id"] == st["zone_id"])
            if self.chance(0.3):
                # live near a school of the zone (equal distances on coarse grids)
                near = r.choice(z["schools"])
                s = next(x for x in schools if x["school_id"] == near)
                st["lat"], st["lon"] = s["lat"], s["lon"]
            else:
                st["lat"], st["lon"] = self.point(coord_mode if coord_mode != "campus" else "fine")
            st["hukou"] = r.choices(["", "local", "treated_local", "nonlocal"], [4, 3, 1, 2])[0]
            st["review_passed"] = r.choice(["", "yes", "no"])
            st["housing"] = r.choices(["", "owned", "rented", "passage", "basement", "garage", "nominal"],
                                      [5, 3, 3, 1, 1, 1, 1])[0]
            st["property_date"] = r.choice(["", "", "2016-05-01", "2017-06-30", "2017-07-01",
                                            "2020-08-31", "2020-09-01", "2019-02-28", "2020-02-29"])
            st["address_id"] = r.choice(addresses + [""] * 3)
            st["sibling_exempt"] = r.choice(["", "no", "yes"]) if self.chance(0.3) else ""
            st["birth_date"] = r.choice(["", "2010-05-01", "2011-08-31", "2011-09-01",
                                         "2017-08-31", "2017-09-01", "2016-12-24"])
            st["disabled"] = "yes" if self.chance(0.1) else r.choice(["", "no"])
            st["care"] = r.sample(CARE, r.choice([0, 0, 0, 0, 1, 1, 2]))
            for col in CHOICES:
                st[col] = ""
                if self.chance(0.35):
                    ok = [s["school_id"] for s in schools
                          if all(self.passes(f, s) for f in readers.get(col, []))]
                    if ok:
                        st[col] = r.choice(ok)
            prefs = []
            for _ in range(r.choice([0, 1, 2, 3, 4, 5])):
                if self.chance(0.75):
                    prefs.append(r.choice(z["schools"]))
                else:
                    prefs.append(r.choice(school_ids))  # maybe outside the zone
            if prefs and self.chance(0.2):
                prefs.append(r.choice(prefs))  # a repeat
            st["preferences"] = prefs
            st["accept_feeder"] = r.choice(["", "", "yes", "no"])
            st["family_id"] = r.choice(families) if self.chance(0.25) else ""
            if self.revision:
                st["sibling_school"] = r.choice(school_ids) if self.chance(0.2) else ""
                st["points"] = r.choice(["", "0", "12", "12.5", "12.50", "7.25", "100"])
            students.append(st)
        # twins and triplets: most siblings live together and apply together, so that family
        # units meet at one school (and are split, or kept together, at its cutoff)
        first = {}
        for st in students:
            f = st["family_id"]
            if f == "":
                continue
            if f in first and self.chance(0.75):
                for k in ("district", "zone_id", "primary_school", "lat", "lon", "hukou", "review_passed",
                          "housing", "property_date", "address_id", "preferences") + tuple(CHOICES):
                    if self.chance(0.9):
                        st[k] = first[f][k] if not isinstance(first[f][k], list) else list(first[f][k])
            first.setdefault(f, st)
        if students and self.chance(0.15):
            self.plant_half_metre(students, schools)
        usage = []
        for a in addresses:
            for _ in range(r.choice([0, 0, 1, 2])):
                usage.append(dict(address_id=a, year=r.randint(2015, 2024), level=r.choice(["primary", "middle"])))
        model = dict(schools=schools, zones=zones, students=students, usage=usage, policy=policy)
        fault = self.inject_fault(model) if (self.faults and self.chance(0.04)) else None
        return model, fault

    def point(self, mode):
        r = self.r
        if mode == "coarse":
            return "%.2f" % (39.90 + 0.01 * r.randrange(4)), "%.2f" % (116.40 + 0.01 * r.randrange(4))
        return "%.5f" % (39.9 + r.randrange(4000) * 0.00005), "%.5f" % (116.3 + r.randrange(4000) * 0.00005)

    def plant_half_metre(self, students, schools):
        """Moves a school so that a student's distance to it is within an ulp of k + 0.5 metres
        (coordinates then carry 17 significant digits): where rounding half up is decided by the
        last bit, every reading of the haversine in doubles must agree with the product's."""
        from reference import distance_m  # the SPEC's formula; used to construct, not to judge
        import fdlibm, math
        st = self.r.choice(students)
        sc = self.r.choice(schools)
        la1, lo1 = float(st["lat"]), float(st["lon"])
        la2 = la1 + self.r.randrange(-50, 50) * 1e-4
        raw = lambda lo2: _raw_distance(la1, lo1, la2, lo2)
        target = math.floor(raw(lo1 + 0.01)) + 0.5
        lo, hi = lo1, lo1 + 0.02
        for _ in range(200):
            mid = (lo + hi) / 2.0
            if mid in (lo, hi):
                break
            if raw(mid) < target:
                lo = mid
            else:
                hi = mid
        sc["lat"], sc["lon"] = repr(la2), repr(self.r.choice([lo, hi]))
        self.planted = (st["student_id"], sc["school_id"], distance_m(la1, lo1, la2, float(sc["lon"])))

    @staticmethod
    def passes(filt, school):
        k = filt.get("kind")
        if k is not None and school["kind"] not in (k if isinstance(k, list) else [k]):
            return False
        g = filt.get("lottery_group")
        if g is not None and school.get("lottery_group") not in (g if isinstance(g, list) else [g]):
            return False
        return True

    # -- policy ---------------------------------------------------------------------------------

    def rules(self):
        r = self.r
        out = []
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            rule = {}
            for key in r.sample(["property_date_after", "property_date_before", "property_date_missing",
                                 "housing", "hukou"], r.choice([0, 1, 1, 2])):
                if key.startswith("property_date_a") or key.startswith("property_date_b"):
                    rule[key] = r.choice(["2017-06-30", "2020-08-31", "2019-01-01"])
                elif key == "property_date_missing":
                    rule[key] = r.choice([True, False])
                elif key == "housing":
                    v = r.sample(["owned", "rented", "passage", "basement", "garage", "nominal"], r.randint(1, 2))
                    rule[key] = v if (len(v) > 1 or self.chance(0.5)) else v[0]
                else:
                    v = r.sample(["local", "treated_local", "nonlocal"], r.randint(1, 2))
                    rule[key] = v if (len(v) > 1 or self.chance(0.5)) else v[0]
            out.append(rule)
        return out

    def school_filter(self):
        r = self.r
        f = {}
        if self.chance(0.35):
            v = r.sample(["public", "private", "boarding"], r.randint(1, 2))
            f["kind"] = v if (len(v) > 1 or self.chance(0.5)) else v[0]
        if self.chance(0.15):
            v = r.sample([1, 2], r.randint(1, 2))
            f["lottery_group"] = v if (len(v) > 1 or self.chance(0.5)) else v[0]
        return f

    def priority(self, overflow):
        r = self.r
        pool = ["disabled", "care"] + ["care:" + c for c in CARE]
        if not overflow:
            pool += ["in_district", "feeder", "zone"] * 2
            if self.revision:
                pool += ["sibling"] * 2
        n = r.choice([0, 0, 1, 2, 3])
        out = []
        for x in r.sample(pool, min(n, len(pool))):
            if x not in out:
                out.append(x)
        return out

    def policy(self, schools):
        r = self.r
        p = dict(name=r.choice(["random", "随机", "p" + E_PRE, "with, comma", 'with "quote"', ""]),
                 level=r.choice(["primary", "middle"]),
                 year=r.choice([2021, 2023, 2024]))
        sc = {}
        if self.chance(0.7):
            sc["nonlocal_requires_review"] = r.choice([True, False])
        if self.chance(0.5):
            sc["ineligible_housing"] = r.sample(["passage", "basement", "garage", "nominal", "rented"], r.randint(0, 3))
        if self.chance(0.5):
            sc["birth_date_cutoff"] = r.choice([None, "2017-08-31", "2011-08-31"])
        if self.chance(0.6):
            sc["address_lock_years"] = r.choice([0, 1, 3, 6])
        if self.chance(0.5):
            sc["no_zone_right"] = self.rules()
        if self.chance(0.7):
            sc["redirect_to_parent"] = self.rules() or [{"property_date_after": "2017-06-30"}]
        if sc or self.chance(0.5):
            p["screening"] = sc
        kinds = ["single_choice_lottery", "feeder", "single_zone", "multi_zone", "overflow"]
        stages = []
        for _ in range(r.randint(1, 8)):
            stages.append(self.stage(r.choices(kinds, [3, 1, 2, 2, 2])[0]))
        # names: unique, no '/'; some defaulted to the kind (only where it stays unique)
        used = set()
        for i, st in enumerate(stages):
            if st["kind"] not in used and self.chance(0.3):
                used.add(st["kind"])
                continue
            while True:
                name = r.choice(["s", "stage-", "阶段", "z" + E_PRE, "z" + E_DEC]) + str(i + 1)
                if name not in used:
                    break
            used.add(name)
            st["name"] = name
        p["stages"] = stages
        return p

    def stage(self, kind):
        r = self.r
        st = {"kind": kind}
        if self.chance(0.7):
            st["school_filter"] = self.school_filter()
        if self.chance(0.7):
            st["priority"] = self.priority(kind == "overflow")
        if self.revision and self.chance(0.3):
            st["order"] = r.choice(["lottery", "points_then_lottery"])
        if kind != "overflow":
            if self.chance(0.5):
                st["losers"] = r.choice(["continue", "overflow_only"])
            if self.chance(0.5):
                st["families"] = r.choice(["separate", "together"])
        if kind == "single_choice_lottery":
            st["choice"] = r.choice(CHOICES)
            if self.chance(0.6):
                st["pool"] = r.choice(["general", "batch1"])
        if kind == "multi_zone":
            mechs = ["immediate_acceptance", "deferred_acceptance"]
            if self.revision:
                mechs += ["parallel", "top_trading_cycles"]
            if self.chance(0.8):
                st["mechanism"] = r.choice(mechs)
            if st.get("mechanism") == "parallel":
                st["choices_per_round"] = r.randint(1, 3)
            if st.get("mechanism", "immediate_acceptance") != "immediate_acceptance" and st.get("families") == "together":
                del st["families"]  # SPEC §3: together is refused with any other mechanism
            if self.chance(0.6):
                st["tie_break"] = r.choice(["single", "multiple"])
        if kind == "overflow":
            if self.chance(0.8):
                st["method"] = r.choice(["nearest_by_lottery", "min_total_distance"])
            if self.chance(0.8):
                st["scope"] = r.choice(["zone", "district", "all"])
        return st

    # -- faults ---------------------------------------------------------------------------------

    def inject_fault(self, m):
        r = self.r
        options = ["family_prefix", "parent_on_multi", "unknown_preference", "feeder_twice",
                   "batch1_without_group", "duplicate_student", "bad_date", "unknown_zone",
                   "unclosed_quote", "together_with_da", "unknown_policy_field", "empty_filter_list",
                   "duplicate_key", "empty_stages", "not_a_calendar_day", "enum_case", "latitude_91", "slash_in_stage_name", "overflow_in_district_priority"]
        has_overflow = any(s["kind"] == "overflow" for s in m["policy"]["stages"])
        if has_overflow:
            options.append("missing_coordinates")
        readers = [s for s in m["policy"]["stages"] if s["kind"] == "single_choice_lottery" and s.get("school_filter")]
        if readers:
            options.append("choice_fails_filter")
        fault = r.choice(options)
        sts, schools = m["students"], m["schools"]
        if fault in ("family_prefix", "unknown_preference", "duplicate_student", "bad_date", "not_a_calendar_day",
                     "unknown_zone", "missing_coordinates", "choice_fails_filter") and not sts:
            fault = "parent_on_multi"
        if fault == "parent_on_multi":
            multis = [z for z in m["zones"] if z["kind"] == "multi"]
            if not multis:
                fault = "batch1_without_group"
            else:
                multis[0]["parent"] = multis[-1]["zone_id"]
        if fault == "family_prefix":
            r.choice(sts)["student_id"] = "family:" + r.choice(sts)["student_id"]
        elif fault == "unknown_preference":
            r.choice(sts)["preferences"].append("NO-SUCH-SCHOOL")
        elif fault == "feeder_twice":
            schools[0]["feeders"].append("PX")
            schools[1]["feeders"].append("PX")
        elif fault == "batch1_without_group":
            s = r.choice(schools)
            s.pop("lottery_group", None)
            s["batch1_seats"] = 1
            s["capacity"] = max(1, s["capacity"])
        elif fault == "duplicate_student":
            sts.append(dict(sts[0]))
        elif fault == "bad_date":
            r.choice(sts)["birth_date"] = "2017/08/31"
        elif fault == "unknown_zone":
            r.choice(sts)["zone_id"] = "NO-SUCH-ZONE"
        elif fault == "unclosed_quote":
            m["unclosed_quote"] = True
        elif fault == "together_with_da":
            m["policy"]["stages"].append({"kind": "multi_zone", "name": "da-together",
                                          "mechanism": "deferred_acceptance", "families": "together"})
        elif fault == "not_a_calendar_day":
            r.choice(sts)["property_date"] = "2019-02-29"
        elif fault == "enum_case":
            r.choice(schools)["kind"] = "Public"
        elif fault == "latitude_91":
            r.choice(schools)["lat"] = "91.0"
        elif fault == "duplicate_key":
            m["duplicate_key"] = True
        elif fault == "empty_stages":
            m["policy"]["stages"] = []
        elif fault == "slash_in_stage_name":
            m["policy"]["stages"][0]["name"] = "a/b"
        elif fault == "overflow_in_district_priority":
            m["policy"]["stages"].append({"kind": "overflow", "name": "ov-bad", "priority": ["in_district"]})
        elif fault == "unknown_policy_field":
            m["policy"]["stages"][0]["colour"] = "blue"
        elif fault == "empty_filter_list":
            m["policy"]["stages"][0]["school_filter"] = {"kind": []}
        elif fault == "missing_coordinates":
            st = r.choice(sts)
            st["lat"], st["lon"] = "", ""
        elif fault == "choice_fails_filter":
            stage = r.choice(readers)
            bad = [s for s in schools if not self.passes(stage["school_filter"], s)]
            if bad:
                r.choice(sts)[stage["choice"]] = r.choice(bad)["school_id"]
            else:
                sts[0]["preferences"].append("NO-SUCH-SCHOOL")
                fault = "unknown_preference"
        return fault

    # -- writing --------------------------------------------------------------------------------

    def pad(self, v):
        """Edge whitespace (White_Space) that the reader must trim."""
        if v == "" or not self.chance(0.12):
            return v
        left = "".join(self.r.choice(TRIMMED) for _ in range(self.r.choice([0, 1, 2])))
        right = "".join(self.r.choice(TRIMMED) for _ in range(self.r.choice([0, 1, 2])))
        return left + v + right

    def cell_list(self, items):
        sep = self.r.choice([";", "; ", " ;", ";\u3000"])
        s = sep.join(self.pad(x) for x in items)
        if items and self.chance(0.1):
            s += ";"
        return s

    def render(self, header, rows):
        r = self.r
        cols = list(header)
        if self.chance(0.3):
            cols.append(r.choice(["note", "备注", "extra"]))
        r.shuffle(cols)
        rows = list(rows)
        r.shuffle(rows)
        eol = r.choices(["\n", "\r\n", "\r"], [8, 3, 1])[0]
        lines = [",".join(self.quote(self.pad(c) if self.chance(0.1) else c) for c in cols)]
        for row in rows:
            note = r.choice(["note", "a\nmulti-line\r\nnote", "lone\rCR", "x,y"]) if self.chance(0.3) else "note"
            lines.append(",".join(self.quote(row.get(c, note if c in ("note", "备注", "extra") else "")) for c in cols))
            if self.chance(0.04):
                lines.append(r.choice(["", "  ", "\u3000", " \t\u00a0 ", "\u2028", "\u0085 ", "\u000b\u000c"]))
        if self.chance(0.1):  # line ends mixed within one file
            text = "".join(ln + r.choice(["\n", "\r\n", "\r"]) for ln in lines)
        else:
            text = eol.join(lines) + (eol if self.chance(0.8) else "")
        data = text.encode("utf-8")
        if self.revision and self.chance(0.05):
            data = text.encode("gb18030")  # Excel's "save as CSV" on Chinese Windows (SPEC §2)
        elif self.chance(0.15):
            data = b"\xef\xbb\xbf" + data
        return data

    def quote(self, v):
        if any(c in v for c in ',"\r\n') or (v != "" and self.chance(0.05)):
            return '"' + v.replace('"', '""') + '"'
        return v

    def write(self, model, out):
        os.makedirs(os.path.join(out, "data"), exist_ok=False)
        p = self.pad
        b = lambda v: "" if v is None else self.r.choice(["yes", "true", "1", "Yes", "TRUE"] if v else ["no", "false", "0", "No", "FALSE"])
        srows = []
        for s in model["schools"]:
            srows.append({"school_id": p(s["school_id"]), "name": s["name"], "kind": p(s["kind"]) if self.chance(0.8) or s["kind"] != "public" else "",
                          "district": p(s["district"]), "capacity": p(str(s["capacity"])),
                          "lottery_group": str(s.get("lottery_group", "")),
                          "batch1_seats": str(s["batch1_seats"]) if "batch1_seats" in s and (s["batch1_seats"] or self.chance(0.5)) else "",
                          "feeders": self.cell_list(s["feeders"]), "overflow": b(s["overflow"]),
                          "lat": s["lat"], "lon": s["lon"]})
        zrows = [{"zone_id": p(z["zone_id"]), "kind": z["kind"], "schools": self.cell_list(z["schools"]),
                  "parent": p(z["parent"])} for z in model["zones"]]
        prows = []
        for st in model["students"]:
            row = {k: (p(v) if isinstance(v, str) else v) for k, v in st.items()}
            row["care"] = self.cell_list(st["care"])
            row["preferences"] = self.cell_list(st["preferences"])
            prows.append(row)
        urows = [{"address_id": p(u["address_id"]), "year": str(u["year"]), "level": u["level"]} for u in model["usage"]]
        sh = ["school_id", "name", "kind", "district", "capacity", "lottery_group", "batch1_seats", "feeders",
              "overflow", "lat", "lon"]
        zh = ["zone_id", "kind", "schools", "parent"]
        ph = ["student_id", "district", "zone_id", "primary_school", "lat", "lon", "hukou", "review_passed",
              "housing", "property_date", "address_id", "sibling_exempt", "birth_date", "disabled", "care"] + CHOICES + \
             ["preferences", "accept_feeder", "family_id"]
        if self.revision:
            ph += ["sibling_school", "points"]
        files = {"schools.csv": self.render(sh, srows), "zones.csv": self.render(zh, zrows),
                 "students.csv": self.render(ph, prows)}
        if model["usage"] or self.chance(0.5):
            files["address_usage.csv"] = self.render(["address_id", "year", "level"], urows)
        if model.get("unclosed_quote"):
            files["students.csv"] += b'\n"S-unclosed,'
        for name, data in files.items():
            with open(os.path.join(out, "data", name), "wb") as f:
                f.write(data)
        text = json.dumps(model["policy"], ensure_ascii=self.chance(0.2), indent=self.r.choice([None, 1, 2]))
        if model.get("duplicate_key"):
            text = text.replace('"year"', '"year": 2020, "year"', 1)
        data = text.encode("utf-8")
        if self.chance(0.1):
            data = b"\xef\xbb\xbf" + data  # "a leading byte-order mark is ignored"
        with open(os.path.join(out, "policy.json"), "wb") as f:
            f.write(data)
        with open(os.path.join(out, "seed.txt"), "w") as f:
            f.write(hashlib.sha256(b"differential-seed-%d" % self.seed).hexdigest() + "\n")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    seed, out = int(args[0]), args[1]
    g = Gen(seed, "--revision" in argv, "--no-faults" not in argv)
    model, fault = g.generate()
    g.write(model, out)
    if fault:
        with open(os.path.join(out, "fault.txt"), "w") as f:
            f.write(fault + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
