import CPrefetch
import Foundation

/// Zeroed 64-bit slots in pages of their own, for one of `CaseIDTable`'s parts: mapped from the
/// system, and unmapped as soon as the part has grown into new ones. Allocated through malloc,
/// the slots each part left behind as it grew stayed resident — malloc keeps freed chunks below
/// its mmap threshold for reuse, and nothing else asked for them: 5–6 MB at two million ids,
/// a third of what the table itself grew by.
// Unsafe, and fenced here: `base` is valid from `init(atLeast:)` until `release()`, which the one
// owner (a table, on its one thread) calls exactly once, when it replaces the part or goes.
// Indexes are checked in debug builds; the table's probes stay below `count` by construction.
struct SlotPages {
    private let base: UnsafeMutablePointer<UInt64>?
    /// The slots held: a whole number of pages' worth, 0 before the first.
    let count: Int

    /// The slots in a page.
    static let perPage = max(1, sysconf(Int32(_SC_PAGESIZE)) / MemoryLayout<UInt64>.stride)

    /// No slots.
    init() {
        base = nil
        count = 0
    }

    /// At least `minimum` slots, all 0, in whole pages (`count` says how many).
    init(atLeast minimum: Int) {
        let pages = (max(1, minimum) + SlotPages.perPage - 1) / SlotPages.perPage
        count = pages * SlotPages.perPage
        let bytes = count * MemoryLayout<UInt64>.stride
        // Populated now: a probe reads a slot before the table writes it, and a page first
        // read is the shared zero page, whose copy on the first write cost each page a fault
        // and a TLB flush on every core (3% of a two-thread run's samples).
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE | MAP_ANONYMOUS
        #endif
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, flags, -1, 0)
        // As an Array's allocation would: no memory left is not a state the run can go on from.
        guard let p, p != MAP_FAILED else { fatalError("cannot map \(bytes) bytes for case ids: errno \(errno)") }
        base = p.bindMemory(to: UInt64.self, capacity: count)
    }

    subscript(i: Int) -> UInt64 {
        get {
            assert(i >= 0 && i < count)
            return base.unsafelyUnwrapped[i]
        }
        nonmutating set {
            assert(i >= 0 && i < count)
            base.unsafelyUnwrapped[i] = newValue
        }
    }

    /// Asks for slot `i`'s cache line ahead of its use (a hint: no fault, no effect on values).
    func prefetch(_ i: Int) {
        assert(i >= 0 && i < count)
        rulebook_prefetch_for_write(base.unsafelyUnwrapped + i)
    }

    /// Gives the pages back. The last use of these slots.
    func release() {
        guard let base else { return }
        munmap(base, count * MemoryLayout<UInt64>.stride)
    }
}
