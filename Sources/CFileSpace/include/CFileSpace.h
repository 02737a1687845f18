#ifndef RULEBOOK_CFILESPACE_H
#define RULEBOOK_CFILESPACE_H

/// Frees the storage of bytes `offset ..< offset + length` of the open file `fd`; its size
/// stays, and those bytes read as zeros after. Linux's fallocate(2) with
/// FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE: a GNU extension, which Swift's Glibc module
/// leaves out. Returns 0, or -1 with errno set (EOPNOTSUPP where the file system cannot punch
/// holes, and on every system other than Linux).
int rulebook_punch_hole(int fd, long long offset, long long length);

/// Sets (`on` nonzero) or clears O_DIRECT on the open file `fd`: its writes then go from the
/// caller's memory to the device, past the page cache. Each write must then start at a
/// multiple of the device's block size, from memory aligned to it, for a multiple of it.
/// O_DIRECT is declared only under _GNU_SOURCE too. Returns 0, or -1 with errno set (EINVAL
/// where the file system cannot; ENOTSUP on every system other than Linux).
int rulebook_set_direct(int fd, int on);

#endif
