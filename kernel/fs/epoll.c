/* kernel/fs/epoll.c - epoll instances and their entries: the interest
 * list, the wake-up callback that fills the ready list, and the look at
 * the ready list that epoll_wait and poll of the instance share (the
 * picture and the steps: epoll.h; the system calls: epoll_syscalls.c).
 *
 * The rules (Linux's, epoll(7)):
 *  - EPOLLERR and EPOLLHUP are reported whether asked or not. -> epoll_entry_add
 *  - Level-triggered, a ready entry is reported by every wait
 *    until it is not ready; EPOLLET reports it once per
 *    wake-up; EPOLLONESHOT once, then never until
 *    EPOLL_CTL_MOD re-arms it.                                -> epoll_harvest
 *  - An entry goes when its open file's last reference does,
 *    not when one descriptor of it is closed.                 -> epoll_forget_file
 *  - An instance is readable while an entry is ready.         -> epoll_poll
 *  - Instances watch instances in no cycle and in chains of
 *    at most EPOLL_MAX_NESTING + 1 (else ELOOP).              -> epoll_would_loop
 *  - A file has at most so many wake-up paths up through
 *    nested instances (else EINVAL).                          -> check_wake_up_paths
 *
 * Those two checks walk the graph of instances watching instances, each
 * instance at most once a walk: a walk takes a new number, and an
 * instance it reaches keeps the number and what the walk found under or
 * above it (Linux's loop_check_gen, ep->gen and ep->loop_check_depth).
 * So a check costs the entries, not the paths: instances that each watch
 * every instance of a layer below make millions of paths out of a few
 * thousand entries, and the walk holds the kernel lock.
 *
 * Differences from Linux: a wake-up here carries no events, so an
 * edge-triggered entry is reported again after any wake-up of a queue it
 * watches while its file is still ready (Linux filters by the wake-up's
 * events: a reader draining a pipe does not re-report its writer). And
 * an instance is woken only when an entry goes on its ready list (Linux
 * wakes it at every wake-up): an edge-triggered entry watching an
 * instance is reported again only once that instance's ready entries
 * were taken by a wait on it. */
#include "epoll.h"

#include "file.h"
#include "ipc/ipc_list.h"
#include "lib/kprintf.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "poll_table.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

/* The bits that say how to report, not what: kept when a one-shot entry
 * is disarmed (Linux's EP_PRIVATE_BITS). */
#define EPOLL_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)

struct epoll {
    struct wait_queue wake;       /* epoll_wait callers; pollers of the instance watch it */
    struct list entries;          /* the interest list */
    struct list ready;            /* entries a wake-up (or ctl) found ready */
    unsigned entry_count, ready_count;
    struct file *file;            /* the instance's own file (its watchers: nesting) */
    uint32_t id;                  /* for ps and ipcs: "epoll 3" */
    uint64_t walked;              /* the last check walk that reached it (walk_number) */
    int depth_found;              /* what that walk found: the chain under it, or above */
    struct list_node link;        /* all_instances */
};

struct epoll_entry {
    struct epoll *epoll;
    struct file *file;            /* not held: file_put takes the entry out first */
    int fd;                       /* with `file`, the key */
    uint32_t events;              /* asked, with EPOLLERR | EPOLLHUP; disarmed: private bits only */
    uint64_t data;                /* given back unchanged */
    struct list_node in_set;      /* epoll->entries */
    struct list_node in_ready;    /* epoll->ready while on_ready */
    int on_ready;
    struct epoll_entry *next_on_file, *previous_on_file;   /* file->epoll_entries */
    struct poll_table table;      /* the file's watches, kept */
    struct poll_watch watches[POLL_WATCHES_PER_FILE];
};

static unsigned live_instances, live_entries;
static uint32_t next_epoll_id = 1;
static struct list all_instances = { { &all_instances.head, &all_instances.head } };

static unsigned epoll_poll(struct file *file, struct poll_table *table);
static void epoll_release(struct file *file);
static int check_wake_up_paths(struct file *file);

/* An instance is neither read nor written: EINVAL, as Linux's. */
static int epoll_read(struct file *file, void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer, (void)size;
    return -EINVAL;
}

static int epoll_write(struct file *file, const void *user_buffer, uint32_t size)
{
    (void)file, (void)user_buffer, (void)size;
    return -EINVAL;
}

static const struct file_operations epoll_operations = {
    .read = epoll_read,
    .write = epoll_write,
    .poll = epoll_poll,
    .poll_answers_for_the_caller = 1,   /* its entries' answers, a signalfd's among them: no O_ASYNC (file.h) */
    .anon_name = "eventpoll",   /* /proc: anon_inode:[eventpoll], as Linux */
    .release = epoll_release,
};

int file_is_epoll(const struct file *file)
{
    return file->operations == &epoll_operations;
}

struct file *epoll_file_create(void)
{
    struct epoll *epoll = kzalloc(sizeof *epoll);
    if (!epoll)
        return 0;
    struct file *file = file_create(&epoll_operations, epoll, O_RDWR);
    if (!file) {
        kfree(epoll);
        return 0;
    }
    wait_queue_init(&epoll->wake);
    list_init(&epoll->entries);
    list_init(&epoll->ready);
    epoll->file = file;
    epoll->id = next_epoll_id++;
    list_push_back(&all_instances, &epoll->link);
    live_instances++;
    return file;
}

/* What `entry`'s file says now, of what the entry asks; registering
 * watches when its table is (the first look only). */
static unsigned entry_readiness(struct epoll_entry *entry)
{
    struct poll_table *table = entry->table.registering ? &entry->table : 0;
    if (table)
        table->file = entry->file;
    return entry->file->operations->poll(entry->file, table) & entry->events;
}

/* Puts `entry` at the back of its instance's ready list, unless it is on
 * it already. */
static void put_on_ready(struct epoll_entry *entry)
{
    if (entry->on_ready)
        return;
    list_push_back(&entry->epoll->ready, &entry->in_ready);
    entry->on_ready = 1;
    entry->epoll->ready_count++;
}

/* `entry` may be ready: on the ready list, and the instance's waiters
 * and watchers (poll of the instance, an instance watching it) woken,
 * unless it was on the list already: they were woken when it went on,
 * and nobody sleeps on an instance whose list holds a ready entry. So a
 * write does not wake every instance above again and again (with
 * reverse_path_check's limits, the fan-out of nested instances stays
 * small). Context: kernel lock held; never sleeps. */
static void make_ready(struct epoll_entry *entry)
{
    if (entry->on_ready)
        return;
    put_on_ready(entry);
    wait_queue_wake_all(&entry->epoll->wake);
}

/* Takes `entry` off the ready list, if it is on it. */
static void take_off_ready(struct epoll_entry *entry)
{
    if (!entry->on_ready)
        return;
    list_remove(&entry->in_ready);
    entry->on_ready = 0;
    entry->epoll->ready_count--;
}

/* A queue the entry watches was woken (step 2): the wake-up path calls
 * this in place of waking a sleeper. Context: kernel lock held, switches
 * put off; never sleeps. */
static void epoll_entry_woken(struct wait_queue_watch *watch)
{
    struct epoll_entry *entry = list_entry(watch->wake, struct epoll_entry, table.wake);
    if (entry->events & ~EPOLL_PRIVATE_BITS)   /* not a disarmed one-shot */
        make_ready(entry);
}

struct epoll_entry *epoll_entry_find(struct epoll *epoll, struct file *file, int fd)
{
    /* a file's entries are few (one per set watching it): look there */
    for (struct epoll_entry *entry = file->epoll_entries; entry; entry = entry->next_on_file)
        if (entry->epoll == epoll && entry->fd == fd)
            return entry;
    return 0;
}

int epoll_entry_add(struct epoll *epoll, struct file *file, int fd, const struct epoll_event *event)
{
    if (live_entries >= EPOLL_MAX_ENTRIES)
        return -ENOSPC;
    struct epoll_entry *entry = kzalloc(sizeof *entry);
    if (!entry)
        return -ENOMEM;
    entry->epoll = epoll;
    entry->file = file;
    entry->fd = fd;
    entry->events = event->events | EPOLLERR | EPOLLHUP;
    entry->data = event->data.u64;
    list_push_back(&epoll->entries, &entry->in_set);
    epoll->entry_count++;
    entry->next_on_file = file->epoll_entries;
    if (file->epoll_entries)
        file->epoll_entries->previous_on_file = entry;
    file->epoll_entries = entry;
    live_entries++;
    poll_table_init_kept(&entry->table, entry->watches, POLL_WATCHES_PER_FILE, epoll_entry_woken);
    if (check_wake_up_paths(file) < 0) {
        epoll_entry_remove(entry);    /* too many wake-up paths: Linux's reverse_path_check */
        return -EINVAL;
    }
    unsigned ready = entry_readiness(entry);   /* step 1: the watches are made */
    entry->table.registering = 0;
    if (ready)
        make_ready(entry);
    return 0;
}

void epoll_entry_modify(struct epoll_entry *entry, const struct epoll_event *event)
{
    entry->events = event->events | EPOLLERR | EPOLLHUP;
    entry->data = event->data.u64;
    if (entry_readiness(entry))
        make_ready(entry);
}

int epoll_entry_is_exclusive(const struct epoll_entry *entry)
{
    return (entry->events & EPOLLEXCLUSIVE) != 0;
}

void epoll_entry_remove(struct epoll_entry *entry)
{
    struct epoll *epoll = entry->epoll;
    take_off_ready(entry);
    list_remove(&entry->in_set);
    epoll->entry_count--;
    if (entry->previous_on_file)
        entry->previous_on_file->next_on_file = entry->next_on_file;
    else
        entry->file->epoll_entries = entry->next_on_file;
    if (entry->next_on_file)
        entry->next_on_file->previous_on_file = entry->previous_on_file;
    poll_table_unwatch(&entry->table);
    live_entries--;
    kfree(entry);
}

void epoll_file_rewatch(struct file *file)
{
    for (struct epoll_entry *entry = file->epoll_entries; entry; entry = entry->next_on_file) {
        poll_table_unwatch(&entry->table);
        entry->table.registering = REGISTERING_BORROWING;
        unsigned ready = entry_readiness(entry);
        entry->table.registering = 0;
        if (ready && (entry->events & ~EPOLL_PRIVATE_BITS))
            make_ready(entry);
    }
}

void epoll_forget_file(struct file *file)
{
    while (file->epoll_entries)
        epoll_entry_remove(file->epoll_entries);
}

/* The number of the check walk under way: each walk takes a new one. */
static uint64_t walk_number;

/* The longest chain of instances watching `epoll`, 0 if none does. Each
 * instance is looked at once a walk: the chain above it is the same
 * whichever way the walk came. */
static int depth_above(struct epoll *epoll)
{
    if (epoll->walked == walk_number)
        return epoll->depth_found;
    int deepest = 0;
    for (struct epoll_entry *entry = epoll->file->epoll_entries; entry; entry = entry->next_on_file) {
        int depth = depth_above(entry->epoll) + 1;
        if (depth > deepest)
            deepest = depth;
    }
    epoll->walked = walk_number;
    epoll->depth_found = deepest;
    return deepest;
}

/* The longest chain of instances under `epoll`, 0 if it watches none;
 * more than EPOLL_MAX_NESTING if `inserting_into` is among them (or the
 * walk, `depth` below where it began, went too deep). Each instance is
 * looked into once a walk: the chain under it is the same whichever way
 * the walk came, so a second visit takes the longest the first found
 * (not merely "seen", which would lose the chain under it when the
 * second way in is the longer). */
static int depth_below(struct epoll *epoll, const struct epoll *inserting_into, int depth)
{
    if (epoll->walked == walk_number)
        return epoll->depth_found;
    int deepest = 0;
    list_for_each(node, &epoll->entries) {
        struct epoll_entry *entry = list_entry(node, struct epoll_entry, in_set);
        if (!file_is_epoll(entry->file))
            continue;
        struct epoll *below = entry->file->object;
        int found = below == inserting_into || depth > EPOLL_MAX_NESTING
                        ? EPOLL_MAX_NESTING + 1
                        : depth_below(below, inserting_into, depth + 1) + 1;
        if (found > deepest)
            deepest = found;
        if (deepest > EPOLL_MAX_NESTING)
            break;                    /* ELOOP whatever else is under it */
    }
    epoll->walked = walk_number;
    epoll->depth_found = deepest;
    return deepest;
}

/* Wake-up paths from a file up through the instances watching it, by
 * their length: at most these many of each (Linux's path_limits; paths
 * of length 0, a file in one instance, are not counted). */
static const unsigned path_limits[EPOLL_MAX_NESTING + 1] = { 1000, 500, 100, 50, 10 };
static unsigned path_counts[EPOLL_MAX_NESTING + 1];

/* Counts the paths from `file` up, adding to path_counts (Linux's
 * reverse_path_check_proc); -1 as soon as a length has too many or a
 * path is too long. */
static int count_paths_up(const struct file *file, int depth)
{
    if (depth > EPOLL_MAX_NESTING)
        return -1;
    for (const struct epoll_entry *entry = file->epoll_entries; entry; entry = entry->next_on_file) {
        const struct file *above = entry->epoll->file;
        if (above->epoll_entries) {
            if (count_paths_up(above, depth + 1) < 0)
                return -1;
        } else if (depth && ++path_counts[depth] > path_limits[depth]) {
            return -1;
        }
    }
    return 0;
}

/* Checks the paths up from every file that is not an instance at or
 * under `file`, down through the instances, each file and instance once
 * a walk (one reached before passed: a failure ends the walk). */
static int check_paths_under(struct file *file, int depth)
{
    if (!file_is_epoll(file)) {
        if (file->epoll_walked == walk_number)
            return 0;
        file->epoll_walked = walk_number;
        memset(path_counts, 0, sizeof path_counts);
        return count_paths_up(file, 0);
    }
    if (depth > EPOLL_MAX_NESTING)
        return 0;                     /* (epoll_would_loop refused deeper) */
    struct epoll *epoll = file->object;
    if (epoll->walked == walk_number)
        return 0;
    epoll->walked = walk_number;
    list_for_each(node, &epoll->entries) {
        struct epoll_entry *entry = list_entry(node, struct epoll_entry, in_set);
        if (check_paths_under(entry->file, depth + 1) < 0)
            return -1;
    }
    return 0;
}

/* Checks the paths that a new entry for `file` changes: Linux checks
 * the files under the target, or the target itself. */
static int check_wake_up_paths(struct file *file)
{
    walk_number++;
    return check_paths_under(file, 0);
}

int epoll_would_loop(struct epoll *epoll, struct epoll *target)
{
    walk_number++;
    int below = depth_below(target, epoll, 0);
    if (below > EPOLL_MAX_NESTING)
        return 1;
    walk_number++;                    /* a walk of its own: depth_found is the chain above */
    return below + 1 + depth_above(epoll) > EPOLL_MAX_NESTING;
}

int epoll_harvest(struct epoll *epoll, struct epoll_event *events, int max)
{
    int count = 0;
    /* only the entries on the list now: level-triggered ones go back on */
    for (unsigned left = epoll->ready_count; left && count < max; left--) {
        struct epoll_entry *entry = list_entry(list_first(&epoll->ready), struct epoll_entry, in_ready);
        take_off_ready(entry);
        unsigned revents = entry_readiness(entry);
        if (!revents)
            continue;                  /* the wake-up was only a hint */
        events[count].events = revents;
        events[count].data.u64 = entry->data;
        count++;
        if (entry->events & EPOLLONESHOT)
            entry->events &= EPOLL_PRIVATE_BITS;      /* disarmed until EPOLL_CTL_MOD */
        else if (!(entry->events & EPOLLET))
            put_on_ready(entry);                     /* level-triggered: asked again next time */
    }
    return count;
}

unsigned epoll_ready_count(const struct epoll *epoll)
{
    return epoll->ready_count;
}

static void epoll_describe(const void *object, char *buffer, unsigned size)
{
    const struct epoll *epoll = object;
    ksnprintf(buffer, size, "epoll %u: %u descriptor%s", epoll->id, epoll->entry_count,
              epoll->entry_count == 1 ? "" : "s");
}

int epoll_sleep(struct epoll *epoll, uint64_t deadline_ns)
{
    wait_queue_say_object(epoll, epoll_describe);      /* for ps */
    return wait_queue_sleep(&epoll->wake, "epoll_wait", deadline_ns, WAIT_INTERRUPTIBLE);
}

/* poll of an instance (an epoll fd in poll, select or another epoll set):
 * readable while an entry on its ready list is ready. Entries found not
 * ready leave the list, as epoll_wait would drop them. */
static unsigned epoll_poll(struct file *file, struct poll_table *table)
{
    struct epoll *epoll = file->object;
    poll_table_watch(table, &epoll->wake);
    list_for_each_safe(node, &epoll->ready) {
        struct epoll_entry *entry = list_entry(node, struct epoll_entry, in_ready);
        if (entry_readiness(entry))
            return POLLIN | POLLRDNORM;
        take_off_ready(entry);
    }
    return 0;
}

/* The instance's last descriptor is gone: every entry goes with it. */
static void epoll_release(struct file *file)
{
    struct epoll *epoll = file->object;
    while (!list_empty(&epoll->entries))
        epoll_entry_remove(list_entry(list_first(&epoll->entries), struct epoll_entry, in_set));
    list_remove(&epoll->link);
    live_instances--;
    kfree(epoll);
}

/* For ipcs: each instance, the descriptors it watches as its COUNT (no
 * bound of its own: EPOLL_MAX_ENTRIES is for all of them), its
 * epoll_wait callers as receivers. */
void epoll_list_objects(ipc_list_emit emit, void *context)
{
    list_for_each(node, &all_instances) {
        struct epoll *epoll = list_entry(node, struct epoll, link);
        struct kinfo_ipc_object object = {
            .owner_pid = 0, .count = epoll->entry_count, .capacity = 0xFFFFFFFFu,
            .senders_waiting = 0, .receivers_waiting = epoll->wake.length,
        };
        strlcpy(object.kind, "epoll", sizeof object.kind);
        ksnprintf(object.name, sizeof object.name, "%u", epoll->id);
        emit(&object, context);
    }
}

unsigned epoll_count(void)
{
    return live_instances;
}

unsigned epoll_entry_count(void)
{
    return live_entries;
}
