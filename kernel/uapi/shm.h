/* kernel/uapi/shm.h - System V shared memory: shmat's flags and what
 * shmctl(IPC_STAT) fills (Linux's values; keys and IPC_* in sysv_ipc.h). */
#ifndef KERNEL_UAPI_SHM_H
#define KERNEL_UAPI_SHM_H

#include "sysv_ipc.h"

#define SHM_RDONLY 010000       /* attach read-only: writes fault */
#define SHM_RND    020000       /* round the attach address down to a page */
#define SHMLBA     4096         /* attach addresses are multiples of this */
#define SHM_DEST   01000        /* in shm_perm.mode: removed, freed at the last detach (/proc/sysvipc/shm) */

struct shmid_ds {
    struct ipc_perm shm_perm;
    unsigned long shm_segsz;    /* bytes asked for at shmget */
    long          shm_atime;    /* last shmat, seconds since boot */
    long          shm_dtime;    /* last shmdt */
    long          shm_ctime;    /* creation or last IPC_SET */
    int           shm_cpid;     /* creator */
    int           shm_lpid;     /* last shmat/shmdt */
    unsigned long shm_nattch;   /* attaches now */
};

#endif
