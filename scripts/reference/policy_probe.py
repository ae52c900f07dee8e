#!/usr/bin/env python3
"""Policy-reader probe: hand-written policy variants (valid and invalid by SPEC §3) through both
`paiwei place` and the reference on one tiny dataset; compares refusal, then placements.csv.

    policy_probe.py PAIWEI_BINARY
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SCHOOLS = "school_id,kind,capacity,lottery_group,batch1_seats,lat,lon\nA,public,1,1,1,39.9,116.4\nB,private,1,,0,39.91,116.41\n"
ZONES = "zone_id,kind,schools,parent\nM,multi,A;B,\nS,single,A,M\n"
STUDENTS = ("student_id,zone_id,preferences,private_choice,group1_choice,property_date,lat,lon\n"
            "S1,M,A;B,B,A,2018-01-01,39.9,116.4\nS2,S,A,,A,,39.9,116.4\nS3,S,,B,,2016-01-01,39.9,116.4\n")

ST = '"stages": [{"kind": "single_zone"}]'
VARIANTS = [
    ("minimal", '{"year": 2023, %s}' % ST),
    ("bom", '\ufeff{"year": 2023, %s}' % ST),
    ("year missing", '{%s}' % ST),
    ("year as text", '{"year": "2023", %s}' % ST),
    ("year 0", '{"year": 0, %s}' % ST),
    ("year 2023.0", '{"year": 2023.0, %s}' % ST),
    ("level unknown", '{"year": 2023, "level": "high", %s}' % ST),
    ("unknown top-level field", '{"year": 2023, "version": 1, %s}' % ST),
    ("duplicate top-level key", '{"year": 2023, "year": 2024, %s}' % ST),
    ("duplicate nested key", '{"year": 2023, "stages": [{"kind": "single_zone", "kind": "single_zone"}]}'),
    ("stages empty", '{"year": 2023, "stages": []}'),
    ("stages missing", '{"year": 2023}'),
    ("trailing comma", '{"year": 2023, %s,}' % ST),
    ("NaN year", '{"year": NaN, %s}' % ST),
    ("screening unknown field", '{"year": 2023, "screening": {"x": 1}, %s}' % ST),
    ("nonlocal_requires_review as text", '{"year": 2023, "screening": {"nonlocal_requires_review": "yes"}, %s}' % ST),
    ("ineligible_housing empty", '{"year": 2023, "screening": {"ineligible_housing": []}, %s}' % ST),
    ("ineligible_housing unknown value", '{"year": 2023, "screening": {"ineligible_housing": ["tent"]}, %s}' % ST),
    ("birth_date_cutoff not a day", '{"year": 2023, "screening": {"birth_date_cutoff": "2017-02-30"}, %s}' % ST),
    ("address_lock_years -1", '{"year": 2023, "screening": {"address_lock_years": -1}, %s}' % ST),
    ("rule {} matches everyone", '{"year": 2023, "screening": {"no_zone_right": [{}]}, %s}' % ST),
    ("rule housing []", '{"year": 2023, "screening": {"no_zone_right": [{"housing": []}]}, %s}' % ST),
    ("rule hukou unknown", '{"year": 2023, "screening": {"no_zone_right": [{"hukou": "foreign"}]}, %s}' % ST),
    ("rule unknown key", '{"year": 2023, "screening": {"redirect_to_parent": [{"owner": true}]}, %s}' % ST),
    ("rule property_date_missing false", '{"year": 2023, "screening": {"redirect_to_parent": [{"property_date_missing": false}]}, "stages": [{"kind": "single_zone"}, {"kind": "multi_zone"}]}'),
    ("rule property_date_before", '{"year": 2023, "screening": {"redirect_to_parent": [{"property_date_before": "2017-01-01"}]}, "stages": [{"kind": "single_zone"}, {"kind": "multi_zone"}]}'),
    ("unknown stage kind", '{"year": 2023, "stages": [{"kind": "lottery"}]}'),
    ("stage name empty", '{"year": 2023, "stages": [{"kind": "single_zone", "name": ""}]}'),
    ("stage name with slash", '{"year": 2023, "stages": [{"kind": "single_zone", "name": "a/b"}]}'),
    ("stage names twice (defaults)", '{"year": 2023, "stages": [{"kind": "single_zone"}, {"kind": "single_zone"}]}'),
    ("stage names equivalent but different bytes", '{"year": 2023, "stages": [{"kind": "single_zone", "name": "\u00e9"}, {"kind": "multi_zone", "name": "e\u0301"}]}'),
    ("choice missing", '{"year": 2023, "stages": [{"kind": "single_choice_lottery"}]}'),
    ("choice unknown column", '{"year": 2023, "stages": [{"kind": "single_choice_lottery", "choice": "preferences"}]}'),
    ("pool on multi_zone", '{"year": 2023, "stages": [{"kind": "multi_zone", "pool": "general"}]}'),
    ("losers on overflow", '{"year": 2023, "stages": [{"kind": "overflow", "losers": "continue"}]}'),
    ("families on overflow", '{"year": 2023, "stages": [{"kind": "overflow", "families": "separate"}]}'),
    ("together with deferred acceptance", '{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "deferred_acceptance", "families": "together"}]}'),
    ("together with immediate acceptance", '{"year": 2023, "stages": [{"kind": "multi_zone", "families": "together"}]}'),
    ("choices_per_round with immediate", '{"year": 2023, "stages": [{"kind": "multi_zone", "choices_per_round": 1}]}'),
    ("priority unknown rule", '{"year": 2023, "stages": [{"kind": "single_zone", "priority": ["rich"]}]}'),
    ("priority care:unknown", '{"year": 2023, "stages": [{"kind": "single_zone", "priority": ["care:vip"]}]}'),
    ("priority listed twice", '{"year": 2023, "stages": [{"kind": "single_zone", "priority": ["care", "care"]}]}'),
    ("priority zone on overflow", '{"year": 2023, "stages": [{"kind": "overflow", "priority": ["zone"]}]}'),
    ("priority care:martyr on overflow", '{"year": 2023, "stages": [{"kind": "overflow", "priority": ["care:martyr"]}]}'),
    ("filter kind []", '{"year": 2023, "stages": [{"kind": "single_zone", "school_filter": {"kind": []}}]}'),
    ("filter lottery_group 3", '{"year": 2023, "stages": [{"kind": "single_zone", "school_filter": {"lottery_group": 3}}]}'),
    ("filter lottery_group as text", '{"year": 2023, "stages": [{"kind": "single_zone", "school_filter": {"lottery_group": "1"}}]}'),
    ("filter unknown key", '{"year": 2023, "stages": [{"kind": "single_zone", "school_filter": {"district": "x"}}]}'),
    ("filter kind list", '{"year": 2023, "stages": [{"kind": "single_zone", "school_filter": {"kind": ["public", "private"]}}]}'),
    ("overflow objective total", '{"year": 2023, "stages": [{"kind": "overflow", "objective": "total"}]}'),
    ("overflow objective max_then_total (not in SPEC)", '{"year": 2023, "stages": [{"kind": "overflow", "method": "min_total_distance", "objective": "max_then_total"}]}'),
    ("batch1 pool", '{"year": 2023, "stages": [{"kind": "single_choice_lottery", "choice": "group1_choice", "pool": "batch1", "school_filter": {"lottery_group": 1}}, {"kind": "multi_zone"}]}'),
    ("choice failing the filter", '{"year": 2023, "stages": [{"kind": "single_choice_lottery", "choice": "private_choice", "school_filter": {"kind": "public"}}]}'),
    ("choice column no stage reads", '{"year": 2023, "stages": [{"kind": "multi_zone"}]}'),
]


def main():
    paiwei = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "data")
    os.makedirs(data)
    for name, text in (("schools.csv", SCHOOLS), ("zones.csv", ZONES), ("students.csv", STUDENTS)):
        with open(os.path.join(data, name), "w") as f:
            f.write(text)
    seed = "5a" * 32
    differ = 0
    for i, (name, text) in enumerate(VARIANTS):
        pol = os.path.join(tmp, "p%d.json" % i)
        with open(pol, "w", encoding="utf-8") as f:
            f.write(text)
        po, ro = os.path.join(tmp, "po%d" % i), os.path.join(tmp, "ro%d" % i)
        p = subprocess.run([paiwei, "place", "--data", data, "--policy", pol, "--seed", seed, "--out", po],
                           capture_output=True, text=True)
        r = subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), "--data", data, "--policy", pol,
                            "--seed", seed, "--out", ro], capture_output=True, text=True)
        verdict = "same"
        if (p.returncode == 0) != (r.returncode == 0):
            verdict = "DIFF refusal"
        elif p.returncode == 0:
            with open(os.path.join(po, "placements.csv"), "rb") as f1, open(os.path.join(ro, "placements.csv"), "rb") as f2:
                if f1.read() != f2.read():
                    verdict = "DIFF placements"
        differ += verdict != "same"
        first = lambda s: (s.strip().split("\n") or [""])[0][:110]
        print("%-50s paiwei %d  reference %d  %s" % (name, p.returncode, r.returncode, verdict))
        if verdict != "same":
            print("    paiwei:    " + first(p.stderr))
            print("    reference: " + first(r.stderr))
    shutil.rmtree(tmp)
    print("%d policy variants: %d differ" % (len(VARIANTS), differ))


if __name__ == "__main__":
    main()
