/* libc/include/semaphore.h - POSIX semaphores, named and unnamed.
 * A semaphore is a counter in memory; waiting blocks in the kernel on the
 * counter's word (futex), so a semaphore placed in shared memory works
 * between processes (sem_init with pshared = 1), and a named one lives in a
 * small file under /dev/shm that every sem_open maps. */
#ifndef LIBC_INCLUDE_SEMAPHORE_H
#define LIBC_INCLUDE_SEMAPHORE_H

#include <fcntl.h>
#include <time.h>

typedef struct {
    volatile int value;       /* units available */
    volatile int waiters;     /* processes in sem_wait, so that sem_post knows to wake one */
} sem_t;

#define SEM_FAILED ((sem_t *)0)
#define SEM_VALUE_MAX 2147483647

int sem_init(sem_t *semaphore, int shared, unsigned value);
int sem_destroy(sem_t *semaphore);
sem_t *sem_open(const char *name, int flags, ...);
int sem_close(sem_t *semaphore);
int sem_unlink(const char *name);
int sem_wait(sem_t *semaphore);
int sem_trywait(sem_t *semaphore);
int sem_timedwait(sem_t *semaphore, const struct timespec *absolute_timeout);
int sem_post(sem_t *semaphore);
int sem_getvalue(sem_t *semaphore, int *value);

#endif
