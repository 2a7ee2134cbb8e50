/* kernel/fs/poll_table.c - the watches of one poll or select call (the
 * picture and the steps: poll_table.h). */
#include "poll_table.h"

#include "file.h"
#include "lib/kprintf.h"
#include "mm/heap.h"
#include "uapi/errno.h"

int poll_table_init(struct poll_table *table, unsigned files, int waits)
{
    wait_queue_init(&table->wake);
    table->registering = waits ? REGISTERING_HOLDING : 0;
    table->file = 0;
    table->count = 0;
    table->capacity = waits ? files * POLL_WATCHES_PER_FILE : 0;
    table->files = files;
    table->watches = 0;
    table->woken = 0;
    if (table->capacity && !(table->watches = kmalloc(table->capacity * sizeof *table->watches)))
        return -ENOMEM;
    return 0;
}

void poll_table_init_kept(struct poll_table *table, struct poll_watch *watches, unsigned capacity,
                          void (*woken)(struct wait_queue_watch *watch))
{
    wait_queue_init(&table->wake);
    table->registering = REGISTERING_BORROWING;
    table->file = 0;
    table->count = 0;
    table->capacity = capacity;
    table->files = 1;
    table->watches = watches;
    table->woken = woken;
}

static void let_go_of_nothing(void *held)
{
    (void)held;
}

static void let_go_of_file(void *file)
{
    file_put(file);
}

void poll_table_watch_holding(struct poll_table *table, struct wait_queue *queue, void *held,
                              void (*let_go)(void *held))
{
    if (!poll_table_registering(table)) {
        let_go(held);
        return;
    }
    /* each file's poll watches at most POLL_WATCHES_PER_FILE queues */
    ASSERT(table->count < table->capacity);
    struct poll_watch *watch = &table->watches[table->count++];
    watch->held = held;
    watch->let_go = let_go;
    wait_queue_watch_add(queue, &watch->link, &table->wake);
    watch->link.woken = table->woken;
}

void poll_table_watch(struct poll_table *table, struct wait_queue *queue)
{
    if (!table || table->registering != REGISTERING_HOLDING) {
        if (poll_table_registering(table))   /* epoll: the file's last close unwatches */
            poll_table_watch_holding(table, queue, table->file, let_go_of_nothing);
        return;
    }
    file_get(table->file);
    poll_table_watch_holding(table, queue, table->file, let_go_of_file);
}

static void poll_table_describe(const void *object, char *buffer, unsigned size)
{
    unsigned files = ((const struct poll_table *)object)->files;
    ksnprintf(buffer, size, "%u descriptor%s", files, files == 1 ? "" : "s");
}

int poll_table_sleep(struct poll_table *table, uint64_t deadline_ns, const char *reason)
{
    wait_queue_say_object(table, poll_table_describe);   /* for ps */
    return wait_queue_sleep(&table->wake, reason, deadline_ns, WAIT_INTERRUPTIBLE);
}

/* poll_table_unwatch's work, inline in both of its callers: poll's path
 * is measured (make bench). */
static inline void unwatch(struct poll_table *table)
{
    /* every watch out first: letting go may free an object, and with it
     * a queue that another watch of this table is linked into */
    for (unsigned i = 0; i < table->count; i++)
        wait_queue_watch_remove(&table->watches[i].link);
    for (unsigned i = 0; i < table->count; i++)
        table->watches[i].let_go(table->watches[i].held);
    table->count = 0;
}

void poll_table_unwatch(struct poll_table *table)
{
    unwatch(table);
}

void poll_table_release(struct poll_table *table)
{
    unwatch(table);
    kfree(table->watches);
    table->watches = 0;
}
