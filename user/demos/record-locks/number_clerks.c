/* user/demos/record-locks/number_clerks.c - clerks hand out numbers
 * from one file, with and without a record lock (docs/record-locks.md).
 *
 * The file /tmp/sequence holds the next number to hand out. Each of three
 * clerks (processes) takes a number ten times: it reads the file, prints
 * the number, and writes the number + 1 back. Reading and writing are two
 * calls, and another clerk may run between them:
 *
 *     clerk 1: read 7 ............................ write 8
 *     clerk 2:          read 7 ... write 8                 two clerks gave out 7
 *
 * So each clerk first takes a write lock on the file with fcntl(F_SETLKW),
 * which waits while another clerk holds it, and lets it go after its
 * write: then every number is given out exactly once, and the file ends
 * at 31. Halfway, the parent runs /bin/lslocks, which shows the clerk that
 * holds the lock and the two waiting behind it ("WRITE*").
 *
 * Usage: number_clerks             with the lock: 30 numbers, none twice
 *        number_clerks -n          without: some numbers twice, the file
 *                                  ends short of 31 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEQUENCE_PATH "/tmp/sequence"
#define CLERKS        3
#define NUMBERS_EACH  10
#define PONDER_US     3000             /* between its read and its write: room for the others */

static int use_lock = 1;

static void lock_whole_file(int fd, short type)
{
    struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    if (fcntl(fd, type == F_UNLCK ? F_SETLK : F_SETLKW, &lock) < 0) {
        perror("fcntl");
        exit(1);
    }
}

static void clerk(int number)
{
    int fd = open(SEQUENCE_PATH, O_RDWR);
    if (fd < 0) {
        perror("open " SEQUENCE_PATH);
        exit(1);
    }
    for (int i = 0; i < NUMBERS_EACH; i++) {
        if (use_lock)
            lock_whole_file(fd, F_WRLCK);
        char text[16] = "";
        pread(fd, text, sizeof text - 1, 0);
        int next = atoi(text);
        printf("clerk %d (pid %d) gives out %d\n", number, getpid(), next);
        fflush(stdout);
        usleep(PONDER_US);
        int length = snprintf(text, sizeof text, "%d\n", next + 1);
        pwrite(fd, text, length, 0);
        if (use_lock)
            lock_whole_file(fd, F_UNLCK);
        usleep(PONDER_US / 3);          /* out of the lock: the others' turn */
    }
    exit(0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-n") == 0)
        use_lock = 0;
    int fd = open(SEQUENCE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "1\n", 2) != 2) {
        perror(SEQUENCE_PATH);
        return 1;
    }
    printf("%d clerks, %d numbers each, %s\n", CLERKS, NUMBERS_EACH, use_lock ? "each read and write under a lock"
                                                                              : "no lock");
    fflush(stdout);
    for (int number = 1; number <= CLERKS; number++)
        if (fork() == 0)
            clerk(number);
    if (use_lock) {
        usleep(NUMBERS_EACH * PONDER_US * 3 / 2);   /* halfway through */
        printf("--- lslocks, halfway ---\n");
        fflush(stdout);
        if (fork() == 0) {
            execl("/bin/lslocks", "lslocks", (char *)0);
            _exit(127);
        }
        wait(0);
        printf("---\n");
        fflush(stdout);
    }
    while (wait(0) > 0) {
    }
    char text[16] = "";
    pread(fd, text, sizeof text - 1, 0);
    int last = atoi(text);
    int repeated = CLERKS * NUMBERS_EACH - (last - 1);
    printf("the file says %d next: %d numbers for %d hand-outs", last, last - 1, CLERKS * NUMBERS_EACH);
    if (repeated)
        printf(", so %d times a clerk gave out a number another clerk had given", repeated);
    printf("\n");
    close(fd);
    unlink(SEQUENCE_PATH);
    return 0;
}
