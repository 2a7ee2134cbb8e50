/* libc/unistd/identity.c - user and group ids (kernel/proc/identity_syscalls.c).
 * The kernel answers the three ids of a kind in one call (getresuid);
 * getuid, geteuid and the others pick one of them. They cannot fail. */
#include <unistd.h>

#include "../syscall.h"

#define UNCHANGED ((long)-1)          /* (uid_t)-1: leave that id alone */

int getresuid(uid_t *real, uid_t *effective, uid_t *saved)
{
    return syscall_result(syscall3(SYS_getresuid, (long)real, (long)effective, (long)saved));
}

int getresgid(gid_t *real, gid_t *effective, gid_t *saved)
{
    return syscall_result(syscall3(SYS_getresgid, (long)real, (long)effective, (long)saved));
}

enum { REAL, EFFECTIVE };

/* One id of the three that call `number` (getresuid or getresgid) gives. */
static unsigned one_id(long number, int which)
{
    unsigned ids[3];
    syscall3(number, (long)&ids[0], (long)&ids[1], (long)&ids[2]);   /* cannot fail: the buffer is ours */
    return ids[which];
}

uid_t getuid(void)
{
    return one_id(SYS_getresuid, REAL);
}

uid_t geteuid(void)
{
    return one_id(SYS_getresuid, EFFECTIVE);
}

gid_t getgid(void)
{
    return one_id(SYS_getresgid, REAL);
}

gid_t getegid(void)
{
    return one_id(SYS_getresgid, EFFECTIVE);
}

int setuid(uid_t uid)
{
    return syscall_result(syscall1(SYS_setuid, (long)uid));
}

int setgid(gid_t gid)
{
    return syscall_result(syscall1(SYS_setgid, (long)gid));
}

int setreuid(uid_t real, uid_t effective)
{
    return syscall_result(syscall2(SYS_setreuid, (long)real, (long)effective));
}

int setregid(gid_t real, gid_t effective)
{
    return syscall_result(syscall2(SYS_setregid, (long)real, (long)effective));
}

int setresuid(uid_t real, uid_t effective, uid_t saved)
{
    return syscall_result(syscall3(SYS_setresuid, (long)real, (long)effective, (long)saved));
}

int setresgid(gid_t real, gid_t effective, gid_t saved)
{
    return syscall_result(syscall3(SYS_setresgid, (long)real, (long)effective, (long)saved));
}

/* seteuid(3): (uid_t)-1 is no user (EINVAL), as in Linux's libc; else the
 * effective id alone changes, by setresuid's rule. */
int seteuid(uid_t uid)
{
    if (uid == (uid_t)-1) {
        errno = EINVAL;
        return -1;
    }
    return syscall_result(syscall3(SYS_setresuid, UNCHANGED, (long)uid, UNCHANGED));
}

int setegid(gid_t gid)
{
    if (gid == (gid_t)-1) {
        errno = EINVAL;
        return -1;
    }
    return syscall_result(syscall3(SYS_setresgid, UNCHANGED, (long)gid, UNCHANGED));
}

int getgroups(int size, gid_t list[])
{
    return syscall_result(syscall2(SYS_getgroups, size, (long)list));
}

int setgroups(size_t size, const gid_t *list)
{
    return syscall_result(syscall2(SYS_setgroups, (long)size, (long)list));
}
