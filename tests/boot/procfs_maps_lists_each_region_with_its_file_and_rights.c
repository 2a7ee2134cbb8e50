// needs: procfs
/* /proc/PID/maps (proc(5)) lists a process's memory one region a line,
 * in address order, in Linux's columns: "start-end perms offset
 * major:minor inode path". What this test maps, it finds there:
 *  - a file mapped MAP_SHARED read-write: rw-s, offset 0, the file's
 *    device and inode (stat's), its path; the same file MAP_PRIVATE
 *    read-only from its second page: r--p, offset 00001000;
 *  - anonymous memory: PROT_READ | PROT_EXEC r-xp and no name; MAP_SHARED
 *    "/dev/zero (deleted)"; a System V segment "/SYSV<key> (deleted)";
 *  - the heap after malloc grew it ([heap]) and the main stack ([stack]);
 *  - mprotect changes a line's rights, munmap takes it away;
 *  - the text is the same read whole or 7 bytes at a time, and another
 *    process's maps name its own mappings (a child's).
 * Passes on Linux 6.1 too. */
#include "boot_test.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define FILE_PATH "/tmp/procfs_maps_file"
#define SEGMENT_KEY 0x5a1e
#define MAPS_MAX 32768

static char maps[MAPS_MAX];

/* The maps of `pid` (0: our own), read `chunk` bytes at a time. */
static int read_maps(pid_t pid, int chunk)
{
    char path[64];
    snprintf(path, sizeof path, pid ? "/proc/%d/maps" : "/proc/self/maps", (int)pid);
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0, "open %s: errno %d", path, errno);
    int total = 0, count;
    while (total < MAPS_MAX - 1 && (count = read(fd, maps + total, chunk)) > 0)
        total += count;
    maps[total] = 0;
    close(fd);
    return total;
}

/* The line of the region that starts at `address`, into `line`; 0 if none. */
static int line_at(const void *address, char *line, int size)
{
    char start[16];
    snprintf(start, sizeof start, "%08lx-", (unsigned long)address);
    for (const char *p = maps; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
        if (!strncmp(p, start, strlen(start))) {
            int length = (int)(strchr(p, '\n') ? strchr(p, '\n') - p : (long)strlen(p));
            snprintf(line, size, "%.*s", length, p);
            return 1;
        }
    }
    line[0] = 0;
    return 0;
}

static int any_line_ends_with(const char *name)
{
    for (const char *p = maps; *p;) {
        const char *end = strchr(p, '\n');
        int length = (int)(end ? end - p : (long)strlen(p));
        int name_length = (int)strlen(name);
        if (length >= name_length && !strncmp(p + length - name_length, name, name_length))
            return 1;
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

/* The line's fields: rights, offset, device, inode and the path (or ""). */
struct fields {
    char rights[8];
    unsigned long offset, inode;
    unsigned major, minor;
    char path[128];
};

static struct fields fields_of(const char *line)
{
    struct fields f;
    memset(&f, 0, sizeof f);
    int consumed = 0;
    sscanf(line, "%*x-%*x %7s %lx %x:%x %lu %n", f.rights, &f.offset, &f.major, &f.minor, &f.inode, &consumed);
    if (consumed)
        snprintf(f.path, sizeof f.path, "%s", line + consumed);
    return f;
}

static void check_region(const void *address, const char *rights, const char *path, const char *what)
{
    char line[256];
    CHECK(line_at(address, line, sizeof line), "%s: no line starts at %p", what, address);
    struct fields f = fields_of(line);
    CHECK(!strcmp(f.rights, rights), "%s: rights \"%s\", expected \"%s\" (%s)", what, f.rights, rights, line);
    CHECK(!strcmp(f.path, path), "%s: name \"%s\", expected \"%s\" (%s)", what, f.path, path, line);
}

static void lines_are_in_address_order(void)
{
    unsigned long previous_end = 0;
    int lines = 0;
    for (const char *p = maps; *p;) {
        unsigned long start = 0, end = 0;
        CHECK(sscanf(p, "%lx-%lx", &start, &end) == 2, "a line without its range: %.40s", p);
        CHECK(start < end && start >= previous_end, "line %d: %lx-%lx after %lx", lines, start, end, previous_end);
        previous_end = end;
        lines++;
        const char *next = strchr(p, '\n');
        if (!next)
            break;
        p = next + 1;
    }
    CHECK(lines >= 5, "only %d lines", lines);
}

static void cases(void)
{
    int fd = open(FILE_PATH, O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK(fd >= 0, "open: errno %d", errno);
    CHECK_EQ(0, ftruncate(fd, 2 * 4096), "ftruncate");
    struct stat st;
    fstat(fd, &st);
    char *shared_file = mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *private_file = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    char *code = mmap(0, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shared_anonymous = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int segment = shmget(SEGMENT_KEY, 4096, IPC_CREAT | 0600);
    char *attached = segment >= 0 ? shmat(segment, 0, 0) : (char *)-1;
    CHECK(shared_file != MAP_FAILED && private_file != MAP_FAILED && code != MAP_FAILED &&
          shared_anonymous != MAP_FAILED && attached != (char *)-1, "the mappings: errno %d", errno);
    char *volatile heap = malloc(64 * 1024);   /* below mmap's threshold: the heap grows (brk) */
    heap[0] = 1;

    int whole = read_maps(0, MAPS_MAX);
    lines_are_in_address_order();
    char line[256];
    CHECK(line_at(shared_file, line, sizeof line), "the shared file mapping's line");
    struct fields f = fields_of(line);
    CHECK(!strcmp(f.rights, "rw-s") && f.offset == 0 && f.inode == (unsigned long)st.st_ino &&
          f.major == major(st.st_dev) && f.minor == minor(st.st_dev) && !strcmp(f.path, FILE_PATH),
          "shared file: \"%s\" (inode %lu, device %u:%u expected)", line, (unsigned long)st.st_ino,
          major(st.st_dev), minor(st.st_dev));
    CHECK(line_at(private_file, line, sizeof line), "the private file mapping's line");
    f = fields_of(line);
    CHECK(!strcmp(f.rights, "r--p") && f.offset == 4096 && !strcmp(f.path, FILE_PATH), "private file: \"%s\"", line);
    check_region(code, "r-xp", "", "PROT_READ | PROT_EXEC, anonymous");
    check_region(shared_anonymous, "rw-s", "/dev/zero (deleted)", "MAP_SHARED | MAP_ANONYMOUS");
    char segment_name[40];
    snprintf(segment_name, sizeof segment_name, "/SYSV%08x (deleted)", SEGMENT_KEY);
    check_region(attached, "rw-s", segment_name, "a System V segment");
    CHECK(any_line_ends_with("[heap]"), "no [heap] line after malloc:\n%s", maps);
    CHECK(any_line_ends_with("[stack]"), "no [stack] line:\n%s", maps);

    char copy[MAPS_MAX];
    memcpy(copy, maps, (size_t)whole + 1);
    CHECK_EQ(whole, read_maps(0, 7), "the length read 7 bytes at a time");
    CHECK(!strcmp(copy, maps), "7 bytes at a time: the same text");

    CHECK_EQ(0, mprotect(shared_file, 4096, PROT_READ), "mprotect of the first page");
    read_maps(0, MAPS_MAX);
    check_region(shared_file, "r--s", FILE_PATH, "after mprotect");
    check_region(shared_file + 4096, "rw-s", FILE_PATH, "its second page, as it was");
    CHECK_EQ(0, munmap(code, 4096), "munmap");
    read_maps(0, MAPS_MAX);
    CHECK(!line_at(code, line, sizeof line), "after munmap: \"%s\"", line);

    /* the child maps a page where the parent had one (MAP_FIXED), and the
     * parent reads the child's maps until the line is there: no pipe or
     * signal between them, which some labs' kernels lack */
    char *childs = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(childs, 4096);
    pid_t child = fork();
    if (child == 0) {
        mmap(childs, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        for (;;)
            pause();
    }
    for (int tries = 0; tries < 500 && (read_maps(child, MAPS_MAX), !line_at(childs, line, sizeof line)); tries++)
        usleep(10 * 1000);
    check_region(childs, "rwxp", "", "the child's own mapping, read from its parent");
    kill(child, SIGKILL);
    waitpid(child, 0, 0);

    free(heap);
    shmdt(attached);
    shmctl(segment, IPC_RMID, 0);
    munmap(shared_file, 2 * 4096);
    munmap(private_file, 4096);
    munmap(shared_anonymous, 3 * 4096);
    close(fd);
    unlink(FILE_PATH);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("procfs_maps_lists_each_region_with_its_file_and_rights");
}
