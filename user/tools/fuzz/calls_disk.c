/* user/tools/fuzz/calls_disk.c - generators for the calls the disk brought
 * (kernel/uapi/syscall.h, 41-49 and 93): fsync, sync, mount, umount,
 * statfs, fstatfs, link, symlink, readlink, lstat; renames across file
 * systems; and writes that grow files on the disk.
 *
 * Paths to change lie on the disk (/home/fuzz) nearly half the time and in
 * memory (/tmp/fuzz) the rest (pools.c), so a link or a rename between two
 * of them often crosses file systems (EXDEV). What keeps everything else
 * safe from the fuzzers:
 *
 *   - a symbolic link's target is a name below its own directory or an
 *     absolute path in one of the two trees, never with "..", and a link
 *     is only ever made, moved or linked to inside the trees
 *     (path_for_new_name, never /dev/shm): following links never leads
 *     out of the trees, so nothing done through a link reaches the image
 *     or the disk's own files;
 *   - link's existing name lies in the trees too (or is one whose link
 *     must fail: a directory, or the disk's README.txt into memory): a
 *     second name for a program of the image would let a later truncate
 *     reach it;
 *   - the disk is mounted only on /home: with its real name and type a
 *     mount aims at /home or at a target that fails; other targets get
 *     only bogus sources or types, refused before anything is mounted.
 *
 * Growing writes count their bytes in the shared page set: a run grows
 * files by at most GROW_BUDGET, except one seed in FILL_EVERY, which
 * writes on until the disk is full and every writer meets ENOSPC. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <uapi/mount.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#define GROW_BUDGET   (1u << 20)    /* bytes a run's growing writes add, filling seeds aside */
#define FILL_EVERY    4             /* seeds 4, 8, 12 ...: fill the disk */
#define GROW_CHUNK    (64 * 1024)   /* the largest growing write */
#define FILL_CHUNK    (256 * 1024)  /* a filling seed's: the disk (8 MiB) is full within a few dozen */
#define GROW_FILES    4             /* /home/fuzz/g0 .. g3 */
#define TARGET_MAX    320           /* room for a symbolic link's target, longer than PATH_MAX */
#define USER_ID       1000          /* an ordinary user, for a child that gives up root */

static char path_a[512], path_b[512], target[TARGET_MAX];
static uint8_t grow_bytes[FILL_CHUNK];  /* what growing writes write; the kernel only reads it */

static long path_pointer(char *buffer)
{
    return chance(90) ? (long)buffer : (long)bad_pointer();
}

/* `path` moved to the other tree: /tmp/fuzz/a/b becomes /home/fuzz/a/b and
 * back; a path in neither stays as it is. */
static void other_tree(char *path)
{
    char rest[512];
    size_t tmp_length = strlen(FUZZ_DIRECTORY), home_length = strlen(HOME_FUZZ_DIRECTORY);
    if (!strncmp(path, FUZZ_DIRECTORY, tmp_length)) {
        strcpy(rest, path + tmp_length);
        strcpy(path, HOME_FUZZ_DIRECTORY);
    } else if (!strncmp(path, HOME_FUZZ_DIRECTORY, home_length)) {
        strcpy(rest, path + home_length);
        strcpy(path, FUZZ_DIRECTORY);
    } else {
        return;
    }
    strcat(path, rest);
}

/* The tree itself is never renamed away: workers count on finding it. */
static void not_a_tree(char *path)
{
    if (!strcmp(path, FUZZ_DIRECTORY) || !strcmp(path, FUZZ_DIRECTORY "/"))
        strcpy(path, FUZZ_DIRECTORY "/a");
    if (!strcmp(path, HOME_FUZZ_DIRECTORY) || !strcmp(path, HOME_FUZZ_DIRECTORY "/"))
        strcpy(path, HOME_FUZZ_DIRECTORY "/a");
}

/* Where the kernel writes a struct of `size` bytes: ours, an arena, or a
 * bad pointer (also when out_pointer had to cut the room short). */
static long struct_out(uint32_t size)
{
    uint32_t room = size;
    uint32_t buffer = chance(85) ? out_pointer(&room) : bad_pointer();
    return room < size ? (long)bad_pointer() : (long)buffer;
}

/* ---- fsync, sync, statfs, fstatfs -------------------------------------------- */

static void make_fsync(struct call *call)
{
    int fd = chance(40) ? fd_of_kind(FD_DISK_FILE) : chance(20) ? fd_of_kind(FD_DIRECTORY) : fd_any();
    if (fd < 0)
        fd = fd_any();                      /* none of that kind open: any, every kind, closed, nonsense */
    set_call(call, SYS_fsync, "fsync", 1, (long)fd);
}

static void make_sync(struct call *call)
{
    set_call(call, SYS_sync, "sync", 0);
}

/* A path whose file system is asked about: the disk's, memory's, or none. */
static void statfs_path(char *path)
{
    if (chance(40))
        strcpy(path, (const char *)PICK((uint32_t)"/home", (uint32_t)"/home/fuzz", (uint32_t)"/home/README.txt",
                                        (uint32_t)"/tmp", (uint32_t)"/", (uint32_t)"/dev/null",
                                        (uint32_t)"/home/fuzz/l0", (uint32_t)"/home/fuzz/l0/l1"));
    else
        path_any(path);
}

static void make_statfs(struct call *call)
{
    statfs_path(path_a);
    set_call(call, SYS_statfs, "statfs", 2, path_pointer(path_a), struct_out(sizeof(struct kernel_statfs)));
}

static void make_fstatfs(struct call *call)
{
    int fd = chance(25) ? fd_of_kind(FD_DISK_FILE) : fd_any();
    if (fd < 0)
        fd = fd_any();
    set_call(call, SYS_fstatfs, "fstatfs", 2, (long)fd, struct_out(sizeof(struct kernel_statfs)));
}

/* ---- links: lstat, readlink, symlink, link, rename across ---------------- */

static void make_lstat(struct call *call)
{
    if (chance(65))
        path_for_change(path_a);
    else
        path_any(path_a);
    set_call(call, SYS_lstat, "lstat", 2, path_pointer(path_a), struct_out(sizeof(struct stat)));
}

static void make_readlink(struct call *call)
{
    if (chance(75))
        path_for_change(path_a);
    else
        path_any(path_a);
    /* around the lengths of the targets below, and sizes that are no size */
    uint32_t size = chance(60) ? PICK(1, 2, 10, 58, 59, 60, 61, 255, 256, 4096) : any_size();
    uint32_t buffer = chance(90) ? out_pointer(&size) : bad_pointer();
    set_call(call, SYS_readlink, "readlink", 3, path_pointer(path_a), (long)buffer, (long)size);
}

/* Targets that stay inside the trees wherever the link lies (no ".."). */
static const char *const link_targets[] = {
    "a", "b", "sub", "f0", "l0", "l1", "x", "sub/a", "a/b/c", ".", "./a", "a/", "l0/a", "fifo",
    FUZZ_DIRECTORY, FUZZ_DIRECTORY "/a", FUZZ_DIRECTORY "/l0", FUZZ_DIRECTORY "/sub/f0",
    HOME_FUZZ_DIRECTORY, HOME_FUZZ_DIRECTORY "/a", HOME_FUZZ_DIRECTORY "/l1", HOME_FUZZ_DIRECTORY "/nothing",
};
#define LINK_TARGET_COUNT (sizeof link_targets / sizeof link_targets[0])

/* A long target of exactly `length` bytes: "a/a/a/..." (deep, below the
 * link or below a tree) or one name too long to be one. ext2 keeps a
 * target under 60 bytes in the inode and a longer one in a block of its own. */
static void long_target(uint32_t length)
{
    const char *start = chance(50) ? "" : chance(50) ? FUZZ_DIRECTORY "/" : HOME_FUZZ_DIRECTORY "/";
    const char *step = chance(70) ? "a/" : chance(50) ? "./" : "x";
    strcpy(target, start);
    while (strlen(target) < length)
        strcat(target, step);
    target[length] = 0;
}

static long link_target(void)
{
    if (chance(6))
        return (long)bad_pointer();
    switch (below(10)) {
    case 0:
        strcpy(target, "");                 /* no target: ENOENT */
        break;
    case 1:
        long_target(PICK(58, 59, 60, 61, 62, 63, 64, 200, 254, 255, 256, 300));
        break;
    default:
        strcpy(target, link_targets[below(LINK_TARGET_COUNT)]);
    }
    return (long)target;
}

static void make_symlink(struct call *call)
{
    long link_target_pointer = link_target();
    path_for_new_name(path_a);
    if (chance(40)) {                       /* the names the targets name: loops, chains */
        const char *tree = chance(50) ? FUZZ_DIRECTORY : HOME_FUZZ_DIRECTORY;
        strcpy(path_a, tree);
        strcat(path_a, (const char *)PICK((uint32_t)"/l0", (uint32_t)"/l1", (uint32_t)"/sub/l0",
                                          (uint32_t)"/a/l1", (uint32_t)"/l0/l1"));
    }
    set_call(call, SYS_symlink, "symlink", 2, link_target_pointer, path_pointer(path_a));
}

static void make_link(struct call *call)
{
    path_for_change(path_a);
    if (chance(50)) {
        strcpy(path_b, path_a);
        other_tree(path_b);                 /* the same name on the other file system: EXDEV */
    } else {
        path_for_new_name(path_b);
    }
    if (chance(10)) {                       /* a directory: EPERM; the disk's own file into memory: EXDEV */
        strcpy(path_a, (const char *)PICK((uint32_t)"/home", (uint32_t)"/tmp", (uint32_t)"/",
                                          (uint32_t)"/home/README.txt"));
        if (!strcmp(path_a, "/home/README.txt"))
            strcpy(path_b, FUZZ_DIRECTORY "/readme");
    }
    set_call(call, SYS_link, "link", 2, path_pointer(path_a), path_pointer(path_b));
}

static void make_rename_across(struct call *call)
{
    path_for_change(path_a);
    not_a_tree(path_a);
    strcpy(path_b, path_a);
    if (chance(70))
        other_tree(path_b);
    else
        path_for_new_name(path_b);
    set_call(call, SYS_rename, "rename", 2, path_pointer(path_a), path_pointer(path_b));
}

/* ---- mount and umount ----------------------------------------------------------- */

static const char *const disk_names[] = { "hda", "/dev/hda" };
static const char *const bogus_sources[] = { "/dev/hdb", "hdb", "", "/dev/", "/dev/null", "/home", "hda/", "hd" };
static const char *const bogus_types[] = { "ext3", "", "memfs", "ext2ext2e", "EXT2", "ext", "ext2 " };
static const char *const home_targets[] = { "/home", "/home/", "//home", "/home/." };
/* each fails, whatever is mounted: not there, not a directory, the root */
static const char *const failing_targets[] = {
    "/nonexistent", "/bin/true", "/", "/dev/null", "/home/README.txt", "", "/home/nonexistent/x",
};
#define COUNT_OF(array) (sizeof array / sizeof array[0])

static char long_string[300];

/* A string longer than PATH_MAX (and than a type name), or a bad pointer. */
static long nonsense_string(void)
{
    if (chance(50))
        return (long)bad_pointer();
    memset(long_string, 'm', sizeof long_string - 1);
    long_string[0] = '/';
    return (long)long_string;
}

static long home_target(void)
{
    return (long)home_targets[below(COUNT_OF(home_targets))];
}

static long failing_target(void)
{
    return (long)failing_targets[below(COUNT_OF(failing_targets))];
}

static void make_mount(struct call *call)
{
    int real_source = chance(70), real_type = chance(75);
    long source = real_source ? (long)disk_names[below(COUNT_OF(disk_names))]
                              : chance(85) ? (long)bogus_sources[below(COUNT_OF(bogus_sources))] : nonsense_string();
    long type = real_type ? (long)"ext2" : chance(85) ? (long)bogus_types[below(COUNT_OF(bogus_types))]
                                                      : nonsense_string();
    long where;
    if (real_source && real_type) {         /* it would mount: only where the disk belongs */
        where = chance(80) ? home_target() : chance(80) ? failing_target() : nonsense_string();
    } else if (chance(50)) {
        where = chance(50) ? home_target() : failing_target();
    } else {
        path_any(path_a);
        where = path_pointer(path_a);
    }
    long flags = chance(75) ? 0 : chance(60) ? MS_RDONLY : (long)any_flags(MS_RDONLY);
    set_call(call, SYS_mount, "mount", 4, source, where, type, flags);
}

static void make_umount(struct call *call)
{
    long where;
    if (chance(55)) {
        where = home_target();
    } else if (chance(60)) {
        where = (long)PICK((uint32_t)"/", (uint32_t)"/tmp", (uint32_t)FUZZ_DIRECTORY, (uint32_t)HOME_FUZZ_DIRECTORY,
                           (uint32_t)"/dev", (uint32_t)"/nonexistent", (uint32_t)"", (uint32_t)"/home/README.txt",
                           (uint32_t)"/bin/true", (uint32_t)"/home/spool");
    } else if (chance(70)) {
        path_any(path_a);
        where = path_pointer(path_a);
    } else {
        where = nonsense_string();
    }
    long flags = chance(80) ? 0 : chance(50) ? MNT_FORCE : (long)any_flags(MNT_FORCE);
    set_call(call, SYS_umount, "umount", 2, where, flags);
}

/* A child gives up root, so that its mounts, links and writes meet the
 * permission checks (a worker stays root: calls_identity.c). */
static void make_become_user(struct call *call)
{
    if (!child_mode)
        return;                             /* declined */
    set_call(call, SYS_setuid, "setuid", 1, (long)PICK(USER_ID, USER_ID + 1, 65534));
}

/* ---- files that grow on the disk ----------------------------------------------- */

static int append_fd = -1;                 /* our own file of /home/fuzz/g*, opened O_APPEND */
static int fill_fd = -1;                   /* /home/fuzz/fill, kept out of the pools */

static void after_grow(struct call *call, long result)
{
    if (result > 0)
        atomic_add(&shared->disk_bytes_grown, (uint32_t)result);
    else if (call->args[0] == fill_fd && result != -ENOSPC && result != -EINTR)
        fill_fd = -1;                       /* someone closed or replaced it: open it again */
}

static void after_grow_open(struct call *call, long result)
{
    if (result < 0)
        return;
    if (call->aux) {
        fill_fd = (int)result;
        return;
    }
    fd_opened(result, fd_kind_of(result, path_b));
    append_fd = (int)result;
}

/* The open of a file to grow: one of /home/fuzz/g*, or the filling one. */
static void grow_open(struct call *call, int filling)
{
    if (filling)
        strcpy(path_b, HOME_FUZZ_DIRECTORY "/fill");
    else
        snprintf(path_b, sizeof path_b, HOME_FUZZ_DIRECTORY "/g%u", below(GROW_FILES));
    long flags = O_WRONLY | O_CREAT | O_APPEND | (!filling && chance(10) ? O_TRUNC : 0);
    set_call(call, SYS_open, "open", 3, (long)path_b, flags, 0644L);
    call->aux = filling;
    call->after = after_grow_open;
}

/* A write to a file of ours on the disk: mostly at the end of our own
 * file, now and then anywhere in any other; with no file of our own (or
 * once it was closed, or became something else) the call is its open.
 * Declined once the run's budget is spent. A filling seed writes most of its
 * growing writes to /home/fuzz/fill, which no other generator can name
 * or truncate (its descriptor is not in the pools), so the disk fills. */
static void make_grow(struct call *call)
{
    int fill = shared->seed % FILL_EVERY == 0;
    if (!fill && shared->disk_bytes_grown >= GROW_BUDGET)
        return;                             /* declined */
    int fd;
    if (fill && chance(80)) {
        fd = fill_fd;
        if (fd < 0) {
            grow_open(call, 1);
            return;
        }
    } else {
        fd = chance(80) ? append_fd : fd_of_kind(FD_DISK_FILE);
        if (fd < 0 || fd >= FD_SLOTS || fd_kinds[fd] != FD_DISK_FILE) {
            grow_open(call, 0);
            return;
        }
    }
    uint32_t size = fill ? FILL_CHUNK : PICK(1024, 4096, 12288, 32768, GROW_CHUNK);
    grow_bytes[0] = (uint8_t)rng();        /* something other than zeros, now and then */
    set_call(call, SYS_write, "write", 3, (long)fd, (long)grow_bytes, (long)size);
    call->may_block = 1;                    /* the descriptor may have become a pipe's (dup2) */
    call->after = after_grow;
}

const struct generator disk_generators[] = {
    { make_fsync, 4 }, { make_sync, 1 }, { make_statfs, 3 }, { make_fstatfs, 3 }, { make_lstat, 4 },
    { make_readlink, 4 }, { make_symlink, 6 }, { make_link, 4 }, { make_rename_across, 3 }, { make_mount, 2 },
    { make_umount, 2 }, { make_become_user, 1 }, { make_grow, 4 },
};
const unsigned disk_generator_count = sizeof disk_generators / sizeof disk_generators[0];
