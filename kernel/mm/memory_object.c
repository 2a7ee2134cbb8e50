/* kernel/mm/memory_object.c - frames shared by whoever maps them. */
#include "memory_object.h"

#include "frame.h"
#include "heap.h"
#include "lib/string.h"
#include "memory_layout.h"

static unsigned live_objects;

struct memory_object *memory_object_create(void)
{
    struct memory_object *object = kzalloc(sizeof *object);
    if (object) {
        object->references = 1;
        object->page_limit = MEMORY_OBJECT_UNBOUNDED;
        live_objects++;
    }
    return object;
}

void memory_object_get(struct memory_object *object)
{
    object->references++;
}

void memory_object_truncate(struct memory_object *object, uint32_t first_page)
{
    for (uint32_t i = first_page; i < object->page_count; i++) {
        uint32_t frame = object->frames[i];
        if (!frame)
            continue;
        if (frame_reference_count(frame) > 1) {
            memset(physical_to_virtual(frame), 0, PAGE_SIZE);   /* still mapped: stays the object's page */
        } else {
            frame_release(frame);
            object->frames[i] = 0;
        }
    }
}

void memory_object_put(struct memory_object *object)
{
    if (--object->references)
        return;
    for (uint32_t i = 0; i < object->page_count; i++)
        if (object->frames[i])
            frame_release(object->frames[i]);
    kfree(object->frames);
    kfree(object);
    live_objects--;
}

/* Makes room for `pages` slots, doubling so that growth stays cheap. */
static int grow(struct memory_object *object, uint32_t pages)
{
    uint32_t count = object->page_count ? object->page_count : 4;
    while (count < pages)
        count *= 2;
    uint32_t *frames = kzalloc(count * sizeof *frames);
    if (!frames)
        return -1;
    if (object->frames)
        memcpy(frames, object->frames, object->page_count * sizeof *frames);
    kfree(object->frames);
    object->frames = frames;
    object->page_count = count;
    return 0;
}

uint32_t memory_object_frame(struct memory_object *object, uint32_t index, int allocate)
{
    if (index >= object->page_count) {
        if (!allocate || grow(object, index + 1) < 0)
            return 0;
    }
    if (!object->frames[index] && allocate) {
        uint32_t frame = frame_alloc();
        if (!frame)
            return 0;
        memset(physical_to_virtual(frame), 0, PAGE_SIZE);
        object->frames[index] = frame;
    }
    return object->frames[index];
}

unsigned memory_object_count(void)
{
    return live_objects;
}
