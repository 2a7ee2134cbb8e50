/* kernel/ipc/futex.h - what a thread waiting in futex_wait waits for
 * (kernel/ipc/futex.c; the system calls are declared in kernel/syscall.h).
 * A thread's own field, not the scheduler's: only futex_wait sets it and
 * only futex_wake reads it, to pick the waiters of one word among the
 * others of its hashed queue. */
#ifndef KERNEL_IPC_FUTEX_H
#define KERNEL_IPC_FUTEX_H

#include <stdint.h>

struct futex_wait {
    uint32_t key;      /* while in futex_wait: the word's physical address, */
    uint32_t space;    /* ... or (private memory) its virtual one and this
                        * address space; key 0: not waiting */
};

#endif
