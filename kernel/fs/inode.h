/* kernel/fs/inode.h - the in-memory file system's nodes.
 *
 * Every file, directory, FIFO and device is an inode. Directories hold a
 * list of named entries; a regular file's bytes live in pages of a memory
 * object (file_content.c), the same frames that mmap maps; a file from the
 * boot image is read in place from the image until it is first changed or
 * mapped. An inode lives while a name
 * refers to it (links) or an open file does (open_count): a file unlinked
 * while open stays readable until the last close. */
#ifndef KERNEL_FS_INODE_H
#define KERNEL_FS_INODE_H

#include <stdint.h>

#define NAME_MAX_LENGTH 63            /* bytes in one path component */
#define FILE_SIZE_MAX (16u << 20)     /* a regular file may grow to 16 MiB: EFBIG beyond */

enum inode_type {
    INODE_REGULAR,
    INODE_DIRECTORY,
    INODE_FIFO,
    INODE_DEVICE,                     /* a character device (/dev/null, terminals) */
    INODE_SOCKET,                     /* a local socket's name, made by bind() */
};

struct inode;
struct file;
struct pipe;
struct socket;

struct directory_entry {
    char name[NAME_MAX_LENGTH + 1];
    struct inode *inode;
    uint32_t serial;                  /* increasing within the directory: readdir's position */
    struct directory_entry *next;
};

struct inode {
    uint32_t number;
    enum inode_type type;
    uint32_t permissions;             /* the mode's low 12 bits */
    unsigned uid, gid;                /* the owner: its creator's effective ids */
    unsigned links;                   /* directory entries that name it */
    unsigned open_count;              /* open files that refer to it */

    /* regular files */
    uint32_t size;
    const uint8_t *image_data;        /* the bytes in the boot image, until changed */
    struct memory_object *contents;   /* the bytes in pages, once changed or mapped */

    /* directories */
    struct inode *parent;             /* ".." (the root is its own parent) */
    struct directory_entry *entries;
    unsigned entry_count;
    uint32_t next_entry_serial;       /* so that removals never shift readdir's place */

    /* FIFOs: the pipe, while either end is open */
    struct pipe *fifo;

    /* devices: how to open one (minor tells which terminal, say) */
    struct file *(*device_open)(int minor, uint32_t flags);
    int device_minor;

    /* sockets: the socket bound here while it is open (it counts in
     * open_count); NULL after it closed: connect() is then refused */
    struct socket *socket;
};

/* A new inode of `type` with no links, or NULL when memory is short. */
struct inode *inode_create(enum inode_type type, uint32_t permissions);

/* Frees the inode if no name and no open file refer to it any more. */
void inode_release_if_unused(struct inode *inode);

/* How many inodes exist (for leak tests). */
unsigned inode_count(void);

/* Directory entries. `name` is one component. */
struct inode *directory_find(struct inode *directory, const char *name);
int directory_add(struct inode *directory, const char *name, struct inode *inode);
int directory_remove(struct inode *directory, const char *name);

#endif
