/* kernel/ipc/sysv_shm.h - System V shared memory segments. */
#ifndef KERNEL_IPC_SYSV_SHM_H
#define KERNEL_IPC_SYSV_SHM_H

#include <stdint.h>

#define SHM_MAX_SEGMENTS 32          /* SHMMNI: ENOSPC beyond */
#define SHM_SIZE_MIN 1
#define SHM_SIZE_MAX (16u << 20)     /* SHMMAX: 16 MiB per segment */

/* A region of an address space attached to `attachment` (a segment)
 * was copied by fork (+1) or went away (-1: shmdt, exec, exit): counts
 * the segment's attaches, and frees a removed segment nobody attaches
 * any more. Called by region_references (kernel/mm/address_space.c).
 * Context: kernel lock held; never sleeps. */
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_shm_attachment_changed(void *attachment, int change);
#else
static inline void sysv_shm_attachment_changed(void *attachment, int change)   /* no segments: nothing attaches */
{
    (void)attachment;
    (void)change;
}
#endif

/* How many segments exist (for leak tests). */
#ifdef SUBSYSTEM_SYSV_IPC
unsigned sysv_shm_segment_count(void);
#else
static inline unsigned sysv_shm_segment_count(void)   /* no segments */
{
    return 0;
}
#endif

/* For ipcs: every segment (count = attaches, capacity = bytes). */
#include "ipc_list.h"
#ifdef SUBSYSTEM_SYSV_IPC
void sysv_shm_list_objects(ipc_list_emit emit, void *context);
#else
static inline void sysv_shm_list_objects(ipc_list_emit emit, void *context)   /* no segments */
{
    (void)emit;
    (void)context;
}
#endif

#endif
