extension Fingerprint {
    /// The policy's canonical form: its YAML tree with comments and layout gone and mapping
    /// keys sorted, plus the calendar's effective days and hours. Reformatting a policy or
    /// reordering its keys keeps the fingerprint; changing a figure changes it.
    static func ofPolicy(_ policy: CompiledPolicy) throws -> String {
        var text = policy.policy.canonicalForm
        if let cal = policy.calendar { text += "\ncalendar:" + cal.canonicalDescription }
        return sha256(text.utf8)
    }
}

extension BusinessCalendar {
    /// Every covered day's kind and working intervals, for the policy fingerprint.
    var canonicalDescription: String {
        var out = "\(id) \(zone.identifier) \(years.lowerBound)-\(years.upperBound)"
        for i in intervalStarts.indices { out += " \(intervalStarts[i])-\(intervalEnds[i])" }
        return out
    }
}
