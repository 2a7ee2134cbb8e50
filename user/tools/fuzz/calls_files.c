/* user/tools/fuzz/calls_files.c - generators for the file system and
 * descriptor calls. Only paths under /tmp/fuzz, /home/fuzz (and
 * /dev/shm/sem.fz*) are ever created, written, truncated, renamed or
 * removed; the rest of the image and of the disk is opened read-only,
 * stat'ed and listed. The calls only the disk brought are calls_disk.c's. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <uapi/mount.h>
#include <uapi/syscall.h>

#include "fuzz.h"

static char path_a[512], path_b[512];

static long path_pointer(char *buffer)
{
    return chance(88) ? (long)buffer : (long)bad_pointer();
}

/* The kind of what `fd` (opened by `path`) now refers to, asked of the
 * kernel: a file of ours is on the disk when its file system is ext2. */
enum fd_kind fd_kind_of(long fd, const char *path)
{
    struct stat st;
    if (raw_syscall(SYS_fstat, fd, (long)&st, 0, 0, 0, 0) < 0)
        return FD_CLOSED;
    if (S_ISDIR(st.st_mode))
        return FD_DIRECTORY;
    if (S_ISFIFO(st.st_mode))
        return FD_FIFO;
    if (S_ISCHR(st.st_mode))
        return strstr(path, "tty") ? FD_TERMINAL : FD_DEVICE;
    if (!in_fuzz_tree(path) && strncmp(path, "/dev/shm", 8))
        return FD_IMAGE;
    struct kernel_statfs fs;
    if (raw_syscall(SYS_fstatfs, fd, (long)&fs, 0, 0, 0, 0) == 0 && fs.f_type == EXT2_SUPER_MAGIC)
        return FD_DISK_FILE;
    return FD_FILE;
}

/* The directory of an *at call for `path` (an absolute path of ours, or
 * of anywhere for the calls that only look): `path` as it is, with
 * AT_FDCWD or any descriptor (EBADF, ENOTDIR, or not looked at); or
 * `path` without its first '/', from AT_FDCWD or any descriptor, which
 * finds our files only from / and nothing at all from elsewhere: no call
 * names a file outside the trees it may change. */
static long at_directory(char *path)
{
    if (chance(50) && path[0] == '/')
        memmove(path, path + 1, strlen(path));
    return chance(40) ? AT_FDCWD : (long)PICK((uint32_t)fd_any(), (uint32_t)fd_any(), (uint32_t)-1, 9999);
}

static void after_open(struct call *call, long result)
{
    if (result >= 0)
        fd_opened(result, fd_kind_of(result, call->aux ? path_a : ""));
}

static void make_open(struct call *call)
{
    uint32_t flags;
    if (chance(55)) {
        path_for_change(path_a);
        flags = any_flags(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_NONBLOCK | O_DIRECTORY |
                          O_CLOEXEC | O_NOCTTY);
        if (!risky_mode && (flags & O_ACCMODE) == O_ACCMODE && chance(70))
            flags &= ~1u;
    } else {
        path_any(path_a);
        int writable_place = in_fuzz_tree(path_a);
        flags = writable_place ? any_flags(0x7fffffff)
                               : (rng() & (O_NONBLOCK | O_DIRECTORY | O_CLOEXEC | O_NOCTTY)) |
                                 (chance(10) ? 0x40000000u : 0);   /* unknown bits: EINVAL */
        if (!strcmp(path_a, "/dev/tty2") && chance(50))
            flags |= O_RDWR;
    }
    call->aux = 1;
    long mode = (long)PICK(0600, 0777, 0, 07777, 0xffffffff);
    if (chance(25)) {
        long dirfd = at_directory(path_a);
        set_call(call, SYS_openat, "openat", 4, dirfd, path_pointer(path_a), (long)flags, mode);
    } else {
        set_call(call, SYS_open, "open", 3, path_pointer(path_a), (long)flags, mode);
    }
    call->may_block = 1;                    /* a FIFO waits for its other end */
    call->after = after_open;
}

static void after_close(struct call *call, long result)
{
    if (result == 0)
        fd_closed(call->args[0]);
}

static int open_count(void)
{
    int count = 0;
    for (int fd = 0; fd < FD_SLOTS; fd++)
        count += fd_kinds[fd] != FD_NONE && fd_kinds[fd] != FD_CLOSED;
    return count;
}

static void make_close(struct call *call)
{
    int fd = fd_mutable();
    if (open_count() > 20 && chance(80))    /* a full table makes every open fail */
        for (int tries = 0; tries < 8 && (fd < 3 || fd >= FD_SLOTS || fd_kinds[fd] == FD_CLOSED); tries++)
            fd = fd_any();
    set_call(call, SYS_close, "close", 1, (long)fd);
    call->after = after_close;
}

static void make_read(struct call *call)
{
    uint32_t size = any_size();
    uint32_t buffer = out_pointer(&size);
    set_call(call, SYS_read, "read", 3, (long)fd_any(), (long)buffer, (long)size);
    call->may_block = 1;
}

static void make_write(struct call *call)
{
    int fd = fd_any();
    uint32_t size = any_size();
    uint32_t buffer;
    if (fd >= 0 && fd < FD_SLOTS && fd_kinds[fd] == FD_TERMINAL) {
        size = below(24);                   /* a few visible bytes on a VGA console */
        buffer = safe_buffer(size);
        memset((void *)buffer, 'z', size);
    } else {
        buffer = in_pointer(size);
    }
    set_call(call, SYS_write, "write", 3, (long)fd, (long)buffer, (long)size);
    call->may_block = 1;
}

static void make_lseek(struct call *call)
{
    set_call(call, SYS_lseek, "lseek", 3, (long)fd_any(),
             (long)PICK(0, 1, 4096, (uint32_t)-1, 0x7fffffff, 0x80000000, 16u << 20, (16u << 20) + 1, rng()),
             (long)PICK(0, 1, 2, 3, (uint32_t)-1));
}

enum fd_kind fd_kind_known(long fd)
{
    return fd < FD_SLOTS ? (enum fd_kind)fd_kinds[fd] : fd_kind_of(fd, "");
}

/* The copy is what the original is. */
void fd_duplicated(long old, long result)
{
    if (result >= 0 && old >= 0)
        fd_opened(result, fd_kind_known(old));
}

static void after_duplicate(struct call *call, long result)
{
    fd_duplicated(call->args[0], result);
}

static void make_dup(struct call *call)
{
    set_call(call, SYS_dup, "dup", 1, (long)fd_any());
    call->after = after_duplicate;
}

static void make_dup2(struct call *call)
{
    long target = chance(85) ? (long)below(FD_SLOTS) : (long)PICK(32, 255, 256, (uint32_t)-1, 1000, 0x80000000);
    if (target == REPORT_FD)
        target = 30;
    set_call(call, SYS_dup2, "dup2", 2, (long)fd_any(), target);
    call->after = after_duplicate;
}

static void after_fcntl(struct call *call, long result)
{
    if (call->args[1] == F_DUPFD)
        after_duplicate(call, result);
}

/* An owner for F_SETOWN: nobody, a process of ours (never one outside
 * the fuzzer: they take no SIGIO), or numbers that name nothing. */
static long fcntl_owner(void)
{
    int pid = pid_any();
    return (long)PICK(0, (uint32_t)(pid > 0 ? pid : 0), (uint32_t)(pid > 0 ? pid : 0), 99999, (uint32_t)-99999,
                      0x80000000u);
}

/* A signal for F_SETSIG the worker survives (restore_invariants), or
 * numbers that are none. */
static long fcntl_signal(void)
{
    return (long)PICK(0, SIGIO, SIGRTMIN, SIGRTMAX, SIGALRM, 65, (uint32_t)-1);
}

static void make_fcntl(struct call *call)
{
    long command = (long)PICK(F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_SETFL, 5, 1000, (uint32_t)-1,
                              F_GETPIPE_SZ, F_SETPIPE_SZ, F_SETOWN, F_GETOWN, F_SETSIG, F_GETSIG, F_SETOWN_EX,
                              F_GETOWN_EX);
    long argument;
    if (command == F_SETOWN_EX || command == F_GETOWN_EX) {
        struct f_owner_ex *owner = (struct f_owner_ex *)safe_buffer(sizeof *owner);
        owner->type = (int)PICK(F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP, 3, (uint32_t)-1);
        owner->pid = (int)(owner->type == F_OWNER_TID && chance(50) ? thread_tid_any() : fcntl_owner());
        argument = chance(85) ? (long)owner : (long)bad_pointer();
    } else {
        argument = command == F_DUPFD ? (long)PICK(0, 3, 10, 30, 31, 32, 255, 256, (uint32_t)-1)
                 : command == F_SETPIPE_SZ ? (long)PICK(0, 1, 4096, 5000, 65536, 1u << 20, (1u << 20) + 1,
                                                        0x80000000u, 0x80000001u, (uint32_t)-1)
                 : command == F_SETOWN ? fcntl_owner()
                 : command == F_SETSIG ? fcntl_signal()
                 : (long)any_flags(O_APPEND | O_NONBLOCK | O_ASYNC | FD_CLOEXEC | O_RDWR);
    }
    set_call(call, SYS_fcntl, "fcntl", 3, (long)fd_any(), command, argument);
    call->after = after_fcntl;
}

/* A record lock (fcntl's F_GETLK, F_SETLK, F_SETLKW and their F_OFD_
 * forms: kernel/fs/record_lock.c) on a file of ours: a struct flock of any
 * type and range, good or bad, in scratch memory (F_GETLK writes it
 * back), or a bad pointer. F_SETLKW may wait for another worker's lock:
 * the alarm ends it. */
static void make_record_lock(struct call *call)
{
    long command = (long)PICK(F_GETLK, F_SETLK, F_SETLK, F_SETLKW, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW);
    long argument;
    if (chance(90)) {
        struct flock *lock = (struct flock *)safe_buffer(sizeof *lock);
        lock->l_type = (short)PICK(F_RDLCK, F_WRLCK, F_UNLCK, F_UNLCK, 3, (uint32_t)-1);
        lock->l_whence = (short)PICK(SEEK_SET, SEEK_SET, SEEK_CUR, SEEK_END, 3);
        lock->l_start = (long)PICK(0, 0, 1, 10, 100, 4096, (uint32_t)-1, 0x7fffffff, 0x80000000u);
        lock->l_len = (long)PICK(0, 1, 10, 100, 4096, (uint32_t)-1, (uint32_t)-100, 0x7fffffff);
        lock->l_pid = chance(50) ? 0 : (int)rng();   /* the OFD commands want 0 */
        argument = (long)lock;
    } else {
        argument = (long)bad_pointer();
    }
    int fd = chance(80) ? fd_of_file() : fd_any();
    set_call(call, SYS_fcntl, "fcntl", 3, fd < 0 ? (long)fd_any() : (long)fd, command, argument);
    call->may_block = command == F_SETLKW || command == F_OFD_SETLKW;
}

/* flock(2) on a file of ours or any descriptor, with any operation; a
 * LOCK_EX may wait for another worker's lock: the alarm ends it. */
static void make_flock(struct call *call)
{
    long operation = (long)PICK(LOCK_SH, LOCK_EX, LOCK_UN, LOCK_SH | LOCK_NB, LOCK_EX | LOCK_NB, LOCK_UN | LOCK_NB, 0,
                                LOCK_SH | LOCK_EX, LOCK_MAND, 16, (uint32_t)-1);
    int fd = chance(80) ? fd_of_file() : fd_any();
    set_call(call, SYS_flock, "flock", 2, fd < 0 ? (long)fd_any() : (long)fd, operation);
    call->may_block = !(operation & LOCK_NB);
}

static const char *const interface_names[] = { "lo", "eth0", "nosuch0" };

/* SIOCGIFCONF's struct ifconf: a buffer of ours (or none, or a bad
 * one), whose length the kernel may fill. */
static uint32_t interface_list(void)
{
    struct ifconf *list = (struct ifconf *)safe_buffer(sizeof *list);
    uint32_t room = PICK(10, sizeof(struct ifreq), 3 * sizeof(struct ifreq));
    list->ifc_len = (int)room;
    if (chance(70)) {
        list->ifc_buf = (char *)out_pointer(&room);  /* the kernel writes at most ifc_len bytes */
        if (room < (uint32_t)list->ifc_len || protected_write_target((uint32_t)list->ifc_buf, room))
            list->ifc_buf = (char *)bad_pointer();
    } else {                                         /* none (the length asked), or a bad one */
        list->ifc_buf = (char *)(chance(50) ? 0 : bad_pointer());
        list->ifc_len = chance(50) ? (int)room : (int)rng();
    }
    return (uint32_t)list;
}

static void make_ioctl(struct call *call)
{
    /* every terminal request but TCXONC (TCOOFF would hold the console's
     * writers for good) and TIOCSTI (typed Ctrl-C would end the run);
     * those of every file; a socket's (uapi/sockios.h) */
    uint32_t request = PICK(TCGETS, TCSETS, TCSETSW, TCSETSF, TCSBRK, TCFLSH, TIOCGPGRP, TIOCSPGRP,
                            TIOCOUTQ, TIOCGWINSZ, TIOCSWINSZ, FIONREAD, TIOCGSID, FIONBIO, FIOASYNC, FIOCLEX,
                            FIONCLEX, SIOCATMARK, SIOCGIFCONF, SIOCGIFFLAGS, SIOCGIFADDR, SIOCGIFNAME,
                            SIOCGIFHWADDR, SIOCGIFBRDADDR, 0, rng());
    int interface_request = request >= SIOCGIFNAME && request <= SIOCGIFHWADDR;
    uint32_t argument;
    if ((request == TCSBRK || request == TCFLSH) && chance(70)) {
        argument = PICK(0, 1, 2, 3, (uint32_t)-1);   /* these take a value, not a pointer */
    } else if (request == TIOCSPGRP && chance(70)) {
        argument = safe_buffer(4);
        *(int *)argument = group_any();
    } else if (request == SIOCGIFCONF) {
        argument = chance(90) ? interface_list() : bad_pointer();
    } else if (interface_request && chance(60)) {   /* a name that may be there, in our scratch memory */
        struct ifreq *asked = (struct ifreq *)safe_buffer(sizeof *asked);
        memset(asked, 0, sizeof *asked);
        strcpy(asked->ifr_name, interface_names[rng() % 3]);
        asked->ifr_ifindex = request == SIOCGIFNAME ? (int)PICK(0, 1, 2, 3, rng()) : asked->ifr_ifindex;
        argument = (uint32_t)asked;
    } else {
        uint32_t size = interface_request ? sizeof(struct ifreq) : 4, wanted = size;
        argument = chance(60) ? out_pointer(&size) : rng();
        if (size < wanted || protected_write_target(argument, wanted))
            argument = bad_pointer();
    }
    int socket = request >= SIOCATMARK && request <= SIOCGIFHWADDR && chance(70) ? fd_of_kind(FD_SOCKET) : -1;
    set_call(call, SYS_ioctl, "ioctl", 3, socket >= 0 ? (long)socket : (long)fd_any(), (long)request, (long)argument);
}

static void make_unlink(struct call *call)
{
    path_for_change(path_a);
    if (chance(25)) {
        long dirfd = at_directory(path_a);
        set_call(call, SYS_unlinkat, "unlinkat", 3, dirfd, path_pointer(path_a),
                 (long)PICK(0, 0, AT_REMOVEDIR, 1, rng()));
        return;
    }
    set_call(call, SYS_unlink, "unlink", 1, path_pointer(path_a));
}

static void make_rmdir(struct call *call)
{
    path_for_change(path_a);
    set_call(call, SYS_rmdir, "rmdir", 1, path_pointer(path_a));
}

static void make_mkdir(struct call *call)
{
    path_for_change(path_a);
    long mode = (long)PICK(0755, 0, 07777, 0xffffffff);
    if (chance(25)) {
        long dirfd = at_directory(path_a);
        set_call(call, SYS_mkdirat, "mkdirat", 3, dirfd, path_pointer(path_a), mode);
        return;
    }
    set_call(call, SYS_mkdir, "mkdir", 2, path_pointer(path_a), mode);
}

static void make_mknod(struct call *call)
{
    path_for_change(path_a);
    long mode = (long)PICK(S_IFIFO | 0600, S_IFIFO | 0600, S_IFREG | 0644, 0, S_IFCHR | 0600, S_IFDIR | 0700,
                           0140000, rng());
    if (chance(25)) {
        long dirfd = at_directory(path_a);
        set_call(call, SYS_mknodat, "mknodat", 4, dirfd, path_pointer(path_a), mode, (long)rng());
        return;
    }
    set_call(call, SYS_mknod, "mknod", 3, path_pointer(path_a), mode, (long)rng());
}

static void make_rename(struct call *call)
{
    path_for_change(path_a);
    path_for_new_name(path_b);              /* path_a may be a symbolic link */
    if (!strcmp(path_a, FUZZ_DIRECTORY) || !strcmp(path_a, FUZZ_DIRECTORY "/"))
        strcpy(path_a, FUZZ_DIRECTORY "/a");
    if (!strcmp(path_a, HOME_FUZZ_DIRECTORY) || !strcmp(path_a, HOME_FUZZ_DIRECTORY "/"))
        strcpy(path_a, HOME_FUZZ_DIRECTORY "/a");
    if (chance(25)) {
        long old_dirfd = at_directory(path_a), new_dirfd = at_directory(path_b);
        set_call(call, SYS_renameat, "renameat", 4, old_dirfd, path_pointer(path_a), new_dirfd, path_pointer(path_b));
        return;
    }
    set_call(call, SYS_rename, "rename", 2, path_pointer(path_a), path_pointer(path_b));
}

/* A second name, or a symbolic link, from directory descriptors: only
 * under the trees (path_for_new_name), to a file of ours. */
static void make_link_at(struct call *call)
{
    path_for_change(path_a);
    path_for_new_name(path_b);
    long new_dirfd = at_directory(path_b);
    if (chance(50)) {
        long old_dirfd = at_directory(path_a);
        set_call(call, SYS_linkat, "linkat", 5, old_dirfd, path_pointer(path_a), new_dirfd, path_pointer(path_b),
                 (long)PICK(0, AT_SYMLINK_FOLLOW, 1, rng()));
    } else {
        set_call(call, SYS_symlinkat, "symlinkat", 3, path_pointer(path_a), new_dirfd, path_pointer(path_b));
    }
}

/* Calls that only look, from directory descriptors: faccessat with any
 * mode and flags, readlinkat into any buffer. */
static void make_look_at(struct call *call)
{
    path_any(path_a);
    if (chance(10))
        path_a[0] = '\0';                  /* "": dirfd's own file with AT_EMPTY_PATH, else ENOENT */
    long dirfd = at_directory(path_a);
    if (chance(60)) {
        set_call(call, SYS_faccessat, "faccessat", 4, dirfd, path_pointer(path_a),
                 (long)PICK(F_OK, R_OK, W_OK, X_OK, R_OK | W_OK | X_OK, 8, rng()),
                 (long)PICK(0, 0, AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, rng()));
    } else {
        uint32_t size = any_size();
        uint32_t buffer = out_pointer(&size);
        set_call(call, SYS_readlinkat, "readlinkat", 4, dirfd, path_pointer(path_a), (long)buffer, (long)size);
    }
}

static void make_stat(struct call *call)
{
    path_any(path_a);
    uint32_t size = sizeof(struct stat);
    uint32_t buffer = out_pointer(&size);
    if (size < sizeof(struct stat))
        buffer = bad_pointer();
    if (chance(30)) {
        if (chance(15))
            path_a[0] = '\0';
        long dirfd = at_directory(path_a);
        set_call(call, SYS_fstatat, "fstatat", 4, dirfd, path_pointer(path_a), (long)buffer,
                 (long)PICK(0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, 4, rng()));
        return;
    }
    set_call(call, SYS_stat, "stat", 2, path_pointer(path_a), (long)buffer);
}

static void make_fstat(struct call *call)
{
    uint32_t size = sizeof(struct stat);
    uint32_t buffer = out_pointer(&size);
    if (size < sizeof(struct stat))
        buffer = bad_pointer();
    set_call(call, SYS_fstat, "fstat", 2, (long)fd_any(), (long)buffer);
}

static void make_ftruncate(struct call *call)
{
    int fd = chance(60) ? fd_of_file() : fd_any();
    set_call(call, SYS_ftruncate, "ftruncate", 2, (long)fd,
             (long)PICK(0, 1, 4095, 4096, 10000, 65536, 16u << 20, (16u << 20) + 1, (uint32_t)-1, 0x80000000));
}

static void make_truncate(struct call *call)
{
    path_for_change(path_a);
    set_call(call, SYS_truncate, "truncate", 2, path_pointer(path_a),
             (long)PICK(0, 1, 4096, 10000, 16u << 20, (16u << 20) + 1, (uint32_t)-1, 0x80000000));
}

/* utimensat on our paths, a descriptor's file (a NULL path, or "" with
 * AT_EMPTY_PATH), with times good, now, left alone, out of range, or not
 * in memory at all. Only times change: no file's bytes. */
static void make_utimensat(struct call *call)
{
    static struct timespec times[2];
    for (int i = 0; i < 2; i++) {
        times[i].tv_sec = (long)PICK(0, 1000000000, 0x7fffffff, 0x80000000, rng());
        times[i].tv_nsec = (long)PICK(0, 999999999, 1000000000, UTIME_NOW, UTIME_OMIT, (uint32_t)-1, rng());
    }
    path_for_change(path_a);
    uint32_t roll = below(100);
    long path = roll < 70 ? path_pointer(path_a) : roll < 85 ? 0 : (long)"";
    long dirfd = chance(60) ? AT_FDCWD : (long)fd_any();
    long times_pointer = (long)PICK((uint32_t)(uintptr_t)times, (uint32_t)(uintptr_t)times, 0, bad_pointer());
    set_call(call, SYS_utimensat, "utimensat", 4, dirfd, path, times_pointer,
             (long)PICK(0, 0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, 1, rng()));
}

static void make_chdir(struct call *call)
{
    if (chance(25)) {
        set_call(call, SYS_fchdir, "fchdir", 1, (long)PICK((uint32_t)fd_any(), (uint32_t)fd_any(), (uint32_t)-1));
        return;
    }
    path_any(path_a);
    set_call(call, SYS_chdir, "chdir", 1, path_pointer(path_a));
}

static void make_getcwd(struct call *call)
{
    uint32_t size = any_size();
    uint32_t buffer = out_pointer(&size);
    set_call(call, SYS_getcwd, "getcwd", 2, (long)buffer, (long)size);
}

static void make_getdents(struct call *call)
{
    uint32_t size = any_size();
    uint32_t buffer = out_pointer(&size);
    int fd = chance(60) ? fd_of_kind(FD_DIRECTORY) : fd_any();
    set_call(call, SYS_getdents, "getdents", 3, (long)fd, (long)buffer, (long)size);
}

static void after_pipe(struct call *call, long result)
{
    if (result != 0)
        return;
    if (call->aux) {
        const int *fds = (const int *)call->args[0];
        fd_opened(fds[0], FD_PIPE_READ);
        fd_opened(fds[1], FD_PIPE_WRITE);
    } else {                                /* the two lowest free descriptors */
        fd_opened(lowest_free_fd(), FD_PIPE_READ);
        fd_opened(lowest_free_fd(), FD_PIPE_WRITE);
    }
}

static void make_pipe(struct call *call)
{
    long pointer;
    if (chance(85)) {
        pointer = (long)safe_buffer(8);
        call->aux = 1;
    } else {
        uint32_t size = 8;
        pointer = (long)out_pointer(&size);
        if (size < 8)
            pointer = (long)bad_pointer();
    }
    set_call(call, SYS_pipe, "pipe", 1, pointer);
    call->after = after_pipe;
}

const struct generator file_generators[] = {
    { make_open, 12 }, { make_close, 12 }, { make_read, 10 }, { make_write, 10 }, { make_lseek, 3 },
    { make_dup, 3 }, { make_dup2, 3 }, { make_fcntl, 4 }, { make_ioctl, 2 }, { make_unlink, 3 },
    { make_record_lock, 3 }, { make_flock, 2 },
    { make_rmdir, 2 }, { make_mkdir, 3 }, { make_mknod, 3 }, { make_rename, 3 }, { make_stat, 3 },
    { make_fstat, 3 }, { make_ftruncate, 3 }, { make_truncate, 2 },
    { make_utimensat, 2 }, { make_chdir, 2 }, { make_getcwd, 2 },
    { make_getdents, 3 }, { make_pipe, 6 }, { make_link_at, 2 }, { make_look_at, 2 },
};
const unsigned file_generator_count = sizeof file_generators / sizeof file_generators[0];
