/* kernel/fs/file_content.c - a file's bytes, page by page.
 *
 *   offset:   0        4096       8192      size
 *             | page 0 | page 1   | page 2   |
 *   object:   (0, f0)             (2, f2)        a memory object's (page, frame)
 *                                                pairs: page 1, with none, a hole
 *
 * A hole reads as zeros (mm/memory_object.h). Files from the boot image are read straight from
 * it; the first write, truncate or mmap copies them into pages. */
#include "file_content.h"

#include "file_times.h"
#include "inode.h"
#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/memory_layout.h"
#include "mm/memory_object.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

/* From boot-image bytes to pages: done once, on the first change. */
static int make_paged(struct inode *inode)
{
    if (inode->contents)
        return 0;
    struct memory_object *object = memory_object_create("file");
    if (!object)
        return -ENOMEM;
    for (uint32_t offset = 0; offset < inode->size; offset += PAGE_SIZE) {
        uint32_t frame = memory_object_frame(object, offset / PAGE_SIZE, 1);
        if (!frame) {
            memory_object_put(object);
            return -ENOMEM;
        }
        uint32_t chunk = inode->size - offset < PAGE_SIZE ? inode->size - offset : PAGE_SIZE;
        memcpy(physical_to_virtual(frame), inode->image_data + offset, chunk);
    }
    object->page_limit = PAGE_ROUND_UP(inode->size) / PAGE_SIZE;
    object->file = inode;             /* memfs_evict clears it */
    inode->contents = object;
    inode->image_data = 0;
    return 0;
}

/* The kernel's view of the byte at `offset`, or NULL in a hole. */
static const uint8_t *byte_at(struct inode *inode, uint32_t offset)
{
    if (!inode->contents)
        return inode->image_data + offset;
    uint32_t frame = memory_object_frame(inode->contents, offset / PAGE_SIZE, 0);
    return frame ? (const uint8_t *)physical_to_virtual(frame) + offset % PAGE_SIZE : 0;
}

static int read_into(struct inode *inode, uint32_t offset, uint8_t *buffer, uint32_t size, int to_user)
{
    static const uint8_t zeros[PAGE_SIZE];
    if (offset >= inode->size)
        return 0;
    if (size > inode->size - offset)
        size = inode->size - offset;
    for (uint32_t done = 0; done < size;) {
        uint32_t chunk = PAGE_SIZE - (offset + done) % PAGE_SIZE;
        if (chunk > size - done)
            chunk = size - done;
        const uint8_t *source = byte_at(inode, offset + done);
        if (!source)
            source = zeros;
        if (to_user) {
            if (copy_to_user(buffer + done, source, chunk) < 0)
                return done ? (int)done : -EFAULT;
        } else {
            memcpy(buffer + done, source, chunk);
        }
        done += chunk;
    }
    return (int)size;
}

int file_content_read(struct inode *inode, uint32_t offset, void *user_buffer, uint32_t size)
{
    return read_into(inode, offset, user_buffer, size, 1);
}

int file_content_read_kernel(struct inode *inode, uint32_t offset, void *buffer, uint32_t size)
{
    return read_into(inode, offset, buffer, size, 0);
}

int file_content_write(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size)
{
    if (size > FILE_SIZE_MAX || offset > FILE_SIZE_MAX - size)
        return -EFBIG;
    int status = make_paged(inode);
    if (status < 0)
        return status;
    const uint8_t *source = user_buffer;
    for (uint32_t done = 0; done < size;) {
        uint32_t position = offset + done;
        uint32_t chunk = PAGE_SIZE - position % PAGE_SIZE;
        if (chunk > size - done)
            chunk = size - done;
        uint32_t frame = memory_object_frame(inode->contents, position / PAGE_SIZE, 1);
        if (!frame)                     /* the objects' share of memory is full (as tmpfs's): ENOSPC */
            return done ? (int)done
                        : memory_object_frames_held() >= memory_object_frames_budget() ? -ENOSPC : -ENOMEM;
        if (copy_from_user((uint8_t *)physical_to_virtual(frame) + position % PAGE_SIZE, source + done, chunk) < 0)
            return done ? (int)done : -EFAULT;
        done += chunk;
        if (offset + done > inode->size) {
            inode->size = offset + done;
            inode->contents->page_limit = PAGE_ROUND_UP(inode->size) / PAGE_SIZE;
        }
    }
    return (int)size;
}

int file_content_truncate(struct inode *inode, uint32_t size)
{
    if (size > FILE_SIZE_MAX)
        return -EFBIG;
    int status = make_paged(inode);
    if (status < 0)
        return status;
    if (size < inode->size) {
        /* the bytes cut off must read as zeros if the file grows again */
        uint32_t frame = size % PAGE_SIZE ? memory_object_frame(inode->contents, size / PAGE_SIZE, 0) : 0;
        if (frame)
            memset((uint8_t *)physical_to_virtual(frame) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
        /* pages past the new end leave every mapping first: a touch there is SIGBUS */
        address_space_drop_file_tail_everywhere(inode->contents, PAGE_ROUND_UP(size) / PAGE_SIZE);
        memory_object_truncate(inode->contents, PAGE_ROUND_UP(size) / PAGE_SIZE);
    }
    inode->size = size;
    inode->contents->page_limit = PAGE_ROUND_UP(size) / PAGE_SIZE;
    return 0;
}

struct memory_object *file_content_object(struct inode *inode)
{
    if (make_paged(inode) < 0)
        return 0;
    memory_object_get(inode->contents);
    return inode->contents;
}

void file_content_written_through_mapping(struct memory_object *object)
{
    if (object->file)
        file_times_modified(object->file, file_times_now());
}
