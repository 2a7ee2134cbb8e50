/* tests/boot/fs_boot_image_and_devices.c - the tree the kernel builds at
 * boot: the files of the boot image are readable (/bin/init is an ELF
 * program); writing into one of them works and changes no other file;
 * /dev/null reads as end of file and swallows writes, /dev/zero reads
 * zeros; the device nodes have Linux's numbers (st_rdev); /tmp is a
 * directory to make files in. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "boot_test.h"

#define MAX_FILES 64

struct boot_file {
    char path[300];
    long size;
    uint32_t checksum;
};

static struct boot_file files[MAX_FILES];
static int file_count;

/* FNV-1a over the whole file at `path`; its size in *size. */
static uint32_t checksum_of(const char *path, long *size)
{
    static uint8_t buffer[4096];
    uint32_t hash = 2166136261u;
    *size = -1;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    long total = 0;
    int count;
    while ((count = read(fd, buffer, sizeof buffer)) > 0) {
        for (int i = 0; i < count; i++)
            hash = (hash ^ buffer[i]) * 16777619u;
        total += count;
    }
    close(fd);
    *size = total;
    return hash;
}

/* Records every regular file of `directory` with its size and checksum. */
static void record_files(const char *directory)
{
    DIR *dir = opendir(directory);
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL && file_count < MAX_FILES) {
        if (entry->d_type != DT_REG)
            continue;
        struct boot_file *file = &files[file_count++];
        snprintf(file->path, sizeof file->path, "%s/%s", directory, entry->d_name);
        file->checksum = checksum_of(file->path, &file->size);
    }
    if (dir)
        closedir(dir);
}

static void files_from_the_boot_image_are_readable(void)
{
    int fd = open("/bin/init", O_RDONLY);
    CHECK(fd >= 0, "open /bin/init: expected a descriptor, got -1 (%s)", strerror(errno));
    unsigned char magic[4] = { 0 };
    CHECK_EQ(4, read(fd, magic, 4), "bytes read from /bin/init");
    CHECK(!memcmp(magic, "\x7f" "ELF", 4), "/bin/init's first bytes: expected 7f 45 4c 46, got %02x %02x %02x %02x",
          magic[0], magic[1], magic[2], magic[3]);
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat /bin/init");
    CHECK(S_ISREG(st.st_mode) && st.st_size > 1000, "/bin/init: expected a regular file of some KB, got mode 0%o size %ld",
          st.st_mode, st.st_size);
    /* the last byte too: the whole file is there */
    CHECK_EQ(st.st_size - 1, lseek(fd, -1, SEEK_END), "lseek to the last byte");
    CHECK_EQ(1, read(fd, magic, 1), "read of the last byte");
    CHECK_EQ(0, read(fd, magic, 1), "read at the end");
    close(fd);
    CHECK(file_count >= 2, "regular files found in /bin and /tests: expected at least 2, got %d", file_count);
    for (int i = 0; i < file_count; i++)
        CHECK(files[i].size > 0, "%s: expected a readable file, read %ld bytes", files[i].path, files[i].size);
}

static void writing_a_boot_image_file_changes_it_and_no_other_file(const char *self)
{
    /* the target: some file of the image other than init and this program */
    int target = -1;
    for (int i = 0; i < file_count && target < 0; i++)
        if (strcmp(files[i].path, "/bin/init") && !strstr(files[i].path, self))
            target = i;
    if (target < 0)
        target = 0;
    const char *path = files[target].path;
    static const char text[] = "WRITTEN BY fs_boot_image_and_devices";
    const long at = 100;

    /* the bytes around the place written, before */
    static uint8_t original[256], now[256];
    int fd = open(path, O_RDONLY);
    CHECK_EQ((long)sizeof original, read(fd, original, sizeof original), "bytes read before writing");
    close(fd);

    fd = open(path, O_WRONLY);
    CHECK(fd >= 0, "open(%s, O_WRONLY): expected a descriptor, got -1 (%s)", path, strerror(errno));
    CHECK_EQ(at, lseek(fd, at, SEEK_SET), "lseek");
    CHECK_EQ((long)sizeof text, write(fd, text, sizeof text), "bytes written into a boot-image file");
    close(fd);

    /* the target: the same bytes but for the written ones */
    long size;
    checksum_of(path, &size);
    CHECK_EQ(files[target].size, size, "the written file's size (the write was inside it)");
    fd = open(path, O_RDONLY);
    CHECK_EQ((long)sizeof now, read(fd, now, sizeof now), "read back");
    close(fd);
    CHECK(!memcmp(now + at, text, sizeof text), "the written bytes: expected \"%s\", got \"%.36s\"", text,
          (char *)now + at);
    CHECK(!memcmp(now, original, at), "the bytes before the written ones changed");
    CHECK(!memcmp(now + at + sizeof text, original + at + sizeof text, sizeof now - at - sizeof text),
          "the bytes after the written ones changed");

    /* every other file: unchanged */
    for (int i = 0; i < file_count; i++) {
        if (i == target)
            continue;
        uint32_t checksum = checksum_of(files[i].path, &size);
        CHECK(checksum == files[i].checksum && size == files[i].size,
              "%s after writing %s: expected size %ld checksum %08x, got size %ld checksum %08x",
              files[i].path, path, files[i].size, files[i].checksum, size, checksum);
    }

    /* growing it works too, and the bytes before stay */
    fd = open(path, O_WRONLY | O_APPEND);
    CHECK_EQ(4, write(fd, "tail", 4), "append to a boot-image file");
    close(fd);
    struct stat st;
    stat(path, &st);
    CHECK_EQ(files[target].size + 4, st.st_size, "size after appending 4 bytes");
    fd = open(path, O_RDONLY);
    read(fd, now, sizeof now);
    CHECK(!memcmp(now, original, at), "the first bytes changed when the file grew");
    close(fd);
}

static void dev_null_reads_end_of_file_and_swallows_writes(void)
{
    int fd = open("/dev/null", O_RDWR);
    CHECK(fd >= 0, "open /dev/null failed: %s", strerror(errno));
    char buffer[16];
    CHECK_EQ(0, read(fd, buffer, sizeof buffer), "read of /dev/null (end of file)");
    CHECK_EQ(12345, write(fd, files, 12345), "write of 12345 bytes to /dev/null");
    CHECK_EQ(0, read(fd, buffer, sizeof buffer), "read of /dev/null after a write");
    close(fd);
    struct stat st;
    CHECK_EQ(0, stat("/dev/null", &st), "stat /dev/null");
    CHECK(S_ISCHR(st.st_mode), "/dev/null: expected a character device, got mode 0%o", st.st_mode);
    fd = open("/dev/null", O_WRONLY);
    memset(&st, 0, sizeof st);
    CHECK_EQ(0, fstat(fd, &st), "fstat of an open /dev/null");
    CHECK(S_ISCHR(st.st_mode), "fstat of an open /dev/null: expected a character device as stat says, got mode 0%o",
          st.st_mode);
    close(fd);

    /* Linux's device numbers, by name and by descriptor */
    static const struct { const char *path; unsigned major, minor; } numbers[] = {
        { "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 }, { "/dev/console", 5, 1 },
    };
    for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        memset(&st, 0, sizeof st);
        CHECK_EQ(0, stat(numbers[i].path, &st), numbers[i].path);
        CHECK(major(st.st_rdev) == numbers[i].major && minor(st.st_rdev) == numbers[i].minor,
              "stat of %s: st_rdev (%u, %u), expected (%u, %u)", numbers[i].path, major(st.st_rdev),
              minor(st.st_rdev), numbers[i].major, numbers[i].minor);
        if (i == 2)
            break;                      /* an open console is the serial terminal's file here */
        fd = open(numbers[i].path, O_RDONLY);
        memset(&st, 0, sizeof st);
        CHECK_EQ(0, fstat(fd, &st), numbers[i].path);
        CHECK(major(st.st_rdev) == numbers[i].major && minor(st.st_rdev) == numbers[i].minor,
              "fstat of %s: st_rdev (%u, %u), expected (%u, %u)", numbers[i].path, major(st.st_rdev),
              minor(st.st_rdev), numbers[i].major, numbers[i].minor);
        close(fd);
    }

    fd = open("/dev/zero", O_RDONLY);
    memset(buffer, 0x77, sizeof buffer);
    CHECK_EQ((long)sizeof buffer, read(fd, buffer, sizeof buffer), "read of /dev/zero");
    int nonzero = 0;
    for (unsigned i = 0; i < sizeof buffer; i++)
        nonzero += buffer[i] != 0;
    CHECK_EQ(0, nonzero, "non-zero bytes read from /dev/zero");
    close(fd);
}

static void tmp_is_a_directory_to_make_files_in(void)
{
    struct stat st;
    CHECK_EQ(0, stat("/tmp", &st), "stat /tmp");
    CHECK(S_ISDIR(st.st_mode), "/tmp: expected a directory, got mode 0%o", st.st_mode);
    int fd = open("/tmp/fs_boot_image_and_devices", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "creating a file in /tmp failed: %s", strerror(errno));
    close(fd);
    CHECK_EQ(0, unlink("/tmp/fs_boot_image_and_devices"), "unlink");
    CHECK_EQ(0, stat("/dev", &st), "stat /dev");
    CHECK(S_ISDIR(st.st_mode), "/dev: expected a directory, got mode 0%o", st.st_mode);
}

int main(int argc, char **argv)
{
    const char *self = argc > 0 && strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : "fs_boot_image_and_devices";
    record_files("/bin");
    record_files("/tests");           /* there when the test runs from /tests */
    files_from_the_boot_image_are_readable();
    writing_a_boot_image_file_changes_it_and_no_other_file(self);
    dev_null_reads_end_of_file_and_swallows_writes();
    tmp_is_a_directory_to_make_files_in();
    return test_finish("fs_boot_image_and_devices");
}
