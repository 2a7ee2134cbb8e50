/* kernel/mm/memory_object.c - frames shared by whoever maps them: the
 * sorted (page, frame) pairs of memory_object.h. */
#include "memory_object.h"

#include "frame.h"
#include "heap.h"
#include "fs/inode.h"
#include "lib/string.h"
#include "memory_layout.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/kinfo.h"

static unsigned live_objects, objects_made;
static struct list live_list = { { &live_list.head, &live_list.head } };   /* newest first */

/* The frames every object holds together (files in memory, System V
 * segments, shared mappings), and the most they may: half of the frames
 * there are, as Linux's tmpfs holds at most half of the memory by
 * default. A user who fills /tmp, or touches and unmaps pages of a huge
 * shared mapping (which the object keeps, and no process's page limit
 * counts), leaves the other half to every other process; the frame it
 * asks for past the budget is refused (a write: ENOSPC; a fault: the
 * signal of a page there is no memory for). */
#define OBJECT_FRAMES_SHARE 2          /* at most one frame in this many */
static uint32_t frames_held;

unsigned memory_object_frames_held(void)
{
    return frames_held;
}

unsigned memory_object_frames_budget(void)
{
    return frame_total_count() / OBJECT_FRAMES_SHARE;
}

struct memory_object *memory_object_create(const char *origin)
{
    struct memory_object *object = kzalloc(sizeof *object);
    if (object) {
        object->references = 1;
        object->page_limit = MEMORY_OBJECT_UNBOUNDED;
        object->origin = origin;
        object->creator_pid = current_task->process ? current_task->process->pid : 0;
        object->serial = ++objects_made;
        list_push_front(&live_list, &object->live_node);
        live_objects++;
    }
    return object;
}

void memory_object_get(struct memory_object *object)
{
    object->references++;
}

/* Where page `index` is in `pages`, or where it would go to keep them
 * sorted: the first pair whose index is not below it (binary search). */
static uint32_t position_of(const struct memory_object *object, uint32_t index)
{
    uint32_t low = 0, high = object->page_count;
    while (low < high) {
        uint32_t middle = low + (high - low) / 2;
        if (object->pages[middle].index < index)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* Moves the pairs to an array with room for `capacity` (at least
 * page_count) of them. */
static int resize(struct memory_object *object, uint32_t capacity)
{
    struct memory_object_page *pages = kmalloc(capacity * sizeof *pages);
    if (!pages)
        return -1;
    if (object->page_count)
        memcpy(pages, object->pages, object->page_count * sizeof *pages);
    kfree(object->pages);
    object->pages = pages;
    object->capacity = capacity;
    return 0;
}

void memory_object_truncate(struct memory_object *object, uint32_t first_page)
{
    uint32_t kept = position_of(object, first_page);
    for (uint32_t i = kept; i < object->page_count; i++) {
        uint32_t frame = object->pages[i].frame;
        if (frame_reference_count(frame) > 1) {
            memset(physical_to_virtual(frame), 0, PAGE_SIZE);   /* still mapped: stays the object's page */
            object->pages[kept++] = object->pages[i];
        } else {
            frame_release(frame);
            frames_held--;
        }
    }
    object->page_count = kept;
    if (kept == 0) {
        kfree(object->pages);
        object->pages = 0;
        object->capacity = 0;
    } else if (kept <= object->capacity / 4) {
        resize(object, 2 * kept);      /* the room goes too; if the heap is short it only stays */
    }
}

void memory_object_put(struct memory_object *object)
{
    if (--object->references)
        return;
    for (uint32_t i = 0; i < object->page_count; i++)
        frame_release(object->pages[i].frame);
    frames_held -= object->page_count;
    list_remove(&object->live_node);
    kfree(object->pages);
    kfree(object);
    live_objects--;
}

void memory_object_list(void (*emit)(const struct kinfo_memory_object *object, void *context), void *context)
{
    list_for_each(node, &live_list) {
        const struct memory_object *object = list_entry(node, struct memory_object, live_node);
        struct kinfo_memory_object entry = {
            .creator_pid = object->creator_pid, .serial = object->serial,
            .references = object->references, .pages = object->page_count,
            .file_inode = object->file ? object->file->number : 0,
        };
        strlcpy(entry.origin, object->origin, sizeof entry.origin);
        emit(&entry, context);
    }
}

uint32_t memory_object_frame(struct memory_object *object, uint32_t index, int allocate)
{
    uint32_t at = position_of(object, index);
    if (at < object->page_count && object->pages[at].index == index)
        return object->pages[at].frame;
    if (!allocate || frames_held >= memory_object_frames_budget())
        return 0;
    /* room for one more pair, doubling so that growth stays cheap */
    if (object->page_count == object->capacity &&
        resize(object, object->capacity ? 2 * object->capacity : 4) < 0)
        return 0;
    uint32_t frame = frame_alloc();
    if (!frame)
        return 0;
    memset(physical_to_virtual(frame), 0, PAGE_SIZE);
    memmove(&object->pages[at + 1], &object->pages[at], (object->page_count - at) * sizeof *object->pages);
    object->pages[at] = (struct memory_object_page){ .index = index, .frame = frame };
    object->page_count++;
    frames_held++;
    return frame;
}

unsigned memory_object_count(void)
{
    return live_objects;
}
