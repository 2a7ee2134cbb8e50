/* tests/disk/programs/disk_write_storm.c - writes to /home until the power
 * is cut (tests/disk/crash_test.py kills QEMU at a random moment).
 *
 * Usage: disk_write_storm SEED
 *
 * Scratch files in /home/scratch are created, written, appended to,
 * truncated, renamed (into subdirectories too) and unlinked; directories are
 * made and removed. Now and then a keeper, /home/keep-N, is written,
 * fsync'ed, and its directory /home fsync'ed too (a new name is on the disk
 * only once its directory is); then one line on the console:
 *
 *     fsynced keep-N SIZE CHECKSUM
 *
 * A keeper is never touched again, so each one printed must be whole on the
 * disk after the cut, whatever the cut interrupted. The seed chooses every
 * operation and size: a run repeats (up to where the cut comes). The storm
 * never ends by itself; an unexpected error ends it with status 1. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk_program.h"

#define SCRATCH HOME "/scratch"
#define SCRATCH_FILES_MAX 24          /* alive at once */
#define SCRATCH_DIRECTORIES_MAX 6
#define SCRATCH_SIZE_MAX (48 * 1024)
#define KEEPER_SIZE_MAX (64 * 1024)
#define KEEPER_BYTES_MAX (4 * 1024 * 1024)   /* then no more keepers: the disk never fills */
#define PIECE_MAX 7000                /* writes of any length, across blocks */
#define PATH_LENGTH 96

struct scratch_file {
    char path[PATH_LENGTH];
    int alive;
};

struct scratch_directory {
    char path[PATH_LENGTH];
    int alive;
    int files;                        /* scratch files inside: rmdir only when none */
};

static struct scratch_file files[SCRATCH_FILES_MAX];
static struct scratch_directory directories[SCRATCH_DIRECTORIES_MAX];
static uint32_t random_state;
static unsigned next_name;
static unsigned next_keeper;
static uint32_t keeper_bytes;
static unsigned char piece[PIECE_MAX];

/* xorshift32: the storm's whole sequence follows from the seed. */
static uint32_t random_below(uint32_t limit)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state % limit;
}

static void fail(const char *what, const char *path)
{
    printf("storm: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

/* Writes `size` bytes of pattern `seed` to `fd` in random pieces; the checksum. */
static uint32_t write_pattern(int fd, const char *path, uint32_t size, uint32_t seed)
{
    uint32_t sum = CHECKSUM_START;
    for (uint32_t offset = 0; offset < size;) {
        uint32_t length = 1 + random_below(PIECE_MAX);
        if (length > size - offset)
            length = size - offset;
        pattern_fill(piece, length, offset, seed);
        if (write(fd, piece, length) != (ssize_t)length)
            fail("write", path);
        sum = checksum_add(sum, piece, length);
        offset += length;
    }
    return sum;
}

/* The directory a new scratch name goes in: /home/scratch or one of its own. */
static struct scratch_directory *pick_directory(void)
{
    unsigned choice = random_below(SCRATCH_DIRECTORIES_MAX + 1);
    return choice < SCRATCH_DIRECTORIES_MAX && directories[choice].alive ? &directories[choice] : 0;
}

static void name_in(struct scratch_directory *directory, char *path)
{
    snprintf(path, PATH_LENGTH, "%s/s-%u", directory ? directory->path : SCRATCH, next_name++);
}

static struct scratch_directory *directory_of(const char *path)
{
    for (int i = 0; i < SCRATCH_DIRECTORIES_MAX; i++) {
        size_t length = strlen(directories[i].path);
        if (directories[i].alive && !strncmp(path, directories[i].path, length) && path[length] == '/')
            return &directories[i];
    }
    return 0;
}

static void create_scratch(struct scratch_file *file)
{
    struct scratch_directory *directory = pick_directory();
    name_in(directory, file->path);
    int fd = open(file->path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        fail("create", file->path);
    write_pattern(fd, file->path, random_below(SCRATCH_SIZE_MAX), random_state);
    if (close(fd) != 0)
        fail("close", file->path);
    file->alive = 1;
    if (directory)
        directory->files++;
}

static void append_or_truncate(struct scratch_file *file)
{
    int fd = open(file->path, O_WRONLY | O_APPEND);
    if (fd < 0)
        fail("open", file->path);
    struct stat st;
    if (fstat(fd, &st) != 0)
        fail("fstat", file->path);
    if (random_below(2) || st.st_size > SCRATCH_SIZE_MAX) {
        if (ftruncate(fd, random_below((uint32_t)st.st_size + 1)) != 0)
            fail("ftruncate", file->path);
    } else {
        write_pattern(fd, file->path, 1 + random_below(PIECE_MAX), random_state);
    }
    if (close(fd) != 0)
        fail("close", file->path);
}

static void rename_scratch(struct scratch_file *file)
{
    struct scratch_directory *from = directory_of(file->path), *to = pick_directory();
    char new_path[PATH_LENGTH];
    name_in(to, new_path);
    if (rename(file->path, new_path) != 0)
        fail("rename", file->path);
    strcpy(file->path, new_path);
    if (from)
        from->files--;
    if (to)
        to->files++;
}

static void unlink_scratch(struct scratch_file *file)
{
    struct scratch_directory *directory = directory_of(file->path);
    if (unlink(file->path) != 0)
        fail("unlink", file->path);
    file->alive = 0;
    if (directory)
        directory->files--;
}

static void make_or_remove_directory(struct scratch_directory *directory)
{
    if (!directory->alive) {
        snprintf(directory->path, PATH_LENGTH, SCRATCH "/d-%u", next_name++);
        if (mkdir(directory->path, 0755) != 0)
            fail("mkdir", directory->path);
        directory->alive = 1;
        directory->files = 0;
    } else if (directory->files == 0) {
        if (rmdir(directory->path) != 0)
            fail("rmdir", directory->path);
        directory->alive = 0;
    }
}

/* A keeper: written, fsync'ed with its directory, announced, never touched again. */
static void write_keeper(int home)
{
    char name[32], path[PATH_LENGTH];
    snprintf(name, sizeof name, "keep-%u", next_keeper++);
    snprintf(path, sizeof path, HOME "/%s", name);
    uint32_t size = random_below(KEEPER_SIZE_MAX + 1);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        fail("create", path);
    uint32_t sum = write_pattern(fd, path, size, random_state);
    if (fsync(fd) != 0)
        fail("fsync", path);
    if (close(fd) != 0)
        fail("close", path);
    if (fsync(home) != 0)
        fail("fsync", HOME);
    keeper_bytes += size;
    printf("fsynced %s %u %08x\n", name, size, sum);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        printf("usage: disk_write_storm SEED\n");
        return 2;
    }
    random_state = (uint32_t)strtoul(argv[1], 0, 10) * 2654435761u + 1;   /* never 0 */
    if (!home_is_on_the_disk("disk_write_storm"))
        return 1;
    if (mkdir(SCRATCH, 0755) != 0)
        fail("mkdir", SCRATCH);
    int home = open(HOME, O_RDONLY);
    if (home < 0)
        fail("open", HOME);
    setvbuf(stdout, 0, _IONBF, 0);    /* each line out as soon as it is true */
    printf("storm started\n");
    for (;;) {
        struct scratch_file *file = &files[random_below(SCRATCH_FILES_MAX)];
        uint32_t choice = random_below(100);
        if (choice < 15 && keeper_bytes < KEEPER_BYTES_MAX)
            write_keeper(home);
        else if (choice < 25)
            make_or_remove_directory(&directories[random_below(SCRATCH_DIRECTORIES_MAX)]);
        else if (!file->alive)
            create_scratch(file);
        else if (choice < 50)
            append_or_truncate(file);
        else if (choice < 75)
            rename_scratch(file);
        else
            unlink_scratch(file);
    }
}
