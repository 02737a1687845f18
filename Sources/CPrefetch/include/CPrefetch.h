#ifndef RULEBOOK_CPREFETCH_H
#define RULEBOOK_CPREFETCH_H

/// Asks the processor to bring the cache line holding `address` in, for writing: a hint,
/// never a fault, whatever the address. Swift has no such operation of its own; the case-id
/// table issues one for a row's slot before copying the row, and looks the id up after.
static inline void rulebook_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
