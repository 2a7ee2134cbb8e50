/* libc/mqueue/mq_notify.c - mq_notify. SIGEV_SIGNAL and SIGEV_NONE are the
 * kernel's alone; SIGEV_THREAD is built here, as glibc builds it on Linux
 * (there with a netlink socket, here with a pipe and a thread:
 * libc/signal/sigev_thread.c, which timer_create shares):
 *
 *   mq_notify(queue, SIGEV_THREAD, f, v, attributes)
 *     the thread starts, waiting on a new pipe; SYS_mq_notify(queue,
 *     { v, write end, SIGEV_THREAD }) registers, and we close our write end
 *   a message into the empty queue: the kernel writes v into the pipe and
 *     drops the write end; the thread reads v, and runs f(v) (once)
 *   the registration goes otherwise (mq_notify(queue, NULL), close, exit,
 *     or the registration failed): the thread reads end of file and exits
 *     without running f */
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "../signal/sigev_thread.h"
#include "../syscall.h"

_Static_assert(sizeof(struct sigevent) == sizeof(struct kernel_sigevent) && sizeof(struct sigevent) == 64,
               "struct sigevent is Linux's 64 bytes, as the kernel reads it");

int mq_notify(mqd_t queue, const struct sigevent *notification)
{
    if (!notification || notification->sigev_notify != SIGEV_THREAD)
        return syscall_result(syscall2(SYS_mq_notify, queue, (long)notification));
    int write_end;
    if (sigev_thread_start(notification, 0, &write_end) < 0)
        return -1;
    struct kernel_sigevent request = {
        .value.sival_ptr = (unsigned long)notification->sigev_value.sival_ptr,
        .signo = write_end,
        .notify = SIGEV_THREAD,
    };
    long result = syscall2(SYS_mq_notify, queue, (long)&request);
    close(write_end);                         /* the kernel's registration holds its own */
    return syscall_result(result);
}
