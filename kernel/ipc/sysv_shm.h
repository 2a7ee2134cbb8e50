/* kernel/ipc/sysv_shm.h - System V shared memory segments. */
#ifndef KERNEL_IPC_SYSV_SHM_H
#define KERNEL_IPC_SYSV_SHM_H

#include <stdint.h>

#include "ipc/sysv_ipc_for_core.h"   /* what the core asks: sysv_shm_attachment_changed ... */

#define SHM_MAX_SEGMENTS 32          /* SHMMNI: ENOSPC beyond */
#define SHM_SIZE_MIN 1
#define SHM_SIZE_MAX (16u << 20)     /* SHMMAX: 16 MiB per segment */

/* Every segment as shmctl(IPC_STAT) reports it, with its id and the bytes
 * of it in memory now: for /proc/sysvipc/shm. A segment removed while
 * still attached is there too (key IPC_PRIVATE, SHM_DEST in its mode).
 * Context: the big lock held; never sleeps. */
struct shmid_ds;
typedef void (*sysv_shm_status_emit)(const struct shmid_ds *status, int id, uint32_t resident_bytes,
                                     void *context);
void sysv_shm_each_status(sysv_shm_status_emit emit, void *context);

/* The key of the segment a region is attached to (its `attachment`):
 * /proc/PID/maps names the region "/SYSV<key>", as Linux does.
 * Context: the big lock held; never sleeps. */
int sysv_shm_attachment_key(const void *attachment);

#endif
