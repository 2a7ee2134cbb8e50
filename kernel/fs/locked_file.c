/* kernel/fs/locked_file.c - the list of files that have locks, which
 * record locks and flock share (locked_file.h). */
#include "locked_file.h"

#include "file.h"
#include "inode.h"
#include "mm/heap.h"

struct locked_file *locked_files;

struct locked_file *locked_file_add(const struct file *file)
{
    struct locked_file *entry = kzalloc(sizeof *entry);
    if (!entry)
        return 0;
    entry->key = locked_file_key(file);
    entry->inode_number = file->inode ? file->inode->number : 0;
    wait_queue_init(&entry->changed);
    entry->next = locked_files;
    locked_files = entry;
    return entry;
}

void locked_file_forget_if_unused(struct locked_file *entry)
{
    if (entry->locks || entry->flocks || entry->waiting)
        return;
    for (struct locked_file **link = &locked_files; *link; link = &(*link)->next)
        if (*link == entry) {
            *link = entry->next;
            kfree(entry);
            return;
        }
}
