/* kernel/uapi/kinfo.h - what SYS_kinfo tells about the kernel's insides.
 * kinfo(KINFO_COUNTERS, &counters, sizeof counters) fills the counters that
 * leak tests compare before and after a run. */
#ifndef KERNEL_UAPI_KINFO_H
#define KERNEL_UAPI_KINFO_H

#define KINFO_COUNTERS  1
#define KINFO_PROCESSES 2   /* an array of struct kinfo_process, one per process */

struct kinfo_counters {
    unsigned free_frames;       /* physical pages free now */
    unsigned total_frames;      /* physical pages the allocator manages */
    unsigned heap_bytes_used;   /* kmalloc'd payload bytes */
    unsigned processes;         /* process table entries in use (alive + zombie) */
    unsigned tasks;             /* kernel tasks not yet freed */
    unsigned open_files;        /* struct file objects */
    unsigned inodes;            /* file system nodes */
    unsigned pipes;             /* pipes and open FIFOs */
    unsigned mailboxes;         /* mailboxes (named or still open) */
    unsigned held_messages;     /* messages in inboxes and mailboxes */
    unsigned memory_objects;    /* shared page sets: file contents, shared mappings, segments */
};

/* One process as ps shows it. kinfo(KINFO_PROCESSES, array, sizeof array)
 * fills as many as fit and returns the bytes written. */
struct kinfo_process {
    int pid;
    int parent_pid;
    int process_group;
    char state;                 /* R running, S ready to run, B blocked, Z zombie */
    char name[16];
    char wait_reason[32];       /* what a blocked process waits for, else "" */
    unsigned long long cpu_time_ns;
};

#endif
