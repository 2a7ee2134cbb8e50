/* user/bin/umount.c - umount TARGET...: unmounts the file system mounted
 * at each directory TARGET (umount(2)): its changes are written to the
 * disk first, and the directory shows its own contents again. Takes root;
 * a file system in use (an open file, a working directory) stays mounted
 * (EBUSY). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: umount TARGET...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (umount(argv[i]) < 0) {
            fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
