/* kernel/fs/initrd.c - the boot image, read in place from the modules. */
#include "initrd.h"

#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/memory_layout.h"
#include "uapi/errno.h"

/* Copied out of the loader's module list, which memory_init may reuse. */
static struct {
    const void *data;
    size_t size;
} archives[INITRD_MAX_ARCHIVES];
static unsigned archive_count;

int initrd_init(const struct multiboot_info *info)
{
    if (!(info->flags & MULTIBOOT_INFO_MODULES) || info->mods_count == 0) {
        kprintf("initrd: none (the loader passed no module)\n");
        return -ENOENT;
    }
    const struct multiboot_module *modules = physical_to_virtual(info->mods_addr);
    size_t total_size = 0;
    for (uint32_t i = 0; i < info->mods_count && i < INITRD_MAX_ARCHIVES; i++) {
        archives[i].data = physical_to_virtual(modules[i].start);
        archives[i].size = modules[i].end - modules[i].start;
        archive_count++;
        total_size += archives[i].size;
    }
    if (archive_count == 1)
        kprintf("initrd: %u KiB\n", (unsigned)(total_size >> 10));
    else
        kprintf("initrd: %u KiB in %u modules\n", (unsigned)(total_size >> 10), archive_count);
    if (info->mods_count > INITRD_MAX_ARCHIVES)
        kprintf("initrd: %u modules past the first %d left unread\n",
                (unsigned)info->mods_count - INITRD_MAX_ARCHIVES, INITRD_MAX_ARCHIVES);
    return 0;
}

unsigned initrd_count(void)
{
    return archive_count;
}

const void *initrd_data(unsigned index)
{
    return index < archive_count ? archives[index].data : NULL;
}

size_t initrd_size(unsigned index)
{
    return index < archive_count ? archives[index].size : 0;
}

int initrd_find(const char *path, struct tar_entry *entry)
{
    while (*path == '/')
        path++;
    for (unsigned i = 0; i < archive_count; i++) {
        size_t offset = 0;
        while (tar_next(archives[i].data, archives[i].size, &offset, entry) > 0)
            if (!strcmp(entry->name, path))
                return 0;
    }
    return -ENOENT;
}
