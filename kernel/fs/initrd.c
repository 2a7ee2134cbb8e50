/* kernel/fs/initrd.c - the boot image, read in place from the module. */
#include "initrd.h"

#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/memory_layout.h"
#include "uapi/errno.h"

static const void *archive;
static size_t archive_size;

int initrd_init(const struct multiboot_info *info)
{
    if (!(info->flags & MULTIBOOT_INFO_MODULES) || info->mods_count == 0) {
        kprintf("initrd: none (the loader passed no module)\n");
        return -ENOENT;
    }
    const struct multiboot_module *module = physical_to_virtual(info->mods_addr);
    archive = physical_to_virtual(module->start);
    archive_size = module->end - module->start;
    unsigned files = 0;
    size_t offset = 0;
    struct tar_entry entry;
    int result;
    while ((result = tar_next(archive, archive_size, &offset, &entry)) > 0)
        files++;
    kprintf("initrd: %u KiB, %u entries%s\n", (unsigned)(archive_size >> 10), files,
            result < 0 ? " (damaged after these)" : "");
    return 0;
}

const void *initrd_data(void)
{
    return archive;
}

size_t initrd_size(void)
{
    return archive_size;
}

int initrd_find(const char *path, struct tar_entry *entry)
{
    while (*path == '/')
        path++;
    size_t offset = 0;
    while (archive && tar_next(archive, archive_size, &offset, entry) > 0)
        if (!strcmp(entry->name, path))
            return 0;
    return -ENOENT;
}
