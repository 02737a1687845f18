/// The roster as one thread's rules read it: the engine's check that a case's people are
/// listed, then `qa_engineer.manager` and the like, for every case. The same few hundred names
/// come back case after case, so each name's place in the directory (`PeopleDirectory.number`)
/// is remembered, found again by the name as held: the two words of the `String` itself.
///
/// Equal words are the same text. A name of up to 15 bytes of UTF-8 is held inside the string,
/// so the same name read from any row has the same words; a longer one points at its storage,
/// which the table keeps alive by keeping the name. Equal texts need not have equal words (a
/// long name read from two rows is stored twice): such a name is looked up again, as every
/// name once was. So a hit costs one comparison of two words, where a look-up hashed the text.
final class PeopleReader {
    let directory: any PeopleDirectory
    private static let size = 512
    // One thread's (its context's): the run-time exclusivity checks would cost more than a hit.
    /// The names remembered, by the place their words hash to.
    @exclusivity(unchecked) private var names: [String]
    /// Their places in the directory; -1: not found as written; -2: the entry is empty.
    @exclusivity(unchecked) private var numbers: [Int]

    init(_ directory: any PeopleDirectory) {
        self.directory = directory
        names = Array(repeating: "", count: PeopleReader.size)
        numbers = Array(repeating: -2, count: PeopleReader.size)
    }

    /// The name's place in the directory, if it holds the name as written.
    func number(of name: String) -> Int? {
        let key = StringBits.of(name)
        var h = ByteHash.seed
        ByteHash.mix(&h, key.0)
        ByteHash.mix(&h, key.1)
        let i = Int(truncatingIfNeeded: ByteHash.finish(h) >> 55)  // the top 9 bits: a place of 512
        let known = numbers[i]
        if known != -2 && StringBits.of(names[i]) == key { return known >= 0 ? known : nil }
        let n = directory.number(of: name)
        names[i] = name
        numbers[i] = n ?? -1
        return n
    }

    func contains(_ person: String) -> Bool { number(of: person) != nil || directory.contains(person) }

    func manager(of person: String) -> String? {
        if let n = number(of: person) { return directory.manager(number: n) }
        return directory.manager(of: person)
    }

    func department(of person: String) -> String? {
        if let n = number(of: person) { return directory.department(number: n) }
        return directory.department(of: person)
    }

    func basePoints(of person: String) -> Fraction? {
        if let n = number(of: person) { return directory.basePoints(number: n) }
        return directory.basePoints(of: person)
    }

    func bonus(of person: String, month: String) -> Money? {
        if let n = number(of: person) { return directory.bonus(number: n, month: month) }
        return directory.bonus(of: person, month: month)
    }
}
