/* kernel/fs/tar.h - reading a ustar archive (the initrd) in place. */
#ifndef KERNEL_FS_TAR_H
#define KERNEL_FS_TAR_H

#include <stddef.h>
#include <stdint.h>

enum tar_type { TAR_FILE, TAR_DIRECTORY, TAR_FIFO, TAR_OTHER };

struct tar_entry {
    char name[257];          /* prefix (155) + '/' + name (100) + NUL; no leading "./" or "/" */
    enum tar_type type;
    uint32_t mode;           /* permission bits */
    size_t size;
    const uint8_t *data;     /* inside the archive */
};

/* Reads the entry at *offset into `entry` and moves *offset past it.
 * Returns 1 for an entry, 0 at the end of the archive, -1 if the archive
 * is damaged (a bad checksum or a size beyond its end). */
int tar_next(const void *archive, size_t archive_size, size_t *offset, struct tar_entry *entry);

#endif
