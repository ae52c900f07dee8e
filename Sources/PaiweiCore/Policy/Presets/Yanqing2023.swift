/// 延庆区2023年义务教育阶段入学工作实施方案 (seed 001): "各乡镇小学毕业生，对口升入所在乡镇中学或
/// 寄宿制学校" (township graduates go straight up: feeders); "城区初中……接收其招生范围内居住的小学毕业生
/// 入学" (city schools take their zone); non-local students "到区教委确定的学校联系就读" (placed by the
/// bureau: no zone right, coordinated); "区教委将根据城区学校学位供给情况采取多校划片的入学方式"
/// (multi-school zones where seats are short).
extension PolicyPreset {
    static let yanqing2023MiddleSource = """
    {
      "name": "yanqing-2023-middle", "level": "middle", "year": 2023,
      "screening": {
        "address_lock_years": 3,
        "no_zone_right": [{"hukou": "nonlocal"}]
      },
      "stages": [
        {"kind": "single_choice_lottery", "name": "boarding", "choice": "boarding_choice", "school_filter": {"kind": "boarding"}},
        {"kind": "feeder", "name": "township", "priority": ["disabled", "care"]},
        {"kind": "single_zone", "name": "city-zone", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "bureau", "scope": "district", "school_filter": {"kind": "public"}, "priority": ["disabled"]}
      ]
    }
    """

    static let yanqing2023PrimarySource = """
    {
      "name": "yanqing-2023-primary", "level": "primary", "year": 2023,
      "screening": {
        "birth_date_cutoff": "2017-08-31",
        "address_lock_years": 6,
        "no_zone_right": [{"hukou": "nonlocal"}]
      },
      "stages": [
        {"kind": "single_zone", "name": "zone", "priority": ["disabled", "care"]},
        {"kind": "multi_zone", "name": "multi-zone", "mechanism": "immediate_acceptance", "tie_break": "single", "priority": ["disabled", "care"]},
        {"kind": "overflow", "name": "bureau", "scope": "district", "school_filter": {"kind": "public"}, "priority": ["disabled"]}
      ]
    }
    """
}
