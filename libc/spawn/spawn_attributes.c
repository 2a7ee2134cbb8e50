/* libc/spawn/spawn_attributes.c - what posix_spawn's child sets before
 * it runs the program, and which of it (the flags): its process group or
 * a new session, its scheduling, its ids, signals back to their default,
 * its signal mask (posix_spawnattr_init(3)). spawn.c applies them. */
#include <errno.h>
#include <spawn.h>
#include <string.h>

#include "spawn_internal.h"

int posix_spawnattr_init(posix_spawnattr_t *attributes)
{
    memset(attributes, 0, sizeof *attributes);
    attributes->schedpolicy = SCHED_OTHER;
    return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attributes)
{
    (void)attributes;                 /* it holds no memory of its own */
    return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *attributes, short *flags)
{
    *flags = attributes->flags;
    return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attributes, short flags)
{
    if (flags & ~SPAWN_FLAGS_KNOWN)
        return EINVAL;
    attributes->flags = flags;
    return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *attributes, pid_t *pgroup)
{
    *pgroup = attributes->pgroup;
    return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attributes, pid_t pgroup)
{
    attributes->pgroup = pgroup;
    return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *attributes, sigset_t *mask)
{
    *mask = attributes->sigmask;
    return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *attributes, const sigset_t *mask)
{
    attributes->sigmask = *mask;
    return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attributes, sigset_t *signals)
{
    *signals = attributes->sigdefault;
    return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *attributes, const sigset_t *signals)
{
    attributes->sigdefault = *signals;
    return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *attributes, int *policy)
{
    *policy = attributes->schedpolicy;
    return 0;
}

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attributes, int policy)
{
    if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR)
        return EINVAL;
    attributes->schedpolicy = policy;
    return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *attributes, struct sched_param *param)
{
    *param = attributes->schedparam;
    return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *attributes, const struct sched_param *param)
{
    attributes->schedparam = *param;
    return 0;
}
