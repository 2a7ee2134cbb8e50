/* libc/unistd/sysconf.c - sysconf, pathconf, fpathconf: the system's
 * limits and options as a program asks for them at run time (sysconf(3),
 * pathconf(3)). Each answer comes from the one place that decides it: a
 * limit a process may change from its resource limits (getrlimit), a
 * fixed one from the header the kernel shares (kernel/uapi/limits.h,
 * uapi/mqueue.h) or from the libc's code that it bounds (the user
 * database's lines: libc/pwd/database.h), an option from <unistd.h>. -1 without errno means "no
 * limit" or "not supported"; an unknown name is EINVAL. */
#include <errno.h>
#include <kernel.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include <uapi/mqueue.h>

#include "../pwd/database.h"

#define CLOCK_TICKS_PER_SECOND 100    /* clock_t's unit, as Linux's USER_HZ */
#define LINK_COUNT_MAX 32000          /* names of one file: link(2)'s EMLINK (kernel/fs/name_syscalls.c) */
#define SYMLINK_TARGET_MAX (PATH_MAX - 1)   /* a symbolic link holds a path, without its NUL */

/* A resource limit's soft value, -1 for "no limit". */
static long soft_limit(int resource)
{
    struct rlimit limit;
    if (getrlimit(resource, &limit) < 0 || limit.rlim_cur == RLIM_INFINITY)
        return -1;
    return (long)limit.rlim_cur;
}

/* Physical pages: all (total) or free now. */
static long physical_pages(int free_only)
{
    struct kinfo_counters counters;
    if (kinfo(KINFO_COUNTERS, &counters, sizeof counters) < 0)
        return -1;
    return (long)(free_only ? counters.free_frames : counters.total_frames);
}

/* The options: what <unistd.h> says of each. */
static int option(int name, long *value)
{
    switch (name) {
    case _SC_JOB_CONTROL: *value = _POSIX_JOB_CONTROL; return 1;
    case _SC_SAVED_IDS: *value = _POSIX_SAVED_IDS; return 1;
    case _SC_REALTIME_SIGNALS: *value = _POSIX_REALTIME_SIGNALS; return 1;
    case _SC_PRIORITY_SCHEDULING: *value = _POSIX_PRIORITY_SCHEDULING; return 1;
    case _SC_TIMERS: *value = _POSIX_TIMERS; return 1;
    case _SC_ASYNCHRONOUS_IO: *value = _POSIX_ASYNCHRONOUS_IO; return 1;
    case _SC_PRIORITIZED_IO: *value = _POSIX_PRIORITIZED_IO; return 1;
    case _SC_SYNCHRONIZED_IO: *value = _POSIX_SYNCHRONIZED_IO; return 1;
    case _SC_FSYNC: *value = _POSIX_FSYNC; return 1;
    case _SC_MAPPED_FILES: *value = _POSIX_MAPPED_FILES; return 1;
    case _SC_MEMLOCK: *value = _POSIX_MEMLOCK; return 1;
    case _SC_MEMLOCK_RANGE: *value = _POSIX_MEMLOCK_RANGE; return 1;
    case _SC_MEMORY_PROTECTION: *value = _POSIX_MEMORY_PROTECTION; return 1;
    case _SC_MESSAGE_PASSING: *value = _POSIX_MESSAGE_PASSING; return 1;
    case _SC_SEMAPHORES: *value = _POSIX_SEMAPHORES; return 1;
    case _SC_SHARED_MEMORY_OBJECTS: *value = _POSIX_SHARED_MEMORY_OBJECTS; return 1;
    case _SC_VERSION: *value = _POSIX_VERSION; return 1;
    case _SC_XOPEN_VERSION: *value = -1; return 1;   /* XSI conformance not claimed: no _XOPEN_VERSION */
    case _SC_THREADS: *value = _POSIX_THREADS; return 1;
    case _SC_THREAD_SAFE_FUNCTIONS: *value = _POSIX_THREAD_SAFE_FUNCTIONS; return 1;
    case _SC_THREAD_ATTR_STACKADDR: *value = _POSIX_THREAD_ATTR_STACKADDR; return 1;
    case _SC_THREAD_ATTR_STACKSIZE: *value = _POSIX_THREAD_ATTR_STACKSIZE; return 1;
    case _SC_THREAD_PRIORITY_SCHEDULING: *value = _POSIX_THREAD_PRIORITY_SCHEDULING; return 1;
    case _SC_THREAD_PRIO_INHERIT: *value = _POSIX_THREAD_PRIO_INHERIT; return 1;
    case _SC_THREAD_PRIO_PROTECT: *value = _POSIX_THREAD_PRIO_PROTECT; return 1;
    case _SC_THREAD_PROCESS_SHARED: *value = _POSIX_THREAD_PROCESS_SHARED; return 1;
    case _SC_ADVISORY_INFO: *value = _POSIX_ADVISORY_INFO; return 1;
    case _SC_BARRIERS: *value = _POSIX_BARRIERS; return 1;
    case _SC_CLOCK_SELECTION: *value = _POSIX_CLOCK_SELECTION; return 1;
    case _SC_CPUTIME: *value = _POSIX_CPUTIME; return 1;
    case _SC_THREAD_CPUTIME: *value = _POSIX_THREAD_CPUTIME; return 1;
    case _SC_MONOTONIC_CLOCK: *value = _POSIX_MONOTONIC_CLOCK; return 1;
    case _SC_READER_WRITER_LOCKS: *value = _POSIX_READER_WRITER_LOCKS; return 1;
    case _SC_SPIN_LOCKS: *value = _POSIX_SPIN_LOCKS; return 1;
    case _SC_REGEXP: *value = _POSIX_REGEXP; return 1;
    case _SC_SHELL: *value = _POSIX_SHELL; return 1;
    case _SC_SPAWN: *value = _POSIX_SPAWN; return 1;
    case _SC_SPORADIC_SERVER: *value = _POSIX_SPORADIC_SERVER; return 1;
    case _SC_THREAD_SPORADIC_SERVER: *value = _POSIX_THREAD_SPORADIC_SERVER; return 1;
    case _SC_TIMEOUTS: *value = _POSIX_TIMEOUTS; return 1;
    case _SC_TYPED_MEMORY_OBJECTS: *value = _POSIX_TYPED_MEMORY_OBJECTS; return 1;
    case _SC_TRACE: *value = _POSIX_TRACE; return 1;
    case _SC_IPV6: *value = _POSIX_IPV6; return 1;
    case _SC_RAW_SOCKETS: *value = _POSIX_RAW_SOCKETS; return 1;
    }
    return 0;
}

long sysconf(int name)
{
    long value;
    if (option(name, &value))
        return value;
    switch (name) {
    case _SC_ARG_MAX: return ARG_MAX;
    case _SC_CHILD_MAX: return soft_limit(RLIMIT_NPROC);
    case _SC_CLK_TCK: return CLOCK_TICKS_PER_SECOND;
    case _SC_NGROUPS_MAX: return NGROUPS_MAX;
    case _SC_NZERO: return NZERO;
    case _SC_OPEN_MAX: return soft_limit(RLIMIT_NOFILE);
    case _SC_SIGQUEUE_MAX: return soft_limit(RLIMIT_SIGPENDING);
    case _SC_PAGESIZE: return KERNEL_PAGE_SIZE;
    case _SC_MQ_PRIO_MAX: return MQ_PRIO_MAX;
    case _SC_RTSIG_MAX: return RTSIG_MAX;
    case _SC_SEM_VALUE_MAX: return SEM_VALUE_MAX;
    case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN: return get_nprocs();
    case _SC_PHYS_PAGES: return physical_pages(0);
    case _SC_AVPHYS_PAGES: return physical_pages(1);
    case _SC_GETPW_R_SIZE_MAX:
    case _SC_GETGR_R_SIZE_MAX: return DATABASE_LINE_MAX;   /* getpwnam_r: a buffer that fits a line */
    case _SC_LOGIN_NAME_MAX: return DATABASE_NAME_MAX;
    case _SC_THREAD_KEYS_MAX: return PTHREAD_KEYS_MAX;
    case _SC_THREAD_DESTRUCTOR_ITERATIONS: return PTHREAD_DESTRUCTOR_ITERATIONS;
    case _SC_THREAD_STACK_MIN: return PTHREAD_STACK_MIN;
    case _SC_MQ_OPEN_MAX:              /* a queue is a descriptor: OPEN_MAX bounds it */
    case _SC_SEM_NSEMS_MAX:            /* unnamed semaphores are memory: no limit */
    case _SC_THREAD_THREADS_MAX:       /* only the kernel's table of all threads */
        return -1;
    case _SC_TIMER_MAX: return TIMER_MAX;
    case _SC_DELAYTIMER_MAX: return DELAYTIMER_MAX;
    case _SC_AIO_LISTIO_MAX: return AIO_LISTIO_MAX;
    case _SC_AIO_MAX: return AIO_MAX;
    case _SC_AIO_PRIO_DELTA_MAX: return AIO_PRIO_DELTA_MAX;
    }
    errno = EINVAL;
    return -1;
}

/* What pathconf and fpathconf answer for a file of type `mode`. POSIX
 * leaves a name that does not fit the kind of file (_PC_NAME_MAX of a
 * regular file) unspecified; glibc answers the file system's or the
 * system's limit whatever the file, and so does this library, so that a
 * program prints what it prints on Linux. */
static long file_limit(unsigned mode, int name)
{
    (void)mode;
    switch (name) {
    case _PC_LINK_MAX: return LINK_COUNT_MAX;
    case _PC_SYMLINK_MAX: return SYMLINK_TARGET_MAX;
    case _PC_2_SYMLINKS: return 1;     /* every file system has symbolic links */
    case _PC_NAME_MAX: return NAME_MAX;
    case _PC_PATH_MAX: return PATH_MAX;
    case _PC_PIPE_BUF: return PIPE_BUF;
    case _PC_CHOWN_RESTRICTED: return 1;
    case _PC_NO_TRUNC: return _POSIX_NO_TRUNC;
    case _PC_FILESIZEBITS: return 32;  /* files stop at 16 MiB: 32 bits hold any size */
    case _PC_MAX_CANON:
    case _PC_MAX_INPUT: return KERNEL_MAX_CANON;   /* a terminal's line queue */
    case _PC_VDISABLE: return _POSIX_VDISABLE;
    case _PC_SYNC_IO:
    case _PC_ASYNC_IO:
    case _PC_PRIO_IO: return -1;       /* not supported: no such I/O */
    }
    errno = EINVAL;
    return -1;
}

long pathconf(const char *path, int name)
{
    struct stat status;
    if (stat(path, &status) < 0)
        return -1;
    return file_limit(status.st_mode, name);
}

long fpathconf(int fd, int name)
{
    struct stat status;
    if (fstat(fd, &status) < 0)
        return -1;
    return file_limit(status.st_mode, name);
}
