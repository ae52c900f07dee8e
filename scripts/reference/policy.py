"""SPEC §3: the policy JSON — a strict reader of the full model, with its defaults.

Unknown fields and values are errors, so are a key given twice, an empty list where "a value or a
list of values" is expected, and an empty `stages` list. Fields per stage kind follow SPEC §3 and
`paiwei policy show` (docs/policy.md):

* every kind: kind, name, school_filter, priority, order (order: revision of 2026-12-01);
* all but overflow: losers, families;
* single_choice_lottery: choice (required), pool;
* multi_zone: mechanism, tie_break, choices_per_round (only with parallel);
* overflow: method, scope, and `objective`. `objective` is not in the SPEC: `paiwei policy show`
  writes `"objective": "total"` on every overflow stage, so the reference accepts that value (and
  only that; docs' `max_then_total` is outside the contract this implementation checks).
"""

import json
from dataclasses import dataclass, field

from dataset import CARE, HOUSING, HUKOU, SCHOOL_KINDS, CHOICE_COLUMNS, parse_date

STAGE_KINDS = ("single_choice_lottery", "feeder", "single_zone", "multi_zone", "overflow")
MECHANISMS = ("immediate_acceptance", "deferred_acceptance", "parallel", "top_trading_cycles")
RULE_NAMES = ("disabled", "care", "in_district", "feeder", "zone", "sibling")
OVERFLOW_RULES = ("disabled", "care")


class PolicyError(Exception):
    pass


@dataclass
class Rule:
    """A student rule of screening: all keys given must hold."""
    after: str = None
    before: str = None
    missing: bool = None
    housing: list = None
    hukou: list = None

    def matches(self, st) -> bool:
        if self.after is not None and not (st.property_date != "" and st.property_date > self.after):
            return False
        if self.before is not None and not (st.property_date != "" and st.property_date < self.before):
            return False
        if self.missing is not None and (st.property_date == "") != self.missing:
            return False
        if self.housing is not None and st.housing not in self.housing:
            return False
        if self.hukou is not None and st.hukou not in self.hukou:
            return False
        return True


@dataclass
class Stage:
    kind: str
    name: str
    school_filter_kind: list = None  # None: any
    school_filter_group: list = None
    priority: list = field(default_factory=list)
    order: str = "lottery"
    losers: str = "continue"
    families: str = "separate"
    choice: str = None
    pool: str = "general"
    mechanism: str = "immediate_acceptance"
    tie_break: str = "single"
    choices_per_round: int = None
    method: str = "nearest_by_lottery"
    scope: str = "district"

    def passes_filter(self, school) -> bool:
        if self.school_filter_kind is not None and school.kind not in self.school_filter_kind:
            return False
        if self.school_filter_group is not None and school.lottery_group not in self.school_filter_group:
            return False
        return True


@dataclass
class Policy:
    name: str = ""
    level: str = "middle"
    year: int = 0
    nonlocal_requires_review: bool = True
    ineligible_housing: list = field(default_factory=lambda: ["passage", "basement", "garage", "nominal"])
    birth_date_cutoff: str = None
    address_lock_years: int = 0
    no_zone_right: list = field(default_factory=list)
    redirect_to_parent: list = field(default_factory=list)
    stages: list = field(default_factory=list)


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise PolicyError("key '%s' given twice in one object" % k)
    return dict(pairs)


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _one_or_list(v, allowed, what):
    """A value or a non-empty list of values, each in `allowed`."""
    items = v if isinstance(v, list) else [v]
    if isinstance(v, list) and not v:
        raise PolicyError("%s: an empty list matches nothing" % what)
    for x in items:
        if isinstance(x, bool) or x not in allowed:
            raise PolicyError("%s: %r is not one of %s" % (what, x, allowed))
    return list(items)


def _check_keys(obj, allowed, what):
    if not isinstance(obj, dict):
        raise PolicyError("%s: not an object" % what)
    for k in obj:
        if k not in allowed:
            raise PolicyError("%s.%s: unknown field" % (what, k))


def _rule(obj, what):
    _check_keys(obj, ("property_date_after", "property_date_before", "property_date_missing",
                      "housing", "hukou"), what)
    r = Rule()
    for key, attr in (("property_date_after", "after"), ("property_date_before", "before")):
        if key in obj:
            v = obj[key]
            if not isinstance(v, str) or not parse_date(v)[0]:
                raise PolicyError("%s.%s: not a date" % (what, key))
            setattr(r, attr, v)
    if "property_date_missing" in obj:
        if not isinstance(obj["property_date_missing"], bool):
            raise PolicyError("%s.property_date_missing: not a boolean" % what)
        r.missing = obj["property_date_missing"]
    if "housing" in obj:
        r.housing = _one_or_list(obj["housing"], HOUSING, what + ".housing")
    if "hukou" in obj:
        r.hukou = _one_or_list(obj["hukou"], HUKOU, what + ".hukou")
    return r


def _rules(v, what):
    if not isinstance(v, list):
        raise PolicyError("%s: not a list" % what)
    return [_rule(x, "%s[%d]" % (what, i)) for i, x in enumerate(v)]


def _priority(v, kind, what):
    if not isinstance(v, list):
        raise PolicyError("%s: not a list" % what)
    out = []
    for i, r in enumerate(v):
        if not isinstance(r, str):
            raise PolicyError("%s[%d]: not a text" % (what, i))
        base = r
        if r.startswith("care:"):
            if r[5:] not in CARE:
                raise PolicyError("%s[%d]: unknown care category" % (what, i))
            base = "care"
        elif r not in RULE_NAMES:
            raise PolicyError("%s[%d]: '%s' is not a priority rule" % (what, i, r))
        if kind == "overflow" and base not in OVERFLOW_RULES:
            raise PolicyError("%s[%d]: '%s' cannot order an overflow stage" % (what, i, r))
        if r in out:
            raise PolicyError("%s[%d]: '%s' listed twice" % (what, i, r))
        out.append(r)
    return out


COMMON = ("kind", "name", "school_filter", "priority", "order")
PER_KIND = {
    "single_choice_lottery": COMMON + ("losers", "families", "choice", "pool"),
    "feeder": COMMON + ("losers", "families"),
    "single_zone": COMMON + ("losers", "families"),
    "multi_zone": COMMON + ("losers", "families", "mechanism", "tie_break", "choices_per_round"),
    "overflow": COMMON + ("method", "scope", "objective"),
}


def _enum(obj, key, values, default, what):
    if key not in obj:
        return default
    v = obj[key]
    if not isinstance(v, str) or v not in values:
        raise PolicyError("%s.%s: %r is not one of %s" % (what, key, v, values))
    return v


def _stage(obj, index):
    what = "stages[%d]" % index
    if not isinstance(obj, dict) or "kind" not in obj:
        raise PolicyError("%s: needs a kind" % what)
    kind = obj["kind"]
    if kind not in STAGE_KINDS:
        raise PolicyError("%s.kind: unknown kind %r" % (what, kind))
    _check_keys(obj, PER_KIND[kind], what)
    st = Stage(kind=kind, name=kind)
    if "name" in obj:
        if not isinstance(obj["name"], str) or obj["name"] == "" or "/" in obj["name"]:
            raise PolicyError("%s.name: must be a non-empty text without '/'" % what)
        st.name = obj["name"]
    sf = obj.get("school_filter", {})
    _check_keys(sf, ("kind", "lottery_group"), what + ".school_filter")
    if "kind" in sf:
        st.school_filter_kind = _one_or_list(sf["kind"], SCHOOL_KINDS, what + ".school_filter.kind")
    if "lottery_group" in sf:
        st.school_filter_group = _one_or_list(sf["lottery_group"], (1, 2), what + ".school_filter.lottery_group")
    st.priority = _priority(obj.get("priority", []), kind, what + ".priority")
    st.order = _enum(obj, "order", ("lottery", "points_then_lottery"), "lottery", what)
    if kind != "overflow":
        st.losers = _enum(obj, "losers", ("continue", "overflow_only"), "continue", what)
        st.families = _enum(obj, "families", ("separate", "together"), "separate", what)
    if kind == "single_choice_lottery":
        if "choice" not in obj:
            raise PolicyError("%s.choice: required" % what)
        st.choice = _enum(obj, "choice", CHOICE_COLUMNS, None, what)
        st.pool = _enum(obj, "pool", ("general", "batch1"), "general", what)
    if kind == "multi_zone":
        st.mechanism = _enum(obj, "mechanism", MECHANISMS, "immediate_acceptance", what)
        st.tie_break = _enum(obj, "tie_break", ("single", "multiple"), "single", what)
        if st.mechanism == "parallel":
            v = obj.get("choices_per_round")
            if not _is_int(v) or v < 1:
                raise PolicyError("%s.choices_per_round: required with parallel, a whole number >= 1" % what)
            st.choices_per_round = v
        elif "choices_per_round" in obj:
            raise PolicyError("%s.choices_per_round: only with mechanism parallel" % what)
        if st.families == "together" and st.mechanism != "immediate_acceptance":
            raise PolicyError("%s.families: 'together' works with immediate_acceptance only" % what)
    if kind == "overflow":
        st.method = _enum(obj, "method", ("nearest_by_lottery", "min_total_distance"), "nearest_by_lottery", what)
        st.scope = _enum(obj, "scope", ("zone", "district", "all"), "district", what)
        _enum(obj, "objective", ("total",), "total", what)
    return st


def parse_policy(raw: bytes) -> Policy:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
        doc = json.loads(text, object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError) as e:
        if isinstance(e, PolicyError):
            raise
        raise PolicyError("not UTF-8 JSON: %s" % e)
    _check_keys(doc, ("name", "level", "year", "screening", "stages"), "policy")
    p = Policy()
    if "name" in doc:
        if not isinstance(doc["name"], str):
            raise PolicyError("name: not a text")
        p.name = doc["name"]
    p.level = _enum(doc, "level", ("primary", "middle"), "middle", "policy")
    if "year" not in doc or not _is_int(doc["year"]) or doc["year"] < 1:
        raise PolicyError("year: required, a whole number >= 1")
    p.year = doc["year"]
    sc = doc.get("screening", {})
    _check_keys(sc, ("nonlocal_requires_review", "ineligible_housing", "birth_date_cutoff",
                     "address_lock_years", "no_zone_right", "redirect_to_parent"), "screening")
    if "nonlocal_requires_review" in sc:
        if not isinstance(sc["nonlocal_requires_review"], bool):
            raise PolicyError("screening.nonlocal_requires_review: not a boolean")
        p.nonlocal_requires_review = sc["nonlocal_requires_review"]
    if "ineligible_housing" in sc:
        v = sc["ineligible_housing"]
        if not isinstance(v, list) or any(x not in HOUSING for x in v):
            raise PolicyError("screening.ineligible_housing: a list of housing values")
        p.ineligible_housing = list(v)
    if sc.get("birth_date_cutoff") is not None:
        v = sc["birth_date_cutoff"]
        if not isinstance(v, str) or not parse_date(v)[0]:
            raise PolicyError("screening.birth_date_cutoff: a date or null")
        p.birth_date_cutoff = v
    if "address_lock_years" in sc:
        v = sc["address_lock_years"]
        if not _is_int(v) or v < 0:
            raise PolicyError("screening.address_lock_years: a whole number >= 0")
        p.address_lock_years = v
    p.no_zone_right = _rules(sc.get("no_zone_right", []), "screening.no_zone_right")
    p.redirect_to_parent = _rules(sc.get("redirect_to_parent", []), "screening.redirect_to_parent")
    stages = doc.get("stages")
    if not isinstance(stages, list) or not stages:
        raise PolicyError("stages: required, a non-empty list")
    p.stages = [_stage(s, i) for i, s in enumerate(stages)]
    names = [s.name for s in p.stages]
    for n in names:
        if names.count(n) > 1:
            raise PolicyError("stages: name '%s' used twice" % n)
    return p
