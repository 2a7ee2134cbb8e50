/* tests/linux/kernel.h - this kernel's own calls, as a Linux host answers
 * them, for building a boot test with the host's gcc (tools/linux-check).
 * kinfo fails with ENOSYS, so read_counters() reads zeros and the checks
 * that need the kernel's own view see nothing change; poweroff and
 * net_configure are not there either. The structures are the kernel's. */
#ifndef TESTS_LINUX_KERNEL_H
#define TESTS_LINUX_KERNEL_H

#include <errno.h>
#include "../../kernel/uapi/kinfo.h"

static inline int kinfo(int what, void *buffer, unsigned size)
{
    (void)what, (void)buffer, (void)size;
    errno = ENOSYS;
    return -1;
}

#endif
