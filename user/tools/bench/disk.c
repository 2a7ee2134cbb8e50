/* user/tools/bench/disk.c - files on the disk: /home, ext2 through the
 * buffer cache and the ATA driver (kernel/fs/ext2/, kernel/fs/block_cache.h,
 * kernel/drivers/ata.c), and for comparison the same read in /tmp, which
 * lives in memory.
 *
 *   read_4k_cached    lseek to 0 and read 4 KiB of a file whose blocks are
 *                     in the cache: no disk work, the file system's path
 *   write_4k_fsync    lseek, overwrite 4 KiB of an existing file, fsync:
 *                     the blocks written and the drive's cache flushed
 *   create_unlink     open(O_CREAT | O_EXCL) + close + unlink of an empty
 *                     file: the directory entry and the inode made and freed
 *   read_1m_cold      a 1 MiB file read in 64 KiB reads, the cache emptied
 *                     before each run by unmounting and mounting /home again
 *                     (untimed), so every block comes from the disk
 *
 * The disk rows need /home to be a file system of its own (QEMU given a
 * disk; tools/bench gives one): without one /home lives in memory, and
 * they say NA. The files are made before timing and removed after.
 *
 * While the kernel waits for the disk, the CPU would halt, and under
 * QEMU's -icount sleep=off a halted CPU's clock jumps to the next timer
 * tick: each wait would count as up to a million instructions, more or
 * fewer at random (QEMU's disk works in host time). So the rows that wait
 * run beside a spinner: a process of the lowest priority that takes the
 * CPU during the waits and counts its loops, whose instructions the count
 * leaves out (TIME_EACH_WITH). What is left is the CPU's work for the
 * operation: ours, the kernel's, the disk's interrupts, the switches to
 * the spinner and back, and the timer ticks that fell meanwhile
 * (docs/performance.md, "Disk"). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* The disk that holds /home, for mounting it again: the first IDE disk
 * (kernel/drivers/ata.c). A build of this file for another kernel names
 * its own with -DBENCH_DISK_DEVICE=... */
#ifndef BENCH_DISK_DEVICE
#define BENCH_DISK_DEVICE "/dev/hda"
#endif
#define DISK_TYPE "ext2"
#define DISK_DIRECTORY "/home"
#define MEMORY_DIRECTORY "/tmp"

/* The files, made before timing and removed after. */
#define READ_FILE "/bench-read"
#define WRITE_FILE "/bench-write"
#define NEW_FILE "/bench-new"
#define BIG_FILE "/bench-big"

#define SMALL_BYTES (4 * 1024)            /* the cached read, the overwrite */
#define BIG_FILE_BYTES (1024 * 1024)      /* the cold read's file */
#define BIG_READ_BYTES (64 * 1024)        /* ... read in pieces of this size */
#define FILE_MODE 0644
#define FILL_BYTE 'd'

/* The data read and written: BIG_READ_BYTES mapped by make_file, not a
 * static array, which would make /bin/bench bigger and so every fork of
 * the other rows dearer (fork copies the page tables of what is mapped). */
static char *buffer;

/* The spinner: its loop is SPINNER_LOOP_INSTRUCTIONS instructions, one of
 * which adds 1 to *spins, a word in a page it shares with the benchmark. */
#define SPINNER_NICE 19                   /* the smallest share of the CPU */
#define SPINNER_LOOP_INSTRUCTIONS 2
#define SPINNER_HEAD_START_US 30000       /* alone first, to sink to the scheduler's lowest level */
#define SHARED_PAGE_BYTES 4096

static volatile uint32_t *spins;

/* Instructions the spinner has executed so far (modulo 2^32). */
#define SPINNER_INSTRUCTIONS (SPINNER_LOOP_INSTRUCTIONS * *spins)

/* The spinner's body: loops until killed, `incl` and `jmp`, nothing else
 * (written in assembly so that the compiler cannot make it longer). */
static int spin_and_count(int unused)
{
    (void)unused;
    setpriority(PRIO_PROCESS, 0, SPINNER_NICE);
    __asm__ volatile("1:\n\tincl (%0)\n\tjmp 1b" : : "r"(spins) : "memory");
    return 0;                             /* never reached */
}

/* Maps the shared counter and starts the spinner: its pid, or -errno. */
static pid_t start_spinner(void)
{
    void *page = mmap(0, SHARED_PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return last_error();
    spins = page;
    pid_t pid = start_child(spin_and_count, 0);
    if (pid > 0)
        usleep(SPINNER_HEAD_START_US);
    return pid;
}

/* Stops the spinner `pid` (none if 0 or less: then the page, if mapped,
 * goes with this process, which exits after its benchmark). */
static void stop_spinner(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGKILL);
    waitpid(pid, 0, 0);
    munmap((void *)spins, SHARED_PAGE_BYTES);
}

/* 0 if /home is a file system of its own (a disk is mounted there),
 * -ENODEV if it is a directory of the root's memory file system. */
static int disk_is_mounted(void)
{
    struct stat home, root;
    if (stat(DISK_DIRECTORY, &home) < 0 || stat("/", &root) < 0)
        return last_error();
    return home.st_dev != root.st_dev ? 0 : -ENODEV;
}

/* Maps `buffer` (once; this benchmark's process exits after it) and makes
 * `path` hold `bytes` bytes of FILL_BYTE, durable (fsync). 0 or -errno. */
static int make_file(const char *path, int bytes)
{
    if (!buffer) {
        void *mapped = mmap(0, BIG_READ_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED)
            return last_error();
        buffer = mapped;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, FILE_MODE);
    if (fd < 0)
        return last_error();
    memset(buffer, FILL_BYTE, BIG_READ_BYTES);
    int status = 0;
    for (int done = 0; done < bytes && status == 0; done += BIG_READ_BYTES) {
        int piece = bytes - done < BIG_READ_BYTES ? bytes - done : BIG_READ_BYTES;
        if (write(fd, buffer, (size_t)piece) != piece)
            status = last_error();
    }
    if (status == 0 && fsync(fd) < 0)
        status = last_error();
    close(fd);
    return status;
}

/* Ends a benchmark: the file removed, everything on the disk, so that no
 * dirty block is left for the flusher to write during a later benchmark. */
static int finish(const char *path, int status)
{
    unlink(path);
    sync();
    return status;
}

/* Reads SMALL_BYTES from the start of `fd`: 1 if all came. */
static inline int read_start(int fd)
{
    return lseek(fd, 0, SEEK_SET) == 0 && read(fd, buffer, SMALL_BYTES) == SMALL_BYTES;
}

/* Reads 4 KiB of a file whose blocks are in the cache (make_file has
 * just written them). `on_disk`: in /home, else in /tmp. */
int bench_read_4k_cached(int on_disk, struct samples *samples)
{
    const char *path = on_disk ? DISK_DIRECTORY READ_FILE : MEMORY_DIRECTORY READ_FILE;
    int status = on_disk ? disk_is_mounted() : 0;
    if (status == 0)
        status = make_file(path, SMALL_BYTES);
    int fd = status == 0 ? open(path, O_RDONLY) : -1;
    if (status == 0 && fd < 0)
        status = last_error();
    int failures = 0;
    if (status == 0)
        TIME_EACH(samples, failures += !read_start(fd));
    if (fd >= 0)
        close(fd);
    return finish(path, status ? status : failures ? -EIO : 0);
}

/* Overwrites the first 4 KiB of `fd` and makes them durable: 1 if done. */
static inline int write_start_durably(int fd)
{
    return lseek(fd, 0, SEEK_SET) == 0 && write(fd, buffer, SMALL_BYTES) == SMALL_BYTES && fsync(fd) == 0;
}

/* Overwrites 4 KiB of an existing file on the disk and fsyncs it: the
 * blocks' writes and the drive's flush are inside the count. */
int bench_write_4k_fsync(int unused, struct samples *samples)
{
    (void)unused;
    const char *path = DISK_DIRECTORY WRITE_FILE;
    int status = disk_is_mounted();
    if (status == 0)
        status = make_file(path, SMALL_BYTES);
    int fd = status == 0 ? open(path, O_WRONLY) : -1;
    if (status == 0 && fd < 0)
        status = last_error();
    pid_t spinner = status == 0 ? start_spinner() : 0;
    if (spinner < 0)
        status = spinner;
    int failures = 0;
    if (status == 0)
        TIME_EACH_WITH(samples, , SPINNER_INSTRUCTIONS, failures += !write_start_durably(fd));
    stop_spinner(spinner);
    if (fd >= 0)
        close(fd);
    return finish(path, status ? status : failures ? -EIO : 0);
}

/* Creates `path` (it must not exist), closes and removes it: 1 if done. */
static inline int create_and_unlink(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, FILE_MODE);
    if (fd < 0)
        return 0;
    return (close(fd) == 0) & (unlink(path) == 0);
}

/* Creates and unlinks an empty file in /home. */
int bench_create_unlink(int unused, struct samples *samples)
{
    (void)unused;
    const char *path = DISK_DIRECTORY NEW_FILE;
    int status = disk_is_mounted();
    pid_t spinner = status == 0 ? start_spinner() : 0;
    if (spinner < 0)
        status = spinner;
    int failures = 0;
    if (status == 0)
        TIME_EACH_WITH(samples, , SPINNER_INSTRUCTIONS, failures += !create_and_unlink(path));
    stop_spinner(spinner);
    return finish(path, status ? status : failures ? -EIO : 0);
}

/* Closes `*fd` (if open), unmounts /home and mounts it again, which
 * empties the cache of its blocks, and opens `path` anew into `*fd`:
 * 1 if all went well. The open reads the file's inode; its data and
 * indirect blocks stay on the disk. */
static int reopen_cold(const char *path, int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
    if (umount(DISK_DIRECTORY) < 0 || mount(BENCH_DISK_DEVICE, DISK_DIRECTORY, DISK_TYPE, 0, 0) < 0)
        return 0;
    *fd = open(path, O_RDONLY);
    return *fd >= 0;
}

/* Reads all of `fd`'s BIG_FILE_BYTES, BIG_READ_BYTES at a time: 1 if all came. */
static inline int read_big_file(int fd)
{
    int done = 0, got;
    while ((got = (int)read(fd, buffer, BIG_READ_BYTES)) > 0)
        done += got;
    return got == 0 && done == BIG_FILE_BYTES;
}

/* Reads a 1 MiB file from a cold cache, in 64 KiB reads. */
int bench_read_1m_cold(int unused, struct samples *samples)
{
    (void)unused;
    const char *path = DISK_DIRECTORY BIG_FILE;
    int status = disk_is_mounted();
    if (status == 0)
        status = make_file(path, BIG_FILE_BYTES);
    pid_t spinner = status == 0 ? start_spinner() : 0;
    if (spinner < 0)
        status = spinner;
    int fd = -1, failures = 0;
    if (status == 0)
        TIME_EACH_WITH(samples, failures += !reopen_cold(path, &fd), SPINNER_INSTRUCTIONS,
                       failures += !read_big_file(fd));
    stop_spinner(spinner);
    if (fd >= 0)
        close(fd);
    return finish(path, status ? status : failures ? -EIO : 0);
}
