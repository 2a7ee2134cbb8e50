/* kernel/ktest/memfs_tests.c - the in-memory file system where a user
 * program cannot reach it on demand: an operation that fails for want of
 * kernel memory must fail whole. */
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "fs/vfs.h"
#include "ktest.h"
#include "mm/heap.h"
#include "uapi/errno.h"

/* Takes every block the heap has, largest first, and returns them as a
 * list threaded through the blocks themselves (each at least 8 bytes). */
static void *take_the_whole_heap(void)
{
    void *list = 0;
    for (size_t size = 1u << 20; size >= 8; size /= 2)
        for (void *block; (block = kmalloc(size));) {
            *(void **)block = list;
            list = block;
        }
    return list;
}

static void give_the_heap_back(void *list)
{
    while (list) {
        void *next = *(void **)list;
        kfree(list);
        list = next;
    }
}

/* rename of a directory with a child into another directory, with no heap
 * left for the new entry: ENOMEM, and the directory keeps its old name and
 * its child (it lost the name and was freed with its child before). */
KTEST(memfs_rename_out_of_memory_changes_nothing)
{
    struct inode *tmp, *moving, *child, *target, *found;
    fs_lock();
    int status = vfs_lookup("/tmp", &tmp);
    if (status == 0)
        status = vfs_create("/tmp/ktest_rename_from", INODE_DIRECTORY, 0755, &moving);
    if (status == 0)
        status = vfs_create("/tmp/ktest_rename_from/child", INODE_REGULAR, 0644, &child);
    if (status == 0)
        status = vfs_create("/tmp/ktest_rename_to", INODE_DIRECTORY, 0755, &target);
    fs_unlock();
    KTEST_EXPECT_EQ(0, status, "making /tmp/ktest_rename_from/child and /tmp/ktest_rename_to");

    fs_lock();
    void *heap = take_the_whole_heap();
    int refused = tmp->operations->rename(tmp, "ktest_rename_from", target, "moved", moving, 0);
    give_the_heap_back(heap);
    int old_name = vfs_lookup("/tmp/ktest_rename_from/child", &found);
    int old_child_is_it = old_name == 0 && found == child;
    int new_name = vfs_lookup("/tmp/ktest_rename_to/moved", &found);
    int renamed = tmp->operations->rename(tmp, "ktest_rename_from", target, "moved", moving, 0);
    int moved_child = vfs_lookup("/tmp/ktest_rename_to/moved/child", &found);
    int moved_child_is_it = moved_child == 0 && found == child;
    if (moved_child == 0) {
        moving->operations->unlink(moving, "child", child);
        target->operations->unlink(target, "moved", moving);
    }
    tmp->operations->unlink(tmp, "ktest_rename_to", target);
    fs_unlock();

    KTEST_EXPECT_EQ(-ENOMEM, refused, "rename with the heap full");
    KTEST_EXPECT(old_child_is_it, "after the refused rename, /tmp/ktest_rename_from/child: %d", old_name);
    KTEST_EXPECT_EQ(-ENOENT, new_name, "after the refused rename, /tmp/ktest_rename_to/moved");
    KTEST_EXPECT_EQ(0, renamed, "the same rename with the heap back");
    KTEST_EXPECT(moved_child_is_it, "after the rename, /tmp/ktest_rename_to/moved/child: %d", moved_child);
    KTEST_EXPECT_EQ(0, heap_check(), "heap_check at the end");
}
