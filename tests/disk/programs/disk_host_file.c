/* tests/disk/programs/disk_host_file.c - reads a file that the host put into
 * the disk image with `debugfs -w -R "write ..."` (tests/disk/disk_checks.py)
 * and answers in a file of its own that the host reads back with debugfs.
 *
 * Usage: disk_host_file NAME SIZE SEED
 *   /home/NAME must hold SIZE bytes of pattern_byte(offset, SEED); then
 *   /home/reply.txt gets "read NAME: SIZE bytes, checksum XXXXXXXX". */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "disk_program.h"

#define READ_PIECE 3000          /* not a block size: reads cross block boundaries */
#define REPLY HOME "/reply.txt"

/* Reads /home/`name` in pieces and checks every byte against the pattern.
 * The file's checksum, or exits 1 saying what differed. */
static uint32_t check_file(const char *name, uint32_t size, uint32_t seed)
{
    char path[128];
    snprintf(path, sizeof path, HOME "/%s", name);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("disk_host_file: open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    static unsigned char piece[READ_PIECE];
    uint32_t offset = 0, sum = CHECKSUM_START;
    for (;;) {
        ssize_t got = read(fd, piece, sizeof piece);
        if (got < 0) {
            printf("disk_host_file: read %s at offset %u: %s\n", path, offset, strerror(errno));
            exit(1);
        }
        if (got == 0)
            break;
        for (ssize_t i = 0; i < got; i++) {
            if (piece[i] != pattern_byte(offset + (uint32_t)i, seed)) {
                printf("disk_host_file: %s: byte %u is %#x, the host wrote %#x\n", path,
                       offset + (uint32_t)i, piece[i], pattern_byte(offset + (uint32_t)i, seed));
                exit(1);
            }
        }
        sum = checksum_add(sum, piece, (size_t)got);
        offset += (uint32_t)got;
    }
    close(fd);
    if (offset != size) {
        printf("disk_host_file: %s: read %u bytes, the host wrote %u\n", path, offset, size);
        exit(1);
    }
    return sum;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        printf("usage: disk_host_file NAME SIZE SEED\n");
        return 2;
    }
    if (!home_is_on_the_disk("disk_host_file"))
        return 1;
    uint32_t size = (uint32_t)strtoul(argv[2], 0, 10), seed = (uint32_t)strtoul(argv[3], 0, 10);
    uint32_t sum = check_file(argv[1], size, seed);

    char reply[160];
    int length = snprintf(reply, sizeof reply, "read %s: %u bytes, checksum %08x\n", argv[1], size, sum);
    int fd = open(REPLY, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, reply, (size_t)length) != length || fsync(fd) != 0 || close(fd) != 0) {
        printf("disk_host_file: writing " REPLY ": %s\n", strerror(errno));
        return 1;
    }
    printf("%s", reply);
    return 0;
}
