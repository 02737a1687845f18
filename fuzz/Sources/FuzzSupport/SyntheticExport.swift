import Foundation
@testable import Rulebook

/// A small export made up for any policy, so that a fuzzed policy is not only compiled but
/// run (`eval --rejects` style): a header of its field names, then five rows — values at one
/// instant; values spread over weeks (deadlines met and breached, steps before their start);
/// every value unset; and two rows of extremes (years 1 and 9999, 15-digit amounts and
/// integers), which a policy must reject or survive, never trap on. The people are in the S1
/// roster. A last column no field reads keeps every line non-blank (a policy without fields
/// still gets rows).
public enum SyntheticExport {
    enum Row: Int, CaseIterable { case instant, spread, unset, earliest, latest }

    public static func csv(for policy: Policy) -> [UInt8] {
        var text = (policy.fields.map { quote($0.name) } + ["备注 (unread)"]).joined(separator: ",") + "\n"
        for (n, row) in Row.allCases.enumerated() {
            text += (policy.fields.enumerated().map { i, f in quote(value(f, index: i, row: row)) } + ["row \(n + 2)"])
                .joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }

    private static func value(_ f: FieldDecl, index i: Int, row: Row) -> String {
        switch (f.kind, row) {
        case (_, .unset): return ""
        case (.string, _): return String(format: "2609-%02d", row.rawValue + 1)  // also a case number (S2's pattern)
        case (.integer, .instant): return "7"
        case (.integer, .spread): return "2000"
        case (.integer, _): return "999999999999999"
        case (.decimal, .instant): return "0.5"
        case (.decimal, .spread): return "3.25"
        case (.decimal, _): return "999999999999999"
        case (.money, .instant): return "12.50"
        case (.money, .spread): return "999.99"
        case (.money, _): return "999999999999999"
        case (.timestamp, .instant): return "2026-09-07 09:00"
        case (.timestamp, .spread): return String(format: "2026-09-%02d %02d:%02d", 7 + i % 20, 8 + i % 10, i % 2 * 45)
        case (.timestamp, .earliest): return "0001-01-01 00:00"
        case (.timestamp, _): return "9999-12-31 23:59"
        case (.date, .instant): return "2026-09-07"
        case (.date, .spread): return String(format: "2026-10-%02d", 1 + i % 28)
        case (.date, .earliest): return "0001-01-01"
        case (.date, _): return "9999-12-31"
        case (.boolean, _): return row == .spread ? "否" : "true"
        case (.enum, .spread): return (f.labels.first?.label ?? f.values.last) ?? ""
        case (.enum, _): return f.values.first ?? ""
        case (.person, _): return row == .spread ? "李明" : "王芳"
        case (.department, _): return row == .spread ? "营销部" : "品管部"
        }
    }

    private static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
