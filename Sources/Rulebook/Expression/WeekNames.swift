/// `week(t)`'s text (`2026-W47`) by local day, remembered: an export's cases fall on a few
/// hundred days, and every case keys a weekly group. A direct-mapped table of 1,024 days: a day
/// missing from it (or pushed out by another 1,024 days later) is computed again, the same text.
/// One per `EvaluationContext`, so one thread's.
final class WeekNames {
    private static let size = 1024
    /// The local day (days since 1970-01-01) each entry holds; `Int64.min`: none.
    // One thread's (its context's): the run-time exclusivity check would cost more than the
    // look-up.
    @exclusivity(unchecked) private var days = [Int64](repeating: .min, count: WeekNames.size)
    @exclusivity(unchecked) private var texts = [String](repeating: "", count: WeekNames.size)

    /// The ISO week of `t`'s local date (`t` put at the zone it is read in).
    func week(of t: Timestamp) -> String {
        let s = t.localSeconds
        let day = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let i = Int(truncatingIfNeeded: UInt64(bitPattern: day) & UInt64(WeekNames.size - 1))
        return days.withUnsafeMutableBufferPointer { days in
            texts.withUnsafeMutableBufferPointer { texts in
                if days[i] == day { return texts[i] }
                let text = ExpressionCompiler.isoWeek(CivilDate(daysSinceEpoch: day))
                days[i] = day
                texts[i] = text
                return text
            }
        }
    }
}
