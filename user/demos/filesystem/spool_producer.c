/* user/demos/filesystem/spool_producer.c - communication through the file
 * system, the oldest kind: a producer leaves each message as a file in a spool
 * directory, a consumer (spool_consumer.c) picks the files up. Printers and
 * mail worked this way long before pipes.
 *
 * The spool is /home/spool, on the disk (docs/disk.md): a message left
 * there survives a reboot, the one thing a pipe or a queue cannot do.
 * Run the producer, power off, boot again, and the consumer still finds
 * the messages.
 *
 * The subtle points: the consumer must never see a half-written file,
 * and a message must not be lost or torn by a power cut. So the producer
 * writes under a name the consumer ignores, makes the bytes durable with
 * fsync(), and then publishes the finished file with rename(), which
 * replaces names in one step - the file is either not there yet or there
 * whole, before a reboot and after it:
 *
 *     write   /home/spool/.tmp-msg-12-1   (the consumer skips ".tmp-" names)
 *     fsync   the draft's bytes are on the disk
 *     rename  /home/spool/.tmp-msg-12-1  ->  /home/spool/msg-12-1
 *     fsync   the directory: the new name is on the disk too
 *
 * Names are unique: the producer's process id and a counter (and the
 * time, for names that stay unique across reboots).
 *
 * Usage: spool_producer [COUNT]   leaves COUNT messages (default 3). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SPOOL "/home/spool"

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 3;
    if (mkdir(SPOOL, 0777) != 0 && errno != EEXIST) {
        perror("spool_producer: mkdir " SPOOL);
        return 1;
    }
    for (int i = 1; i <= count; i++) {
        char name[64], draft[128], published[128], text[128];
        snprintf(name, sizeof name, "msg-%ld-%d-%d", (long)time(0), getpid(), i);
        snprintf(draft, sizeof draft, SPOOL "/.tmp-%s", name);
        snprintf(published, sizeof published, SPOOL "/%s", name);
        int length = snprintf(text, sizeof text, "message %d of %d from producer %d\n", i, count, getpid());

        /* 1. write the whole message under the draft name */
        int fd = open(draft, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) {
            perror("spool_producer: open");
            return 1;
        }
        if (write(fd, text, length) != length || fsync(fd) != 0) {
            perror("spool_producer: write");
            return 1;
        }
        close(fd);

        /* 2. publish it: from now on the consumer may take it */
        if (rename(draft, published) != 0) {
            perror("spool_producer: rename");
            return 1;
        }
        int directory = open(SPOOL, O_RDONLY);
        if (directory >= 0) {
            fsync(directory);
            close(directory);
        }
        printf("producer %d: published %s\n", getpid(), published);
        fflush(stdout);
        usleep(30 * 1000);
    }
    return 0;
}
