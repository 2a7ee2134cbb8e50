/* libc/include/bits/sigevent.h - union sigval and struct sigevent: how an
 * event tells a process that it happened (mq_notify(3)). POSIX puts them in
 * <signal.h>; <mqueue.h> includes this header too. The layout is Linux's
 * on i386, 64 bytes, which the kernel reads as struct kernel_sigevent
 * (kernel/uapi/mqueue.h). */
#ifndef LIBC_INCLUDE_BITS_SIGEVENT_H
#define LIBC_INCLUDE_BITS_SIGEVENT_H

/* The value an event carries to a handler (si_value) or a function. */
#ifndef __sigval_defined
#define __sigval_defined
union sigval {
    int sival_int;
    void *sival_ptr;
};
#endif

/* sigev_notify (Linux's values; kernel/uapi/mqueue.h spells them the same) */
#define SIGEV_SIGNAL 0     /* send sigev_signo, with sigev_value in si_value */
#define SIGEV_NONE   1     /* tell nobody */
#define SIGEV_THREAD 2     /* run sigev_notify_function(sigev_value) in a new thread */
#define SIGEV_THREAD_ID 4  /* Linux: sigev_signo to the thread sigev_notify_thread_id (timers) */

struct __pthread_attr;     /* pthread_attr_t (<pthread.h>) */

struct sigevent {
    union sigval sigev_value;
    int sigev_signo;
    int sigev_notify;
    union {
        int __pad[13];                                   /* 64 bytes in all, as on Linux */
        int _tid;                                        /* SIGEV_THREAD_ID */
        struct {
            void (*_function)(union sigval);
            struct __pthread_attr *_attribute;           /* a pthread_attr_t *, or NULL */
        } _sigev_thread;
    } _sigev_un;
};

#define sigev_notify_function   _sigev_un._sigev_thread._function
#define sigev_notify_attributes _sigev_un._sigev_thread._attribute
#define sigev_notify_thread_id  _sigev_un._tid

#endif
