/* kernel/ipc/sysv_shm.h - System V shared memory segments. */
#ifndef KERNEL_IPC_SYSV_SHM_H
#define KERNEL_IPC_SYSV_SHM_H

#include <stdint.h>

#include "ipc/sysv_ipc_for_core.h"   /* what the core asks: sysv_shm_attachment_changed ... */

#define SHM_MAX_SEGMENTS 32          /* SHMMNI: ENOSPC beyond */
#define SHM_SIZE_MIN 1
#define SHM_SIZE_MAX (16u << 20)     /* SHMMAX: 16 MiB per segment */

#endif
