/* kernel/proc/exec.h - replacing a process's program (execve). */
#ifndef KERNEL_PROC_EXEC_H
#define KERNEL_PROC_EXEC_H

#include "arch/x86/trap_frame.h"
#include "process.h"
#include "uapi/limits.h"

#define EXEC_ARGUMENTS_MAX KERNEL_ARG_MAX   /* argv + envp strings and pointers: E2BIG beyond */
#define EXEC_ARGUMENT_COUNT_MAX 1024
#define EXEC_SEGMENTS_MAX 16                  /* program headers an ELF file may have */

/* Loads the program at `path` into a new address space for `process`, with
 * `arguments` and `environment` (kernel strings, NULL-terminated arrays) on
 * its stack, and fills `frame` to start it. On success the old address space
 * is gone and close-on-exec descriptors are closed; on failure nothing has
 * changed. Returns 0 or -errno (ENOENT, ENOEXEC, E2BIG, ENOMEM). */
int exec_into(struct process *process, const char *path, const char *const *arguments,
              const char *const *environment, struct trap_frame *frame);

#endif
