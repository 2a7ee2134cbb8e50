/* libc/unistd/exec_internal.h - execvp's search of PATH with a given
 * environment, for posix_spawnp (libc/spawn/spawn.c) (internal). */
#ifndef LIBC_UNISTD_EXEC_INTERNAL_H
#define LIBC_UNISTD_EXEC_INTERNAL_H

/* execve of `file` as execvp finds it (PATH of this process's
 * environment), with `envp`. Returns -1 with errno, as execvp. */
int __exec_search(const char *file, char *const argv[], char *const envp[]);

#endif
