/* tests/boot/lslocks_lists_holders_and_waiters.c - /bin/lslocks
 * (user/bin/lslocks.c) and kinfo(KINFO_RECORD_LOCKS) show the record
 * locks as they are (docs/record-locks.md):
 *  - each lock held: its holder's command and pid, READ or WRITE, the
 *    file's inode number (ls -i's), its first and last byte, END "EOF"
 *    for a lock to the end of the file;
 *  - each process waiting in F_SETLKW: MODE with a '*', and BLOCKER the
 *    pid whose lock is in its way; ps shows it blocked on "record lock";
 *  - once the locks are gone, the table is empty: the header alone. */
// needs: file_locks
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "boot_test.h"
#include "boot_wait.h"

#define PATH "/tmp/lslocks_test"

struct row {
    char command[32], type[16], mode[16], end[32], blocker[16];
    int pid;
    unsigned inode;
    unsigned long long start;
};

/* The row of lslocks' `output` of `pid` with MODE `mode`; 0 if none. */
static int find_row(const char *output, int pid, const char *mode, struct row *row)
{
    char line[256];
    for (const char *p = strchr(output, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        const char *end = strchr(p + 1, '\n');
        int length = end ? (int)(end - p - 1) : (int)strlen(p + 1);
        snprintf(line, sizeof line, "%.*s", length, p + 1);
        if (sscanf(line, "%31s %d %15s %15s %u %llu %31s %15s", row->command, &row->pid, row->type, row->mode,
                   &row->inode, &row->start, row->end, row->blocker) == 8 &&
            row->pid == pid && !strcmp(row->mode, mode))
            return 1;
    }
    return 0;
}

static void lock(int fd, short type, long start, long length)
{
    struct flock request = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = length };
    CHECK_EQ(0, fcntl(fd, F_SETLK, &request), "F_SETLK");
}

int main(void)
{
    int fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "create %s", PATH);
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st), "fstat");
    lock(fd, F_WRLCK, 0, 10);
    lock(fd, F_RDLCK, 20, 0);

    fflush(stdout);
    pid_t waiter = fork();
    if (waiter == 0) {
        int own = open(PATH, O_RDWR);
        struct flock request = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1 };
        _exit(fcntl(own, F_SETLKW, &request) == 0 ? 0 : 1);
    }
    CHECK(wait_until_blocked(waiter, "record lock"), "the child waits in F_SETLKW, as ps says");

    char output[2048];
    capture("/bin/lslocks", output, sizeof output);
    CHECK(strncmp(output, "COMMAND", 7) == 0, "lslocks' header: %.60s", output);
    struct row row;
    CHECK(find_row(output, getpid(), "WRITE", &row), "a WRITE row of pid %d in:\n%s", getpid(), output);
    CHECK_EQ(st.st_ino, row.inode, "its inode");
    CHECK_EQ(0, row.start, "its START");
    CHECK(!strcmp(row.end, "9") && !strcmp(row.blocker, "-") && !strcmp(row.type, "POSIX"),
          "END 9, no BLOCKER, TYPE POSIX: got %s %s %s", row.end, row.blocker, row.type);
    CHECK(find_row(output, getpid(), "READ", &row), "a READ row of pid %d", getpid());
    CHECK(row.start == 20 && !strcmp(row.end, "EOF"), "the read lock from 20 to EOF: got %llu %s", row.start,
          row.end);
    CHECK(find_row(output, waiter, "WRITE*", &row), "a waiting WRITE* row of pid %d", waiter);
    CHECK(row.start == 5 && !strcmp(row.end, "5") && row.inode == st.st_ino, "the request: byte 5 of the file");
    CHECK_EQ(getpid(), atoi(row.blocker), "its BLOCKER");

    close(fd);                                  /* lets go of both: the child takes byte 5 */
    int status;
    waitpid(waiter, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child's F_SETLKW succeeded after the close");
    capture("/bin/lslocks", output, sizeof output);
    CHECK(strchr(output, '\n') && strchr(output, '\n')[1] == 0, "lslocks with no locks: the header alone, got:\n%s",
          output);
    unlink(PATH);
    return test_finish("lslocks_lists_holders_and_waiters");
}
