/* libc/spawn/spawn_internal.h - what the posix_spawn files share
 * (internal). */
#ifndef LIBC_SPAWN_SPAWN_INTERNAL_H
#define LIBC_SPAWN_SPAWN_INTERNAL_H

/* struct __spawn_action's kinds */
#define SPAWN_ACTION_OPEN  1
#define SPAWN_ACTION_CLOSE 2
#define SPAWN_ACTION_DUP2  3

/* Every flag posix_spawnattr_setflags knows. */
#define SPAWN_FLAGS_KNOWN (POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | \
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | \
                           POSIX_SPAWN_SETSID)

#endif
