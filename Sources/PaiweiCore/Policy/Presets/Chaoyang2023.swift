/// 朝阳区2023年义务教育阶段入学工作实施意见 (seed 000).
extension PolicyPreset {
    /// Exactly the example of SPEC §3.
    static let chaoyang2023MiddleSource = """
    {
      "name": "chaoyang-2023-middle", "level": "middle", "year": 2023,
      "screening": {
        "nonlocal_requires_review": true,
        "ineligible_housing": ["passage", "basement", "garage", "nominal"],
        "birth_date_cutoff": null,
        "address_lock_years": 3,
        "no_zone_right": [],
        "redirect_to_parent": [{"property_date_after": "2017-06-30"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"]},
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "single_choice_lottery", "name": "group1", "choice": "group1_choice", "school_filter": {"kind": "public", "lottery_group": 1}, "pool": "batch1"},
        {"kind": "single_choice_lottery", "name": "group2", "choice": "group2_choice", "school_filter": {"kind": "public", "lottery_group": 2}, "pool": "batch1"},
        {"kind": "feeder", "name": "feeder", "priority": ["disabled", "care"]},
        {"kind": "single_zone", "name": "single-zone", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "zone-coordination", "method": "nearest_by_lottery", "scope": "zone"},
        {"kind": "overflow", "name": "overflow", "method": "nearest_by_lottery", "scope": "district"}
      ]
    }
    """

    /// Primary entry: born by 2017-08-31; one seat per address for six years; homes certified after
    /// 2017-06-30 and rented homes are placed by the area (多校划片统筹).
    static let chaoyang2023PrimarySource = """
    {
      "name": "chaoyang-2023-primary", "level": "primary", "year": 2023,
      "screening": {
        "nonlocal_requires_review": true,
        "ineligible_housing": ["passage", "basement", "garage", "nominal"],
        "birth_date_cutoff": "2017-08-31",
        "address_lock_years": 6,
        "no_zone_right": [],
        "redirect_to_parent": [{"property_date_after": "2017-06-30"}, {"housing": "rented"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"]},
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "single_zone", "name": "single-zone", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "zone-coordination", "method": "nearest_by_lottery", "scope": "zone"},
        {"kind": "overflow", "name": "overflow", "method": "nearest_by_lottery", "scope": "district"}
      ]
    }
    """
}
