/* libc/thread/sched_internal.h - what create.c and mutex.c ask of the
 * scheduling attributes (sched.c), internal. */
#ifndef LIBC_THREAD_SCHED_INTERNAL_H
#define LIBC_THREAD_SCHED_INTERNAL_H

#include <pthread.h>

/* pthread_attr_init's part: PTHREAD_INHERIT_SCHED, SCHED_OTHER, 0. */
void __thread_attr_sched_defaults(pthread_attr_t *attributes);

/* pthread_create, before the thread exists: 0, or EPERM when the caller
 * may not give a new thread the explicit class of `attributes` (the
 * kernel's rule, kernel/sched/class_syscalls.c), as glibc refuses. */
int __thread_sched_may_create(const pthread_attr_t *attributes);

/* pthread_create, once the kernel made thread `tid`: gives it the
 * explicit class of `attributes` (nothing for PTHREAD_INHERIT_SCHED). */
void __thread_sched_apply(int tid, const pthread_attr_t *attributes);

/* pthread_mutexattr_init's and pthread_mutex_init's parts. */
void __thread_mutexattr_sched_defaults(pthread_mutexattr_t *attributes);
void __thread_mutex_sched_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attributes);

#endif
