/* libc_sysmacros_split_device_numbers_as_linux_does: makedev, major and
 * minor of <sys/sysmacros.h> lay a device number out as Linux does (the
 * major in bits 8-19, the minor in bits 0-7 and 20-31), so each gives
 * back what the other made; the numbers stat gives read right with them:
 * the device of two files in one directory is one, and makes itself
 * again from its parts, and a FIFO made by mknod has no device number
 * whatever mknod was given. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "boot_test.h"

static void check_layout(void)
{
    CHECK_EQ(0x440, makedev(4, 64), "makedev(4, 64)");
    CHECK_EQ(0x103, makedev(1, 3), "makedev(1, 3)");
    CHECK_EQ(0x45612378, makedev(0x123, 0x45678), "makedev(0x123, 0x45678)");
    CHECK_EQ(1, major(0x103), "major(0x103)");
    CHECK_EQ(3, minor(0x103), "minor(0x103)");
    CHECK_EQ(0x123, major(0x45612378), "major(0x45612378)");
    CHECK_EQ(0x45678, minor(0x45612378), "minor(0x45612378)");
    unsigned majors[] = { 0, 1, 4, 8, 0xfff }, minors[] = { 0, 1, 64, 255, 256, 0x12345, 0xfffff };
    for (unsigned i = 0; i < sizeof majors / sizeof *majors; i++)
        for (unsigned j = 0; j < sizeof minors / sizeof *minors; j++) {
            dev_t device = makedev(majors[i], minors[j]);
            CHECK(major(device) == majors[i] && minor(device) == minors[j], "(%u, %u) made %#llx, read (%u, %u)",
                  majors[i], minors[j], (unsigned long long)device, major(device), minor(device));
        }
}

static void check_files(void)
{
    char top[] = "/tmp/libc_sysmacros_XXXXXX", file[64], fifo[64];
    CHECK(mkdtemp(top) != NULL, "mkdtemp: %s", strerror(errno));
    snprintf(file, sizeof file, "%s/file", top);
    snprintf(fifo, sizeof fifo, "%s/fifo", top);
    close(open(file, O_CREAT | O_WRONLY, 0644));
    CHECK_EQ(0, mknod(fifo, S_IFIFO | 0644, makedev(1, 3)), "mknod of a FIFO with a device number");

    struct stat of_file, of_fifo, of_top;
    CHECK(stat(file, &of_file) == 0 && stat(fifo, &of_fifo) == 0 && stat(top, &of_top) == 0, "stat");
    CHECK(of_file.st_dev == of_fifo.st_dev && of_file.st_dev == of_top.st_dev, "one device in one directory");
    CHECK_EQ(of_file.st_dev, makedev(major(of_file.st_dev), minor(of_file.st_dev)), "st_dev made again");
    CHECK(S_ISFIFO(of_fifo.st_mode) && major(of_fifo.st_rdev) == 0 && minor(of_fifo.st_rdev) == 0,
          "the FIFO's st_rdev: (%u, %u)", major(of_fifo.st_rdev), minor(of_fifo.st_rdev));
    CHECK(major(of_file.st_rdev) == 0 && minor(of_file.st_rdev) == 0, "a file has no device number");
    unlink(file);
    unlink(fifo);
    rmdir(top);
}

int main(void)
{
    check_layout();
    check_files();
    return test_finish("libc_sysmacros_split_device_numbers_as_linux_does");
}
