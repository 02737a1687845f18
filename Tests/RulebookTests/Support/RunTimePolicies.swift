/// Policies that compile but fail on a row, shared by the library and CLI tests.
enum RunTimePolicies {
    /// A group rule whose fine comes to a negative amount (line 10, column 11 is `refund`).
    static let negativeGroupFine = """
        policy: groups
        fields:
          case_id: string
          at: timestamp
          who: person
          v: integer
        aggregates:
          - { id: monthly, by: { person: who, month: month(at) }, values: { total: sum(v) } }
        penalties:
          - { id: refund, per: monthly, when: true, to: person, amount: total * -1 CNY }
        """
}
