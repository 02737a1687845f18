/// The Chinese names of statuses and kinds, shared by every text for people (the table, the
/// HTML page, `check` lines, `explain`).
extension Finding.Status {
    var zhName: String {
        switch self {
        case .met: return "按时"
        case .breached: return "超时完成"
        case .open: return "办理中"
        case .overdue: return "逾期未办"
        case .fined: return "罚款"
        case .sanctioned: return "处分"
        case .raised: return "已升级"
        case .notFined: return "未罚款"
        case .provisional: return "暂计"
        case .undefined: return "无法计算"
        }
    }
}

extension Finding.Kind {
    var zhName: String {
        switch self {
        case .deadline: return "时限"
        case .penalty: return "处罚"
        case .escalation: return "升级"
        case .ratio: return "比率"
        }
    }
}
