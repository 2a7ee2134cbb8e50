/* user/tools/fuzz/calls_identity.c - generators for user and group ids,
 * the umask, file modes and owners, uname and resource limits.
 *
 * A worker must stay able to fuzz: as root it keeps the right to kill and
 * reap its children, and with its limits it keeps room for descriptors
 * and children. So only a child (which ends soon and is never relied on)
 * changes its ids, groups or limits; a worker only reads them. chmod and
 * chown touch only our own files under /tmp/fuzz and /home/fuzz: the
 * image's programs must stay executable for the rest of the run. */
#include <uapi/limits.h>
#include <uapi/resource.h>
#include <uapi/syscall.h>

#include <fcntl.h>

#include "fuzz.h"

#define FUZZ_UIDS 0, 1, 1000, 1001, 65534, 0xffffffff, 0x7fffffff

static char path[512];

/* Ids the kernel must take or refuse: root, users, -1 (unchanged) and
 * nonsense. */
static long any_id(void)
{
    return (long)PICK(FUZZ_UIDS);
}

static void make_get_ids(struct call *call)
{
    uint32_t size = 4;
    long number = chance(50) ? SYS_getresuid : SYS_getresgid;
    set_call(call, number, number == SYS_getresuid ? "getresuid" : "getresgid", 3,
             (long)out_pointer(&size), (long)(chance(80) ? out_pointer(&size) : bad_pointer()),
             (long)out_pointer(&size));
}

static void make_set_ids(struct call *call)
{
    if (!child_mode && !risky_mode)
        return;                             /* declined: a worker stays root */
    switch (below(6)) {
    case 0: set_call(call, SYS_setuid, "setuid", 1, any_id()); break;
    case 1: set_call(call, SYS_setgid, "setgid", 1, any_id()); break;
    case 2: set_call(call, SYS_setreuid, "setreuid", 2, any_id(), any_id()); break;
    case 3: set_call(call, SYS_setregid, "setregid", 2, any_id(), any_id()); break;
    case 4: set_call(call, SYS_setresuid, "setresuid", 3, any_id(), any_id(), any_id()); break;
    default: set_call(call, SYS_setresgid, "setresgid", 3, any_id(), any_id(), any_id()); break;
    }
}

static void make_groups(struct call *call)
{
    uint32_t size = (uint32_t)PICK(0, 4, 64, 1024);
    if (chance(60) || (!child_mode && !risky_mode)) {
        long count = (long)PICK(0, 1, 16, 17, -1, 0x7fffffff);
        /* a count says how much room there is: the kernel may fill that
         * much (up to every group a process can hold), so the buffer is
         * noted that large, or the scratch oracle would blame the kernel */
        uint32_t room = (uint32_t)count > KERNEL_NGROUPS_MAX ? KERNEL_NGROUPS_MAX : (uint32_t)count;
        if (size < room * sizeof(uint32_t))
            size = room * sizeof(uint32_t);
        set_call(call, SYS_getgroups, "getgroups", 2, count, (long)out_pointer(&size));
    } else {
        set_call(call, SYS_setgroups, "setgroups", 2, (long)PICK(0, 1, 16, 17, 0xffffffff),
                 (long)(chance(80) ? in_pointer(size) : bad_pointer()));
    }
}

static void make_umask(struct call *call)
{
    set_call(call, SYS_umask, "umask", 1, (long)PICK(022, 0, 0777, 07777, 0xffffffff));
}

static void make_uname(struct call *call)
{
    uint32_t size = 6 * 65;
    if (chance(20)) {                       /* the machine's name: any bytes, any length */
        uint32_t length = (uint32_t)PICK(0, 3, 64, 65, 0xffffffff, rng());
        set_call(call, SYS_sethostname, "sethostname", 2,
                 (long)(chance(80) ? in_pointer(length < 65 ? length : 65) : bad_pointer()), (long)length);
        return;
    }
    set_call(call, SYS_uname, "uname", 1, (long)(chance(80) ? out_pointer(&size) : bad_pointer()));
}

static void make_rlimit(struct call *call)
{
    long resource = (long)PICK(RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_SIGPENDING,
                               RLIMIT_NICE, RLIMIT_COUNT, 0xffffffff, 100);
    uint32_t size = 8;
    if (chance(60) || (!child_mode && !risky_mode)) {
        set_call(call, SYS_getrlimit, "getrlimit", 2, resource,
                 (long)(chance(85) ? out_pointer(&size) : bad_pointer()));
        return;
    }
    uint32_t *limit = (uint32_t *)safe_buffer(8);
    limit[0] = (uint32_t)PICK(0, 1, 10, 32, 128, 0xffffffff);
    limit[1] = (uint32_t)PICK(0, 10, 32, 128, 0xffffffff);
    set_call(call, SYS_setrlimit, "setrlimit", 2, resource, (long)(chance(85) ? (uint32_t)limit : bad_pointer()));
}

static void make_mode_and_owner(struct call *call)
{
    path_for_change(path);
    long path_argument = chance(88) ? (long)path : (long)bad_pointer();
    long mode = (long)PICK(0, 0600, 0644, 0755, 07777, 0xffffffff);
    int fd = fd_of_file();
    long file = fd >= 0 && chance(80) ? fd : (long)PICK(-1, 9999);
    long dirfd = chance(50) ? AT_FDCWD : (long)PICK((uint32_t)fd_any(), (uint32_t)-1);   /* the path is absolute */
    long flags = (long)PICK(0, 0, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, rng());
    switch (below(6)) {
    case 0: set_call(call, SYS_chmod, "chmod", 2, path_argument, mode); break;
    case 1: set_call(call, SYS_fchmod, "fchmod", 2, file, mode); break;
    case 2: set_call(call, SYS_chown, "chown", 3, path_argument, any_id(), any_id()); break;
    case 3: set_call(call, SYS_fchmodat, "fchmodat", 4, dirfd, path_argument, mode, flags); break;
    case 4: set_call(call, SYS_fchownat, "fchownat", 5, dirfd, path_argument, any_id(), any_id(), flags); break;
    default: set_call(call, SYS_fchown, "fchown", 3, file, any_id(), any_id()); break;
    }
}

const struct generator identity_generators[] = {
    { make_get_ids, 3 }, { make_set_ids, 4 }, { make_groups, 2 }, { make_umask, 2 }, { make_uname, 1 },
    { make_rlimit, 3 }, { make_mode_and_owner, 4 },
};
const unsigned identity_generator_count = sizeof identity_generators / sizeof identity_generators[0];
