/* kernel/uapi/kinfo.h - what SYS_kinfo tells about the kernel's insides.
 * kinfo(KINFO_COUNTERS, &counters, sizeof counters) fills the counters that
 * leak tests compare before and after a run. */
#ifndef KERNEL_UAPI_KINFO_H
#define KERNEL_UAPI_KINFO_H

#define KINFO_COUNTERS  1
#define KINFO_PROCESSES 2   /* an array of struct kinfo_process, one per process */
#define KINFO_THREADS   4   /* the same, one per thread (ps -T) */

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
    unsigned sysv_msg_queues;   /* System V message queues not yet freed */
    unsigned sysv_sem_sets;     /* System V semaphore sets */
    unsigned sysv_shm_segments; /* System V shared memory segments */
    unsigned posix_message_queues; /* POSIX message queues (named or still open) */
    unsigned sockets;           /* local sockets not yet freed */
    unsigned inet_sockets;      /* Internet sockets not yet freed */
    unsigned tcp_connections;   /* TCP connections, TIME_WAIT ones included */
    unsigned packets;           /* network packets alive (queued, waiting for ARP, unacknowledged) */
    unsigned net_timers;        /* protocol timers armed */
    unsigned epoll_instances;   /* epoll sets not yet freed */
    unsigned epoll_entries;     /* descriptors watched by epoll sets */
    unsigned posix_timers;      /* timer_create's timers not yet deleted */
    unsigned cpus;              /* CPUs that run tasks (docs/smp.md) */
    /* Several CPUs, since boot: system calls that begin without the
     * big kernel lock (kinfo(2) lists them) done without it, and those
     * that took it after all (docs/smp.md, "A pipe without the big
     * lock"). 0 on one CPU. */
    unsigned calls_without_big_lock;
    unsigned calls_given_to_big_lock;
    /* Several CPUs, since boot: signals whose handler's frame was built
     * without the big kernel lock on the way back to user mode (docs/
     * smp.md, "A signal made pending without the big lock"). */
    unsigned signals_delivered_without_big_lock;
    /* Several CPUs, since boot: calls that began without the big lock
     * and were done by that way, but took the big lock on the way (a
     * page to fault in, a wait that a signal ended): neither of the two
     * counts above. */
    unsigned calls_done_after_taking_big_lock;
    /* Since boot, on every CPU: a task's x87 registers loaded after a
     * switch, at its first x87 instruction or when the kernel copies them
     * (a signal's frame, a fork) (docs/scheduler.md, "The FPU"). A task
     * that never uses the FPU and takes no signal adds none. */
    unsigned x87_loads;
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
    char wait_object[32];       /* which object: "pipe 3", "mailbox printer", "process 7" */
    /* the scheduler's view (docs/scheduler.md) */
    int level;                  /* its level in the multi-level feedback queue: 0 runs first */
    int nice;                   /* -20 .. 19 */
    unsigned voluntary_switches;    /* times it left the CPU to wait */
    unsigned involuntary_switches;  /* times it was preempted (or yielded) */
    int tid;                    /* the thread shown: the first (tid = pid), or each (KINFO_THREADS) */
    int threads;                /* how many threads the process has */
    int policy;                 /* its scheduling class: SCHED_OTHER, SCHED_FIFO, ... (uapi/sched.h) */
    int rt_priority;            /* 1..99 for SCHED_FIFO and SCHED_RR, else 0 */
    int cpu;                    /* the CPU it runs on, or last ran on (ps -l's PSR) */
};

#define KINFO_IPC_OBJECTS 3   /* an array of struct kinfo_ipc_object */

/* One IPC object as ipcs shows it. */
struct kinfo_ipc_object {
    char kind[12];              /* "pipe", "fifo", "mailbox", "inbox", "msgqueue", ... */
    char name[32];              /* a name, or the id as text */
    int owner_pid;              /* creator or owner, 0 if none */
    unsigned count;             /* bytes or messages held now */
    unsigned capacity;          /* bytes or messages it can hold (0xFFFFFFFF: unbounded) */
    unsigned senders_waiting;   /* writers / senders blocked on it */
    unsigned receivers_waiting; /* readers / receivers blocked on it */
};

#define KINFO_MEMORY_OBJECTS 9  /* an array of struct kinfo_memory_object */

/* One memory object (kernel/mm/memory_object.h): the pages a file's
 * contents, a System V segment or a shared anonymous mapping are made of,
 * with what made it, so that one left over when its owners have gone
 * can be told apart (the fuzzer lists them when the counters do not come
 * back). */
struct kinfo_memory_object {
    char origin[12];            /* what made it: "mmap", "shmget", "file" */
    int creator_pid;            /* the process whose call made it, 0 if none */
    unsigned serial;            /* made as the serial-th object since boot, from 1 */
    unsigned references;        /* owners now: a file, a segment, each mapping region */
    unsigned pages;             /* pages it holds a frame for */
    unsigned file_inode;        /* a file's contents: the file's inode number while it lives, else 0 */
};

#define KINFO_RECORD_LOCKS 10  /* an array of struct kinfo_record_lock (lslocks) */

/* One file lock, held or waited for: a record lock (fcntl's F_SETLK or
 * F_OFD_SETLK, kernel/fs/record_lock.c) or a flock lock
 * (kernel/fs/flock.c). Linux's /proc/locks. */
struct kinfo_record_lock {
    int pid;                    /* the holder (flock: who took it); or the process waiting */
    int type;                   /* F_RDLCK or F_WRLCK (uapi/fcntl.h): flock's LOCK_SH or LOCK_EX */
    unsigned inode;             /* the file's inode number; 0: a file without one (a pipe) */
    unsigned long long start, end;   /* bytes start..end; end KINFO_LOCK_TO_THE_END: however far */
    int waiting_for;            /* 0: held; else it waits, for this process's lock (-1: the
                                 * lock in its way has just gone, and it will look again) */
    int kind;                   /* KINFO_LOCK_POSIX, KINFO_LOCK_FLOCK or KINFO_LOCK_OFD */
};

#define KINFO_LOCK_POSIX 0
#define KINFO_LOCK_FLOCK 1
#define KINFO_LOCK_OFD   2      /* F_OFD_SETLK: pid is the process that took it */
#define KINFO_LOCK_TO_THE_END 0x7fffffffffffffffull   /* 2^63 - 1, as Linux's OFFSET_MAX */

#define KINFO_MOUNTS 5        /* an array of struct kinfo_mount (mount, df) */

/* One mounted file system. */
struct kinfo_mount {
    char source[16];            /* "/dev/hda", "memfs" */
    char target[64];            /* where it is mounted: "/", "/home" */
    char type[8];               /* "memfs", "ext2" */
    unsigned flags;             /* MS_RDONLY (uapi/mount.h) */
};

#define KINFO_BLOCK_CACHE 6   /* one struct kinfo_block_cache */

/* The buffer cache of disk blocks (kernel/fs/block_cache.h) and the disks
 * under it. */
struct kinfo_block_cache {
    unsigned capacity;          /* buffers the cache may hold */
    unsigned in_use;            /* buffers holding a block */
    unsigned dirty;             /* of which changed and not yet written */
    unsigned hits, misses;      /* reads found in the cache / read from a disk */
    unsigned writes;            /* blocks written to a disk */
    unsigned sectors_read, sectors_written;   /* by every disk */
};

#define KINFO_NET_INTERFACES 7  /* an array of struct kinfo_net_interface (ifconfig) */

/* One network interface: "lo" or "eth0". Addresses in network byte order. */
struct kinfo_net_interface {
    char name[8];
    unsigned char mac[6];       /* zero for the loopback */
    unsigned short mtu;
    unsigned flags;             /* KINFO_NET_UP, KINFO_NET_LOOPBACK, KINFO_NET_DHCP */
    unsigned address, netmask, gateway;
    unsigned received_packets, received_bytes, received_dropped, received_errors;
    unsigned sent_packets, sent_bytes, sent_dropped;
};
#define KINFO_NET_UP       1
#define KINFO_NET_LOOPBACK 2
#define KINFO_NET_DHCP     4    /* the address came from a DHCP server */

#define KINFO_NET_SOCKETS 8     /* an array of struct kinfo_net_socket (netstat) */

/* One Internet socket. Addresses and ports in network byte order. */
struct kinfo_net_socket {
    unsigned id;
    int protocol;               /* IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP */
    unsigned local_address, remote_address;
    unsigned short local_port, remote_port;
    char state[12];             /* TCP: "LISTEN", "ESTABLISHED", "TIME_WAIT", ...; else "" or "CONNECTED" */
    unsigned receive_queue;     /* bytes (or datagrams) received, not yet read */
    unsigned send_queue;        /* bytes sent, not yet acknowledged */
    int owner_pid;              /* the process that made it, 0 for the kernel */
};

#endif
