/* kernel/proc/program_source.c - where exec finds programs: the boot
 * image (kernel/fs/initrd.c). */
#include "fs/initrd.h"
#include "process.h"
#include "uapi/errno.h"

int process_read_program(const char *path, const uint8_t **data, uint32_t *size)
{
    struct tar_entry entry;
    int result = initrd_find(path, &entry);
    if (result < 0)
        return result;
    if (entry.type != TAR_FILE)
        return -EACCES;
    *data = entry.data;
    *size = (uint32_t)entry.size;
    return 0;
}
