#ifndef RULEBOOK_CBYTESCAN_H
#define RULEBOOK_CBYTESCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Where in 64 bytes a CSV record may stop, and which bytes are not ASCII: bit k of
/// `specials` is set when byte k is ',', '"', LF or CR, bit k of `high` when byte k is 0x80
/// or above.
typedef struct {
    uint64_t specials;
    uint64_t high;
} rulebook_csv_masks;

/// The masks of the 64 bytes at `p`, all of which must be readable. With SSE2 (every x86-64)
/// sixteen bytes are compared at once and their results gathered into bits by `movemask`,
/// which Swift's SIMD types do not offer; elsewhere a byte at a time, the same answer.
static inline rulebook_csv_masks rulebook_csv_masks64(const uint8_t *p) {
    rulebook_csv_masks m = {0, 0};
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        __m128i s = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        m.specials |= (uint64_t)(uint16_t)_mm_movemask_epi8(s) << (16 * k);
        m.high |= (uint64_t)(uint16_t)_mm_movemask_epi8(v) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++) {
        uint8_t c = p[k];
        if (c == ',' || c == '"' || c == '\n' || c == '\r') m.specials |= (uint64_t)1 << k;
        if (c >= 0x80) m.high |= (uint64_t)1 << k;
    }
#endif
    return m;
}

#endif
