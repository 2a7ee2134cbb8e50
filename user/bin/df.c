/* user/bin/df.c - df [-ik] [PATH...]: the size and use of each mounted file
 * system, as GNU df prints them:
 *
 *   Filesystem      1K-blocks       Used  Available Use% Mounted on
 *   /dev/hda            65536       1290      60970   3% /home
 *
 * The mounts come from kinfo_table(KINFO_MOUNTS) (kinfo_table(3)), the
 * numbers from statfs(2) of each mount point. Use% is the share of the
 * blocks an ordinary user may have that are used (Used / (Used +
 * Available)), rounded up; ext2 keeps some free blocks for root, so Used
 * and Available do not add up to the size. With PATH, only the file
 * systems that hold those paths. -i counts inodes instead of blocks:
 * Inodes, IUsed, IFree, IUse%. -k (POSIX's 1024-byte units) is what df
 * prints anyway: accepted, as by GNU df. */
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "mount_table.h"

#define KIBIBYTE    1024
#define PERCENT     100
#define PERCENT_TEXT 16               /* room for "100%" and any number */

static int show_inodes;

/* `used` as a whole percentage of `used + available`, rounded up as GNU
 * df does, into `text`; "-" when both are 0 (nothing to count). */
static void percentage(unsigned long long used, unsigned long long available, char text[PERCENT_TEXT])
{
    unsigned long long total = used + available;
    if (total == 0) {
        strcpy(text, "-");
        return;
    }
    unsigned long long percent = (used * PERCENT + total - 1) / total;
    snprintf(text, PERCENT_TEXT, "%llu%%", percent);
}

static void print_heading(void)
{
    if (show_inodes)
        printf("%-14s %10s %10s %10s %5s %s\n", "Filesystem", "Inodes", "IUsed", "IFree", "IUse%", "Mounted on");
    else
        printf("%-14s %10s %10s %10s %4s %s\n", "Filesystem", "1K-blocks", "Used", "Available", "Use%",
               "Mounted on");
}

/* Prints the line of the mount `m`; returns 0, or -1 after a message. */
static int print_mount(const struct kinfo_mount *m)
{
    char target[sizeof m->target + 1], source[sizeof m->source + 1];
    snprintf(target, sizeof target, "%.*s", MOUNT_FIELD(m, target));
    snprintf(source, sizeof source, "%.*s", MOUNT_FIELD(m, source));
    struct statfs fs;
    if (statfs(target, &fs) < 0) {
        fprintf(stderr, "df: %s: %s\n", target, strerror(errno));
        return -1;
    }
    char percent[PERCENT_TEXT];
    if (show_inodes) {
        unsigned long long used = fs.f_files - fs.f_ffree;
        percentage(used, fs.f_ffree, percent);
        printf("%-14s %10lu %10llu %10lu %5s %s\n", source, fs.f_files, used, fs.f_ffree, percent, target);
        return 0;
    }
    unsigned long long unit = fs.f_frsize ? fs.f_frsize : fs.f_bsize;   /* bytes per block counted */
    unsigned long long used = fs.f_blocks - fs.f_bfree;
    percentage(used, fs.f_bavail, percent);
    printf("%-14s %10llu %10llu %10llu %4s %s\n", source, fs.f_blocks * unit / KIBIBYTE, used * unit / KIBIBYTE,
           fs.f_bavail * unit / KIBIBYTE, percent, target);
    return 0;
}

/* The mount whose file system holds `path`: the one whose mount point is
 * on the same device (st_dev) as `path`. NULL, after a message, if none. */
static const struct kinfo_mount *mount_of(const char *path, const struct kinfo_mount *mounts, int count)
{
    struct stat status;
    if (stat(path, &status) < 0) {
        fprintf(stderr, "df: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    for (int i = 0; i < count; i++) {
        char target[sizeof mounts[i].target + 1];
        struct stat mount_point;
        snprintf(target, sizeof target, "%.*s", MOUNT_FIELD(&mounts[i], target));
        if (stat(target, &mount_point) == 0 && mount_point.st_dev == status.st_dev)
            return &mounts[i];
    }
    fprintf(stderr, "df: %s: no mounted file system holds it\n", path);
    return NULL;
}

int main(int argc, char **argv)
{
    int option;
    while ((option = getopt(argc, argv, "ik")) != -1) {
        if (option == 'i')
            show_inodes = 1;
        else if (option != 'k') {
            fprintf(stderr, "usage: df [-ik] [PATH...]\n");
            return 2;
        }
    }
    int i = optind;
    int count;
    struct kinfo_mount *mounts = kinfo_table(KINFO_MOUNTS, sizeof *mounts, &count);
    if (!mounts) {
        fprintf(stderr, "df: %s\n", strerror(errno));
        return 1;
    }
    int status = 0;
    print_heading();
    if (i == argc) {
        for (int m = 0; m < count; m++)
            if (print_mount(&mounts[m]) < 0)
                status = 1;
    }
    for (; i < argc; i++) {
        const struct kinfo_mount *m = mount_of(argv[i], mounts, count);
        if (!m || print_mount(m) < 0)
            status = 1;
    }
    free(mounts);
    return status;
}
