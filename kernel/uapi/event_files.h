/* kernel/uapi/event_files.h - descriptors that are events: eventfd's
 * counter and signalfd's signals, read with read(2) and waited for with
 * poll, select or epoll beside any other descriptor (docs/event-files.md).
 * Linux's values and layout: <sys/eventfd.h> and <sys/signalfd.h>
 * include this file. */
#ifndef KERNEL_UAPI_EVENT_FILES_H
#define KERNEL_UAPI_EVENT_FILES_H

#include <stdint.h>

/* eventfd2's flags */
#define EFD_SEMAPHORE 1          /* a read takes 1, not the whole count */
#define EFD_CLOEXEC   02000000   /* O_CLOEXEC */
#define EFD_NONBLOCK  04000      /* O_NONBLOCK */

/* The largest count an eventfd holds: a write that would pass it waits. */
#define EVENTFD_MAX 0xfffffffffffffffeull

/* signalfd4's flags */
#define SFD_CLOEXEC   02000000
#define SFD_NONBLOCK  04000

/* What a read of a signalfd gives for each signal taken: 128 bytes, the
 * fields of the signal's siginfo that its kind fills (a sender's pid and
 * uid, a timer's id and overruns, a child's status, a fault's address,
 * an I/O signal's band and descriptor), the others 0. */
struct signalfd_siginfo {
    uint32_t ssi_signo;
    int32_t ssi_errno;
    int32_t ssi_code;
    uint32_t ssi_pid;
    uint32_t ssi_uid;
    int32_t ssi_fd;
    uint32_t ssi_tid;            /* a POSIX timer's id */
    uint32_t ssi_band;
    uint32_t ssi_overrun;
    uint32_t ssi_trapno;
    int32_t ssi_status;          /* SIGCHLD: the exit status or the signal */
    int32_t ssi_int;             /* sigqueue's, a timer's or mq_notify's value */
    uint64_t ssi_ptr;            /* the same value, as a pointer */
    uint64_t ssi_utime;
    uint64_t ssi_stime;
    uint64_t ssi_addr;           /* a fault's address */
    uint16_t ssi_addr_lsb;
    uint16_t __pad2;
    int32_t ssi_syscall;
    uint64_t ssi_call_addr;
    uint32_t ssi_arch;
    uint8_t __pad[28];
};

#endif
