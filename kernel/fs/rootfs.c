/* kernel/fs/rootfs.c - from the tar archives in memory to the file tree. */
#include "rootfs.h"

#include "devices.h"
#include "initrd.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "proc/process.h"
#include "uapi/errno.h"
#include "vfs.h"

/* The directory the entry before went into: an archive lists a
 * directory's entries together, so most entries need no parent made. */
static char last_parent[PATH_MAX_LENGTH];

/* Creates every directory along `path` (like mkdir -p), leaving the last
 * component alone, unless the entry before had the same parent. */
static void create_parents(const char *path)
{
    const char *last_slash = strrchr(path, '/');
    uint32_t parent_length = last_slash ? (uint32_t)(last_slash - path) : 0;
    if (parent_length + 1 > sizeof last_parent)
        return;
    if (!strncmp(last_parent, path, parent_length) && last_parent[parent_length] == 0)
        return;                                         /* made (or found) for the entry before */
    memcpy(last_parent, path, parent_length);
    last_parent[parent_length] = 0;
    char partial[PATH_MAX_LENGTH];
    strlcpy(partial, "/", sizeof partial);
    for (const char *slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
        uint32_t length = (uint32_t)(slash - path);
        if (length + 2 > sizeof partial)
            return;
        memcpy(partial + 1, path, length);
        partial[length + 1] = 0;
        vfs_create(partial, INODE_DIRECTORY, 0755, 0);   /* EEXIST is fine */
    }
}

static int add_entry(const struct tar_entry *entry)
{
    char path[PATH_MAX_LENGTH];
    if (!entry->name[0])
        return 0;                                       /* "./" itself */
    uint32_t length = strlen(entry->name);
    if (length + 2 > sizeof path)
        return -ENAMETOOLONG;
    path[0] = '/';                                      /* the name after "/" */
    memcpy(path + 1, entry->name, length + 1);
    create_parents(entry->name);
    struct inode *inode;
    int status;
    switch (entry->type) {
    case TAR_DIRECTORY:
        status = vfs_create(path, INODE_DIRECTORY, entry->mode, 0);
        return status == -EEXIST ? 0 : status;
    case TAR_FIFO:
        return vfs_create(path, INODE_FIFO, entry->mode, 0);
    case TAR_FILE:
        status = vfs_create(path, INODE_REGULAR, entry->mode, &inode);
        if (status == 0) {
            inode->image_data = entry->data;           /* read in place until changed */
            inode->size = (uint32_t)entry->size;
        }
        return status;
    default:
        return 0;                                       /* links and such: skipped */
    }
}

int rootfs_init(void)
{
    unsigned count = 0;
    struct tar_entry entry;
    vfs_root();
    /* in the loader's order: a file a later archive brings again is an
     * error (EEXIST) and keeps the first one's bytes */
    for (unsigned archive = 0; archive < initrd_count(); archive++) {
        size_t offset = 0;
        int found;
        while ((found = tar_next(initrd_data(archive), initrd_size(archive), &offset, &entry)) > 0) {
            int status = add_entry(&entry);
            if (status < 0)
                kprintf("rootfs: /%s: error %d\n", entry.name, -status);
            else
                count++;
        }
        if (found < 0)
            kprintf("rootfs: the boot image's archive %u is damaged at byte %u: the rest left out\n",
                    archive + 1, (unsigned)offset);
    }
    struct inode *tmp;
    if (vfs_lookup("/tmp", &tmp) == 0 || vfs_create("/tmp", INODE_DIRECTORY, 01777, &tmp) == 0)
        tmp->permissions = 01777;                       /* anyone may create there */
    int status = devices_init();
    kprintf("rootfs: %u entries from the boot image, /tmp, /dev\n", count);
    return status;
}
