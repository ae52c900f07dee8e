import PaiweiCore
/// Where everything of a dataset falls on one map frame: the projection fitted to every school and
/// home, each school's and each home's point, and the zones as regions of a coarse grid. Computed once
/// per frame size and shared by every map of that size on a page (the small multiples of a forecast).
struct DistrictGeometry: Sendable {
    let projection: MapProjection
    /// Per school, nil without coordinates.
    let schools: [MapPoint?]
    /// Per student, nil without coordinates.
    let homes: [MapPoint?]
    /// Per student, their residence zone (`zone_id` of `students.csv`).
    let homeZones: [Int]
    let zones: ZoneRegions
    /// Schools and homes without coordinates: drawn nowhere, said under the map.
    let schoolsWithoutLocation: Int
    let homesWithoutLocation: Int

    /// nil when nothing of the dataset has coordinates.
    init?(dataset: Dataset, maxWidth: Int, maxHeight: Int, margin: Int = 14) {
        let coordinates = dataset.schools.compactMap(\.location) + dataset.students.compactMap(\.location)
        guard let projection = MapProjection(fitting: coordinates, maxWidth: maxWidth, maxHeight: maxHeight, margin: margin) else { return nil }
        self.projection = projection
        schools = dataset.schools.map { $0.location.map(projection.point) }
        homes = dataset.students.map { $0.location.map(projection.point) }
        homeZones = dataset.students.map(\.zone)
        schoolsWithoutLocation = schools.count { $0 == nil }
        homesWithoutLocation = homes.count { $0 == nil }
        zones = ZoneRegions(homes: homes, homeZones: homeZones, zones: dataset.zones, width: projection.width, height: projection.height)
    }

    var width: Int { projection.width }
    var height: Int { projection.height }
}
