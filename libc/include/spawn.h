/* libc/include/spawn.h - posix_spawn: start a program in a new process in
 * one call, with the descriptors and attributes it should have, where
 * fork then exec takes two and the code between them (posix_spawn(3),
 * libc/spawn/). */
#ifndef LIBC_INCLUDE_SPAWN_H
#define LIBC_INCLUDE_SPAWN_H

#include <sched.h>
#include <signal.h>
#include <sys/types.h>

/* posix_spawnattr_setflags: which attributes apply (glibc's numbers) */
#define POSIX_SPAWN_RESETIDS      0x01   /* effective ids back to the real ones */
#define POSIX_SPAWN_SETPGROUP     0x02   /* setpgid(0, pgroup) */
#define POSIX_SPAWN_SETSIGDEF     0x04   /* the sigdefault signals to SIG_DFL */
#define POSIX_SPAWN_SETSIGMASK    0x08   /* the signal mask sigmask */
#define POSIX_SPAWN_SETSCHEDPARAM 0x10   /* sched_setparam(0, schedparam) */
#define POSIX_SPAWN_SETSCHEDULER  0x20   /* sched_setscheduler(0, schedpolicy, schedparam) */
#define POSIX_SPAWN_SETSID        0x80   /* setsid() (POSIX.1-2024, glibc) */

typedef struct {
    short flags;
    pid_t pgroup;
    sigset_t sigdefault, sigmask;
    int schedpolicy;
    struct sched_param schedparam;
} posix_spawnattr_t;

/* One step on the child's descriptors, done in the order added. */
struct __spawn_action {
    int kind;                         /* open, close or dup2 (libc/spawn/spawn_file_actions.c) */
    int fd, new_fd;                   /* dup2: fd to new_fd; open and close: fd */
    int flags;                        /* open's */
    mode_t mode;
    char *path;                       /* open's, a copy */
};

typedef struct {
    int count, room;
    struct __spawn_action *actions;
} posix_spawn_file_actions_t;

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *file_actions,
                const posix_spawnattr_t *attributes, char *const argv[], char *const envp[]);
int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *file_actions,
                 const posix_spawnattr_t *attributes, char *const argv[], char *const envp[]);

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *file_actions);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *file_actions);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *file_actions, int fd, const char *path, int flags,
                                     mode_t mode);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *file_actions, int fd);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *file_actions, int fd, int new_fd);

int posix_spawnattr_init(posix_spawnattr_t *attributes);
int posix_spawnattr_destroy(posix_spawnattr_t *attributes);
int posix_spawnattr_getflags(const posix_spawnattr_t *attributes, short *flags);
int posix_spawnattr_setflags(posix_spawnattr_t *attributes, short flags);
int posix_spawnattr_getpgroup(const posix_spawnattr_t *attributes, pid_t *pgroup);
int posix_spawnattr_setpgroup(posix_spawnattr_t *attributes, pid_t pgroup);
int posix_spawnattr_getsigmask(const posix_spawnattr_t *attributes, sigset_t *mask);
int posix_spawnattr_setsigmask(posix_spawnattr_t *attributes, const sigset_t *mask);
int posix_spawnattr_getsigdefault(const posix_spawnattr_t *attributes, sigset_t *signals);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *attributes, const sigset_t *signals);
int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *attributes, int *policy);
int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attributes, int policy);
int posix_spawnattr_getschedparam(const posix_spawnattr_t *attributes, struct sched_param *param);
int posix_spawnattr_setschedparam(posix_spawnattr_t *attributes, const struct sched_param *param);

#endif
