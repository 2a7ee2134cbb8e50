/* kernel/subsystems/users_calls.h - the system-call handlers of users and permissions
 * (kernel/subsystems/users.c puts them in the table), with their real types.
 * Context: as every handler's (kernel/syscall.h). */
#ifndef KERNEL_SUBSYSTEMS_USERS_CALLS_H
#define KERNEL_SUBSYSTEMS_USERS_CALLS_H

#include <stdint.h>

int sys_setuid(unsigned uid);
int sys_setgid(unsigned gid);
int sys_setreuid(unsigned real, unsigned effective);
int sys_setregid(unsigned real, unsigned effective);
int sys_setresuid(unsigned real, unsigned effective, unsigned saved);
int sys_setresgid(unsigned real, unsigned effective, unsigned saved);
int sys_setgroups(unsigned size, const unsigned *list);
int sys_umask(unsigned mask);
int sys_chmod(const char *path, uint32_t mode);
int sys_fchmod(int fd, uint32_t mode);
int sys_chown(const char *path, unsigned uid, unsigned gid);
int sys_fchown(int fd, unsigned uid, unsigned gid);
int sys_fchmodat(int dirfd, const char *path, uint32_t mode, int flags);
int sys_fchownat(int dirfd, const char *path, unsigned uid, unsigned gid, int flags);

#endif
