/* tests/boot/disk_bad_descriptors_and_paths_give_posix_errors.c - the
 * disk's calls answer wrong use with the errors POSIX and Linux give:
 * EBADF and EINVAL from fsync, EXDEV for a link or rename between file
 * systems, EPERM for a link to a directory, EEXIST for a name in use,
 * EINVAL from readlink of what is no link, ENOTDIR for a path through a
 * file, ENAMETOOLONG for a name past NAME_MAX, ELOOP for a cycle of
 * symbolic links, EPERM for mount and umount by another user than root,
 * EINVAL for umount of what is no mount point, EBUSY for umount of a file
 * system in use, EFAULT for bad pointers; and after all that the kernel
 * and the disk go on working. */
#include <limits.h>
#include <sys/mount.h>
#include <sys/socket.h>

#include "boot_disk.h"

#define DIRECTORY "/home/errors"
#define FILE_ON_DISK DIRECTORY "/file"
#define UNMAPPED_USER ((void *)0x1000)       /* user space, never mapped */
#define KERNEL_ADDRESS ((void *)0xC0000000)  /* the kernel's half */

/* Hides an address from the compiler, which otherwise warns about the
 * very calls this test makes on purpose. */
static void *hide(void *pointer)
{
    __asm__("" : "+r"(pointer));
    return pointer;
}

static void fsync_of_a_bad_descriptor_or_a_pipe_fails(void)
{
    CHECK_ERROR(fsync(-1), EBADF);
    CHECK_ERROR(fsync(99), EBADF);
    CHECK_ERROR(fdatasync(-1), EBADF);
    int fd = open(FILE_ON_DISK, O_RDONLY);
    close(fd);
    CHECK_ERROR(fsync(fd), EBADF);               /* closed */
    int fds[2];
    CHECK_EQ(0, pipe(fds), "pipe");
    CHECK_ERROR(fsync(fds[0]), EINVAL);
    CHECK_ERROR(fsync(fds[1]), EINVAL);
    CHECK_ERROR(fdatasync(fds[1]), EINVAL);
    close(fds[0]);
    close(fds[1]);
    int sockets[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sockets), "socketpair");
    CHECK_ERROR(fsync(sockets[0]), EINVAL);
    close(sockets[0]);
    close(sockets[1]);
    CHECK_ERROR(fstatfs(-1, hide(KERNEL_ADDRESS)), EBADF);
}

static void links_and_renames_between_file_systems_give_exdev(void)
{
    CHECK_ERROR(link(FILE_ON_DISK, "/tmp/disk_errors_link"), EXDEV);
    CHECK_ERROR(rename(FILE_ON_DISK, "/tmp/disk_errors_moved"), EXDEV);
    CHECK_EQ(0, write_file("/tmp/disk_errors_memory", "in memory"), "a file in /tmp");
    CHECK_ERROR(link("/tmp/disk_errors_memory", DIRECTORY "/from_memory"), EXDEV);
    CHECK_ERROR(rename("/tmp/disk_errors_memory", DIRECTORY "/from_memory"), EXDEV);
    struct stat st;
    CHECK_EQ(0, stat(FILE_ON_DISK, &st), "the disk's file after the refused rename (still there)");
    CHECK_EQ(1, st.st_nlink, "its links");
    CHECK_EQ(0, stat("/tmp/disk_errors_memory", &st), "the memory file after the refused rename (still there)");
    CHECK_ERROR(stat(DIRECTORY "/from_memory", &st), ENOENT);
    CHECK_ERROR(stat("/tmp/disk_errors_moved", &st), ENOENT);
    unlink("/tmp/disk_errors_memory");
}

static void link_to_a_directory_gives_eperm_and_onto_a_name_in_use_eexist(void)
{
    mkdir(DIRECTORY "/subdirectory", 0755);
    CHECK_ERROR(link(DIRECTORY "/subdirectory", DIRECTORY "/directory_link"), EPERM);
    CHECK_ERROR(link(DIRECTORY, DIRECTORY "/subdirectory/up"), EPERM);
    write_file(DIRECTORY "/other", "other");
    CHECK_ERROR(link(FILE_ON_DISK, DIRECTORY "/other"), EEXIST);
    CHECK_ERROR(link(FILE_ON_DISK, DIRECTORY "/subdirectory"), EEXIST);
    CHECK_ERROR(link(FILE_ON_DISK, FILE_ON_DISK), EEXIST);
    CHECK_ERROR(symlink("anything", DIRECTORY "/other"), EEXIST);
    CHECK_ERROR(mkdir(DIRECTORY "/other", 0755), EEXIST);
    CHECK_ERROR(open(DIRECTORY "/other", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    CHECK_ERROR(link(DIRECTORY "/missing", DIRECTORY "/new_name"), ENOENT);
    char text[16];
    read_file(DIRECTORY "/other", text, sizeof text);
    CHECK(!strcmp(text, "other"), "a name a refused link aimed at: expected \"other\", got \"%s\"", text);
}

static void readlink_of_what_is_no_link_gives_einval(void)
{
    char buffer[64];
    CHECK_ERROR(readlink(FILE_ON_DISK, buffer, sizeof buffer), EINVAL);
    CHECK_ERROR(readlink(DIRECTORY, buffer, sizeof buffer), EINVAL);
    CHECK_ERROR(readlink(DIRECTORY "/missing", buffer, sizeof buffer), ENOENT);
    symlink("file", DIRECTORY "/link");
    CHECK_ERROR(readlink(DIRECTORY "/link", buffer, 0), EINVAL);
}

static void a_path_through_a_file_gives_enotdir(void)
{
    struct stat st;
    CHECK_ERROR(open(FILE_ON_DISK "/x", O_RDONLY), ENOTDIR);
    CHECK_ERROR(open(FILE_ON_DISK "/x", O_WRONLY | O_CREAT, 0644), ENOTDIR);
    CHECK_ERROR(stat(FILE_ON_DISK "/x", &st), ENOTDIR);
    CHECK_ERROR(stat(FILE_ON_DISK "/", &st), ENOTDIR);
    CHECK_ERROR(mkdir(FILE_ON_DISK "/x", 0755), ENOTDIR);
    CHECK_ERROR(unlink(FILE_ON_DISK "/"), ENOTDIR);
    CHECK_ERROR(rmdir(FILE_ON_DISK), ENOTDIR);
    CHECK_ERROR(chdir(FILE_ON_DISK), ENOTDIR);
    CHECK_ERROR(rename(DIRECTORY "/other", FILE_ON_DISK "/x"), ENOTDIR);
    CHECK_ERROR(open(FILE_ON_DISK, O_RDONLY | O_DIRECTORY), ENOTDIR);
    CHECK_ERROR(open(DIRECTORY "/link/x", O_RDONLY), ENOTDIR);     /* a link to a file */
    CHECK_ERROR(open(DIRECTORY, O_WRONLY), EISDIR);
    CHECK_ERROR(open(DIRECTORY "/missing", O_RDONLY), ENOENT);
}

static void a_name_longer_than_name_max_gives_enametoolong(void)
{
    char path[PATH_MAX + 64];
    int prefix = snprintf(path, sizeof path, DIRECTORY "/");
    memset(path + prefix, 'n', NAME_MAX);
    path[prefix + NAME_MAX] = 0;
    CHECK_EQ(0, touch(path), "creating a name of NAME_MAX bytes");
    struct stat st;
    CHECK_EQ(0, stat(path, &st), "stat of a name of NAME_MAX bytes");
    CHECK_EQ(0, unlink(path), "unlink of a name of NAME_MAX bytes");

    strcat(path, "n");                 /* NAME_MAX + 1 bytes */
    CHECK_ERROR(open(path, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
    CHECK_ERROR(mkdir(path, 0755), ENAMETOOLONG);
    CHECK_ERROR(stat(path, &st), ENAMETOOLONG);
    CHECK_ERROR(link(FILE_ON_DISK, path), ENAMETOOLONG);
    CHECK_ERROR(symlink("file", path), ENAMETOOLONG);
    CHECK_ERROR(rename(DIRECTORY "/other", path), ENAMETOOLONG);
    CHECK_ERROR(mkfifo(path, 0600), ENAMETOOLONG);

    /* a whole path of PATH_MAX bytes or more, each name short */
    int length = 0;
    while (length < PATH_MAX + 8)
        length += snprintf(path + length, sizeof path - length, "/home");
    CHECK_ERROR(stat(path, &st), ENAMETOOLONG);
    CHECK_ERROR(open(path, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
}

static void a_cycle_of_symbolic_links_gives_eloop(void)
{
    CHECK_EQ(0, symlink("ping", DIRECTORY "/pong"), "symlink pong -> ping");
    CHECK_EQ(0, symlink("pong", DIRECTORY "/ping"), "symlink ping -> pong");
    CHECK_EQ(0, symlink("self", DIRECTORY "/self"), "symlink self -> self");
    struct stat st;
    CHECK_ERROR(open(DIRECTORY "/ping", O_RDONLY), ELOOP);
    CHECK_ERROR(open(DIRECTORY "/ping", O_WRONLY | O_CREAT, 0644), ELOOP);
    CHECK_ERROR(stat(DIRECTORY "/pong", &st), ELOOP);
    CHECK_ERROR(stat(DIRECTORY "/self", &st), ELOOP);
    CHECK_ERROR(chdir(DIRECTORY "/self"), ELOOP);
    CHECK_ERROR(stat(DIRECTORY "/self/x", &st), ELOOP);
    CHECK_EQ(0, lstat(DIRECTORY "/self", &st), "lstat of a link in a cycle (the link itself)");
    CHECK(S_ISLNK(st.st_mode), "lstat of self: expected S_ISLNK, got mode 0%o", st.st_mode);

    /* a chain of _POSIX_SYMLOOP_MAX links is no loop */
    char name[64], target[64];
    for (int i = 1; i <= _POSIX_SYMLOOP_MAX; i++) {
        snprintf(name, sizeof name, DIRECTORY "/chain_%d", i);
        if (i < _POSIX_SYMLOOP_MAX)
            snprintf(target, sizeof target, "chain_%d", i + 1);
        else
            snprintf(target, sizeof target, "file");
        CHECK_EQ(0, symlink(target, name), "symlink of the chain");
    }
    CHECK_EQ(0, stat(DIRECTORY "/chain_1", &st), "stat through a chain of _POSIX_SYMLOOP_MAX links");
    CHECK(S_ISREG(st.st_mode), "the end of the chain: expected a file, got mode 0%o", st.st_mode);
}

static void mount_and_umount_as_another_user_than_root(void)
{
    CHECK_EQ(0, setuid(1000), "setuid(1000)");
    CHECK_ERROR(mount("/dev/hda", "/tmp", "ext2", 0, NULL), EPERM);
    CHECK_ERROR(mount("/dev/hda", "/home", "ext2", MS_RDONLY, NULL), EPERM);
    CHECK_ERROR(umount("/home"), EPERM);
    CHECK_ERROR(umount2("/home", MNT_FORCE), EPERM);
}

static void mount_and_umount_by_a_user_give_eperm(void)
{
    run_checks_in_child(mount_and_umount_as_another_user_than_root);
    CHECK_EQ(EXT2_SUPER_MAGIC, disk_usage("/home").f_type, "/home's file system after a user's umount (still ext2)");
}

static void umount_of_what_is_no_mount_point_gives_einval(void)
{
    CHECK_ERROR(umount(DIRECTORY), EINVAL);
    CHECK_ERROR(umount("/tmp"), EINVAL);
    CHECK_ERROR(umount(FILE_ON_DISK), EINVAL);
    CHECK_ERROR(umount(DIRECTORY "/missing"), ENOENT);
    CHECK_ERROR(umount2("/home", 0x100), EINVAL);     /* an unknown flag */
    CHECK_ERROR(mount("/dev/hdz", "/tmp", "ext2", 0, NULL), ENOENT);
    CHECK_ERROR(mount("/dev/hda", FILE_ON_DISK, "ext2", 0, NULL), ENOTDIR);
}

static void umount_of_home_in_use_gives_ebusy(void)
{
    int fd = open(FILE_ON_DISK, O_RDONLY);
    CHECK_ERROR(umount("/home"), EBUSY);
    CHECK_ERROR(umount2("/home", MNT_FORCE), EBUSY);
    close(fd);

    /* a process whose working directory is there uses it too */
    int release[2], ready[2];
    pipe(release);
    pipe(ready);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(release[1]);
        int changed = chdir(DIRECTORY);
        write(ready[1], "r", 1);
        char c;
        read(release[0], &c, 1);
        _exit(changed == 0 ? 0 : 1);
    }
    close(release[0]);
    char c = 0;
    read(ready[0], &c, 1);
    CHECK_ERROR(umount("/home"), EBUSY);
    write(release[1], "go", 1);
    close(release[1]);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child in " DIRECTORY ": status 0x%x", status);
    close(ready[0]);
    close(ready[1]);

    char text[32];
    read_file(FILE_ON_DISK, text, sizeof text);
    CHECK(!strcmp(text, "on the disk"), "the disk's file after refused umounts: expected \"on the disk\", got \"%s\"",
          text);
}

static void bad_pointers_give_efault(void)
{
    struct stat st;
    CHECK_ERROR(stat(FILE_ON_DISK, hide(UNMAPPED_USER)), EFAULT);
    CHECK_ERROR(stat(FILE_ON_DISK, hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(lstat(DIRECTORY "/link", hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(stat(hide(UNMAPPED_USER), &st), EFAULT);
    CHECK_ERROR(statfs("/home", hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(statfs("/home", hide(UNMAPPED_USER)), EFAULT);
    CHECK_ERROR(statfs(hide(KERNEL_ADDRESS), &(struct statfs){ 0 }), EFAULT);
    CHECK_ERROR(open(hide(UNMAPPED_USER), O_RDONLY), EFAULT);
    CHECK_ERROR(mkdir(hide(KERNEL_ADDRESS), 0755), EFAULT);
    CHECK_ERROR(unlink(hide(UNMAPPED_USER)), EFAULT);
    CHECK_ERROR(link(hide(UNMAPPED_USER), DIRECTORY "/new_name"), EFAULT);
    CHECK_ERROR(link(FILE_ON_DISK, hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(symlink(hide(UNMAPPED_USER), DIRECTORY "/new_name"), EFAULT);
    CHECK_ERROR(rename(FILE_ON_DISK, hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(readlink(DIRECTORY "/link", hide(KERNEL_ADDRESS), 64), EFAULT);
    CHECK_ERROR(mount(hide(UNMAPPED_USER), "/tmp", "ext2", 0, NULL), EFAULT);
    CHECK_ERROR(mount("/dev/hda", hide(KERNEL_ADDRESS), "ext2", 0, NULL), EFAULT);
    CHECK_ERROR(mount("/dev/hda", "/tmp", hide(UNMAPPED_USER), 0, NULL), EFAULT);
    CHECK_ERROR(umount(hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(stat(DIRECTORY "/new_name", &st), ENOENT);

    int fd = open(FILE_ON_DISK, O_RDWR);
    CHECK_ERROR(fstatfs(fd, hide(KERNEL_ADDRESS)), EFAULT);
    CHECK_ERROR(read(fd, hide(KERNEL_ADDRESS), 100), EFAULT);
    CHECK_ERROR(read(fd, hide(UNMAPPED_USER), 100), EFAULT);
    lseek(fd, 0, SEEK_END);
    CHECK_ERROR(write(fd, hide(UNMAPPED_USER), 2000), EFAULT);
    CHECK_ERROR(write(fd, hide(KERNEL_ADDRESS), 100), EFAULT);
    fstat(fd, &st);
    CHECK_EQ(11, st.st_size, "the file's size after writes from bad pointers (unchanged)");
    close(fd);
}

static void the_kernel_and_the_disk_go_on_working(void)
{
    CHECK_EQ(0, write_file(DIRECTORY "/afterwards", "still working"), "writing a file after the errors");
    char text[32];
    read_file(DIRECTORY "/afterwards", text, sizeof text);
    CHECK(!strcmp(text, "still working"), "the file written after: expected \"still working\", got \"%s\"", text);
    pid_t child = fork();
    if (child == 0)
        _exit(7);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7, "a child after the errors: status 0x%x", status);
    CHECK_EQ(EXT2_SUPER_MAGIC, disk_usage("/home").f_type, "/home's file system at the end");
    sync();
}

int main(void)
{
    require_home_on_the_disk("disk_bad_descriptors_and_paths_give_posix_errors");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    CHECK_EQ(0, write_file(FILE_ON_DISK, "on the disk"), "writing " FILE_ON_DISK);
    fsync_of_a_bad_descriptor_or_a_pipe_fails();
    links_and_renames_between_file_systems_give_exdev();
    link_to_a_directory_gives_eperm_and_onto_a_name_in_use_eexist();
    readlink_of_what_is_no_link_gives_einval();
    a_path_through_a_file_gives_enotdir();
    a_name_longer_than_name_max_gives_enametoolong();
    a_cycle_of_symbolic_links_gives_eloop();
    mount_and_umount_by_a_user_give_eperm();
    umount_of_what_is_no_mount_point_gives_einval();
    umount_of_home_in_use_gives_ebusy();
    bad_pointers_give_efault();
    the_kernel_and_the_disk_go_on_working();
    return test_finish("disk_bad_descriptors_and_paths_give_posix_errors");
}
