/* tests/boot/boot_disk.h - what the disk_ tests share. Each disk_ test
 * boots with a fresh ext2 image of its own as the first IDE disk, which
 * the kernel mounts on /home (kernel/fs/mount.c); tools/run-tests makes
 * the image (its size from the test's `// disk-image:` line) and checks it
 * with `e2fsck -fn` after the run, so a test may leave files behind. */
#ifndef TESTS_BOOT_BOOT_DISK_H
#define TESTS_BOOT_BOOT_DISK_H

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include "boot_test.h"

#define DISK_BLOCK_SIZE 1024          /* the runner's images: mke2fs -b 1024 */

/* Stops the test at once unless /home is the disk's ext2: every check
 * after would test the in-memory file system instead. */
static inline void require_home_on_the_disk(const char *test_name)
{
    struct statfs st;
    memset(&st, 0, sizeof st);
    int status = statfs("/home", &st);
    if (status != 0 || st.f_type != EXT2_SUPER_MAGIC) {
        printf("FAIL %s: expected /home on the disk (statfs f_type %#x, ext2), got %d (%s) with f_type %#x;"
               " the test needs an ext2 image as the first IDE disk\n",
               test_name, EXT2_SUPER_MAGIC, status, status ? strerror(errno) : "no error", st.f_type);
        exit(1);
    }
}

/* The counts of statfs(path), zeros if it fails (a check says so). */
static inline struct statfs disk_usage(const char *path)
{
    struct statfs st;
    memset(&st, 0, sizeof st);
    CHECK_EQ(0, statfs(path, &st), "statfs");
    return st;
}

/* Creates (or empties) `path` holding `text`; 0, or -1 if a step failed. */
static inline int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    int length = (int)strlen(text);
    int written = (int)write(fd, text, length);
    return close(fd) == 0 && written == length ? 0 : -1;
}

/* The contents of `path` as a string (up to size-1 bytes) and their
 * length, or "" and -1 if it cannot be opened. */
static inline int read_file(const char *path, char *buffer, int size)
{
    buffer[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int count = read_fully(fd, buffer, size - 1);
    buffer[count] = 0;
    close(fd);
    return count;
}

/* Creates the empty file `path`; 0, or -1 with errno. */
static inline int touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    return close(fd);
}

/* The byte at `position` of the test patterns: a multiplicative hash, so
 * that no two blocks hold the same bytes and a block read from the wrong
 * place shows. */
static inline unsigned char pattern_byte(unsigned position)
{
    return (unsigned char)((position * 2654435761u) >> 24);
}

#define CHECKSUM_START 2166136261u   /* FNV-1a's offset basis */
#define CHECKSUM_PRIME 16777619u      /* FNV-1a's prime (32 bits) */

/* FNV-1a over `count` bytes, carrying on from `hash` (CHECKSUM_START for
 * the first bytes): what a test compares when the bytes are too many to
 * show. */
static inline unsigned checksum(unsigned hash, const unsigned char *bytes, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        hash = (hash ^ bytes[i]) * CHECKSUM_PRIME;
    return hash;
}

/* Writes `size` pattern bytes at `offset` of `fd` (each byte the
 * pattern_byte of its offset in the file), in pieces of `piece` bytes at
 * most (1-65536); the bytes written before the first failure, whose
 * errno stays (a short write is followed by one for the rest, which
 * fails with the reason). */
static inline unsigned write_pattern(int fd, unsigned offset, unsigned size, unsigned piece)
{
    static unsigned char bytes[65536];
    unsigned done = 0;
    while (done < size) {
        unsigned count = size - done < piece ? size - done : piece;
        for (unsigned i = 0; i < count; i++)
            bytes[i] = pattern_byte(offset + done + i);
        ssize_t written = pwrite(fd, bytes, count, (off_t)(offset + done));
        if (written <= 0)
            break;
        done += (unsigned)written;
    }
    return done;
}

/* Reads `size` bytes at `offset` of `fd`, in pieces of `piece` bytes at
 * most (1-65536), and compares them with the pattern, or with zeros when
 * `zeros`: the number of bytes that differ or did not come, and in
 * *first_wrong the offset of the first. */
static inline unsigned pattern_mismatches(int fd, unsigned offset, unsigned size, unsigned piece, int zeros,
                                          unsigned *first_wrong)
{
    static unsigned char bytes[65536];
    unsigned done = 0, wrong = 0;
    *first_wrong = 0;
    while (done < size) {
        unsigned count = size - done < piece ? size - done : piece;
        ssize_t got = pread(fd, bytes, count, (off_t)(offset + done));
        if (got <= 0)
            break;
        for (unsigned i = 0; i < (unsigned)got; i++) {
            unsigned char expected = zeros ? 0 : pattern_byte(offset + done + i);
            if (bytes[i] != expected && wrong++ == 0)
                *first_wrong = offset + done + i;
        }
        done += (unsigned)got;
    }
    if (done < size) {                /* the rest did not come */
        if (wrong == 0)
            *first_wrong = offset + done;
        wrong += size - done;
    }
    return wrong;
}

/* One run of pattern bytes a test writes into a file: `size` bytes at
 * `offset`, in pieces of `piece` bytes at most (1-65536). */
struct pattern_run {
    unsigned offset, size, piece;
};

/* Creates (or empties) `path`, writes the pattern into each of its
 * `count` runs, fsyncs and closes it; returns the blocks of /home it
 * took (the free count before less the one after). Checks each step. */
static inline unsigned long blocks_taken_by_pattern_file(const char *path, const struct pattern_run *runs,
                                                         unsigned count)
{
    unsigned long free_before = disk_usage("/home").f_bfree;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create %s: expected a descriptor, got -1 (%s)", path, strerror(errno));
    if (fd < 0)
        return 0;
    for (unsigned i = 0; i < count; i++) {
        unsigned written = write_pattern(fd, runs[i].offset, runs[i].size, runs[i].piece);
        CHECK(written == runs[i].size,
              "write %u bytes at %u (block %u) in pieces of %u: expected all, the write at %u failed (%s)",
              runs[i].size, runs[i].offset, runs[i].offset / DISK_BLOCK_SIZE, runs[i].piece, runs[i].offset + written,
              strerror(errno));
    }
    CHECK_EQ(0, fsync(fd), "fsync");
    close(fd);
    return free_before - disk_usage("/home").f_bfree;
}

/* Opens `path` to read back what a test wrote; the descriptor, or -1
 * after a failed check that names `how` (the reading). */
static inline int open_to_read_back(const char *path, const char *how)
{
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0, "%s: open %s: expected a descriptor, got -1 (%s)", how, path, strerror(errno));
    return fd;
}

/* Checks that the first `size` bytes of `fd` are the pattern, reading
 * `piece` bytes at a time (1-65536); a failure names `how`, counts the
 * bytes wrong or missing and shows the first. */
static inline void check_pattern_reads_back(int fd, unsigned size, unsigned piece, const char *how)
{
    unsigned first_wrong;
    unsigned wrong = pattern_mismatches(fd, 0, size, piece, 0, &first_wrong);
    CHECK(wrong == 0, "%s: expected the %u bytes written, got %u wrong or missing, the first at %u (block %u)", how,
          size, wrong, first_wrong, first_wrong / DISK_BLOCK_SIZE);
}

/* Checks that the file open as `fd` has `size` bytes, and closes it. */
static inline void check_size_and_close(int fd, unsigned size, const char *how)
{
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat");
    CHECK_EQ(size, st.st_size, how);
    close(fd);
}

/* Writes everything out (sync) and mounts the disk on /home again, so
 * that what a test reads next comes from the disk, not from what the
 * kernel kept in memory. Nothing may be open on /home. */
static inline void remount_home(void)
{
    sync();
    CHECK_EQ(0, umount("/home"), "umount /home (nothing open there)");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda on /home again");
}

/* For the race tests: forks a child that waits for the parent's word
 * before it goes on, so that both are ready when the race starts. In the
 * child, returns 0 once the word came; in the parent, the child's pid,
 * with *go the descriptor to say it on (start_the_child). */
static inline pid_t fork_held_until_go(int *go)
{
    int pair[2];
    CHECK_EQ(0, pipe(pair), "pipe");
    pid_t child = fork();
    CHECK(child >= 0, "fork: %s", strerror(errno));
    if (child == 0) {
        char c;
        close(pair[1]);
        read(pair[0], &c, 1);
        close(pair[0]);
        return 0;
    }
    close(pair[0]);
    *go = pair[1];
    return child;
}

/* Lets the child of fork_held_until_go go on. */
static inline void start_the_child(int go)
{
    CHECK_EQ(1, write(go, "x", 1), "start the child");
    close(go);
}

#endif
