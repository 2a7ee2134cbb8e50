/* libc/include/limits.h - ranges of the integer types on i386, the
 * limits the kernel promises (intro(2)), and POSIX's smallest allowed
 * values of them. A limit a process may change at run time (OPEN_MAX,
 * CHILD_MAX: resource limits) is left out, as POSIX asks: sysconf(3)
 * answers it. */
#ifndef LIBC_INCLUDE_LIMITS_H
#define LIBC_INCLUDE_LIMITS_H

#include <uapi/limits.h>

#define CHAR_BIT   8
#define MB_LEN_MAX 1
#define SCHAR_MIN  (-128)
#define SCHAR_MAX  127
#define UCHAR_MAX  255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN   0
#define CHAR_MAX   UCHAR_MAX
#else
#define CHAR_MIN   SCHAR_MIN
#define CHAR_MAX   SCHAR_MAX
#endif
#define SHRT_MIN   (-32768)
#define SHRT_MAX   32767
#define USHRT_MAX  65535
#define INT_MAX    2147483647
#define INT_MIN    (-INT_MAX - 1)
#define UINT_MAX   4294967295U
#define LONG_MAX   2147483647L
#define LONG_MIN   (-LONG_MAX - 1L)
#define ULONG_MAX  4294967295UL
#define LLONG_MAX  9223372036854775807LL
#define LLONG_MIN  (-LLONG_MAX - 1LL)
#define ULLONG_MAX 18446744073709551615ULL
#define SSIZE_MAX  INT_MAX

#define IOV_MAX    1024   /* buffers in one readv/writev/sendmsg (uapi/uio.h) */
#define PIPE_BUF   4096   /* a write of up to this many bytes to a pipe is atomic */
#define PATH_MAX   256    /* longest path, its terminating NUL included */
#define NAME_MAX   KERNEL_NAME_MAX   /* longest file name (one path component), without its NUL */
#define ARG_MAX    KERNEL_ARG_MAX   /* bytes of exec's arguments and environment */
#define NGROUPS_MAX KERNEL_NGROUPS_MAX   /* supplementary groups (setgroups(2)) */
#define NZERO       20    /* the nice value nobody asked for (nice(2) moves from here) */
#define HOST_NAME_MAX 64  /* a host name, without its NUL (uname's nodename) */
#define MQ_PRIO_MAX 32768 /* POSIX queue priorities are 0 .. MQ_PRIO_MAX-1 */
#define SEM_VALUE_MAX 2147483647  /* the largest POSIX semaphore value */
#define RTSIG_MAX  31     /* real-time signals: SIGRTMIN 34 .. SIGRTMAX 64 */
#define PTHREAD_KEYS_MAX 64              /* as <pthread.h> */
#define PTHREAD_DESTRUCTOR_ITERATIONS 4  /* as <pthread.h> */
#define PTHREAD_STACK_MIN 16384          /* as <pthread.h> */

/* POSIX's minimum values: every conforming system allows at least these */
#define _POSIX_ARG_MAX            4096
#define _POSIX_CHILD_MAX          25
#define _POSIX_HOST_NAME_MAX      255
#define _POSIX_LINK_MAX           8
#define _POSIX_LOGIN_NAME_MAX     9
#define _POSIX_MAX_CANON          255
#define _POSIX_MAX_INPUT          255
#define _POSIX_MQ_OPEN_MAX        8
#define _POSIX_MQ_PRIO_MAX        32
#define _POSIX_NAME_MAX           14
#define _POSIX_NGROUPS_MAX        8
#define _POSIX_OPEN_MAX           20
#define _POSIX_PATH_MAX           256
#define _POSIX_PIPE_BUF           512
#define _POSIX_RE_DUP_MAX         255
#define _POSIX_RTSIG_MAX          8
#define _POSIX_SEM_NSEMS_MAX      256
#define _POSIX_SEM_VALUE_MAX      32767
#define _POSIX_SIGQUEUE_MAX       32
#define _POSIX_SSIZE_MAX          32767
#define _POSIX_STREAM_MAX         8
#define _POSIX_SYMLINK_MAX        255
#define _POSIX_SYMLOOP_MAX        8
#define _POSIX_THREAD_DESTRUCTOR_ITERATIONS 4
#define _POSIX_THREAD_KEYS_MAX    128
#define _POSIX_THREAD_THREADS_MAX 64
#define _POSIX_TIMER_MAX          32
#define _POSIX_TTY_NAME_MAX       9
#define _POSIX_TZNAME_MAX         6
#define _POSIX_DELAYTIMER_MAX     32
#define _POSIX_AIO_LISTIO_MAX     2
#define _POSIX_AIO_MAX            1
#define _POSIX_CLOCKRES_MIN       20000000

/* timers (kernel/uapi/time.h): overruns are counted up to DELAYTIMER_MAX,
 * and a process has at most TIMER_MAX timers */
#define DELAYTIMER_MAX            2147483647
#define TIMER_MAX                 64

/* asynchronous I/O (<aio.h>, libc/aio): requests queued or running at
 * once in a process, requests in one lio_listio call, and how far
 * aio_reqprio may lower a request's priority (glibc's 20) */
#define AIO_MAX                   256
#define AIO_LISTIO_MAX            64
#define AIO_PRIO_DELTA_MAX        20

#endif
