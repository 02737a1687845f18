/// Fixed-size storage for the values of the case being evaluated, owned by its
/// `EvaluationContext`. Rules read and write slots many times per case; an array property of
/// a class would pay an exclusivity check and a uniqueness check on every write, and the
/// buffer pays neither. It is a view: valid while the context that made it lives.
struct SlotBuffer<Element>: RandomAccessCollection, MutableCollection {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        base = .allocate(capacity: Swift.max(1, count))
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    /// Called once, by the owner.
    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "slot out of range")
            return base[i]
        }
        nonmutating set {
            precondition(i >= 0 && i < count, "slot out of range")
            base[i] = newValue
        }
    }

    /// Sets every element to `value`.
    func reset(to value: Element) { fill(from: 0, with: value) }

    /// Copies `values` in from the front; elements past them become `fill`.
    func load(_ values: [Element], fill: Element) {
        values.withUnsafeBufferPointer { load($0, fill: fill) }
    }

    func load(_ values: UnsafeBufferPointer<Element>, fill: Element) {
        let n = Swift.min(values.count, count)
        for i in 0..<n { base[i] = values[i] }
        self.fill(from: n, with: fill)
    }

    /// The first `n` elements, to write in place (a case's fields, decoded there). A view, as
    /// the buffer is: valid while the context that made it lives.
    func front(_ n: Int) -> UnsafeMutableBufferPointer<Element> {
        precondition(n >= 0 && n <= count, "slots out of range")
        return UnsafeMutableBufferPointer(start: base, count: n)
    }

    /// Sets the elements from `start` on to `value`.
    func fill(from start: Int, with value: Element) {
        for i in start..<count { base[i] = value }
    }

    /// Trades elements with `values` from the front, as moves (no element is copied, so none
    /// is retained or released); elements past them become `fill`. `values` is left holding
    /// what the front elements were.
    func exchange(_ values: UnsafeMutableBufferPointer<Element>, fill: Element) {
        let n = Swift.min(values.count, count)
        if n > 0 { exchangeFront(values, n) }
        self.fill(from: n, with: fill)
    }

    /// Gives back what `exchange` took: the front elements and `values` trade places again.
    func exchangeBack(_ values: UnsafeMutableBufferPointer<Element>) {
        let n = Swift.min(values.count, count)
        if n > 0 { exchangeFront(values, n) }
    }

    /// The first `n` elements of each, swapped as bytes through a temporary: a move of an
    /// element is a copy of its bytes that leaves the source uninitialized, and here every
    /// place is initialized again at once.
    private func exchangeFront(_ values: UnsafeMutableBufferPointer<Element>, _ n: Int) {
        let bytes = n * MemoryLayout<Element>.stride
        let mine = UnsafeMutableRawPointer(base), theirs = UnsafeMutableRawPointer(values.baseAddress!)
        withUnsafeTemporaryAllocation(byteCount: bytes, alignment: MemoryLayout<Element>.alignment) { scratch in
            scratch.baseAddress!.copyMemory(from: mine, byteCount: bytes)
            mine.copyMemory(from: theirs, byteCount: bytes)
            theirs.copyMemory(from: scratch.baseAddress!, byteCount: bytes)
        }
    }
}

extension SlotBuffer where Element == Value {
    /// What slot `i` holds when it is an instant (the clocks of a case's steps), read where it
    /// lies; nil for anything else.
    @inline(__always)
    func timestamp(at i: Int) -> Timestamp? {
        precondition(i >= 0 && i < count, "slot out of range")
        guard case .timestamp(let t) = base[i] else { return nil }
        return t
    }

    /// Whether slot `i` holds the enum value `text`; nil when it holds no enum value. Matched
    /// where it lies: a copy of the value would retain its text.
    func enumValue(at i: Int, is text: String) -> Bool? {
        precondition(i >= 0 && i < count, "slot out of range")
        guard case .enumValue(let s) = base[i] else { return nil }
        return s == text
    }
}
