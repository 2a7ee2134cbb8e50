/* kernel/fs/inode.h - the nodes of the file tree, on every file system.
 *
 * Every file, directory, FIFO and device is an inode. An inode belongs to
 * one mounted file system (`fs`, kernel/fs/mount.h) and is reached through
 * its `operations`:
 *
 *   the in-memory file system (memfs: /, /tmp, /dev; inode.c,
 *   file_content.c): directories hold a list of named entries in memory; a
 *   regular file's bytes live in pages of a memory object, the same frames
 *   that mmap maps; a file from the boot image is read in place from the
 *   image until it is first changed or mapped;
 *
 *   ext2 on a disk (/home; kernel/fs/ext2/): directories and bytes live in
 *   disk blocks read through the block cache; the struct inode is the
 *   in-memory copy of the disk inode, made on first lookup and kept until
 *   the file system is unmounted, or the file is deleted.
 *
 * An inode lives while a name refers to it (links) or an open file does
 * (open_count): a file unlinked while open stays readable until the last
 * close, then `evict` frees it (on the disk too).
 *
 * Every operation is called with the file-system lock held (fs_lock.h);
 * those of ext2 may sleep for the disk. */
#ifndef KERNEL_FS_INODE_H
#define KERNEL_FS_INODE_H

#include <stdint.h>
#include "uapi/limits.h"

#define NAME_MAX_LENGTH KERNEL_NAME_MAX   /* bytes in one path component (uapi/limits.h) */
#define FILE_SIZE_MAX (16u << 20)     /* a file in memory may grow to 16 MiB: EFBIG beyond */
#define FILE_OFFSET_MAX 0x7FFFFFFFu   /* lseek's limit: off_t is 32 bits */

enum inode_type {
    INODE_REGULAR,
    INODE_DIRECTORY,
    INODE_FIFO,
    INODE_DEVICE,                     /* a character device (/dev/null, terminals) */
    INODE_SOCKET,                     /* a local socket's name, made by bind() */
    INODE_SYMLINK,                    /* a symbolic link: a path, read by readlink */
};

struct inode;
struct file;
struct file_system;
struct pipe;
struct socket;

/* Called by readdir for each entry; returns nonzero to stop there (the
 * caller's buffer is full): that entry is then read again next time. */
typedef int (*directory_emit)(void *context, const char *name, uint32_t number, enum inode_type type);

/* What a file system does with its inodes. The VFS (vfs.c,
 * fs_syscalls.c) has checked permissions, names (not "." or "..", at most
 * NAME_MAX_LENGTH bytes), types and existence before it calls; an
 * operation reports what only the file system knows: -ENOSPC, -EMLINK,
 * -EIO, -ENOMEM, -EFBIG. Context: file-system lock held; may sleep. */
struct inode_operations {
    /* directories */
    int (*lookup)(struct inode *directory, const char *name, struct inode **result);   /* or -ENOENT */
    /* A new node of `type` named `name` (absent) in `directory`. */
    int (*create)(struct inode *directory, const char *name, enum inode_type type,
                  uint32_t permissions, unsigned uid, unsigned gid, struct inode **result);
    /* Another name for `inode` (not a directory, same file system). */
    int (*link)(struct inode *directory, const char *name, struct inode *inode);
    /* Removes the entry `name`, which names `inode` (an empty directory
     * or another type); the inode goes when nothing refers to it. */
    int (*unlink)(struct inode *directory, const char *name, struct inode *inode);
    /* 1 if `directory` has no entries but "." and "..", 0 if it has. */
    int (*is_empty)(struct inode *directory);
    /* Moves the entry: `new_name` in `new_directory` (same file system)
     * names what `old_name` named, replacing `replaced` (NULL if absent;
     * the VFS checked that the types agree and a directory is empty). */
    int (*rename)(struct inode *old_directory, const char *old_name, struct inode *new_directory,
                  const char *new_name, struct inode *moving, struct inode *replaced);
    /* A symbolic link named `name` in `directory` holding `target`. */
    int (*symlink)(struct inode *directory, const char *name, const char *target,
                   unsigned uid, unsigned gid, struct inode **result);
    /* Copies a symbolic link's target (no NUL) to kernel `buffer`: its
     * length (at most `size`), or -EIO. */
    int (*readlink)(struct inode *inode, char *buffer, uint32_t size);
    /* Calls `emit` for each entry from *position on ("." and ".." are not
     * given), advancing *position past each entry emitted. 0 or -EIO. */
    int (*readdir)(struct inode *directory, uint32_t *position, directory_emit emit, void *context);

    /* regular files */
    /* Up to `size` bytes from `offset` (to user memory if `to_user`):
     * the count, 0 at the end, or -EFAULT / -EIO. */
    int (*read)(struct inode *inode, uint32_t offset, void *buffer, uint32_t size, int to_user);
    /* `size` bytes from user memory to `offset`, growing the file: the
     * count written (fewer when the disk fills after some), or -ENOSPC,
     * -EFBIG, -EFAULT, -EIO. */
    int (*write)(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size);
    /* Sets the size; bytes beyond the old end read as zeros. */
    int (*truncate)(struct inode *inode, uint32_t size);

    /* every inode */
    /* permissions, uid, gid or the times changed in memory: store them. */
    int (*changed)(struct inode *inode);
    /* Writes the file's data and the file system's metadata to the disk
     * and flushes the drive (fsync(2)). */
    int (*fsync)(struct inode *inode);
    /* No name and no open file refer to the inode any more (links == 0,
     * open_count == 0): free it, on the disk too, and in memory. */
    void (*evict)(struct inode *inode);
};

struct directory_entry {
    char name[NAME_MAX_LENGTH + 1];
    struct inode *inode;
    struct inode *directory;          /* the directory it is in: with the name, the hash's key */
    uint32_t serial;                  /* increasing within the directory: readdir's position */
    struct directory_entry *next;     /* the directory's next entry, in creation order */
    struct directory_entry *same_hash;   /* the next in its bucket of the entry hash (inode.c) */
};

struct inode {
    uint32_t number;
    enum inode_type type;
    struct file_system *fs;           /* the mounted file system it belongs to */
    const struct inode_operations *operations;
    struct file_system *mounted;      /* a directory something is mounted on: that file system */
    void *fs_private;                 /* the file system's own data (ext2: block map) */
    uint32_t permissions;             /* the mode's low 12 bits */
    unsigned uid, gid;                /* the owner: its creator's effective ids */
    unsigned links;                   /* directory entries that name it */
    unsigned open_count;              /* open files (and working directories) that refer to it */
    uint32_t access_time, modify_time, change_time;   /* seconds since the Epoch */

    /* regular files */
    uint32_t size;
    const uint8_t *image_data;        /* the bytes in the boot image, until changed */
    struct memory_object *contents;   /* the bytes in pages, once changed or mapped */

    /* directories */
    struct inode *parent;             /* ".." (a file system's root is its own parent) */
    struct directory_entry *entries;  /* memfs only: the entries in memory */
    struct directory_entry **entries_end;   /* where the next one goes (NULL: at `entries`) */
    unsigned entry_count;
    uint32_t next_entry_serial;       /* so that removals never shift readdir's place */

    /* FIFOs: the pipe, while either end is open */
    struct pipe *fifo;

    /* devices: how to open one (minor tells which terminal, say): 0 and
     * the file in *result, or -errno (ENOMEM; EIO for a locked pty) */
    int (*device_open)(int minor, uint32_t flags, struct file **result);
    int device_minor;
    uint32_t device_number;           /* stat's st_rdev: Linux's (major << 8) | minor */

    /* sockets: the socket bound here while it is open (it counts in
     * open_count); NULL after it closed: connect() is then refused */
    struct socket *socket;
};

/* A new inode of `type` with no links, or NULL when memory is short. */
struct inode *inode_create(enum inode_type type, uint32_t permissions);

/* A zeroed struct inode of file system `fs`, counted by inode_count; a
 * file system's own inodes come from here (ext2's inode cache), and go
 * back with inode_free. NULL when memory is short. */
struct inode *inode_alloc(struct file_system *fs, const struct inode_operations *operations);
void inode_free(struct inode *inode);

/* Frees the inode if no name and no open file refer to it any more.
 * Context: the file-system lock held when the inode is on a disk. */
void inode_release_if_unused(struct inode *inode);

/* Drops one open reference (an open file, a working directory, a socket's
 * name) and frees the inode if nothing refers to it any more. Context:
 * may sleep (a disk); takes the file-system lock unless the caller holds
 * it. */
void inode_close(struct inode *inode);

/* How many inodes exist (for leak tests). */
unsigned inode_count(void);

/* The in-memory file system's directory entries (memfs.c); `name` is one
 * component. Other code goes through the operations (vfs.h). Context:
 * the big kernel lock; none sleeps. */
struct directory_entry *directory_entry_find(const struct inode *directory, const char *name);
int directory_add(struct inode *directory, const char *name, struct inode *inode);
/* directory_add in two steps, for a caller that must not fail once it has
 * begun (rename): the entry is made first (NULL and *status ENAMETOOLONG
 * or ENOMEM), then added, which cannot fail. */
struct directory_entry *directory_entry_create(const char *name, int *status);
void directory_add_entry(struct inode *directory, struct directory_entry *entry, struct inode *inode);
int directory_remove(struct inode *directory, const char *name);

#endif
