/* user/demos/filesystem/spool_consumer.c - takes the messages spool_producer
 * leaves in /home/spool, on the disk, perhaps before the last reboot: it scans the directory with opendir/readdir, and each
 * published file it finds it reads, prints and removes ("imports"). Names that
 * begin with "." are drafts still being written (".tmp-...") and are left
 * alone; the producer renames them when they are complete.
 *
 * Scanning again and again is "polling": simple, but it costs time even
 * when nothing comes. A pipe or a FIFO would let the consumer sleep until
 * a message arrives (compare user/demos/pipes/pipe_demo.c).
 *
 * Usage: spool_consumer [COUNT]   stops after COUNT messages (default 3),
 * or after 10 seconds without a new one. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPOOL "/home/spool"
#define POLL_INTERVAL_US (100 * 1000)
#define GIVE_UP_AFTER_POLLS 100        /* 10 seconds without a new message */

/* Reads, prints and removes one published message; returns 1 if it did. */
static int import(const char *name)
{
    char path[300];
    snprintf(path, sizeof path, SPOOL "/%s", name);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;                      /* another consumer took it first */
    char text[256];
    int length = read(fd, text, sizeof text - 1);
    close(fd);
    text[length > 0 ? length : 0] = 0;
    if (unlink(path) != 0)
        return 0;                      /* the same: someone else removed it */
    printf("consumer %d: imported %s: %s", getpid(), name, text);
    fflush(stdout);
    return 1;
}

/* One pass over the directory; returns how many messages it imported. */
static int scan_once(void)
{
    DIR *dir = opendir(SPOOL);
    if (!dir)
        return 0;
    int imported = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')   /* ".", ".." and drafts (".tmp-...") */
            continue;
        imported += import(entry->d_name);
    }
    closedir(dir);
    return imported;
}

int main(int argc, char **argv)
{
    int wanted = argc > 1 ? atoi(argv[1]) : 3;
    if (mkdir(SPOOL, 0777) != 0 && errno != EEXIST) {    /* the consumer may start first */
        perror("spool_consumer: mkdir " SPOOL);
        return 1;
    }
    printf("consumer %d: waiting for %d messages in %s\n", getpid(), wanted, SPOOL);
    fflush(stdout);
    int seen = 0, idle_polls = 0;
    while (seen < wanted && idle_polls < GIVE_UP_AFTER_POLLS) {
        int imported = scan_once();
        seen += imported;
        idle_polls = imported ? 0 : idle_polls + 1;
        if (seen < wanted && !imported)
            usleep(POLL_INTERVAL_US);
    }
    printf("consumer %d: %d messages imported%s\n", getpid(), seen, seen < wanted ? " (gave up waiting)" : "");
    return seen < wanted;
}
