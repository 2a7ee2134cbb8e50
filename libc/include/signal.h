/* libc/include/signal.h - signal numbers (kernel/uapi/signal.h) and sending
 * signals. */
#ifndef LIBC_INCLUDE_SIGNAL_H
#define LIBC_INCLUDE_SIGNAL_H

#include <sys/types.h>
#include <uapi/signal.h>

typedef int sig_atomic_t;   /* read and written by one instruction */

int kill(pid_t pid, int signal);
int raise(int signal);

#endif
