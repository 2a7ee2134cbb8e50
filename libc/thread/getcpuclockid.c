/* libc/thread/getcpuclockid.c - pthread_getcpuclockid: the CPU-time clock
 * of a thread, Linux's encoding of its tid (kernel/uapi/time.h), which
 * clock_gettime and timer_create take. */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "thread_internal.h"

int pthread_getcpuclockid(pthread_t thread, clockid_t *clock)
{
    *clock = CPU_CLOCK_OF_THREAD(thread_tid(thread));
    return 0;
}
