/// ISO weekday names as calendar files spell them; index 0 is Monday (ISO 1).
enum Weekday {
    static let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// 1 = Monday … 7 = Sunday, or nil for an unknown name.
    static func isoNumber(_ name: String) -> Int? {
        names.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    /// `星期一` for ISO 1.
    static func zhName(_ iso: Int) -> String { "星期" + ["一", "二", "三", "四", "五", "六", "日"][iso - 1] }

    /// `Monday` for ISO 1.
    static func displayName(_ iso: Int) -> String {
        let n = names[iso - 1]
        return n.prefix(1).uppercased() + n.dropFirst()
    }
}
