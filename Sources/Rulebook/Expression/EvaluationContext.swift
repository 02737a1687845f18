/// Working-time arithmetic as expressions need it; `BusinessCalendar` provides it.
protocol WorkCalendar: AnyObject, Sendable {
    var zone: Zone { get }
    /// `start + span` on this calendar's clock (working days keep the time of day).
    func add(_ span: TimeSpan, to start: Timestamp) throws -> Timestamp
    /// The span from `start` to `end` measured on `clock`.
    func measure(from start: Timestamp, to end: Timestamp, on clock: TimeSpan.Clock) throws -> TimeSpan
}

/// Facts about people that expressions may read (`responsible.manager`, `bonus(responsible)`).
protocol PeopleDirectory: Sendable {
    func contains(_ person: String) -> Bool
    func manager(of person: String) -> String?
    func department(of person: String) -> String?
    func basePoints(of person: String) -> Fraction?
    /// The monthly bonus of `person` in `month` (`2026-11`), the one the cap is computed from.
    func bonus(of person: String, month: String) -> Money?
    /// The place of `person` when the directory holds the name as written, byte for byte; nil
    /// for any other name (listed in another normal form, or not listed), which the look-ups
    /// by name answer. The facts below are those of the person at that place.
    func number(of person: String) -> Int?
    func manager(number: Int) -> String?
    func department(number: Int) -> String?
    func basePoints(number: Int) -> Fraction?
    func bonus(number: Int, month: String) -> Money?
}

/// What a deadline came to, readable from later rules as `rule-id.breached` and so on.
struct DeadlineOutcome: Hashable, Sendable {
    enum Status: String, Sendable {
        /// The rule's condition did not hold or its start is unset.
        case notApplicable = "not applicable"
        case met
        case breached
        case pending = "open"
        case overdue
    }
    var status: Status
    var due: Timestamp?
    /// How late, on the rule's own clock, for breached and overdue steps.
    var lateBy: TimeSpan?

    init(status: Status, due: Timestamp? = nil, lateBy: TimeSpan? = nil) {
        self.status = status
        self.due = due
        self.lateBy = lateBy
    }
    static let notApplicable = DeadlineOutcome(status: .notApplicable)
}

/// Everything an expression may read while it runs. The engine fills the slots in the order
/// the rule graph gives, so a value is always computed before it is read.
final class EvaluationContext {
    /// Case-level values: fields, derived values, table outputs, by slot.
    let slots: SlotBuffer<Value>
    /// Deadline outcomes by deadline index.
    let outcomes: SlotBuffer<DeadlineOutcome>
    /// Group-level values: aggregate keys and values, or a cap's figures.
    var group: [Value]
    /// The month (`2026-11`) the penalty being evaluated is booked to, set before its amount
    /// is computed: what `bonus(person)` reads, so a fine of "the month's bonus" is the bonus
    /// of the ledger month it lands in, the same one the cap reads.
    var bookingMonth: String?
    /// The `ratio(…)`s that could not be taken since the engine last looked: it reports each
    /// as a finding of the rule that read it.
    var undefinedRatios: [UndefinedRatio] = []
    let calendar: WorkCalendar?
    /// The roster, as this context's rules read it.
    let people: PeopleReader?
    let zone: Zone
    /// `zone`, borrowed: held above for the context's life, it is used uncounted by the
    /// expressions of every case (a counted use retained and released it, on a count every
    /// evaluating thread shares, and contended on).
    let borrowedZone: Unmanaged<Zone>
    /// `week(…)` keys a group of every case: its text is computed once per day seen.
    let weeks = WeekNames()

    init(slots: Int, deadlines: Int, zone: Zone, calendar: WorkCalendar?, people: PeopleDirectory?) {
        self.slots = SlotBuffer(repeating: .null, count: slots)
        self.outcomes = SlotBuffer(repeating: .notApplicable, count: deadlines)
        self.group = []
        self.zone = zone
        borrowedZone = .passUnretained(zone)
        self.calendar = calendar
        self.people = people.map(PeopleReader.init)
    }

    /// `t` at the zone (`zone.localize`), the zone borrowed.
    @inline(__always)
    func localize(_ t: Timestamp) -> Timestamp {
        borrowedZone._withUnsafeGuaranteedRef { $0.localize(t) }
    }

    deinit {
        slots.free()
        outcomes.free()
    }
}

/// A failure while evaluating, such as a date outside the calendar's years or an overflow.
struct EvaluationError: Error, CustomStringConvertible, Sendable {
    var message: String
    /// An overflow or a result outside the supported range: with constant operands, a
    /// compile-time error (other failures, such as a missing calendar, are left to run time).
    var isArithmetic: Bool
    init(_ message: String, arithmetic: Bool = false) {
        self.message = message
        self.isArithmetic = arithmetic
    }
    var description: String { message }

    static func overflow(_ x: Value, _ op: String, _ y: Value) -> EvaluationError {
        EvaluationError("arithmetic overflow: \(x) \(op) \(y) does not fit in 64 bits", arithmetic: true)
    }
    static func overflow(_ op: String, _ x: Value) -> EvaluationError {
        EvaluationError("arithmetic overflow: \(op)(\(x)) does not fit in 64 bits", arithmetic: true)
    }
    static func outOfYears(_ x: Value, _ op: String, _ y: Value) -> EvaluationError {
        EvaluationError("\(x) \(op) \(y) falls outside the years \(Timestamp.supportedYearsText) a policy handles", arithmetic: true)
    }
}
