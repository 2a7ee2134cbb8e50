/* kernel/fs/procfs/procfs.c - /proc: the processes as files, laid out as
 * Linux's (docs/procfs.md).
 *
 *   /proc/                      one directory per process, and:
 *     meminfo  uptime           the machine's memory and time
 *     self -> 12                a link to the caller's own directory
 *     sysvipc/msg sem shm       every System V object, a line each
 *     12/                       process 12
 *       cmdline                 its arguments, as exec gave them
 *       comm  stat  status      its name and state (procfs_text.c)
 *       cwd -> /tmp             its working directory
 *       fd/                     its descriptors, a symbolic link each:
 *         0 -> /dev/tty1          a file: its path
 *         3 -> pipe:[5]           a pipe: the st_ino fstat gives, ipcs's pipe 5
 *         4 -> socket:[2]         a socket, a mailbox, a queue: as it names itself
 *
 * Nothing is stored: each read makes the text anew, each lookup and
 * readdir looks at the process table as it is.
 *
 * The nodes. The VFS holds inode pointers without a count while it walks
 * a path, and counts only open files and working directories (open_count).
 * So /proc's inodes come from a fixed pool, never from the heap: a lookup
 * gives the node of that name if one is in the pool, else takes one back
 * that nothing has open, that is not the parent of one that is, and that
 * is not among the last RECENT_NODES given (a walk in progress holds
 * those), the one used longest ago. When none is left a lookup fails
 * with ENOMEM, as when kernel memory runs out. The pool costs nothing per process, so when every process
 * has exited the kernel's counters are back, /proc read or not.
 * A node shows its process by pid and serial (never reused): once the
 * process is reaped its open nodes find nothing (ENOENT, ESRCH), even when
 * a new process has the pid.
 *
 * Context: every operation is called with the file-system lock held
 * (inode.h), inside a system call, so with the big lock too: the process
 * table stays still while we look. Only copying to user memory sleeps. */
#include "fs/procfs_for_core.h"
#include "procfs_internal.h"

#include "fs/file.h"
#include "fs/file_times.h"
#include "fs/mount.h"
#include "fs/vfs.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

#define PROCFS_NODES 128              /* the pool; the root is node 0 */
#define RECENT_NODES 8                /* the last given, never taken back */
#define SEARCH_ENTRIES_MAX 4096       /* directory entries a search for a file's path reads */
#define SEARCH_DEPTH_MAX 8

static struct procfs_node nodes[PROCFS_NODES];
static uint32_t node_clock;           /* counts lookups: last_used's clock */
static const struct inode_operations procfs_operations;
static const struct file_system_operations procfs_fs_operations;
static struct file_system procfs = {
    .type = "proc", .source = "proc", .flags = MS_RDONLY,
    .root = &nodes[0].inode, .operations = &procfs_fs_operations,
};

/* What a directory of /proc holds besides its processes or descriptors. */
struct procfs_entry {
    const char *name;
    enum procfs_kind kind;
    enum inode_type type;
    uint32_t permissions;
};

static const struct procfs_entry root_entries[] = {
    { "meminfo", PROCFS_MEMINFO, INODE_REGULAR, 0444 },
    { "self", PROCFS_SELF, INODE_SYMLINK, 0777 },
    { "sysvipc", PROCFS_SYSVIPC, INODE_DIRECTORY, 0555 },
    { "uptime", PROCFS_UPTIME, INODE_REGULAR, 0444 },
};
static const struct procfs_entry process_directory = { "", PROCFS_PROCESS, INODE_DIRECTORY, 0555 };
static const struct procfs_entry process_entries[] = {
    { "cmdline", PROCFS_CMDLINE, INODE_REGULAR, 0444 },
    { "comm", PROCFS_COMM, INODE_REGULAR, 0444 },
    { "cwd", PROCFS_CWD, INODE_SYMLINK, 0777 },
    { "fd", PROCFS_FD, INODE_DIRECTORY, 0500 },   /* as Linux: only its owner (or root) lists them */
    { "maps", PROCFS_MAPS, INODE_REGULAR, 0444 },
    { "stat", PROCFS_STAT, INODE_REGULAR, 0444 },
    { "status", PROCFS_STATUS, INODE_REGULAR, 0444 },
};
static const struct procfs_entry sysvipc_entries[] = {
    { "msg", PROCFS_SYSVIPC_MSG, INODE_REGULAR, 0444 },
    { "sem", PROCFS_SYSVIPC_SEM, INODE_REGULAR, 0444 },
    { "shm", PROCFS_SYSVIPC_SHM, INODE_REGULAR, 0444 },
};
static const struct procfs_entry fd_link = { "", PROCFS_FD_LINK, INODE_SYMLINK, 0700 };
#define ROOT_ENTRY_COUNT (sizeof root_entries / sizeof root_entries[0])
#define PROCESS_ENTRY_COUNT (sizeof process_entries / sizeof process_entries[0])
#define SYSVIPC_ENTRY_COUNT (sizeof sysvipc_entries / sizeof sysvipc_entries[0])

/* Inode numbers: /proc's own files 1.., a process's (pid << 10) + 1..,
 * its descriptor N (pid << 10) + 0x100 + N. */
static uint32_t node_number(int pid, enum procfs_kind kind, int fd)
{
    if (!pid)
        return 1u + kind;
    return ((uint32_t)pid << 10) + (kind == PROCFS_FD_LINK ? 0x100u + (uint32_t)fd : 1u + kind - PROCFS_PROCESS);
}

/* The process `node` shows, or NULL once it is gone. */
static struct process *node_process(const struct procfs_node *node)
{
    struct process *process = process_find(node->pid);
    return process && process->serial == node->serial ? process : 0;
}

static int may_take_back(const struct procfs_node *node)
{
    if (node->inode.open_count || node_clock - node->last_used < RECENT_NODES)
        return 0;
    for (int i = 1; i < PROCFS_NODES; i++)
        if (nodes[i].inode.fs && nodes[i].inode.open_count && nodes[i].inode.parent == &node->inode)
            return 0;                 /* ".." of an open directory */
    return 1;
}

/* The node of `entry` for `process` (NULL: /proc's own) and descriptor
 * `fd`, in `parent`: the one in the pool, or one taken back and made
 * anew. NULL when every node is in use. */
static struct procfs_node *node_get(const struct procfs_entry *entry, struct process *process, int fd,
                                    struct inode *parent)
{
    int pid = process ? process->pid : 0;
    uint32_t serial = process ? process->serial : 0;
    uint32_t number = node_number(pid, entry->kind, fd);
    struct procfs_node *unused = 0, *oldest = 0;
    for (int i = 1; i < PROCFS_NODES; i++) {
        struct procfs_node *node = &nodes[i];
        if (!node->inode.fs) {
            unused = unused ? unused : node;
        } else if (node->inode.number == number && node->serial == serial) {
            node->last_used = node_clock++;
            if (node->inode.type == INODE_DIRECTORY)
                node->inode.parent = parent;   /* its old one may have been taken back meanwhile */
            return node;
        } else if ((!oldest || node->last_used < oldest->last_used) && may_take_back(node)) {
            oldest = node;
        }
    }
    struct procfs_node *chosen = unused ? unused : oldest;
    if (!chosen)
        return 0;
    memset(chosen, 0, sizeof *chosen);
    struct inode *inode = &chosen->inode;
    inode->number = number;
    inode->type = entry->type;
    inode->fs = &procfs;
    inode->operations = &procfs_operations;
    inode->permissions = entry->permissions;
    inode->links = entry->type == INODE_DIRECTORY ? 2 : 1;
    inode->uid = process ? process->euid : 0;   /* as Linux: the process's effective ids */
    inode->gid = process ? process->egid : 0;
    inode->parent = entry->type == INODE_DIRECTORY ? parent : 0;
    uint32_t now = file_times_now();
    inode->access_time = inode->modify_time = inode->change_time = now;
    chosen->kind = entry->kind;
    chosen->pid = pid;
    chosen->serial = serial;
    chosen->fd = fd;
    chosen->last_used = node_clock++;
    return chosen;
}

/* A decimal number without sign or leading zero, below `limit`: it, or -1. */
static int parse_number(const char *name, int limit)
{
    int value = 0;
    if (!*name || (name[0] == '0' && name[1]))
        return -1;
    for (; *name; name++) {
        if (*name < '0' || *name > '9' || value > (limit - (*name - '0')) / 10)
            return -1;
        value = value * 10 + (*name - '0');
    }
    return value < limit ? value : -1;
}

static int give(struct procfs_node *node, struct inode **result)
{
    if (!node)
        return -ENOMEM;               /* the pool is full of open files: /proc's memory is out */
    *result = &node->inode;
    return 0;
}

/* The entries a directory of kind `kind` always has (a process's,
 * /proc/sysvipc's; /proc's own before its processes): the table, and
 * their count in *count. */
static const struct procfs_entry *fixed_entries(enum procfs_kind kind, unsigned *count)
{
    switch (kind) {
    case PROCFS_ROOT:
        *count = ROOT_ENTRY_COUNT;
        return root_entries;
    case PROCFS_PROCESS:
        *count = PROCESS_ENTRY_COUNT;
        return process_entries;
    case PROCFS_SYSVIPC:
        *count = SYSVIPC_ENTRY_COUNT;
        return sysvipc_entries;
    default:
        *count = 0;                   /* fd/: its descriptors only */
        return 0;
    }
}

static int procfs_lookup(struct inode *directory, const char *name, struct inode **result)
{
    struct procfs_node *node = (struct procfs_node *)directory;
    struct process *process = node->pid ? node_process(node) : 0;
    if (node->pid && !process)
        return -ENOENT;               /* its process is gone */
    unsigned count;
    const struct procfs_entry *entries = fixed_entries(node->kind, &count);
    for (unsigned i = 0; i < count; i++)
        if (!strcmp(name, entries[i].name))
            return give(node_get(&entries[i], process, 0, directory), result);
    if (node->kind == PROCFS_ROOT) {
        int pid = parse_number(name, 1 << 20);
        process = pid > 0 ? process_find(pid) : 0;
        return process ? give(node_get(&process_directory, process, 0, directory), result) : -ENOENT;
    }
    if (node->kind == PROCFS_FD) {
        int fd = parse_number(name, MAX_OPEN_FILES);
        if (fd < 0 || !process->files[fd])
            return -ENOENT;
        return give(node_get(&fd_link, process, fd, directory), result);
    }
    return -ENOENT;
}

/* The live process with the smallest pid at or above `pid`, or NULL. */
static struct process *process_from(int pid)
{
    struct process *found = 0;
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state != PROCESS_FREE && process->pid >= pid && (!found || process->pid < found->pid))
            found = process;
    }
    return found;
}

/* readdir: a directory's fixed entries at positions 0, 1, ...; then, in
 * /proc, process P at the entries' count + P; in fd/, descriptor N at N.
 * So a position stays right while processes come and go and descriptors
 * open and close, and processes come in pid order, as on Linux. */
static int procfs_readdir(struct inode *directory, uint32_t *position, directory_emit emit, void *context)
{
    struct procfs_node *node = (struct procfs_node *)directory;
    struct process *process = node->pid ? node_process(node) : 0;
    if (node->pid && !process)
        return 0;                     /* gone: empty, as Linux's */
    unsigned count;
    const struct procfs_entry *entries = fixed_entries(node->kind, &count);
    for (;;) {
        char name[12];
        const struct procfs_entry *entry;
        uint32_t number, next;
        if (node->kind == PROCFS_FD) {
            unsigned fd = *position;
            while (fd < MAX_OPEN_FILES && !process->files[fd])
                fd++;
            if (fd >= MAX_OPEN_FILES)
                return 0;
            entry = &fd_link;
            ksnprintf(name, sizeof name, "%u", fd);
            number = node_number(process->pid, PROCFS_FD_LINK, (int)fd);
            next = fd + 1;
        } else if (*position < count) {
            entry = &entries[*position];
            strlcpy(name, entry->name, sizeof name);
            number = node_number(node->pid, entry->kind, 0);
            next = *position + 1;
        } else if (node->kind == PROCFS_ROOT) {
            struct process *listed = process_from((int)(*position - count));
            if (!listed)
                return 0;
            entry = &process_directory;
            ksnprintf(name, sizeof name, "%d", listed->pid);
            number = node_number(listed->pid, PROCFS_PROCESS, 0);
            next = count + (uint32_t)listed->pid + 1;
        } else {
            return 0;
        }
        if (emit(context, name, number, entry->type))
            return 0;                 /* the caller's buffer is full: this one again next time */
        *position = next;
    }
}

/* One entry of a directory at a time, for the search below. */
struct one_entry {
    int taken;
    char name[NAME_MAX_LENGTH + 1];
    uint32_t number;
    enum inode_type type;
};

static int take_one(void *context, const char *name, uint32_t number, enum inode_type type)
{
    struct one_entry *entry = context;
    if (entry->taken)
        return 1;                     /* stop before the second */
    entry->taken = 1;
    strlcpy(entry->name, name, sizeof entry->name);
    entry->number = number;
    entry->type = type;
    return 0;
}

/* Looks for `target` under `directory`, whose path is path[0..length):
 * the length of target's path in `path`, or -ENOENT. A file's inode does
 * not know its name, so this reads directories, depth first, at most
 * *budget entries in all, never into /proc. */
static int search(struct inode *directory, char *path, uint32_t length, uint32_t size,
                  const struct inode *target, unsigned depth, unsigned *budget)
{
    uint32_t position = 0;
    for (;;) {
        struct one_entry entry = { 0 };
        if (directory->operations->readdir(directory, &position, take_one, &entry) < 0 || !entry.taken ||
            !*budget)
            return -ENOENT;
        --*budget;
        uint32_t name_length = strlen(entry.name);
        if (length + 1 + name_length + 1 > size)
            continue;                 /* too long a path: not here */
        path[length] = '/';
        memcpy(path + length + 1, entry.name, name_length + 1);
        struct inode *child;
        if (entry.number == target->number && entry.type == target->type &&
            vfs_entry(directory, entry.name, &child) == 0 && child == target)
            return (int)(length + 1 + name_length);
        if (entry.type == INODE_DIRECTORY && depth < SEARCH_DEPTH_MAX &&
            vfs_child(directory, entry.name, &child) == 0 && child->fs != &procfs) {
            int found = search(child, path, length + 1 + name_length, size, target, depth + 1, budget);
            if (found >= 0)
                return found;
        }
    }
}

int procfs_path_of(struct inode *inode, char *buffer, uint32_t size)
{
    if (inode->type == INODE_DIRECTORY) {
        int length = inode->links ? vfs_path_of(inode, buffer, size) : -ENOENT;
        return length == -ERANGE ? -ENOENT : length;   /* deeper than a path may be */
    }
    if (!inode->links)
        return -ENOENT;
    unsigned budget = SEARCH_ENTRIES_MAX;
    return search(vfs_root(), buffer, 0, size, inode, 0, &budget);
}

/* What descriptor `fd` of `process` refers to, as Linux's readlink of
 * /proc/PID/fd/N says it: a path, "pipe:[N]", "socket:[N]", ... */
static int name_descriptor(struct process *process, int fd, char *buffer, uint32_t size)
{
    struct file *file = process->files[fd];
    if (!file)
        return -ENOENT;               /* closed since the lookup */
    struct inode *inode = file->inode;
    buffer[0] = 0;
    if (!inode && file->operations->fd_name)
        inode = file->operations->fd_name(file, buffer, size);
    else if (!inode)
        ksnprintf(buffer, size, "anon_inode:[%s]", file->operations->anon_name ? file->operations->anon_name : "?");
    if (!inode)
        return (int)strlen(buffer);
    int length = procfs_path_of(inode, buffer, size);
    if (length == -ENOENT)            /* no name, still open; or a path too long to give */
        length = ksnprintf(buffer, size, "%s inode %u", inode->links ? "(unnamed)" : "(deleted)", inode->number);
    return length;
}

static int procfs_readlink(struct inode *inode, char *buffer, uint32_t size)
{
    struct procfs_node *node = (struct procfs_node *)inode;
    char text[PATH_MAX_LENGTH];
    int length;
    if (node->kind == PROCFS_SELF) {
        if (!current_task->process)
            return -ENOENT;           /* a kernel task has no directory here */
        length = ksnprintf(text, sizeof text, "%d", current_task->process->pid);
    } else {
        struct process *process = node_process(node);
        if (!process || (node->kind == PROCFS_CWD && !process->cwd))
            return -ENOENT;           /* gone, or a zombie: it has no directory any more */
        length = node->kind == PROCFS_CWD ? procfs_path_of(process->cwd, text, sizeof text)
                                          : name_descriptor(process, node->fd, text, sizeof text);
        if (length == -ENOENT && node->kind == PROCFS_CWD)
            length = ksnprintf(text, sizeof text, "(deleted) inode %u", process->cwd->number);
        if (length < 0)
            return length;
    }
    if (length > (int)sizeof text - 1)
        length = (int)sizeof text - 1;   /* ksnprintf counts what did not fit too */
    if ((uint32_t)length > size)
        length = (int)size;           /* readlink cuts a long target, as on Linux */
    memcpy(buffer, text, (uint32_t)length);
    return length;
}

static int procfs_read(struct inode *inode, uint32_t offset, void *buffer, uint32_t size, int to_user)
{
    struct procfs_node *node = (struct procfs_node *)inode;
    struct process *process = node->pid ? node_process(node) : 0;
    if (node->pid && !process)
        return -ESRCH;                /* as Linux: the process is gone */
    char *text = kmalloc(PROCFS_TEXT_MAX);
    if (!text)
        return -ENOMEM;
    uint32_t count, start = 0;
    if (node->kind == PROCFS_CMDLINE) {   /* read at the offset: it may pass a text's size */
        count = procfs_cmdline(process, offset, text, size < PROCFS_TEXT_MAX ? size : PROCFS_TEXT_MAX);
    } else if (node->kind == PROCFS_MAPS) {
        count = procfs_maps(process, offset, text, size < PROCFS_TEXT_MAX ? size : PROCFS_TEXT_MAX);
    } else {
        uint32_t length = (uint32_t)procfs_text(node->kind, process, text);
        start = offset;
        count = offset < length ? length - offset : 0;
        if (count > size)
            count = size;
    }
    int status = 0;
    if (to_user)
        status = copy_to_user(buffer, text + start, count);
    else
        memcpy(buffer, text + start, count);
    kfree(text);
    return status < 0 ? status : (int)count;
}

/* Nothing in /proc is made, changed or removed: the VFS says EROFS before
 * it gets here (the file system is read-only), so these only say it
 * again. */
static int refuse_create(struct inode *directory, const char *name, enum inode_type type, uint32_t permissions,
                         unsigned uid, unsigned gid, struct inode **result)
{
    (void)directory, (void)name, (void)type, (void)permissions, (void)uid, (void)gid, (void)result;
    return -EROFS;
}

static int refuse_link(struct inode *directory, const char *name, struct inode *inode)
{
    (void)directory, (void)name, (void)inode;
    return -EROFS;
}

static int refuse_rename(struct inode *old_directory, const char *old_name, struct inode *new_directory,
                         const char *new_name, struct inode *moving, struct inode *replaced)
{
    (void)old_directory, (void)old_name, (void)new_directory, (void)new_name, (void)moving, (void)replaced;
    return -EROFS;
}

static int refuse_symlink(struct inode *directory, const char *name, const char *target, unsigned uid,
                          unsigned gid, struct inode **result)
{
    (void)directory, (void)name, (void)target, (void)uid, (void)gid, (void)result;
    return -EROFS;
}

static int refuse_write(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size)
{
    (void)inode, (void)offset, (void)user_buffer, (void)size;
    return -EROFS;
}

static int refuse_truncate(struct inode *inode, uint32_t size)
{
    (void)inode, (void)size;
    return -EROFS;
}

static int never_empty(struct inode *directory)
{
    (void)directory;
    return 0;
}

static int nothing_to_store(struct inode *inode)
{
    (void)inode;
    return 0;
}

static void never_evicted(struct inode *inode)
{
    (void)inode;                      /* links never reach 0: the pool keeps its nodes */
}

static const struct inode_operations procfs_operations = {
    .lookup = procfs_lookup,
    .create = refuse_create,
    .link = refuse_link,
    .unlink = refuse_link,
    .is_empty = never_empty,
    .rename = refuse_rename,
    .symlink = refuse_symlink,
    .readlink = procfs_readlink,
    .readdir = procfs_readdir,
    .read = procfs_read,
    .write = refuse_write,
    .truncate = refuse_truncate,
    .changed = nothing_to_store,
    .fsync = nothing_to_store,
    .evict = never_evicted,
};

static int procfs_sync(struct file_system *fs)
{
    (void)fs;
    return 0;
}

static int procfs_statfs(struct file_system *fs, struct kernel_statfs *st)
{
    (void)fs;
    st->f_type = PROC_SUPER_MAGIC;
    st->f_bsize = st->f_frsize = 4096;
    st->f_namelen = NAME_MAX_LENGTH;
    st->f_flags = MS_RDONLY;
    return 0;
}

/* umount /proc: EBUSY while a node is open; else the pool empties. */
static int procfs_unmount(struct file_system *fs)
{
    for (int i = 0; i < PROCFS_NODES; i++)
        if (nodes[i].inode.open_count)
            return -EBUSY;
    for (int i = 1; i < PROCFS_NODES; i++)
        memset(&nodes[i], 0, sizeof nodes[i]);
    fs->covered = 0;
    return 0;
}

static const struct file_system_operations procfs_fs_operations = {
    .sync = procfs_sync,
    .statfs = procfs_statfs,
    .unmount = procfs_unmount,
    .shutdown = procfs_sync,
};

int procfs_mount(struct file_system **result)
{
    if (procfs.covered)
        return -EBUSY;                /* one /proc at a time */
    struct inode *root = &nodes[0].inode;
    memset(&nodes[0], 0, sizeof nodes[0]);
    root->number = node_number(0, PROCFS_ROOT, 0);
    root->type = INODE_DIRECTORY;
    root->fs = &procfs;
    root->operations = &procfs_operations;
    root->permissions = 0555;
    root->links = 2;
    root->access_time = root->modify_time = root->change_time = file_times_now();
    nodes[0].kind = PROCFS_ROOT;
    *result = &procfs;
    return 0;
}

int procfs_holds(const struct inode *inode)
{
    return inode->fs == &procfs;
}
