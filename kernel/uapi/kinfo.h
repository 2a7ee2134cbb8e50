/* kernel/uapi/kinfo.h - what SYS_kinfo tells about the kernel's insides.
 * kinfo(KINFO_COUNTERS, &counters, sizeof counters) fills the counters that
 * leak tests compare before and after a run. */
#ifndef KERNEL_UAPI_KINFO_H
#define KERNEL_UAPI_KINFO_H

#define KINFO_COUNTERS 1

struct kinfo_counters {
    unsigned free_frames;       /* physical pages free now */
    unsigned total_frames;      /* physical pages the allocator manages */
    unsigned heap_bytes_used;   /* kmalloc'd payload bytes */
    unsigned processes;         /* process table entries in use (alive + zombie) */
    unsigned tasks;             /* kernel tasks not yet freed */
    unsigned open_files;        /* struct file objects */
};

#endif
