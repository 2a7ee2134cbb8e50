/* user/tools/fuzz/pools.c - where the other arguments come from: descriptors
 * (and what each one is), paths and names, biased towards the values that
 * find bugs. Pointers: pointers.c; pids, groups and ids: people.c. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

uint8_t fd_kinds[FD_SLOTS];

/* ---- descriptors --------------------------------------------------------- */

void fd_opened(long fd, enum fd_kind kind)
{
    if (fd >= 0 && fd < FD_SLOTS && fd != REPORT_FD)
        fd_kinds[fd] = (uint8_t)kind;
}

void fd_closed(long fd)
{
    if (fd >= 0 && fd < FD_SLOTS && fd != REPORT_FD && fd_kinds[fd] != FD_NONE)
        fd_kinds[fd] = FD_CLOSED;
}

int lowest_free_fd(void)
{
    for (int fd = 0; fd < FD_SLOTS; fd++)
        if (fd != REPORT_FD && (fd_kinds[fd] == FD_NONE || fd_kinds[fd] == FD_CLOSED))
            return fd;
    return -1;
}

static int fd_where(int open)
{
    int candidates[FD_SLOTS], count = 0;
    for (int fd = 0; fd < FD_SLOTS; fd++) {
        int is_open = fd_kinds[fd] != FD_NONE && fd_kinds[fd] != FD_CLOSED;
        if (fd != REPORT_FD && is_open == open && (open || fd_kinds[fd] == FD_CLOSED))
            candidates[count++] = fd;
    }
    return count ? candidates[below(count)] : -1;
}

int fd_of_kind(enum fd_kind kind)
{
    int candidates[FD_SLOTS], count = 0;
    for (int fd = 0; fd < FD_SLOTS; fd++)
        if (fd != REPORT_FD && fd_kinds[fd] == kind)
            candidates[count++] = fd;
    return count ? candidates[below(count)] : -1;
}

int fd_of_file(void)
{
    int fd = fd_of_kind(chance(50) ? FD_DISK_FILE : FD_FILE);
    return fd >= 0 ? fd : fd_of_kind(FD_FILE);
}

int fd_any(void)
{
    int fd = -1;
    unsigned roll = below(100);
    if (roll < 75)
        fd = fd_where(1);
    else if (roll < 87)
        fd = fd_where(0);
    if (fd >= 0)
        return fd;
    return (int)PICK(-1, 32, 33, 64, 1000, 0x7fffffff, 0x80000000, (uint32_t)-100, 30, 29);
}

int fd_mutable(void)
{
    return fd_any();                        /* fd_any never gives REPORT_FD */
}

/* ---- paths and names ------------------------------------------------------- */

/* "l0" and "l1" are where symbolic links are most often made
 * (calls_disk.c), so paths run through them. */
static const char *const components[] = {
    "a", "b", "c", "d", "fifo", "f0", "f1", "sub", ".", "x", "l0", "l1",
    "a-component-name-that-is-longer-than-sixty-three-bytes-which-is-too-long-here",
};
#define COMPONENT_COUNT (sizeof components / sizeof components[0])

/* Which tree a path to change lies in: the disk's (/home/fuzz) nearly as
 * often as memory's, so that two paths drawn apart are often on two file
 * systems (link and rename: EXDEV). */
#define HOME_PERCENT 45

int in_fuzz_tree(const char *path)
{
    return !strncmp(path, FUZZ_DIRECTORY, strlen(FUZZ_DIRECTORY)) ||
           !strncmp(path, HOME_FUZZ_DIRECTORY, strlen(HOME_FUZZ_DIRECTORY)) ||
           !strncmp(path, "/dev/shm/sem.fz", 15);
}

/* A path in one of the trees, or (with `semaphore_names`) now and then the
 * file of a named semaphore in /dev/shm. */
static void path_drawn(char *path, int semaphore_names)
{
    const char *tree = chance(HOME_PERCENT) ? HOME_FUZZ_DIRECTORY : FUZZ_DIRECTORY;
    if (chance(5)) {
        strcpy(path, tree);
        if (chance(50))
            strcat(path, "/");
        return;
    }
    if (chance(3) && semaphore_names) {
        snprintf(path, 64, "/dev/shm/sem.fz%u.%u", shared->seed % 1000, below(NAME_POOL));
        return;
    }
    strcpy(path, tree);
    unsigned depth = 1 + below(3);
    for (unsigned i = 0; i < depth; i++) {
        strcat(path, chance(10) ? "//" : "/");
        const char *component = components[below(COMPONENT_COUNT - (chance(97) ? 1 : 0))];
        if (i + 1 == depth && !strcmp(component, "."))
            component = "e";                /* never "dir/." as the thing to change */
        strcat(path, component);
    }
    if (chance(5))
        strcat(path, "/");
}

void path_for_change(char *path)
{
    path_drawn(path, 1);
}

void path_for_new_name(char *path)
{
    path_drawn(path, 0);
}

/* Never changed: the image's, the disk's own files (tools/make-disk
 * puts README.txt, spool/ and lost+found/ there), and files in /proc
 * (not /proc itself, which umount would take away from the tests after). */
static const char *const read_only_paths[] = {
    "/", "/bin", "/bin/true", "/bin/fuzz", "/dev", "/dev/null", "/dev/zero", "/dev/tty2",
    "/tmp", ".", "..", "", "/nonexistent", "/bin/true/x", "//bin///true", "/dev/shm",
    "/tests", "/bin/", "./..", "/tmp/fuzz/../fuzz/a", "/home", "/home/", "/home/README.txt",
    "/home/spool", "/home/lost+found", "/home/..", "/home/fuzz/../README.txt", "/home/README.txt/",
    "/home/nonexistent", "/dev/hda", "/proc/self", "/proc/self/stat", "/proc/1/status",
    "/proc/self/fd", "/proc/sysvipc/shm", "/proc/self/cmdline", "/proc/self/fd/..",
};
#define READ_ONLY_COUNT (sizeof read_only_paths / sizeof read_only_paths[0])

void path_any(char *path)
{
    if (chance(45)) {
        path_for_change(path);
        return;
    }
    if (chance(5)) {                        /* longer than PATH_MAX */
        memset(path, 'p', 300);
        path[0] = '/';
        path[300] = 0;
        return;
    }
    strcpy(path, read_only_paths[below(READ_ONLY_COUNT)]);
}

const char *mailbox_name(unsigned index)
{
    static char names[NAME_POOL][24];
    snprintf(names[index], sizeof names[index], "fz%u.%u", shared->seed % 100000, index);
    return names[index];
}

void name_any(char *name)
{
    switch (below(8)) {
    case 0:
        strcpy(name, "");
        break;
    case 1:                                 /* 32 characters: one too many */
        memset(name, 'm', 32);
        name[32] = 0;
        break;
    case 2:
        memset(name, 'n', 31);
        name[31] = 0;
        break;
    default:
        strcpy(name, mailbox_name(below(NAME_POOL)));
    }
}

/* ---- set-up ------------------------------------------------------------------ */

void pools_init(int slot)
{
    memset(fd_kinds, 0, sizeof fd_kinds);
    scratch_fill();
    pointers_init(slot);
}
