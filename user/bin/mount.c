/* user/bin/mount.c - mount: lists the mounted file systems, or mounts one.
 *
 *   mount                             one line per mount, as Linux's mount:
 *                                     /dev/hda on /home type ext2 (rw)
 *   mount [-t TYPE] [-r] SOURCE TARGET
 *                                     mounts the file system on the disk
 *                                     SOURCE (/dev/hda) at the directory
 *                                     TARGET; TYPE is ext2 unless given, -r
 *                                     mounts it read-only (MS_RDONLY)
 *
 * The list comes from kinfo_table(KINFO_MOUNTS) (kinfo_table(3));
 * mounting takes root (mount(2)). */
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "mount_table.h"

#define DEFAULT_TYPE "ext2"           /* the one disk file system the kernel knows */

/* Prints every mount; returns the exit status. */
static int list_mounts(void)
{
    int count;
    struct kinfo_mount *mounts = kinfo_table(KINFO_MOUNTS, sizeof *mounts, &count);
    if (!mounts) {
        fprintf(stderr, "mount: %s\n", strerror(errno));
        return 1;
    }
    for (int i = 0; i < count; i++) {
        const struct kinfo_mount *m = &mounts[i];
        printf("%.*s on %.*s type %.*s (%s)\n", MOUNT_FIELD(m, source), MOUNT_FIELD(m, target),
               MOUNT_FIELD(m, type), m->flags & MS_RDONLY ? "ro" : "rw");
    }
    free(mounts);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: mount  or  mount [-t TYPE] [-r] SOURCE TARGET\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc == 1)
        return list_mounts();
    const char *type = DEFAULT_TYPE;
    unsigned long flags = 0;
    int option;
    while ((option = getopt(argc, argv, "rt:")) != -1) {
        if (option == 'r')
            flags |= MS_RDONLY;
        else if (option == 't')
            type = optarg;
        else
            return usage();
    }
    int i = optind;
    if (argc - i != 2)
        return usage();
    const char *source = argv[i], *target = argv[i + 1];
    if (mount(source, target, type, flags, NULL) < 0) {
        fprintf(stderr, "mount: %s on %s: %s\n", source, target, strerror(errno));
        return 1;
    }
    return 0;
}
