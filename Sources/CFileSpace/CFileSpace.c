// Not inline in the header: fallocate and O_DIRECT are declared only under _GNU_SOURCE, which must come
// before the first system header, and a header imported into Swift shares the system's
// headers as the Glibc module built them (without it).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include "CFileSpace.h"

int rulebook_punch_hole(int fd, long long offset, long long length) {
#if defined(__linux__)
    return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
#else
    (void)fd;
    (void)offset;
    (void)length;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int rulebook_set_direct(int fd, int on) {
#if defined(__linux__)
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, on ? (flags | O_DIRECT) : (flags & ~O_DIRECT));
#else
    (void)fd;
    (void)on;
    errno = ENOTSUP;
    return -1;
#endif
}
