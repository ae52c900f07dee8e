#!/usr/bin/env python3
"""An independent reference implementation of Paiwei's placement (SPEC §2–§5).

    reference.py --data DIR --policy FILE --seed HEX --out DIR
                 [--mtd-hint PAIWEI_PLACEMENTS.csv]

writes DIR/placements.csv (byte-compatible with `paiwei place`), DIR/admitted.json (students per
stage and school, seats left) and DIR/notes.txt (anything the differential driver should show).
Bad input: the problems on stderr, exit status 2, nothing written.

Written from /work/shared/SPEC.md and docs/*.md only, never from Paiwei's sources. Where the SPEC
leaves room, the reading chosen is marked "READING:" in a comment.

min_total_distance: the SPEC allows "any optimal" assignment. This implementation finds who is kept
(admission order, a student kept only if everyone kept so far can still be seated: a maximum flow)
and the least total distance (min-cost flow). With --mtd-hint, it takes Paiwei's assignment for such
a stage *if* it seats exactly the kept students, each at a school of their scope, within the free
seats, with exactly the least total; otherwise it keeps its own and says why in notes.txt. Later
stages then start from the same seats as Paiwei's run, so the rest can be compared byte for byte.
"""

import argparse
import csv
import io
import json
import math
import os
import sys

import dataset as ds
import fdlibm
from lottery import Lottery, self_test as lottery_self_test
from policy import PolicyError, parse_policy

# ---------------------------------------------------------------------------------------------
# Distance (SPEC §3)

EARTH_RADIUS_M = 6371008.8


def round_half_up(d: float) -> int:
    f = math.floor(d)
    return int(f) + (1 if d - f >= 0.5 else 0)  # d - floor(d) is exact


def distance_m(lat1, lon1, lat2, lon2) -> int:
    """Haversine d = 2R·asin(√a), a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2), in doubles.

    READING: degrees become radians as `deg * π / 180` (π the double nearest pi), and Δφ, Δλ are
    differences of the radian values. The SPEC does not fix this; a different order changes the
    last bit of a, which matters only when a distance falls within an ulp of a half metre.
    """
    p1 = lat1 * math.pi / 180.0
    p2 = lat2 * math.pi / 180.0
    l1 = lon1 * math.pi / 180.0
    l2 = lon2 * math.pi / 180.0
    sdp = fdlibm.sin((p2 - p1) / 2.0)
    sdl = fdlibm.sin((l2 - l1) / 2.0)
    a = sdp * sdp + fdlibm.cos(p1) * fdlibm.cos(p2) * (sdl * sdl)
    d = 2.0 * EARTH_RADIUS_M * fdlibm.asin(math.sqrt(a))
    return round_half_up(d)


# ---------------------------------------------------------------------------------------------
# Policy-dependent data rules (SPEC §3 "Data rules that depend on the policy")


def check_policy_rules(data, policy, problems):
    for col in ds.CHOICE_COLUMNS:
        readers = [s for s in policy.stages if s.kind == "single_choice_lottery" and s.choice == col]
        for st in sorted(data.students.values(), key=lambda s: s.line):
            v = st.choices[col]
            if v == "" or v not in data.schools:
                continue
            for stage in readers:
                if not stage.passes_filter(data.schools[v]):
                    problems.add("students.csv:%d" % st.line,
                                 "%s: school '%s' fails the filter of stage '%s'" % (col, v, stage.name))
    if any(s.kind == "overflow" for s in policy.stages):
        for st in data.students.values():
            if st.lat is None:
                problems.add("students.csv:%d" % st.line, "lat: home coordinates are required (overflow stage)")
        for sc in data.schools.values():
            if sc.overflow and sc.lat is None:
                problems.add("schools.csv:%d" % sc.line, "lat: coordinates are required (overflow=yes)")


# ---------------------------------------------------------------------------------------------
# Screening (SPEC §3)

ELIGIBLE, NO_ZONE_RIGHT, REDIRECTED, INELIGIBLE = "eligible", "no_zone_right", "redirected", "ineligible"


def screen(st, data, policy):
    """(status, reason code or "", zone id after screening)."""
    if policy.nonlocal_requires_review and st.hukou == "nonlocal" and not st.review_passed:
        return INELIGIBLE, "nonlocal_not_reviewed", st.zone_id
    if st.housing in policy.ineligible_housing:
        return INELIGIBLE, "housing_" + st.housing, st.zone_id
    if policy.birth_date_cutoff is not None and st.birth_date != "" and st.birth_date > policy.birth_date_cutoff:
        return INELIGIBLE, "too_young", st.zone_id
    if st.address_id != "" and not st.sibling_exempt:
        for a, y, lv in data.usage:
            if a == st.address_id and lv == policy.level and 0 <= policy.year - y < policy.address_lock_years:
                return NO_ZONE_RIGHT, "address_locked", st.zone_id
    if any(r.matches(st) for r in policy.no_zone_right):
        return NO_ZONE_RIGHT, "no_zone_right", st.zone_id
    z = data.zones[st.zone_id]
    if any(r.matches(st) for r in policy.redirect_to_parent) and z.kind == "single" and z.parent != "":
        return REDIRECTED, "redirected", z.parent
    return ELIGIBLE, "", st.zone_id


# ---------------------------------------------------------------------------------------------
# The engine


class Engine:
    def __init__(self, data, policy, seed: bytes, mtd_hint=None):
        self.data = data
        self.policy = policy
        self.lottery = Lottery(seed)
        self.mtd_hint = mtd_hint  # stage name -> {student_id: school_id}, from Paiwei's output
        self.notes = []
        self.events = {}  # coverage: what this run exercised (counted by the differential driver)
        self.schools = data.schools
        self.zones = data.zones
        self.students = data.students
        self.status, self.code, self.zone = {}, {}, {}
        for st in self.students.values():
            self.status[st.id], self.code[st.id], self.zone[st.id] = screen(st, data, policy)
        # seats
        batch1_stages = [i for i, s in enumerate(policy.stages)
                         if s.kind == "single_choice_lottery" and s.pool == "batch1"]
        self.last_batch1_stage = batch1_stages[-1] if batch1_stages else None
        self.general, self.batch1 = {}, {}
        for s in self.schools.values():
            if self.last_batch1_stage is None:
                self.general[s.id], self.batch1[s.id] = s.capacity, 0
            else:
                self.general[s.id], self.batch1[s.id] = s.capacity - s.batch1_seats, s.batch1_seats
        # results
        self.placed = {}  # student -> dict(school, stage, rank, label, number)
        self.barred = set()
        self.took_part = set()
        self.last_overflow = {}  # student -> (stage, label, number)
        self.admitted = {}  # stage -> school -> count
        # stage -> school -> dict(applicants, refused, last=(deciding key, student, label)) for
        # schools.csv's applicants and cutoff columns (SPEC §5, docs/outputs.md)
        self.lotteries = {}
        self.feeder_of = {}
        for s in self.schools.values():
            for p in s.feeders:
                self.feeder_of[p] = s.id

    # -- order -----------------------------------------------------------------------------------

    def meets(self, rule, st, school):
        if rule == "disabled":
            return st.disabled
        if rule == "care":
            return bool(st.care)
        if rule.startswith("care:"):
            return rule[5:] in st.care
        if rule == "in_district":
            return st.district == school.district
        if rule == "feeder":
            return st.primary_school != "" and st.primary_school in school.feeders
        if rule == "zone":
            return self.status[st.id] != NO_ZONE_RIGHT and school.id in self.zones[self.zone[st.id]].schools
        if rule == "sibling":
            return st.sibling_school != "" and st.sibling_school == school.id
        raise AssertionError(rule)

    def tier(self, stage, st, school):
        for i, rule in enumerate(stage.priority):
            if self.meets(rule, st, school):
                return i
        return len(stage.priority)

    def number(self, label, st):
        return self.lottery.number(label, st.id, st.family_id)

    def order_key(self, stage, st, school, label):
        """Admission order at a school: tier, (points descending), lottery number, student_id bytes."""
        t = self.tier(stage, st, school) if school is not None else self.overflow_tier(stage, st)
        pts = -st.points if stage.order == "points_then_lottery" else 0
        return (t, pts, self.number(label, st), ds.id_key(st.id))

    def overflow_tier(self, stage, st):
        for i, rule in enumerate(stage.priority):
            if self.meets(rule, st, None):
                return i
        return len(stage.priority)

    # -- who may take part -------------------------------------------------------------------------

    def open_students(self, stage):
        """Not ineligible, not yet placed, not barred (overflow: barred students too)."""
        out = []
        for st in self.students.values():
            if self.status[st.id] == INELIGIBLE or st.id in self.placed:
                continue
            if stage.kind != "overflow" and st.id in self.barred:
                continue
            out.append(st)
        return out

    def counted_preferences(self, stage, st):
        z = self.zones[self.zone[st.id]]
        out = []
        for p in st.preferences:
            if p in z.schools and stage.passes_filter(self.schools[p]) and p not in out:
                out.append(p)
        return out

    # -- admission at one school ------------------------------------------------------------------

    def event(self, name, n=1):
        if n:
            self.events[name] = self.events.get(name, 0) + n

    def select(self, applicants, seats, together):
        """applicants: list of (key, student). Admits in key order up to `seats`.

        With families together, the applicants sharing a non-empty family_id form one unit, ranked
        by its best member; a unit that does not fit the seats left is refused whole and the school
        goes on to the next unit that fits (SPEC §3 `families`).
        """
        units = {}
        for key, st in applicants:
            u = ("f", st.family_id) if (together and st.family_id != "") else ("s", st.id)
            units.setdefault(u, []).append((key, st))
        ordered = sorted(units.values(), key=lambda members: min(k for k, _ in members))
        admitted, left = [], seats
        skipped = False
        for members in ordered:
            if len(members) <= left:
                admitted.extend(st for _, st in sorted(members, key=lambda m: m[0]))
                left -= len(members)
                if skipped:
                    self.event("families_together_unit_skipped_then_later_admitted")
            elif len(members) > 1 and left > 0:
                skipped = True
        if len(applicants) > seats:
            self.event("oversubscribed_school_lottery")
            keys = sorted(k for k, _ in applicants)
            if seats > 0 and not together and keys[seats - 1][2] == keys[seats][2] and keys[seats - 1][0] == keys[seats][0]:
                self.event("twins_split_at_cutoff")
        return admitted

    def record(self, stage, school_id, applicants, refused, admitted_keys):
        """admitted_keys: (deciding key, student, label) of this school's admissions this time."""
        rec = self.lotteries.setdefault(stage.name, {}).setdefault(
            school_id, dict(applicants=0, refused=False, last=None))
        rec["applicants"] += applicants
        rec["refused"] = rec["refused"] or refused
        for k in admitted_keys:
            if rec["last"] is None or k[0] > rec["last"][0]:
                rec["last"] = k

    def place(self, st, school_id, stage, label, rank=None):
        self.placed[st.id] = dict(school=school_id, stage=stage.name, rank=rank, label=label,
                                  number=self.number(label, st))
        self.admitted[stage.name][school_id] = self.admitted[stage.name].get(school_id, 0) + 1

    # -- stages -----------------------------------------------------------------------------------

    def run(self):
        for index, stage in enumerate(self.policy.stages):
            self.admitted[stage.name] = {}
            before = set(self.placed)
            participants = getattr(self, "stage_" + stage.kind)(stage)
            self.took_part.update(participants)
            if stage.kind != "overflow" and stage.losers == "overflow_only":
                for sid in participants:
                    if sid not in self.placed:
                        self.barred.add(sid)
            assert before <= set(self.placed)
            self.event("stage_%s_took_part" % stage.kind, len(participants))
            self.event("stage_%s_placed" % stage.kind, len(set(self.placed) - before))
            if index == self.last_batch1_stage:
                self.event("batch1_seats_rolled_over", sum(self.batch1.values()))
                for s in self.schools:
                    self.general[s] += self.batch1[s]
                    self.batch1[s] = 0

    def _per_school(self, stage, applicants_by_school, pool):
        """The common 'per school: admission order if short' of the first three kinds."""
        for school_id in sorted(applicants_by_school, key=ds.id_key):
            school = self.schools[school_id]
            label = "%s/%s" % (stage.name, school_id)
            apps = [(self.order_key(stage, st, school, label), st) for st in applicants_by_school[school_id]]
            admitted = self.select(apps, pool[school_id], stage.families == "together")
            keys = {st.id: k for k, st in apps}
            self.record(stage, school_id, len(apps), len(admitted) < len(apps),
                        [(keys[st.id], st, label) for st in admitted])
            for st in admitted:
                self.place(st, school_id, stage, label)
            pool[school_id] -= len(admitted)

    def stage_single_choice_lottery(self, stage):
        by_school = {}
        for st in self.open_students(stage):
            school_id = st.choices[stage.choice]
            if school_id == "":
                continue
            # A choice failing the filter was refused as bad input before placing.
            by_school.setdefault(school_id, []).append(st)
        pool = self.batch1 if stage.pool == "batch1" else self.general
        self._per_school(stage, by_school, pool)
        return [st.id for v in by_school.values() for st in v]

    def stage_feeder(self, stage):
        by_school = {}
        for st in self.open_students(stage):
            if self.status[st.id] not in (ELIGIBLE, REDIRECTED) or not st.accept_feeder:
                continue
            school_id = self.feeder_of.get(st.primary_school)
            if school_id is None or not stage.passes_filter(self.schools[school_id]):
                continue
            by_school.setdefault(school_id, []).append(st)
        self._per_school(stage, by_school, self.general)
        return [st.id for v in by_school.values() for st in v]

    def stage_single_zone(self, stage):
        by_school = {}
        for st in self.open_students(stage):
            z = self.zones[self.zone[st.id]]
            if self.status[st.id] != ELIGIBLE or z.kind != "single":
                continue
            school_id = z.schools[0]
            # READING: "school_filter limits the schools a stage places into": a single zone whose
            # school fails the filter gives its students no part in this stage.
            if not stage.passes_filter(self.schools[school_id]):
                continue
            by_school.setdefault(school_id, []).append(st)
        self._per_school(stage, by_school, self.general)
        return [st.id for v in by_school.values() for st in v]

    # multi_zone -----------------------------------------------------------------------------------

    def multi_label(self, stage, st, school_id):
        if stage.tie_break == "single":
            return "%s/%s" % (stage.name, self.zone[st.id])
        return "%s/%s/%s" % (stage.name, self.zone[st.id], school_id)

    def multi_key(self, stage, st, school_id):
        return self.order_key(stage, st, self.schools[school_id], self.multi_label(stage, st, school_id))

    def stage_multi_zone(self, stage):
        prefs = {}
        for st in self.open_students(stage):
            if self.status[st.id] not in (ELIGIBLE, REDIRECTED):
                continue
            if self.zones[self.zone[st.id]].kind != "multi":
                continue
            cp = self.counted_preferences(stage, st)
            if cp:
                prefs[st.id] = cp
        mechanism = getattr(self, "mechanism_" + stage.mechanism)
        result = mechanism(stage, prefs)  # student -> school
        for sid in sorted(result, key=ds.id_key):
            st = self.students[sid]
            school_id = result[sid]
            self.place(st, school_id, stage, self.multi_label(stage, st, school_id),
                       rank=prefs[sid].index(school_id) + 1)
            self.general[school_id] -= 1
        return list(prefs)

    def mechanism_immediate_acceptance(self, stage, prefs):
        """Boston mechanism: round k, every unplaced student applies to their k-th counted choice."""
        free = dict(self.general)
        result = {}
        longest = max((len(p) for p in prefs.values()), default=0)
        for k in range(longest):
            by_school = {}
            for sid in sorted(prefs, key=ds.id_key):
                if sid not in result and len(prefs[sid]) > k:
                    by_school.setdefault(prefs[sid][k], []).append(self.students[sid])
            for school_id in sorted(by_school, key=ds.id_key):
                apps = [(self.multi_key(stage, st, school_id), st) for st in by_school[school_id]]
                admitted = self.select(apps, free[school_id], stage.families == "together")
                keys = {st.id: k for k, st in apps}
                self.record(stage, school_id, len(apps), len(admitted) < len(apps),
                            [((k + 1,) + keys[st.id], st, self.multi_label(stage, st, school_id)) for st in admitted])
                for st in admitted:
                    result[st.id] = school_id
                free[school_id] -= len(admitted)
        return result

    def _deferred_acceptance(self, stage, prefs, free):
        """Student-proposing deferred acceptance (Gale–Shapley) against `free` seats."""
        nxt = {sid: 0 for sid in prefs}
        held = {s: [] for s in self.schools}
        queue = sorted(prefs, key=ds.id_key)
        while queue:
            sid = queue.pop(0)
            if nxt[sid] >= len(prefs[sid]):
                continue  # ran out of choices
            school_id = prefs[sid][nxt[sid]]
            nxt[sid] += 1
            st = self.students[sid]
            held[school_id].append((self.multi_key(stage, st, school_id), sid))
            held[school_id].sort()
            while len(held[school_id]) > free[school_id]:
                _, rejected = held[school_id].pop()
                queue.append(rejected)
        return {sid: s for s, lst in held.items() for _, sid in lst}

    def mechanism_deferred_acceptance(self, stage, prefs):
        result = self._deferred_acceptance(stage, prefs, dict(self.general))
        # Every student proposes down their list up to their match (the set of proposals does not
        # depend on the order in which they are made); a school refused someone when it got more
        # proposals than it holds students at the end.
        proposals = {}
        for sid, p in prefs.items():
            upto = p.index(result[sid]) + 1 if sid in result else len(p)
            for s in p[:upto]:
                proposals[s] = proposals.get(s, 0) + 1
        for s, n in proposals.items():
            held = [sid for sid, x in result.items() if x == s]
            self.record(stage, s, n, n > len(held),
                        [(self.multi_key(stage, self.students[sid], s), self.students[sid],
                          self.multi_label(stage, self.students[sid], s)) for sid in held])
        return result

    def mechanism_parallel(self, stage, prefs):
        """Chen & Kesten parallel: round t is DA over choices (t-1)e+1 … te; holders keep for good."""
        e = stage.choices_per_round
        free = dict(self.general)
        result = {}
        t = 0
        while True:
            block = {sid: p[t * e:(t + 1) * e] for sid, p in prefs.items() if sid not in result and len(p) > t * e}
            if not block:
                break
            got = self._deferred_acceptance(stage, block, free)
            for sid, s in got.items():
                result[sid] = s
                free[s] -= 1
            t += 1
        return result

    def mechanism_top_trading_cycles(self, stage, prefs):
        """School-choice TTC (Abdulkadiroğlu & Sönmez 2003), all cycles of a round at once."""
        free = dict(self.general)
        result = {}
        active = set(prefs)
        while True:
            # a student whose remaining preferences have no free seat leaves unplaced
            active = {sid for sid in active if any(free[s] > 0 for s in prefs[sid])}
            if not active:
                return result
            student_points = {sid: next(s for s in prefs[sid] if free[s] > 0) for sid in active}
            school_points = {}
            for s in self.schools:
                if free[s] <= 0:
                    continue
                apps = [sid for sid in active if s in prefs[sid]]
                if apps:
                    school_points[s] = min(apps, key=lambda sid: self.multi_key(stage, self.students[sid], s))
            # find every cycle of the functional graph student -> school -> student
            in_cycle = set()
            for start in sorted(active, key=ds.id_key):
                path, seen = [], {}
                sid = start
                while sid not in seen and sid not in in_cycle:
                    seen[sid] = len(path)
                    path.append(sid)
                    sid = school_points[student_points[sid]]
                if sid in seen:  # a new cycle: path[seen[sid]:]
                    in_cycle.update(path[seen[sid]:])
            assert in_cycle
            for sid in in_cycle:
                s = student_points[sid]
                result[sid] = s
                free[s] -= 1
                active.discard(sid)

    # overflow -------------------------------------------------------------------------------------

    def overflow_scope(self, stage, st):
        """(label, [school ids in scope]) of a student, or None when they do not take part."""
        ok = lambda s: s.overflow and stage.passes_filter(s)
        if stage.scope == "zone":
            if self.status[st.id] not in (ELIGIBLE, REDIRECTED):
                return None
            z = self.zones[self.zone[st.id]]
            area = z.parent if (z.kind == "single" and z.parent != "") else z.id
            schools = [s for s in self.zones[area].schools if ok(self.schools[s])]
            return "%s/%s" % (stage.name, area), schools
        if stage.scope == "district":
            schools = [s.id for s in self.schools.values() if s.district == st.district and ok(s)]
            return "%s/%s" % (stage.name, st.district), schools
        return stage.name, [s.id for s in self.schools.values() if ok(s)]

    def dist(self, st, school_id):
        s = self.schools[school_id]
        return distance_m(st.lat, st.lon, s.lat, s.lon)

    def stage_overflow(self, stage):
        scope = {}
        for st in self.open_students(stage):
            sc = self.overflow_scope(stage, st)
            if sc is not None:
                scope[st.id] = sc
        # READING: a student takes part even when no school of their scope takes overflow
        # students (they are then unplaced with no_free_seat, this stage's label and number).
        order = sorted(scope, key=lambda sid: self.order_key(stage, self.students[sid], None, scope[sid][0]))
        for sid in order:
            label = scope[sid][0]
            self.last_overflow[sid] = (stage.name, label, self.number(label, self.students[sid]))
        if stage.method == "nearest_by_lottery":
            for sid in order:
                st = self.students[sid]
                options = [s for s in scope[sid][1] if self.general[s] > 0]
                if not options:
                    if not scope[sid][1]:
                        self.event("overflow_empty_scope")
                    continue
                # READING: "nearest" compares the distance as SPEC §3 defines it, in whole
                # (rounded) metres; equal metres go to the smaller school_id by bytes.
                best = min(options, key=lambda s: (self.dist(st, s), ds.id_key(s)))
                if sum(1 for s in options if self.dist(st, s) == self.dist(st, best)) > 1:
                    self.event("nearest_tie_broken_by_school_id")
                self.place(st, best, stage, scope[sid][0])
                self.general[best] -= 1
        else:
            self.min_total_distance(stage, order, scope)
        return order

    def min_total_distance(self, stage, order, scope):
        schools_in = sorted({s for sid in order for s in scope[sid][1]}, key=ds.id_key)
        free = {s: self.general[s] for s in schools_in}
        options = {sid: [s for s in scope[sid][1] if free[s] > 0] for sid in order}
        # 1. who is kept: in admission order, each one only if everyone kept so far and they can
        #    all still be seated (a maximum flow of students to seats of their own scopes).
        kept = []
        for sid in order:
            trial = kept + [sid]
            if flow_assignment(trial, options, free, None)[0] == len(trial):
                kept.append(sid)
        # 2. an assignment of least total distance (sum of rounded metres) of the kept students
        cost = lambda sid, s: self.dist(self.students[sid], s)
        seated, best_total, best_assign = flow_assignment(kept, options, free, cost)
        assert seated == len(kept)
        chosen = best_assign
        hint = (self.mtd_hint or {}).get(stage.name)
        if hint is not None:
            problem = None
            if set(hint) != set(kept):
                problem = "Paiwei seats %s that the reference does not keep, and leaves out %s that it keeps" % (
                    sorted(set(hint) - set(kept)), sorted(set(kept) - set(hint)))
            else:
                counts = {}
                for sid, s in hint.items():
                    counts[s] = counts.get(s, 0) + 1
                    if s not in options[sid]:
                        problem = "Paiwei sends %s to %s, not a school of their scope with a free seat" % (sid, s)
                if problem is None and any(counts[s] > free.get(s, 0) for s in counts):
                    problem = "Paiwei's assignment exceeds the free seats"
                if problem is None:
                    total = sum(cost(sid, s) for sid, s in hint.items())
                    if total != best_total:
                        problem = "Paiwei's total is %d m, the least total is %d m" % (total, best_total)
            if problem is None:
                chosen = dict(hint)
            else:
                self.notes.append("DIFF min_total_distance stage '%s': %s" % (stage.name, problem))
        self.event("min_total_distance_left_out", len(order) - len(kept))
        if any(order.index(a) > order.index(b) for a in kept for b in order if b not in kept):
            self.event("min_total_distance_kept_after_one_left_out")
        self.notes.append("min_total_distance stage '%s': kept %d of %d, least total %d m"
                          % (stage.name, len(kept), len(order), best_total))
        for sid in kept:
            self.place(self.students[sid], chosen[sid], stage, scope[sid][0])
            self.general[chosen[sid]] -= 1

    # -- warnings (SPEC §3 data rules; messages as docs/data-format.md words them) ------------------

    def warnings_rows(self, dedupe_first=False):
        """(file, line, student_id, message) for skipped preferences and unread choice columns.

        READING: preference warnings are not written for ineligible students (docs/data-format.md;
        the SPEC says "ineligible ones included" only of the choice-column warning). A repeated
        preference is warned as docs/data-format.md says ("listed twice"); the SPEC only says that
        duplicates are dropped.
        """
        read = {s.choice for s in self.policy.stages if s.kind == "single_choice_lottery"}
        rows = []
        for st in sorted(self.students.values(), key=lambda x: x.line):
            for col in ds.CHOICE_COLUMNS:
                v = st.choices[col]
                if v != "" and col not in read:
                    rows.append(("students.csv", st.line, st.id, "%s '%s' skipped: no stage of policy '%s' reads this column"
                                 % (col, v, self.policy.name)))
            if self.status[st.id] == INELIGIBLE:
                continue
            zone = self.zones[self.zone[st.id]]
            seen = []
            for pref in st.preferences:
                if dedupe_first and pref in seen:
                    rows.append(("students.csv", st.line, st.id,
                                 "preference '%s' listed twice; the later one skipped" % pref))
                    continue
                if pref not in zone.schools:
                    if dedupe_first:
                        seen.append(pref)
                    rows.append(("students.csv", st.line, st.id,
                                 "preference '%s' skipped: it does not serve zone '%s'" % (pref, zone.id)))
                elif pref in seen:
                    rows.append(("students.csv", st.line, st.id,
                                 "preference '%s' listed twice; the later one skipped" % pref))
                else:
                    seen.append(pref)
        return rows

    # -- output -----------------------------------------------------------------------------------

    def placements_rows(self):
        rows = []
        for sid in sorted(self.students, key=ds.id_key):
            code = self.code[sid]
            if self.status[sid] == INELIGIBLE:
                rows.append([sid, "ineligible", "", "", "", "", "", code])
            elif sid in self.placed:
                p = self.placed[sid]
                rows.append([sid, "placed", p["school"], p["stage"], "" if p["rank"] is None else str(p["rank"]),
                             p["label"], "%016x" % p["number"], code])
            else:
                last = self.last_overflow.get(sid)
                why = "no_free_seat" if sid in self.took_part else "no_stage"
                reason = (code + ";" + why) if code else why
                if last:
                    rows.append([sid, "unplaced", "", last[0], "", last[1], "%016x" % last[2], reason])
                else:
                    rows.append([sid, "unplaced", "", "", "", "", "", reason])
        return rows


def flow_assignment(students, options, free, cost):
    """Students to schools (one seat each, at most free[s] at school s), by min-cost max-flow.

    Successive shortest paths with Bellman–Ford on the residual graph, one unit at a time: exact
    in integers. With cost None every edge costs 0 (a plain maximum flow).
    Returns (students seated, total cost, {student: school}).
    """
    schools = sorted({s for sid in students for s in options[sid]}, key=ds.id_key)
    nodes = ["source"] + [("st", sid) for sid in students] + [("sc", s) for s in schools] + ["sink"]
    index = {n: i for i, n in enumerate(nodes)}
    graph = [[] for _ in nodes]  # edge: [to, capacity, cost, index of reverse edge]

    def edge(a, b, cap, c):
        graph[a].append([b, cap, c, len(graph[b])])
        graph[b].append([a, 0, -c, len(graph[a]) - 1])

    for sid in students:
        edge(0, index[("st", sid)], 1, 0)
        for s in options[sid]:
            edge(index[("st", sid)], index[("sc", s)], 1, 0 if cost is None else cost(sid, s))
    for s in schools:
        edge(index[("sc", s)], len(nodes) - 1, free[s], 0)
    seated, total = 0, 0
    sink = len(nodes) - 1
    while True:
        dist = [None] * len(nodes)
        prev = [None] * len(nodes)
        dist[0] = 0
        for _ in range(len(nodes)):
            changed = False
            for a in range(len(nodes)):
                if dist[a] is None:
                    continue
                for k, (b, cap, c, _r) in enumerate(graph[a]):
                    if cap > 0 and (dist[b] is None or dist[a] + c < dist[b]):
                        dist[b] = dist[a] + c
                        prev[b] = (a, k)
                        changed = True
            if not changed:
                break
        if dist[sink] is None:
            break
        node = sink
        while node != 0:
            a, k = prev[node]
            graph[a][k][1] -= 1
            b, _cap, _c, r = graph[a][k]
            graph[b][r][1] += 1
            node = a
        seated += 1
        total += dist[sink]
    assign = {}
    for sid in students:
        for b, cap, c, _r in graph[index[("st", sid)]]:
            if nodes[b] != "source" and cap == 0 and nodes[b][0] == "sc":
                assign[sid] = nodes[b][1]
    return seated, total, assign


def csv_cell(v: str) -> str:
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


HEADER = ["student_id", "outcome", "school_id", "stage", "preference_rank", "lottery_label",
          "lottery_number", "reason"]


def read_hint(path, policy):
    """Paiwei's min_total_distance assignments: stage name -> {student: school}."""
    mtd = {s.name for s in policy.stages if s.kind == "overflow" and s.method == "min_total_distance"}
    hint = {name: {} for name in mtd}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["outcome"] == "placed" and row["stage"] in mtd:
                hint[row["stage"]][row["student_id"]] = row["school_id"]
    return hint


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--policy", required=True, help="a policy JSON file")
    ap.add_argument("--seed", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--mtd-hint")
    args = ap.parse_args(argv)
    lottery_self_test()

    problems = ds.Problems()
    seed_hex = args.seed
    if len(seed_hex) != 64 or any(c not in "0123456789abcdefABCDEF" for c in seed_hex):
        print("reference: --seed must be 64 hexadecimal digits", file=sys.stderr)
        return 2
    policy = None
    try:
        with open(args.policy, "rb") as f:
            policy = parse_policy(f.read())
    except PolicyError as e:
        problems.add(os.path.basename(args.policy), str(e))
    data = ds.load(args.data, problems)
    if not problems and policy is not None:
        check_policy_rules(data, policy, problems)
    if problems:
        for p in problems.items:
            print(p, file=sys.stderr)
        print("reference: %d problems in the input" % len(problems.items), file=sys.stderr)
        return 2

    hint = read_hint(args.mtd_hint, policy) if args.mtd_hint else None
    engine = Engine(data, policy, bytes.fromhex(seed_hex), hint)
    engine.run()

    os.makedirs(args.out, exist_ok=False)
    buf = io.StringIO()
    for row in [HEADER] + engine.placements_rows():
        buf.write(",".join(csv_cell(c) for c in row) + "\n")
    with open(os.path.join(args.out, "placements.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    with open(os.path.join(args.out, "warnings.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("file,line,student_id,message\n")
        for row in engine.warnings_rows():
            f.write(",".join(csv_cell(str(c)) for c in row) + "\n")
    # the other reading of repeated out-of-zone preferences, so the driver can name the difference
    with open(os.path.join(args.out, "warnings-dedupe-first.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("file,line,student_id,message\n")
        for row in engine.warnings_rows(dedupe_first=True):
            f.write(",".join(csv_cell(str(c)) for c in row) + "\n")
    cut = {}
    for stage in policy.stages:
        if stage.kind == "overflow":
            continue
        for sid, rec in engine.lotteries.get(stage.name, {}).items():
            row = {"applicants": str(rec["applicants"])}
            if rec["refused"] and rec["last"] is not None:
                key, st, label = rec["last"]
                if stage.kind == "multi_zone" and stage.mechanism == "immediate_acceptance":
                    row["cutoff_round"] = str(key[0])
                    key = key[1:]
                tier = key[0]
                row["cutoff_tier"] = stage.priority[tier] if tier < len(stage.priority) else "none"
                row["cutoff_number"] = "%016x" % key[2]
                if stage.kind == "multi_zone":
                    row["cutoff_lottery"] = label
            cut.setdefault(stage.name, {})[sid] = row
    with open(os.path.join(args.out, "lotteries.json"), "w", encoding="utf-8") as f:
        json.dump(cut, f, ensure_ascii=False, indent=1, sort_keys=True)
    seats_taken = {s: 0 for s in data.schools}
    for p in engine.placed.values():
        seats_taken[p["school"]] += 1
    with open(os.path.join(args.out, "admitted.json"), "w", encoding="utf-8") as f:
        od = {}
        for sid, pl in engine.placed.items():
            if pl["stage"] in {x.name for x in policy.stages if x.kind == "overflow"}:
                d = engine.dist(data.students[sid], pl["school"])
                for key in (pl["stage"], ""):
                    n, tot, mx = od.get(key, (0, 0, 0))
                    od[key] = (n + 1, tot + d, max(mx, d))
        json.dump({"admitted": engine.admitted, "overflow_distance": od,
                   "seats_left": {s: data.schools[s].capacity - seats_taken[s] for s in data.schools}},
                  f, ensure_ascii=False, indent=1, sort_keys=True)
    for st in data.students.values():
        engine.event("screening_" + (engine.code[st.id] or "eligible"))
        if st.family_id:
            engine.event("student_with_family_id")
    with open(os.path.join(args.out, "notes.txt"), "w", encoding="utf-8") as f:
        for n in engine.notes:
            f.write(n + "\n")
        for k in sorted(engine.events):
            f.write("EVENT %s %d\n" % (k, engine.events[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
