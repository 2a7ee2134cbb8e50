/* tests/boot/signal_process_groups_receive_kill.c - kill(-pgid, sig) sends
 * to every member of process group pgid and to no one else; kill(0, sig)
 * sends to the caller's own group, the caller included. A group with no
 * members gives ESRCH.
 *
 * The test first makes itself a group leader (setpgid(0, 0)), so that its
 * group holds only itself and its children, never init. */
#include <fcntl.h>
#include <signal.h>

#include "boot_test.h"
#include "boot_wait.h"

#define MEMBERS 3

static int report_fd = -1;
static volatile char my_name = 'P';           /* P: the test; A, B, C: members; X: outsider */

/* Reports "<name><signal>" on the report pipe. */
static void report(int signal)
{
    char message[2] = { my_name, (char)signal };
    write(report_fd, message, sizeof message);
    handled++;
}

/* A child named `name` that waits on `hold` until it is closed. */
static pid_t start_child(char name, int hold[2], int in_own_group)
{
    pid_t child = fork();
    if (child == 0) {
        my_name = name;
        if (in_own_group)
            setpgid(0, 0);
        close(hold[1]);
        char c;
        while (read(hold[0], &c, 1) != 0)    /* SA_RESTART: signals do not end it */
            ;
        _exit(0);
    }
    if (in_own_group)
        setpgid(child, child);               /* both sides, so no race */
    return child;
}

/* Reads the reports of `expected` deliveries, waiting a little for more;
 * returns them as a sorted string of names ("ABCP"). */
static void collect(int fd, int expected, int signal, char *names)
{
    int count = 0;
    for (int i = 0; i < 50; i++) {
        char message[2];
        while (count < expected + 4 && read(fd, message, 2) == 2) {
            if (message[1] == signal)
                names[count++] = message[0];
        }
        usleep(1000);
    }
    names[count] = 0;
    for (int i = 0; i < count; i++)          /* sort: the order of delivery is free */
        for (int j = i + 1; j < count; j++)
            if (names[j] < names[i]) {
                char swap = names[i];
                names[i] = names[j];
                names[j] = swap;
            }
}

int main(void)
{
    warm_up_copy_on_write();                     /* grows our stack and data first */
    is_blocked(getpid(), "");                /* kinfo's table: its pages touched once */
    usleep(20000);
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    CHECK_EQ(0, setpgid(0, 0), "setpgid(0, 0)");
    pid_t group = getpgrp();
    CHECK_EQ(getpid(), group, "our group after setpgid(0, 0)");

    int reports[2], hold[2];
    pipe(reports);
    pipe(hold);
    fcntl(reports[0], F_SETFL, O_NONBLOCK);
    report_fd = reports[1];
    signal(SIGUSR1, report);                 /* BSD semantics: SA_RESTART */
    signal(SIGUSR2, report);

    pid_t members[MEMBERS];
    for (int i = 0; i < MEMBERS; i++)
        members[i] = start_child((char)('A' + i), hold, 0);
    pid_t outsider = start_child('X', hold, 1);
    close(hold[0]);
    for (int i = 0; i < MEMBERS; i++)
        CHECK(wait_until_blocked(members[i], "pipe read"), "member %c never blocked in read", 'A' + i);
    CHECK(wait_until_blocked(outsider, "pipe read"), "the outsider never blocked in read");
    CHECK_EQ(outsider, getpgid(outsider), "the outsider's group");
    CHECK_EQ(group, getpgid(members[0]), "a member's group");

    /* kill(-group): the members and the test itself, not the outsider */
    char names[16];
    CHECK_EQ(0, kill(-group, SIGUSR1), "kill(-group, SIGUSR1)");
    collect(reports[0], MEMBERS + 1, SIGUSR1, names);
    CHECK(!strcmp(names, "ABCP"), "SIGUSR1 to the group reached \"%s\", expected \"ABCP\"", names);

    /* kill(0): the caller's group, the same processes */
    CHECK_EQ(0, kill(0, SIGUSR2), "kill(0, SIGUSR2)");
    collect(reports[0], MEMBERS + 1, SIGUSR2, names);
    CHECK(!strcmp(names, "ABCP"), "SIGUSR2 to our own group reached \"%s\", expected \"ABCP\"", names);

    /* the outsider's group: only the outsider */
    CHECK_EQ(0, kill(-outsider, SIGUSR1), "kill(-outsider's group, SIGUSR1)");
    collect(reports[0], 1, SIGUSR1, names);
    CHECK(!strcmp(names, "X"), "SIGUSR1 to the outsider's group reached \"%s\", expected \"X\"", names);

    /* kill(-1): every process but init and the caller */
    CHECK_EQ(0, kill(-1, SIGUSR2), "kill(-1, SIGUSR2)");
    collect(reports[0], MEMBERS + 1, SIGUSR2, names);
    CHECK(!strcmp(names, "ABCX"), "SIGUSR2 to everyone reached \"%s\", expected \"ABCX\"", names);

    /* a group with no one in it */
    CHECK_ERROR(kill(-30000, SIGUSR1), ESRCH);

    /* a terminating signal to the group ends every member */
    signal(SIGTERM, SIG_IGN);                /* but not us (the members kept the default) */
    CHECK_EQ(0, kill(-group, SIGTERM), "kill(-group, SIGTERM)");
    for (int i = 0; i < MEMBERS; i++) {
        int status = 0;
        waitpid(members[i], &status, 0);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
              "member %c after SIGTERM to the group: status 0x%x, expected death by SIGTERM", 'A' + i, status);
    }
    CHECK_EQ(0, kill(outsider, 0), "the outsider survives SIGTERM to another group");
    close(hold[1]);                          /* ends the outsider's read */
    int status = 0;
    waitpid(outsider, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the outsider: status 0x%x, expected exit 0", status);
    signal(SIGTERM, SIG_DFL);

    close(reports[0]);
    close(reports[1]);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("signal_process_groups_receive_kill");
}
