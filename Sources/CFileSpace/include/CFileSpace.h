#ifndef RULEBOOK_CFILESPACE_H
#define RULEBOOK_CFILESPACE_H

/// Frees the storage of bytes `offset ..< offset + length` of the open file `fd`; its size
/// stays, and those bytes read as zeros after. Linux's fallocate(2) with
/// FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE: a GNU extension, which Swift's Glibc module
/// leaves out. Returns 0, or -1 with errno set (EOPNOTSUPP where the file system cannot punch
/// holes, and on every system other than Linux).
int rulebook_punch_hole(int fd, long long offset, long long length);

#endif
