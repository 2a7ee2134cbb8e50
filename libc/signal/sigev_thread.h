/* libc/signal/sigev_thread.h - SIGEV_THREAD, the C library's half of
 * struct sigevent (mq_notify, timer_create): a thread that waits on a pipe
 * the kernel writes sigev_value into, and runs sigev_notify_function with
 * it (libc/signal/sigev_thread.c). */
#ifndef LIBC_SIGNAL_SIGEV_THREAD_H
#define LIBC_SIGNAL_SIGEV_THREAD_H

#include <signal.h>

/* Starts the waiting thread on a new pipe, with the event's attributes,
 * and gives the write end in *write_end, for the kernel. `repeat`: run the
 * function for every value that comes (a periodic timer) rather than for
 * the first only (mq_notify). The thread ends at end of file, once the
 * kernel has dropped the write end (and the caller closed its own).
 * 0, or -1 with errno (EMFILE, ENOMEM, EAGAIN). */
int sigev_thread_start(const struct sigevent *event, int repeat, int *write_end);

#endif
