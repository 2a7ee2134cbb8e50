/* tests/boot/disk_links_symlinks_and_mounts.c - names and mounts on the
 * disk. A hard link is a second name for one inode (nlink 2, the same
 * st_ino, the same bytes; unlinking one name keeps the other). A symbolic
 * link holds a path, short (kept in the inode) or long (in a block): open
 * and chdir go through it, lstat sees the link itself, readlink gives the
 * path, a dangling one is ENOENT. The mount table lists / (memfs) and
 * /home (ext2 on /dev/hda), statfs tells ext2's magic and block size;
 * umount of /home with nothing open leaves the empty memfs directory under
 * it, a new mount brings every file back, a second mount is EBUSY and an
 * unknown type ENODEV; mounted read-only, /home reads but refuses every
 * change with EROFS, and mounted read-write again it takes changes. */
#include <dirent.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include "boot_disk.h"

#define DIRECTORY "/home/names"
#define LONG_TARGET_LENGTH 200        /* more than the 60 bytes an inode holds itself */

static char long_target[LONG_TARGET_LENGTH + 1];

static void hard_links_are_one_file_under_two_names(void)
{
    CHECK_EQ(0, write_file(DIRECTORY "/original", "shared bytes"), "writing original");
    CHECK_EQ(0, link(DIRECTORY "/original", DIRECTORY "/second_name"), "link");
    struct stat first, second;
    stat(DIRECTORY "/original", &first);
    stat(DIRECTORY "/second_name", &second);
    CHECK_EQ(2, first.st_nlink, "links of original after link");
    CHECK_EQ(2, second.st_nlink, "links of second_name");
    CHECK_EQ(first.st_ino, second.st_ino, "st_ino of the two names");

    int fd = open(DIRECTORY "/second_name", O_WRONLY | O_APPEND);
    CHECK_EQ(7, write(fd, " again!", 7), "append through the second name");
    close(fd);
    char text[64];
    read_file(DIRECTORY "/original", text, sizeof text);
    CHECK(!strcmp(text, "shared bytes again!"),
          "original after writing through second_name: expected \"shared bytes again!\", got \"%s\"", text);

    CHECK_EQ(0, unlink(DIRECTORY "/original"), "unlink of the first name");
    CHECK_EQ(0, stat(DIRECTORY "/second_name", &second), "stat of the name kept");
    CHECK_EQ(1, second.st_nlink, "links after unlinking one name");
    read_file(DIRECTORY "/second_name", text, sizeof text);
    CHECK(!strcmp(text, "shared bytes again!"), "the name kept: expected \"shared bytes again!\", got \"%s\"", text);

    /* a link in another directory of the disk */
    mkdir(DIRECTORY "/elsewhere", 0755);
    CHECK_EQ(0, link(DIRECTORY "/second_name", DIRECTORY "/elsewhere/third_name"), "link into another directory");
    stat(DIRECTORY "/second_name", &second);
    CHECK_EQ(2, second.st_nlink, "links after a link in another directory");
}

static void symbolic_links_lead_to_files_and_directories(void)
{
    write_file(DIRECTORY "/target_file", "reached through a link");
    mkdir(DIRECTORY "/target_directory", 0755);
    write_file(DIRECTORY "/target_directory/inside", "inside");
    CHECK_EQ(0, symlink("target_file", DIRECTORY "/to_file"), "symlink to a file (relative)");
    CHECK_EQ(0, symlink(DIRECTORY "/target_directory", DIRECTORY "/to_directory"), "symlink to a directory");

    char text[64];
    CHECK_EQ(22, read_file(DIRECTORY "/to_file", text, sizeof text), "bytes read through the link");
    CHECK(!strcmp(text, "reached through a link"), "read through the link: got \"%s\"", text);
    read_file(DIRECTORY "/to_directory/inside", text, sizeof text);
    CHECK(!strcmp(text, "inside"), "a file read through a directory link: got \"%s\"", text);

    struct stat st, target;
    CHECK_EQ(0, lstat(DIRECTORY "/to_file", &st), "lstat of the link");
    CHECK(S_ISLNK(st.st_mode), "lstat: expected S_ISLNK, got mode 0%o", st.st_mode);
    CHECK_EQ(strlen("target_file"), st.st_size, "lstat's size of the link (its target's length)");
    CHECK_EQ(0, stat(DIRECTORY "/to_file", &st), "stat through the link");
    stat(DIRECTORY "/target_file", &target);
    CHECK(S_ISREG(st.st_mode), "stat through the link: expected S_ISREG, got mode 0%o", st.st_mode);
    CHECK_EQ(target.st_ino, st.st_ino, "stat through the link: the target's st_ino");

    char path[300];
    memset(path, 'X', sizeof path);
    CHECK_EQ(11, readlink(DIRECTORY "/to_file", path, sizeof path), "readlink's length");
    CHECK(!memcmp(path, "target_file", 11) && path[11] == 'X',
          "readlink: expected \"target_file\" and no NUL, got \"%.20s\"", path);
    CHECK_EQ(6, readlink(DIRECTORY "/to_file", path, 6), "readlink into 6 bytes (cut short)");

    CHECK_EQ(0, chdir(DIRECTORY "/to_directory"), "chdir through a directory link");
    read_file("inside", text, sizeof text);
    CHECK(!strcmp(text, "inside"), "a file by its relative name after chdir through a link: got \"%s\"", text);
    CHECK(getcwd(path, sizeof path) && !strcmp(path, DIRECTORY "/target_directory"),
          "getcwd after chdir through a link: expected \"" DIRECTORY "/target_directory\", got \"%s\"", path);
    chdir("/");

    CHECK_EQ(0, symlink("nowhere", DIRECTORY "/dangling"), "symlink to a missing name");
    CHECK_ERROR(open(DIRECTORY "/dangling", O_RDONLY), ENOENT);
    CHECK_ERROR(stat(DIRECTORY "/dangling", &st), ENOENT);
    CHECK_EQ(0, lstat(DIRECTORY "/dangling", &st), "lstat of a dangling link");
    CHECK_EQ(0, write_file(DIRECTORY "/nowhere", "now somewhere"), "creating the missing name");
    read_file(DIRECTORY "/dangling", text, sizeof text);
    CHECK(!strcmp(text, "now somewhere"), "the link once its target exists: got \"%s\"", text);

    /* a target too long for the inode goes into a block of its own */
    for (int i = 0; i < LONG_TARGET_LENGTH; i++)
        long_target[i] = i % 10 == 9 ? '/' : 'a' + i % 26;
    CHECK_EQ(0, symlink(long_target, DIRECTORY "/long_link"), "symlink with a 200-byte target");
    memset(path, 0, sizeof path);
    CHECK_EQ(LONG_TARGET_LENGTH, readlink(DIRECTORY "/long_link", path, sizeof path), "readlink of the long link");
    CHECK(!strcmp(path, long_target), "the long link's target: expected \"%.30s...\", got \"%.30s...\"", long_target,
          path);
    CHECK_EQ(0, lstat(DIRECTORY "/long_link", &st), "lstat of the long link");
    CHECK_EQ(LONG_TARGET_LENGTH, st.st_size, "lstat's size of the long link");

    CHECK_EQ(0, unlink(DIRECTORY "/to_file"), "unlink of a link");
    CHECK_EQ(0, stat(DIRECTORY "/target_file", &st), "the target after unlinking its link (still there)");
}

/* The mount table's entry mounted on `target`, or NULL. */
static const struct kinfo_mount *find_mount(const char *target)
{
    static struct kinfo_mount mounts[16];
    int bytes = kinfo(KINFO_MOUNTS, mounts, sizeof mounts);
    CHECK(bytes >= 0 && bytes % (int)sizeof mounts[0] == 0,
          "kinfo(KINFO_MOUNTS): expected a whole number of entries, got %d bytes", bytes);
    for (int i = 0; i < bytes / (int)sizeof mounts[0]; i++)
        if (!strcmp(mounts[i].target, target))
            return &mounts[i];
    return NULL;
}

static void the_mount_table_and_statfs_describe_the_disk(void)
{
    const struct kinfo_mount *root = find_mount("/");
    CHECK(root && !strcmp(root->type, "memfs"), "the mount table's \"/\": expected memfs, got %s",
          root ? root->type : "no entry");
    const struct kinfo_mount *home = find_mount("/home");
    CHECK(home != NULL, "the mount table has no \"/home\"");
    if (home) {
        CHECK(!strcmp(home->type, "ext2"), "/home's type: expected \"ext2\", got \"%s\"", home->type);
        CHECK(!strcmp(home->source, "/dev/hda"), "/home's source: expected \"/dev/hda\", got \"%s\"", home->source);
        CHECK_EQ(0, home->flags & MS_RDONLY, "/home's MS_RDONLY flag");
    }

    struct statfs st = disk_usage("/home");
    CHECK_EQ(EXT2_SUPER_MAGIC, st.f_type, "statfs(/home).f_type");
    CHECK_EQ(DISK_BLOCK_SIZE, st.f_bsize, "statfs(/home).f_bsize");
    CHECK(st.f_blocks > 0 && st.f_bfree <= st.f_blocks && st.f_bavail <= st.f_bfree,
          "statfs(/home) blocks: expected 0 < total, avail <= free <= total, got %u, %u, %u",
          (unsigned)st.f_blocks, (unsigned)st.f_bfree, (unsigned)st.f_bavail);
    CHECK(st.f_files > 0 && st.f_ffree < st.f_files, "statfs(/home) inodes: expected some used, got %u free of %u",
          (unsigned)st.f_ffree, (unsigned)st.f_files);
    struct statfs by_file;
    int fd = open(DIRECTORY "/target_file", O_RDONLY);
    CHECK_EQ(0, fstatfs(fd, &by_file), "fstatfs of a file on the disk");
    close(fd);
    CHECK_EQ(EXT2_SUPER_MAGIC, by_file.f_type, "fstatfs's f_type");
    CHECK_EQ(st.f_blocks, by_file.f_blocks, "fstatfs's f_blocks (statfs's)");
    CHECK_EQ(MEMFS_MAGIC, disk_usage("/tmp").f_type, "statfs(/tmp).f_type");

    struct statvfs vfs;
    CHECK_EQ(0, statvfs("/home", &vfs), "statvfs");
    CHECK_EQ(DISK_BLOCK_SIZE, vfs.f_frsize, "statvfs's f_frsize");
    CHECK_EQ(st.f_blocks, vfs.f_blocks, "statvfs's f_blocks");
    CHECK_EQ(0, vfs.f_flag & ST_RDONLY, "statvfs's ST_RDONLY");
}

/* Are the files made above all there, with their bytes? */
static void check_the_files_are_there(const char *when)
{
    char text[64];
    read_file(DIRECTORY "/second_name", text, sizeof text);
    CHECK(!strcmp(text, "shared bytes again!"), "%s: second_name: expected \"shared bytes again!\", got \"%s\"", when,
          text);
    struct stat st;
    CHECK_EQ(0, stat(DIRECTORY "/elsewhere/third_name", &st), "stat of the hard link");
    CHECK_EQ(2, st.st_nlink, "links of the hard-linked file");
    char path[LONG_TARGET_LENGTH + 1];
    memset(path, 0, sizeof path);
    readlink(DIRECTORY "/long_link", path, sizeof path - 1);
    CHECK(!strcmp(path, long_target), "%s: the long link's target: got \"%.30s...\"", when, path);
    read_file(DIRECTORY "/to_directory/inside", text, sizeof text);
    CHECK(!strcmp(text, "inside"), "%s: a file through the directory link: got \"%s\"", when, text);
}

static void umount_leaves_the_memfs_directory_and_mount_brings_the_files_back(void)
{
    CHECK_EQ(0, mkdir(DIRECTORY "/empty_directory", 0755), "mkdir (for rmdir on the read-only mount below)");
    chdir("/");
    sync();
    CHECK_EQ(0, umount("/home"), "umount /home with nothing open");
    CHECK(find_mount("/home") == NULL, "the mount table still lists /home after umount");
    struct stat st;
    CHECK_EQ(0, stat("/home", &st), "stat of /home after umount");
    CHECK(S_ISDIR(st.st_mode), "/home after umount: expected a directory, got mode 0%o", st.st_mode);
    CHECK_EQ(MEMFS_MAGIC, disk_usage("/home").f_type, "statfs(/home).f_type after umount (memfs)");
    int entries = 0;
    DIR *dir = opendir("/home");
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL)
        entries += strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..");
    if (dir)
        closedir(dir);
    CHECK_EQ(0, entries, "entries of /home after umount (the empty memfs directory)");
    CHECK_ERROR(stat(DIRECTORY "/second_name", &st), ENOENT);
    CHECK_ERROR(umount("/home"), EINVAL);

    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda on /home again");
    CHECK_EQ(EXT2_SUPER_MAGIC, disk_usage("/home").f_type, "statfs(/home).f_type after mount");
    check_the_files_are_there("after umount and mount");

    CHECK_ERROR(mount("/dev/hda", "/home", "ext2", 0, NULL), EBUSY);
    mkdir("/tmp/second_mount_point", 0755);
    CHECK_ERROR(mount("/dev/hda", "/tmp/second_mount_point", "ext2", 0, NULL), EBUSY);
    CHECK_ERROR(mount("/dev/hda", "/tmp/second_mount_point", "vfat", 0, NULL), ENODEV);
    CHECK_ERROR(mount("/dev/hda", "/tmp/second_mount_point", "no_such_file_system_type", 0, NULL), ENODEV);
    rmdir("/tmp/second_mount_point");
}

static void a_read_only_mount_reads_and_refuses_changes_with_erofs(void)
{
    CHECK_EQ(0, umount("/home"), "umount /home");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", MS_RDONLY, NULL), "mount /dev/hda read-only");
    const struct kinfo_mount *home = find_mount("/home");
    CHECK(home && (home->flags & MS_RDONLY), "the mount table's /home: expected MS_RDONLY in its flags");
    CHECK(disk_usage("/home").f_flags & MS_RDONLY, "statfs(/home).f_flags: expected MS_RDONLY");
    struct statvfs vfs;
    statvfs("/home", &vfs);
    CHECK(vfs.f_flag & ST_RDONLY, "statvfs(/home).f_flag: expected ST_RDONLY, got %#lx", vfs.f_flag);

    check_the_files_are_there("mounted read-only");
    CHECK_ERROR(open(DIRECTORY "/new_file", O_WRONLY | O_CREAT, 0644), EROFS);
    CHECK_ERROR(open(DIRECTORY "/second_name", O_WRONLY), EROFS);
    CHECK_ERROR(open(DIRECTORY "/second_name", O_RDWR | O_TRUNC), EROFS);
    CHECK_ERROR(unlink(DIRECTORY "/second_name"), EROFS);
    CHECK_ERROR(mkdir(DIRECTORY "/new_directory", 0755), EROFS);
    CHECK_ERROR(rmdir(DIRECTORY "/empty_directory"), EROFS);
    CHECK_ERROR(rename(DIRECTORY "/second_name", DIRECTORY "/renamed"), EROFS);
    CHECK_ERROR(link(DIRECTORY "/second_name", DIRECTORY "/another_link"), EROFS);
    CHECK_ERROR(symlink("x", DIRECTORY "/another_symlink"), EROFS);
    CHECK_ERROR(mkfifo(DIRECTORY "/another_fifo", 0600), EROFS);
    CHECK_ERROR(chmod(DIRECTORY "/second_name", 0600), EROFS);
    struct stat st;
    CHECK_ERROR(stat(DIRECTORY "/new_file", &st), ENOENT);
    CHECK_EQ(0, stat(DIRECTORY "/second_name", &st), "the file after refused changes (still there)");
    CHECK_EQ(0644, st.st_mode & 0777, "its permissions after a refused chmod");
    int fd = open(DIRECTORY "/second_name", O_RDONLY);
    CHECK(fd >= 0, "open for reading on a read-only mount: expected a descriptor, got -1 (%s)", strerror(errno));
    close(fd);
}

static void mounted_read_write_again_the_disk_takes_changes(void)
{
    CHECK_EQ(0, umount("/home"), "umount the read-only /home");
    CHECK_EQ(0, mount("/dev/hda", "/home", "ext2", 0, NULL), "mount /dev/hda read-write again");
    CHECK_EQ(0, disk_usage("/home").f_flags & MS_RDONLY, "statfs(/home).f_flags: MS_RDONLY");
    CHECK_EQ(0, write_file(DIRECTORY "/after_remount", "writable again"), "writing after the read-write mount");
    char text[32];
    read_file(DIRECTORY "/after_remount", text, sizeof text);
    CHECK(!strcmp(text, "writable again"), "a file written after: expected \"writable again\", got \"%s\"", text);
    check_the_files_are_there("mounted read-write again");
    sync();
}

int main(void)
{
    require_home_on_the_disk("disk_links_symlinks_and_mounts");
    CHECK_EQ(0, mkdir(DIRECTORY, 0755), "mkdir " DIRECTORY);
    hard_links_are_one_file_under_two_names();
    symbolic_links_lead_to_files_and_directories();
    the_mount_table_and_statfs_describe_the_disk();
    umount_leaves_the_memfs_directory_and_mount_brings_the_files_back();
    a_read_only_mount_reads_and_refuses_changes_with_erofs();
    mounted_read_write_again_the_disk_takes_changes();
    return test_finish("disk_links_symlinks_and_mounts");
}
