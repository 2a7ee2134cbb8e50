/* tests/boot/kinfo_lists_memory_objects_with_what_made_them.c -
 * kinfo(KINFO_MEMORY_OBJECTS) lists every live memory object, newest
 * first, with what made it: a shared anonymous mapping ("mmap", its pages
 * counted as they are touched, one reference more for a forked child's
 * copy of the mapping), a System V segment ("shmget"), a file in memory
 * written to ("file", with the file's inode number), each with the pid of
 * the process whose call made it; an object whose last owner has gone is
 * no longer listed, and the counters come back. The fuzzer prints this
 * list when they do not. This kernel's own call: Linux has no kinfo. */
#include "boot_test.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>

#define TOUCHED_PAGES 3
#define FILE_PATH "/tmp/kinfo_memory_objects"

/* The listed object of serial `serial`, copied into *found; 0 if none. */
static int find_serial(unsigned serial, struct kinfo_memory_object *found)
{
    int count = 0, seen = 0;
    struct kinfo_memory_object *objects = kinfo_table(KINFO_MEMORY_OBJECTS, sizeof *objects, &count);
    CHECK(objects != NULL || count == 0, "kinfo_table(KINFO_MEMORY_OBJECTS): %s", strerror(errno));
    for (int i = 0; objects && i < count; i++) {
        if (i > 0)
            CHECK(objects[i].serial < objects[i - 1].serial, "entry %d (serial %u) after serial %u: not newest first",
                  i, objects[i].serial, objects[i - 1].serial);
        if (objects[i].serial == serial) {
            *found = objects[i];
            seen = 1;
        }
    }
    free(objects);
    return seen;
}

/* The newest object's serial (0: none). */
static unsigned newest_serial(void)
{
    int count = 0;
    struct kinfo_memory_object *objects = kinfo_table(KINFO_MEMORY_OBJECTS, sizeof *objects, &count);
    unsigned newest = objects && count > 0 ? objects[0].serial : 0;
    free(objects);
    return newest;
}

static void check_entry(unsigned serial, const char *origin, int pid, unsigned references, unsigned pages,
                        unsigned file_inode)
{
    struct kinfo_memory_object object;
    if (!find_serial(serial, &object)) {
        CHECK(0, "memory object %u (%s) is not listed", serial, origin);
        return;
    }
    CHECK(!strncmp(object.origin, origin, sizeof object.origin), "object %u made by \"%.12s\", expected \"%s\"",
          serial, object.origin, origin);
    CHECK_EQ(pid, object.creator_pid, "the pid that made the object");
    CHECK_EQ(references, object.references, "the object's references");
    CHECK_EQ(pages, object.pages, "the object's pages");
    CHECK_EQ(file_inode, object.file_inode, "the inode number of the file whose contents it is (0: none)");
}

static void check_shared_mapping(void)
{
    unsigned before = newest_serial();
    char *area = mmap(0, 8 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(area != MAP_FAILED, "mmap(MAP_SHARED | MAP_ANONYMOUS): %s", strerror(errno));
    if (area == MAP_FAILED)
        return;
    unsigned serial = newest_serial();
    CHECK(serial > before, "the mapping's object is newer (serial %u) than the one before (%u)", serial, before);
    check_entry(serial, "mmap", getpid(), 1, 0, 0);
    for (int page = 0; page < TOUCHED_PAGES; page++)
        area[page * 4096] = 1;
    check_entry(serial, "mmap", getpid(), 1, TOUCHED_PAGES, 0);

    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();                       /* holds its copy of the mapping until killed */
    }
    CHECK(child > 0, "fork: %s", strerror(errno));
    check_entry(serial, "mmap", getpid(), 2, TOUCHED_PAGES, 0);   /* the child's region holds one */
    kill(child, SIGKILL);
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid");
    check_entry(serial, "mmap", getpid(), 1, TOUCHED_PAGES, 0);

    CHECK_EQ(0, munmap(area, 8 * 4096), "munmap");
    struct kinfo_memory_object gone;
    CHECK(!find_serial(serial, &gone), "the object %u is still listed after its last mapping went", serial);
}

static void check_segment(void)
{
    int id = shmget(IPC_PRIVATE, 2 * 4096, IPC_CREAT | 0600);
    CHECK(id >= 0, "shmget: %s", strerror(errno));
    if (id < 0)
        return;
    unsigned serial = newest_serial();
    check_entry(serial, "shmget", getpid(), 1, 0, 0);    /* the segment's own reference */
    CHECK_EQ(0, shmctl(id, IPC_RMID, 0), "shmctl(IPC_RMID)");
    struct kinfo_memory_object gone;
    CHECK(!find_serial(serial, &gone), "the removed segment's object %u is still listed", serial);
}

static void check_file(void)
{
    unsigned before = newest_serial();
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0, "open " FILE_PATH ": %s", strerror(errno));
    if (fd < 0)
        return;
    char block[4096];
    memset(block, 'x', sizeof block);
    CHECK_EQ((int)sizeof block, (int)write(fd, block, sizeof block), "a page written to the file");
    unsigned serial = newest_serial();
    CHECK(serial > before, "the file's contents got an object (serial %u, before %u)", serial, before);
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat");
    check_entry(serial, "file", getpid(), 1, 1, (unsigned)st.st_ino);    /* the inode's reference */
    close(fd);
    CHECK_EQ(0, unlink(FILE_PATH), "unlink");
    struct kinfo_memory_object gone;
    CHECK(!find_serial(serial, &gone), "the removed file's object %u is still listed", serial);
}

int main(void)
{
    /* the first round grows our heap to the size the tables need, so that
     * the counted round takes no page the kernel would count as leaked */
    for (int round = 0; round < 2; round++) {
        struct kinfo_counters before = settled_counters(read_counters().tasks);
        check_shared_mapping();
        check_segment();
        check_file();
        if (round == 1)
            CHECK_NO_LEAK(before, settled_counters(before.tasks));
    }
    return test_finish("kinfo_lists_memory_objects_with_what_made_them");
}
