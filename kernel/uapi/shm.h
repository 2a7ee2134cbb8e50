/* kernel/uapi/shm.h - System V shared memory: shmat's flags, shmctl's
 * commands and what shmctl fills (Linux's values; keys and IPC_* in
 * sysv_ipc.h). */
#ifndef KERNEL_UAPI_SHM_H
#define KERNEL_UAPI_SHM_H

#include "sysv_ipc.h"

#define SHM_RDONLY 010000       /* attach read-only: writes fault */
#define SHM_RND    020000       /* round the attach address down to a page */
#define SHMLBA     4096         /* attach addresses are multiples of this */
#define SHM_DEST   01000        /* in shm_perm.mode: removed, freed at the last detach (/proc/sysvipc/shm) */
#define SHM_LOCKED 02000        /* in shm_perm.mode: SHM_LOCK was asked for */

/* shmctl's commands beyond IPC_STAT, IPC_SET, IPC_RMID and IPC_INFO */
#define SHM_LOCK     11         /* keep the pages in memory (here they always are): sets SHM_LOCKED */
#define SHM_UNLOCK   12         /* clears SHM_LOCKED */
#define SHM_STAT     13         /* IPC_STAT of the segment in slot `id`; returns its id */
#define SHM_INFO     14         /* struct shm_info: what is in use */
#define SHM_STAT_ANY 15         /* SHM_STAT without the read permission check */

struct shmid_ds {
    struct ipc_perm shm_perm;
    unsigned long shm_segsz;    /* bytes asked for at shmget */
    long          shm_atime;    /* last shmat, seconds since the Epoch */
    long          shm_dtime;    /* last shmdt */
    long          shm_ctime;    /* creation or last IPC_SET */
    int           shm_cpid;     /* creator */
    int           shm_lpid;     /* last shmat/shmdt */
    unsigned long shm_nattch;   /* attaches now */
};

/* shmctl(IPC_INFO) fills this with the limits: the largest and smallest
 * segment in bytes, segments in the system (and per process: the same),
 * pages of all segments together. Returns the highest slot in use. */
struct shminfo {
    unsigned long shmmax;
    unsigned long shmmin;
    unsigned long shmmni;
    unsigned long shmseg;
    unsigned long shmall;
    unsigned long __unused[4];
};

/* shmctl(SHM_INFO) fills this with what is in use: segments, their pages
 * (shm_tot: their sizes rounded up; shm_rss: those in memory now); nothing
 * is ever swapped here. Returns the highest slot in use. */
struct shm_info {
    int used_ids;
    unsigned long shm_tot;
    unsigned long shm_rss;
    unsigned long shm_swp;
    unsigned long swap_attempts;
    unsigned long swap_successes;
};

#endif
