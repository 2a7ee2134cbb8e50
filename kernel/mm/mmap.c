/* kernel/mm/mmap.c - mmap and munmap.
 *
 *   MAP_PRIVATE|MAP_ANONYMOUS  zero-filled pages of one's own (copied on fork)
 *   MAP_SHARED|MAP_ANONYMOUS   a new memory object: the same frames in the
 *                              children after fork
 *   MAP_SHARED of a file       the file's own memory object: every mapper, and
 *                              read()/write() on the file, see the same bytes
 *   MAP_PRIVATE of a file      a private copy of each page on first touch
 *
 * PROT_READ without PROT_WRITE makes writes fault (SIGSEGV); PROT_NONE
 * makes every access fault; mprotect changes that later (protection.c).
 * A page wholly past the end of a mapped file is SIGBUS, also one that was
 * mapped before ftruncate cut the file short. msync has nothing
 * to write (the mapping IS the file's memory) and madvise only
 * MADV_DONTNEED to do, but both check their arguments as POSIX says. */
#include "address_space.h"
#include "address_space_internal.h"
#include "arch/x86/paging.h"
#include "fs/devices.h"
#include "fs/file.h"
#include "fs/file_content.h"
#include "fs/file_hold.h"
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "fs/memfs.h"
#include "fs/mount.h"
#include "fs/regular_file.h"
#include "memory_layout.h"
#include "memory_object.h"
#include "mlock_for_core.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"


/* mmap's argument checks, in Linux's order (one program, one errno):
 *   offset not page-aligned                          EINVAL
 *   no MAP_ANONYMOUS and fd not open                 EBADF
 *   MAP_HUGETLB: a file, or a size other than the
 *                default and 4 MiB                   EINVAL
 *                else (no huge pages are kept)       ENOMEM
 *   length 0                                         EINVAL
 *   length rounded up to pages wraps                 ENOMEM
 *   a regular file at a negative offset              EOVERFLOW (before the room: no length
 *                                                              makes it a file offset)
 *   length more than the room for mappings           ENOMEM
 *   MAP_FIXED: address not page-aligned              EINVAL
 *              below the first page                  EPERM (Linux's mmap_min_addr)
 *              range past the room for mappings      ENOMEM
 *   a regular file and offset + the length rounded
 *   up passes off_t's largest offset                 EOVERFLOW (Linux's file_mmap_ok)
 *   not exactly one of MAP_SHARED, MAP_PRIVATE       EINVAL
 *   access and kind of file                          EACCES, ENODEV
 * Other flags are ignored, as Linux ignores every flag it does not know
 * (MAP_NORESERVE, MAP_POPULATE, MAP_STACK ask nothing of this kernel). */
static int check_mapping(uint32_t address, uint32_t length, int flags, const struct file *file, uint32_t offset)
{
    if (length == 0)
        return -EINVAL;
    uint32_t rounded = PAGE_ROUND_UP(length);
    if (rounded == 0)
        return -ENOMEM;
    int regular_file = file && file->inode && file->inode->type == INODE_REGULAR && !device_is_zero(file);
    if (regular_file && (int32_t)offset < 0)
        return -EOVERFLOW;
    if (rounded > USER_MMAP_TOP)
        return -ENOMEM;
    if (flags & MAP_FIXED) {
        if (address & (PAGE_SIZE - 1))
            return -EINVAL;
        if (address < USER_START)
            return -EPERM;
        if (address > USER_MMAP_TOP || rounded > USER_MMAP_TOP - address)
            return -ENOMEM;
    }
    if (regular_file && (uint64_t)offset + rounded > FILE_OFFSET_MAX)   /* inode.h: off_t's largest */
        return -EOVERFLOW;
    int sharing = flags & (MAP_SHARED | MAP_PRIVATE);
    if (sharing != MAP_SHARED && sharing != MAP_PRIVATE)
        return -EINVAL;
    return 0;
}

/* A file was mapped: its access time moves as a read's would (POSIX:
 * mmap may mark st_atime, and the first touch must; Linux's
 * generic_file_mmap marks it at once). The file is held while the
 * file-system lock may sleep: another thread could close it. */
static void note_mapped_file_accessed(struct file *file)
{
    struct held_file held;
    file_hold(&held, file);
    fs_lock();
    inode_note_access(file->inode);
    fs_unlock();
    descriptor_unhold(&held, 0);
}

uint32_t sys_mmap(uint32_t address, uint32_t length, int protection, int flags, int fd, uint32_t offset)
{
    struct address_space *space = current_task->process->address_space;
    int sharing = flags & (MAP_SHARED | MAP_PRIVATE);
    if (offset & (PAGE_SIZE - 1))
        return (uint32_t)-EINVAL;
    struct file *file = flags & MAP_ANONYMOUS ? 0 : descriptor_lookup(fd);
    if (!(flags & MAP_ANONYMOUS) && !file)
        return (uint32_t)-EBADF;
    if (flags & MAP_HUGETLB) {                   /* Linux's ksys_mmap_pgoff */
        uint32_t size_log = (uint32_t)flags >> MAP_HUGE_SHIFT & MAP_HUGE_MASK;
        return (uint32_t)(file || (size_log != 0 && size_log != 22) ? -EINVAL : -ENOMEM);
    }
    int status = check_mapping(address, length, flags, file, offset);
    if (status < 0)
        return (uint32_t)status;

    status = memory_lock_may_grow(current_task->process, PAGE_ROUND_UP(length));   /* MCL_FUTURE */
    if (status < 0)
        return (uint32_t)status;

    struct memory_object *object = 0;          /* our reference, given up at the end */
    uint32_t region_flags = address_space_protection_flags(protection) | (sharing == MAP_SHARED ? REGION_SHARED : 0);
    int anonymous = !file || device_is_zero(file);   /* /dev/zero maps as anonymous memory, as on Linux */
    if (file) {
        if (!anonymous && (!file->inode || file->inode->type != INODE_REGULAR))
            return (uint32_t)-ENODEV;
        /* A file's pages are shared by mmap and read/write only in memfs;
         * a file on the disk lives in the block cache, one of /proc is
         * made anew at each read: neither has pages to give: ENODEV, as
         * mmap(2) says for a file system that cannot. */
        if (!anonymous && file->inode->fs != memfs_file_system())
            return (uint32_t)-ENODEV;
        uint32_t access = file->flags & O_ACCMODE;
        if (access == O_WRONLY || (sharing == MAP_SHARED && (protection & PROT_WRITE) && access != O_RDWR))
            return (uint32_t)-EACCES;
        if (sharing == MAP_SHARED && access != O_RDWR)
            region_flags |= REGION_WRITE_DENIED;   /* mprotect may not add PROT_WRITE either */
    }
    if (!anonymous && !(object = file_content_object(file->inode)))
        return (uint32_t)-ENOMEM;
    if (anonymous && sharing == MAP_SHARED && !(object = memory_object_create("mmap")))
        return (uint32_t)-ENOMEM;

    uint32_t start;
    if (flags & MAP_FIXED) {
        start = address;                       /* checked by check_mapping */
        uint32_t end = start + PAGE_ROUND_UP(length);
        int refused = address_space_may_map_fixed(space, start, end);
        if (refused < 0 || address_space_unmap(space, start, end) < 0)
            start = (uint32_t)(refused < 0 ? refused : -ENOMEM);
    } else {
        start = address_space_find_free(space, length);
        if (!start)
            start = (uint32_t)-ENOMEM;
    }
    if ((int32_t)start > -4096 && (int32_t)start < 0) {
        if (object)
            memory_object_put(object);
        return start;
    }
    /* a new shared anonymous object starts at its page 0: Linux ignores
     * the offset there, and a big one would only spread the pages out */
    uint32_t first_page = anonymous ? 0 : offset / PAGE_SIZE;
    status = address_space_map(space, start, length, region_flags, object, first_page);
    if (object)
        memory_object_put(object);              /* the region holds its own reference */
    if (status < 0)
        return (uint32_t)status;
    memory_lock_new_mapping(current_task->process, start, start + PAGE_ROUND_UP(length));
    if (!anonymous)
        note_mapped_file_accessed(file);
    return start;
}

/* The pages of `space` that show `object` from its page `first_page` on,
 * shared or a private copy, leave the page tables. */
static void drop_object_pages(struct address_space *space, const struct memory_object *object, uint32_t first_page)
{
    for (int i = 0; i < space->region_count; i++) {
        const struct region *region = &space->regions[i];
        uint32_t pages = (region->end - region->start) / PAGE_SIZE;
        if (region->object != object || region->object_first_page + pages <= first_page)
            continue;
        uint32_t from = region->start;
        if (first_page > region->object_first_page)
            from += (first_page - region->object_first_page) * PAGE_SIZE;
        address_space_for_each_page(space->page_directory, from, region->end, release_page, space);
    }
}

void address_space_drop_file_tail_everywhere(const struct memory_object *object, uint32_t first_page)
{
    for (int slot = 0; slot < MAX_PROCESSES; slot++) {
        struct process *process = process_slot(slot);
        if (process->state != PROCESS_FREE && process->address_space)
            drop_object_pages(process->address_space, object, first_page);
    }
}

int sys_munmap(uint32_t address, uint32_t length)
{
    if ((address & (PAGE_SIZE - 1)) || length == 0 || address < USER_START || address >= USER_END ||
        length > USER_END - address)
        return -EINVAL;
    return address_space_unmap(current_task->process->address_space, address, address + PAGE_ROUND_UP(length));
}

/* The checks mprotect, msync and madvise share, after their own: the
 * range's end, page-rounded, into *end; -ENOMEM when [address, address +
 * length) leaves the user half. `address` is page-aligned. */
static int user_range_end(uint32_t address, uint32_t length, uint32_t *end)
{
    if (address >= USER_END || length > USER_END - address)
        return -ENOMEM;
    *end = address + PAGE_ROUND_UP(length);
    return 0;
}

int sys_mprotect(uint32_t address, uint32_t length, int protection)
{
    uint32_t end;
    if (address & (PAGE_SIZE - 1))
        return -EINVAL;
    if (length == 0)
        return 0;                               /* as Linux: nothing to change */
    if (user_range_end(address, length, &end) < 0)
        return -ENOMEM;
    if (protection & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    return address_space_protect(current_task->process->address_space, address, end,
                                 address_space_protection_flags(protection));
}

/* msync's page visitor: was the page written since the last look? The
 * CPU sets the entry's dirty bit on a write; clearing it (and the TLB's
 * copy) lets the next write be seen too. */
static void take_dirty_bit(uint32_t *entry, uint32_t address, void *context)
{
    if (!(*entry & PTE_DIRTY))
        return;
    *entry &= ~PTE_DIRTY;
    paging_flush(current_task->process->address_space->page_directory, address);
    *(int *)context = 1;
}

/* POSIX: a file mapped MAP_SHARED that was written through the mapping
 * has its modification and change times marked by the next msync. Each
 * shared file mapping in [start, end) whose pages were written tells its
 * file (file_content_written_through_mapping). */
static void note_writes_through_mappings(struct address_space *space, uint32_t start, uint32_t end)
{
    for (int i = 0; i < space->region_count; i++) {
        struct region *region = &space->regions[i];
        if (!(region->flags & REGION_SHARED) || !region->object || !region->object->file ||
            region->end <= start || region->start >= end)
            continue;
        int written = 0;
        address_space_for_each_page(space->page_directory, region->start > start ? region->start : start,
                                    region->end < end ? region->end : end, take_dirty_bit, &written);
        if (written)
            file_content_written_through_mapping(region->object);
    }
}

int sys_msync(uint32_t address, uint32_t length, int flags)
{
    uint32_t end;
    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (address & (PAGE_SIZE - 1)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    struct address_space *space = current_task->process->address_space;
    if (user_range_end(address, length, &end) < 0 || !address_space_is_mapped(space, address, end))
        return -ENOMEM;
    if ((flags & MS_INVALIDATE) && memory_lock_holds_any(space, address, end))
        return -EBUSY;                          /* as Linux: locked pages may not be thrown away */
    /* every mapping of a file maps the file's own frames: nothing to
     * write or refetch, only the file's times to move */
    note_writes_through_mappings(space, address, end);
    return 0;
}

int sys_madvise(uint32_t address, uint32_t length, int advice)
{
    uint32_t end;
    if (advice < MADV_NORMAL || advice > MADV_DONTNEED || (address & (PAGE_SIZE - 1)))
        return -EINVAL;
    if (length > 0xFFFFFFFFu - PAGE_SIZE + 1 || address > 0xFFFFFFFFu - PAGE_ROUND_UP(length))
        return -EINVAL;                         /* the range wraps around: Linux's EINVAL */
    struct address_space *space = current_task->process->address_space;
    if (user_range_end(address, length, &end) < 0 || !address_space_is_mapped(space, address, end))
        return -ENOMEM;
    if (advice == MADV_DONTNEED)
        address_space_discard(space, address, end);
    return 0;                                   /* the other advice changes nothing here */
}
