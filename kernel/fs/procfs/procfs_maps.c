/* kernel/fs/procfs/procfs_maps.c - /proc/PID/maps: the regions of a
 * process's memory, one line each in address order, in the columns of
 * Linux's proc(5):
 *
 *   08048000-08059000 r-xp 00000000 00:00 0          the program's code
 *   0805a000-0805b000 rw-p 00000000 00:00 0          its data
 *   0805b000-0807c000 rw-p 00000000 00:00 0          [heap]
 *   a0000000-a0001000 rw-s 00000000 00:01 42         /tmp/shared_file
 *   bffe0000-c0000000 rw-p 00000000 00:00 0          [stack]
 *
 *   start-end (end exclusive); read, write, execute, s(hared) or p(rivate);
 *   the offset in the file; its file system (major:minor) and inode; its
 *   path, [heap], [stack], [vvar] (the clock page), /SYSV<key> (deleted)
 *   for a System V segment, /dev/zero (deleted) for shared anonymous
 *   memory, or nothing (private anonymous memory, the program).
 *
 * exec copies a program into anonymous memory, so its lines name no
 * file. 'x' is what was asked (PROT_EXEC, an executable ELF segment):
 * this CPU has no NX bit and runs any page it may read.
 *
 * The lines are made in two steps: the regions are copied under the big
 * lock, with a reference on each mapped file; then the paths are looked
 * for, which may read the disk and sleep (the process may change its
 * memory meanwhile: the copy does not). Context: the file-system lock
 * held (a read of /proc); may sleep. */
#include "procfs_internal.h"

#include "fs/mount.h"
#include "ipc/sysv_shm.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/heap.h"
#include "mm/memory_layout.h"
#include "mm/memory_object.h"
#include "proc/process.h"

#define MAPS_LINE_MAX (80 + PATH_MAX_LENGTH)
#define PATH_COLUMN 73                /* where Linux starts the path */

/* One region, as copied. */
struct map_entry {
    uint32_t start, end, flags, offset;
    struct inode *file;               /* a reference taken (open_count), or NULL */
    const void *attachment;           /* a System V segment, or NULL */
    const char *origin;               /* what made its memory object (memory_object.h), or NULL */
    uint32_t device, number;          /* the file's, or 0 */
};

/* Copies `space`'s regions into `entries` (room for all), lowest first;
 * an empty one (the heap before the first brk) has no line, as on Linux. */
static int copy_regions(const struct address_space *space, struct map_entry *entries)
{
    int count = 0;
    for (int i = 0; i < space->region_count; i++) {
        const struct region *region = &space->regions[i];
        if (region->start == region->end)
            continue;
        struct map_entry entry = { region->start, region->end, region->flags, 0, 0, region->attachment,
                                   region->object ? region->object->origin : 0, 0, 0 };
        struct inode *file = region->object ? region->object->file : 0;
        if (file) {
            file->open_count++;       /* kept while its path is looked for */
            entry.file = file;
            entry.device = file->fs->id;
            entry.number = file->number;
            entry.offset = region->object_first_page * PAGE_SIZE;
        }
        int at = count++;             /* insertion sort: a process has a few regions */
        while (at > 0 && entries[at - 1].start > entry.start) {
            entries[at] = entries[at - 1];
            at--;
        }
        entries[at] = entry;
    }
    return count;
}

/* What the line names: a path, [heap], ...; "" for anonymous memory. */
static void name_of(const struct map_entry *entry, char *name, uint32_t size)
{
    name[0] = 0;
    if (entry->file) {
        if (procfs_path_of(entry->file, name, size) < 0)
            ksnprintf(name, size, "%s inode %u", entry->file->links ? "(unnamed)" : "(deleted)", entry->number);
    } else if (entry->attachment) {
        ksnprintf(name, size, "/SYSV%08x (deleted)", (unsigned)sysv_shm_attachment_key(entry->attachment));
    } else if (entry->flags & REGION_HEAP) {
        strlcpy(name, "[heap]", size);
    } else if (entry->flags & REGION_STACK) {
        strlcpy(name, "[stack]", size);
    } else if (entry->origin && !strcmp(entry->origin, "clock page")) {
        strlcpy(name, "[vvar]", size);   /* Linux's name for its page of clock data */
    } else if (entry->origin && !strcmp(entry->origin, "mmap")) {
        strlcpy(name, "/dev/zero (deleted)", size);   /* MAP_SHARED | MAP_ANONYMOUS, as Linux names it */
    }
}

static int format_line(const struct map_entry *entry, const char *name, char *line)
{
    int length = ksnprintf(line, MAPS_LINE_MAX, "%08x-%08x %c%c%c%c %08x %02x:%02x %u", entry->start, entry->end,
                           entry->flags & REGION_READ ? 'r' : '-', entry->flags & REGION_WRITE ? 'w' : '-',
                           entry->flags & REGION_EXEC ? 'x' : '-', entry->flags & REGION_SHARED ? 's' : 'p',
                           entry->offset, entry->device >> 8, entry->device & 0xff, entry->number);
    if (*name) {
        while (length < PATH_COLUMN)
            line[length++] = ' ';
        length += ksnprintf(line + length, MAPS_LINE_MAX - (uint32_t)length, "%s", name);
    }
    line[length++] = '\n';
    return length;
}

uint32_t procfs_maps(struct process *process, uint32_t offset, char *text, uint32_t size)
{
    const struct address_space *space = process->address_space;
    if (!space || !space->region_count)
        return 0;                     /* a zombie has no memory */
    struct map_entry *entries = kmalloc(sizeof *entries * (uint32_t)space->region_count);
    char *line = kmalloc(MAPS_LINE_MAX + PATH_MAX_LENGTH);
    if (!entries || !line) {
        kfree(entries);
        kfree(line);
        return 0;
    }
    int count = copy_regions(space, entries);
    uint32_t done = 0, position = 0;   /* position: where this line starts in the whole text */
    char *name = line + MAPS_LINE_MAX;
    for (int i = 0; i < count; i++) {
        if (done < size) {
            name_of(&entries[i], name, PATH_MAX_LENGTH);
            uint32_t length = (uint32_t)format_line(&entries[i], name, line);
            if (position + length > offset) {
                uint32_t skip = offset > position ? offset - position : 0;
                uint32_t part = length - skip < size - done ? length - skip : size - done;
                memcpy(text + done, line + skip, part);
                done += part;
            }
            position += length;
        }
        if (entries[i].file)
            inode_close(entries[i].file);
    }
    kfree(entries);
    kfree(line);
    return done;
}
