/* kernel/fs/procfs/procfs_internal.h - what the two halves of /proc share:
 * the nodes (procfs.c) and the text of its files (procfs_text.c). */
#ifndef KERNEL_FS_PROCFS_INTERNAL_H
#define KERNEL_FS_PROCFS_INTERNAL_H

#include <stdint.h>

#include "fs/inode.h"

struct process;

enum procfs_kind {
    PROCFS_ROOT,                      /* /proc */
    PROCFS_MEMINFO,                   /* /proc/meminfo */
    PROCFS_SELF,                      /* /proc/self, a link to the caller's directory */
    PROCFS_SYSVIPC,                   /* /proc/sysvipc */
    PROCFS_UPTIME,                    /* /proc/uptime */
    PROCFS_SYSVIPC_MSG,               /* /proc/sysvipc/msg */
    PROCFS_SYSVIPC_SEM,               /* /proc/sysvipc/sem */
    PROCFS_SYSVIPC_SHM,               /* /proc/sysvipc/shm */
    PROCFS_PROCESS,                   /* /proc/PID */
    PROCFS_CMDLINE,                   /* /proc/PID/cmdline */
    PROCFS_COMM,                      /* /proc/PID/comm */
    PROCFS_CWD,                       /* /proc/PID/cwd, a link to its working directory */
    PROCFS_FD,                        /* /proc/PID/fd */
    PROCFS_STAT,                      /* /proc/PID/stat */
    PROCFS_STATUS,                    /* /proc/PID/status */
    PROCFS_MAPS,                      /* /proc/PID/maps */
    PROCFS_FD_LINK,                   /* /proc/PID/fd/N */
};

/* One file of /proc. The inode comes first: the VFS holds &node->inode. */
struct procfs_node {
    struct inode inode;
    enum procfs_kind kind;
    int pid;                          /* the process it shows; 0 for /proc's own files */
    uint32_t serial;                  /* that process's serial (proc/process.h): never reused */
    int fd;                           /* PROCFS_FD_LINK: the descriptor */
    uint32_t last_used;               /* when a lookup last gave it (procfs.c's clock) */
};

/* The longest text a file of /proc holds. */
#define PROCFS_TEXT_MAX 8192      /* /proc/sysvipc/shm's 32 segments and its header */

/* Writes the text of a file of kind `kind` (PROCFS_MEMINFO, PROCFS_UPTIME,
 * or of `process`: PROCFS_COMM, PROCFS_STAT, PROCFS_STATUS) into `text`
 * (PROCFS_TEXT_MAX bytes): its length. Context: the big lock held (the
 * process table stays still); never sleeps. */
int procfs_text(enum procfs_kind kind, struct process *process, char *text);

/* The text of /proc/sysvipc/msg, sem or shm (`kind`) into `text`
 * (PROCFS_TEXT_MAX bytes): its length (procfs_sysvipc.c). Context: as
 * procfs_text. */
int procfs_sysvipc_text(enum procfs_kind kind, char *text);

/* Up to `size` bytes of `process`'s command line (its argument strings,
 * a NUL after each) from `offset`, into `text`: the count, 0 past the end
 * (a zombie has none). Read where exec put them, in the process's own
 * memory, as Linux reads them. Context: as procfs_text. */
uint32_t procfs_cmdline(struct process *process, uint32_t offset, char *text, uint32_t size);

/* Up to `size` bytes of /proc/PID/maps for `process` from `offset`, into
 * `text`: the count, 0 past the end (procfs_maps.c). Context: the
 * file-system lock held (a read); may sleep (a path on the disk). */
uint32_t procfs_maps(struct process *process, uint32_t offset, char *text, uint32_t size);

/* The path of `inode` in the tree, into `buffer` (`size` bytes): its
 * length, or -ENOENT when it has none left (unlinked, or none that fits).
 * Context: the file-system lock held; may sleep (procfs.c). */
int procfs_path_of(struct inode *inode, char *buffer, uint32_t size);

#endif
