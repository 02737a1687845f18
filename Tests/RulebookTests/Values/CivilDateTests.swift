import Testing
@testable import Rulebook

/// Days since the epoch read from the months' table agree with Hinnant's arithmetic, inside
/// the table's years, at its edges and outside them, and go back to the same dates.
@Suite struct CivilDateTests {
    @Test func tableAgreesWithArithmetic() {
        var days = CivilDate(year: 1898, month: 12, day: 1)!.daysSinceEpoch
        let end = CivilDate(year: 2201, month: 3, day: 1)!.daysSinceEpoch
        var checked = 0
        while days <= end {
            let d = CivilDate(daysSinceEpoch: days)
            #expect(d.daysSinceEpoch == days)
            #expect(CivilDate.daysFromCivil(year: d.year, month: d.month, day: d.day) == days)
            days += 1
            checked += 1
        }
        #expect(checked > 110_000)
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CivilDate(year: 2026, month: 12, day: 1)!.daysSinceEpoch == 20_788)
        #expect(CivilDate(year: 1, month: 1, day: 1)!.daysSinceEpoch == -719_162)
        #expect(CivilDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch == 2_932_896)
    }
}
