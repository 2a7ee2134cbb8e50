/* libc/unistd/memory.c - moving the heap's end (the break), on which malloc
 * grows. SYS_brk(end) asks for a new break and returns the break after the
 * call: the new one on success, the old one if it could not move; asking
 * for 0 moves nothing and so tells the current break. */
#include <stdint.h>
#include <unistd.h>

#include "../syscall.h"

/* Returns the break after asking the kernel to move it to `end`, or -1
 * (errno set) if the kernel reported an error. */
static long move_break(uintptr_t end)
{
    return syscall_result(syscall1(SYS_brk, (long)end));
}

/* Sets the break to `end`; returns 0, or -1 with ENOMEM. */
int brk(void *end)
{
    long result = move_break((uintptr_t)end);
    if (result == -1)
        return -1;
    if ((uintptr_t)result != (uintptr_t)end) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* Moves the break by `increment` bytes; returns the old break, which is the
 * start of the new memory, or (void *)-1 with ENOMEM. */
void *sbrk(intptr_t increment)
{
    long current = move_break(0);
    if (current == -1)
        return (void *)-1;
    if (increment == 0)
        return (void *)current;
    uintptr_t wanted = (uintptr_t)current + (uintptr_t)increment;
    if ((increment > 0 && wanted < (uintptr_t)current) ||
        (increment < 0 && wanted > (uintptr_t)current)) {
        errno = ENOMEM;     /* the new end would wrap around */
        return (void *)-1;
    }
    if (brk((void *)wanted) == -1)
        return (void *)-1;
    return (void *)current;
}
