/// 2023年吉林市义务教育招生入学工作通知 (seed 003): "每名新生只能在公办、民办学校之间选择其中一类报名，
/// 不可兼报" (public or private, not both: a private-lottery loser is only coordinated); the zone right needs
/// "与户籍相一致的房产证……住房登记时间在2020年8月31日之前" (no certificate, or one after 2020-08-31:
/// no zone right); "对户籍情况、住房情况、实际居住情况等审验不合格的新生和未被民办学校录取的新生，统筹安排到
/// 有空余学位的公办学校" (failing the housing review is not exclusion: coordination to a public school with
/// free seats); private schools recruit in their region first (in_district).
extension PolicyPreset {
    static let jilin2023PrimarySource = """
    {
      "name": "jilin-2023-primary", "level": "primary", "year": 2023,
      "screening": {
        "ineligible_housing": [],
        "birth_date_cutoff": "2017-08-31",
        "no_zone_right": [
          {"property_date_after": "2020-08-31"},
          {"property_date_missing": true},
          {"housing": ["passage", "basement", "garage", "nominal"]}
        ]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"], "losers": "overflow_only"},
        {"kind": "single_zone", "name": "school-district", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "coordination", "scope": "district", "school_filter": {"kind": "public"}, "priority": ["disabled"]}
      ]
    }
    """

    static let jilin2023MiddleSource = """
    {
      "name": "jilin-2023-middle", "level": "middle", "year": 2023,
      "screening": {
        "ineligible_housing": [],
        "no_zone_right": [
          {"property_date_after": "2020-08-31"},
          {"property_date_missing": true},
          {"housing": ["passage", "basement", "garage", "nominal"]}
        ]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"], "losers": "overflow_only"},
        {"kind": "feeder", "name": "feeder", "priority": ["disabled", "care"]},
        {"kind": "single_zone", "name": "school-district", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "coordination", "scope": "district", "school_filter": {"kind": "public"}, "priority": ["disabled"]}
      ]
    }
    """
}
