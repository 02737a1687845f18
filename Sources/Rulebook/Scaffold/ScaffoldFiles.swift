/// `rulebook init DIR`: a starting policy, its calendar, a sample export and roster, and policy
/// tests that pass on them at once — the loop a policy editor starts from (edit, `rulebook test`,
/// `rulebook check`).
package enum Scaffold {
    /// The files `init` writes, by path under the folder, in the order written.
    static let files: [(path: String, text: String)] = [
        ("policy.yaml", #"""
# A starting policy made by `rulebook init`: edit it, then run `rulebook test .` and
# `rulebook check --rules policy.yaml --cases cases.csv --roster roster.csv`.
# The language: docs/policy-language.md of rulebook. Quote the clause each rule comes from.
policy: my-complaint-policy
title: 客户投诉处理办法
version: "0.1"
timezone: Asia/Shanghai
calendar: calendars/office.yaml
currency: CNY

fields:
  case_id:     { type: string, column: [case_id, 投诉编号] }
  received_at: { type: timestamp, column: [received_at, 接收时间] }
  handler:     { type: person, column: [handler, 处理人] }
  replied_at:  { type: timestamp, optional: true, column: [replied_at, 回复时间] }

deadlines:
  # 第三条: 接到投诉后一个工作日内回复客户.
  - id: reply
    clause: "第三条"
    title: 一个工作日内回复客户
    from: received_at
    to: replied_at
    within: 1 working day
    penalty: { to: handler, amount: 20 CNY }

aggregates:
  - id: monthly-complaints
    clause: "第五条"
    by: { person: handler, month: month(received_at) }
    values:
      complaints: count()

penalties:
  # 第五条: 当月被投诉3次(含)以上, 负激励100元.
  - id: repeated-complaints
    clause: "第五条"
    title: 当月被投诉3次(含)以上负激励100元
    per: monthly-complaints
    measure: complaints
    tiers: [{ at_least: 3, amount: 100 CNY }]
    to: person

caps:
  # 第六条: 每月扣款最高不得超过当月奖金的50%, 超出部分顺延至下月.
  - id: bonus-cap
    clause: "第六条"
    per: [person, month]
    limit: 50% of bonus
    excess: carry-forward
"""#),
        ("calendars/office.yaml", #"""
# The office's working time: Monday to Friday 09:00–12:00 and 13:00–18:00. List the
# holidays and make-up working days (调休) of the years the exports cover.
calendar: office
title: 办公日历
timezone: Asia/Shanghai
years: [2026]
week:
  monday:    [09:00-12:00, 13:00-18:00]
  tuesday:   [09:00-12:00, 13:00-18:00]
  wednesday: [09:00-12:00, 13:00-18:00]
  thursday:  [09:00-12:00, 13:00-18:00]
  friday:    [09:00-12:00, 13:00-18:00]
holidays:
  - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
makeup_days:
  - { name: 国庆节调休, date: 2026-10-10 }
"""#),
        ("tests/policy.test.yaml", #"""
# Tests of policy.yaml on the sample export: what each rule must give, worked out by hand.
# Run them with `rulebook test .` after every edit.
suite: my complaint policy
policy: ../policy.yaml
roster: ../roster.csv
cases: ../cases.csv
as_of: "2026-12-01T09:00+08:00"
tests:
  - name: 第三条 a reply within one working day is met
    expect:
      findings:
        - { case: C-001, rule: reply, status: met }
        - { case: C-003, rule: reply, status: met }   # 15:00 Monday → 15:00 Tuesday

  - name: 第三条 a late reply is fined 20 yuan to the handler
    expect:
      findings:
        - { case: C-002, rule: reply, status: breached }
        - { case: C-002, rule: reply/penalty, party: 张三, amount: 20 CNY, month: 2026-11 }
        - { case: C-004, rule: reply, status: overdue }

  - name: 第五条 three complaints in a month → 100 yuan
    expect:
      findings:
        - { case: "monthly-complaints: person=张三 month=2026-11", rule: repeated-complaints, party: 张三, amount: 100 CNY }
      absent:
        - { rule: repeated-complaints, party: 李四 }

  - name: 第六条 the month's deductions are capped at half the bonus
    expect:
      ledger:
        - { person: 张三, month: 2026-11, incurred: 120 CNY, cap: 500 CNY, deducted: 120 CNY }
        - { person: 李四, month: 2026-11, incurred: 20 CNY, deducted: 20 CNY }
"""#),
        ("cases.csv", #"""
投诉编号,接收时间,处理人,回复时间
C-001,2026-11-02 10:00,张三,2026-11-02 16:00
C-002,2026-11-03 10:00,张三,2026-11-05 09:00
C-003,2026-11-09 15:00,张三,2026-11-10 11:00
C-004,2026-11-10 09:30,李四,
"""#),
        ("roster.csv", #"""
姓名,部门,主管,月度奖金
张三,客服部,王五,1000
李四,客服部,王五,1000
王五,客服部,,2000
"""#),
    ]
}
