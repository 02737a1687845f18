extension ByteWriter {
    /// The room `instant` takes for `t`: its text's 25 bytes at most, and 2 more that its
    /// word-wide stores pass over; or its description's length, for an instant written so.
    static func instantBound(_ t: Timestamp) -> Int {
        writesDigits(t) ? 27 : t.description.utf8.count
    }

    /// Whether `instant` writes `t`'s digits itself: a year of four digits and an offset of
    /// fewer than 100 hours (every instant a policy handles). Others are rare enough to be
    /// written from their description.
    private static func writesDigits(_ t: Timestamp) -> Bool {
        // 1000-01-01T00:00 and 10000-01-01T00:00, local.
        t.offsetSeconds.magnitude < 100 * 3600 && (-30_610_224_000 ..< 253_402_300_800).contains(t.localSeconds)
    }

    /// `Timestamp.description` (`2026-11-03T09:15:00+08:00`), written in place: the date
    /// copied from `DayTexts` in the years it holds, the time and the offset each put
    /// together in a register and stored at once. Built byte by byte on the stack and copied
    /// out, the text was read back before its bytes had reached memory: a stall per word, a
    /// third of the time its writer took.
    mutating func instant(_ t: Timestamp) {
        guard ByteWriter.writesDigits(t) else { return text(t.description) }
        withRoom(27) { p in
            let local = t.localSeconds
            let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
            let s = Int(local - day * 86_400)
            let minute = s / 60  // s is in 0..<86_400 (the day is floored): minute < 1440
            let texts = DayTexts.pointers
            if let known = DayTexts.offset(of: day) {
                p.copyMemory(from: texts.days + known, byteCount: DayTexts.width)
            } else {
                let d = CivilDate(daysSinceEpoch: day)  // 1000…9999
                var year = d.year
                for i in stride(from: 3, through: 0, by: -1) {
                    p.storeBytes(of: UInt8(truncatingIfNeeded: 0x30 + year % 10), toByteOffset: i, as: UInt8.self)
                    year /= 10
                }
                p.storeBytes(of: (ByteWriter.digitPair(d.month) << 8 | 0x2D | 0x2D << 24).littleEndian, toByteOffset: 4, as: UInt32.self)
                p.storeBytes(of: UInt16(truncatingIfNeeded: ByteWriter.digitPair(d.day)).littleEndian, toByteOffset: 8, as: UInt16.self)
            }
            // `Thh:mm:` and a placeholder, then the second's two digits over it.
            p.storeBytes(of: texts.minutes[minute].littleEndian, toByteOffset: 10, as: UInt64.self)
            p.storeBytes(of: UInt16(truncatingIfNeeded: ByteWriter.digitPair(s - minute * 60)).littleEndian, toByteOffset: 17, as: UInt16.self)
            if t.offsetSeconds == 0 {
                p.storeBytes(of: 0x5A, toByteOffset: 19, as: UInt8.self)
                return 20
            }
            // `+hh:mm` and two bytes of slack.
            let o = Int(t.offsetSeconds.magnitude)
            let offset = UInt64(t.offsetSeconds < 0 ? 0x2D : 0x2B) | UInt64(ByteWriter.digitPair(o / 3600)) << 8 | 0x3A << 24
                | UInt64(ByteWriter.digitPair(o / 60 % 60)) << 32
            p.storeBytes(of: offset.littleEndian, toByteOffset: 19, as: UInt64.self)
            return 25
        }
    }

    /// `v` (0…99) as two ASCII digits, the first in the low byte.
    @inline(__always)
    private static func digitPair(_ v: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: 0x30 + v / 10) | UInt32(truncatingIfNeeded: 0x30 + v % 10) << 8
    }
}
