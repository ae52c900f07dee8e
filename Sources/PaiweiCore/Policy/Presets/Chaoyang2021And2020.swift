/// 朝阳区2021年义务教育阶段入学工作实施意见 (seed 002) and the 2020 opinion in the Chaoyang 2020
/// government bulletin (seed 004): the same routes as 2023, with "①全区范围内公办初中校" and
/// "②一般公办初中校" as the two first-batch choices, and in 2020 priority for the children of
/// front-line medical workers ("对疫情防控一线医务人员子女……优先安排保障").
extension PolicyPreset {
    static let chaoyang2021MiddleSource = """
    {
      "name": "chaoyang-2021-middle", "level": "middle", "year": 2021,
      "screening": {
        "address_lock_years": 3,
        "redirect_to_parent": [{"property_date_after": "2017-06-30"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"]},
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "single_choice_lottery", "name": "district-wide", "choice": "group1_choice", "school_filter": {"kind": "public", "lottery_group": 1}, "pool": "batch1"},
        {"kind": "single_choice_lottery", "name": "general-public", "choice": "group2_choice", "school_filter": {"kind": "public", "lottery_group": 2}, "pool": "batch1"},
        {"kind": "feeder", "name": "feeder", "priority": ["disabled", "care"]},
        {"kind": "single_zone", "name": "single-zone", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "zone-coordination", "scope": "zone"},
        {"kind": "overflow", "name": "overflow", "scope": "district"}
      ]
    }
    """

    static let chaoyang2021PrimarySource = """
    {
      "name": "chaoyang-2021-primary", "level": "primary", "year": 2021,
      "screening": {
        "birth_date_cutoff": "2015-08-31",
        "address_lock_years": 6,
        "redirect_to_parent": [{"property_date_after": "2017-06-30"}, {"housing": "rented"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"]},
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "single_zone", "name": "single-zone", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "zone-coordination", "scope": "zone"},
        {"kind": "overflow", "name": "overflow", "scope": "district"}
      ]
    }
    """

    static let chaoyang2020MiddleSource = """
    {
      "name": "chaoyang-2020-middle", "level": "middle", "year": 2020,
      "screening": {
        "address_lock_years": 3,
        "redirect_to_parent": [{"property_date_after": "2017-06-30"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"]},
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "single_choice_lottery", "name": "district-wide", "choice": "group1_choice", "school_filter": {"kind": "public", "lottery_group": 1}, "pool": "batch1"},
        {"kind": "single_choice_lottery", "name": "general-public", "choice": "group2_choice", "school_filter": {"kind": "public", "lottery_group": 2}, "pool": "batch1"},
        {"kind": "feeder", "name": "feeder", "priority": ["care:medical_frontline", "disabled", "care"]},
        {"kind": "single_zone", "name": "single-zone", "priority": ["care:medical_frontline", "disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["care:medical_frontline", "disabled", "care"]},
        {"kind": "overflow", "name": "zone-coordination", "scope": "zone", "priority": ["care:medical_frontline"]},
        {"kind": "overflow", "name": "overflow", "scope": "district", "priority": ["care:medical_frontline"]}
      ]
    }
    """

    static let chaoyang2020PrimarySource = """
    {
      "name": "chaoyang-2020-primary", "level": "primary", "year": 2020,
      "screening": {
        "birth_date_cutoff": "2014-08-31",
        "address_lock_years": 6,
        "redirect_to_parent": [{"property_date_after": "2017-06-30"}, {"housing": "rented"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}, "priority": ["in_district"]},
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "single_zone", "name": "single-zone", "priority": ["care:medical_frontline", "disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["care:medical_frontline", "disabled", "care"]},
        {"kind": "overflow", "name": "zone-coordination", "scope": "zone", "priority": ["care:medical_frontline"]},
        {"kind": "overflow", "name": "overflow", "scope": "district", "priority": ["care:medical_frontline"]}
      ]
    }
    """
}
