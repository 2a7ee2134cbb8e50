/* tests/boot/process_table_keeps_slots_for_root.c - the last slots of the
 * process table are root's (kernel/proc/thread.c, SLOTS_KEPT_FOR_ROOT), as
 * Linux keeps the last files for root: one user's fork bomb leaves root
 * the room to run ps and kill. Before, user 1000 could fill all 64 slots
 * and root's fork got EAGAIN.
 *
 * A child as user 1000 forks until fork fails: EAGAIN, with slots left.
 * Then root, here, forks, and its child runs. Every process ends and the
 * counters come back. */
#include <signal.h>
#include <sys/wait.h>

#include "boot_test.h"

#define OTHER_USER 1000
#define TABLE      64      /* MAX_PROCESSES */

/* As user 1000: forks children that wait on `hold` until fork fails;
 * reports the count and errno on `report`, then waits on `hold` too. */
static void fork_until_refused(int hold, int report)
{
    if (setgid(OTHER_USER) < 0 || setuid(OTHER_USER) < 0)
        _exit(10);
    int made = 0, error = 0;
    for (int i = 0; i < TABLE; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char byte;
            read(hold, &byte, 1);              /* until root closes the pipe */
            _exit(0);
        }
        if (pid < 0) {
            error = errno;
            break;
        }
        made++;
    }
    int answer[2] = { made, error };
    write(report, answer, sizeof answer);
    char byte;
    read(hold, &byte, 1);
    while (wait(NULL) > 0)
        continue;
    _exit(0);
}

static void cases(void)
{
    int hold[2], report[2];
    CHECK_EQ(0, pipe(hold), "pipe");
    CHECK_EQ(0, pipe(report), "pipe");
    fflush(stdout);
    pid_t user = fork();
    if (user == 0) {
        close(hold[1]);
        fork_until_refused(hold[0], report[1]);
    }
    close(hold[0]);
    int answer[2] = { 0, 0 };
    CHECK_EQ((int)sizeof answer, (int)read(report[0], answer, sizeof answer), "the user's report");
    CHECK(answer[1] == EAGAIN && answer[0] > 0 && answer[0] < TABLE,
          "the user's forks: %d made, then errno %d (expected EAGAIN)", answer[0], answer[1]);
    fflush(stdout);
    pid_t roots = fork();
    if (roots == 0)
        _exit(42);
    CHECK(roots > 0, "root's fork with the user's bomb in place: errno %d", errno);
    int status = -1;
    if (roots > 0) {
        waitpid(roots, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "root's child ran: status 0x%x", status);
    }
    close(hold[1]);                            /* every user process ends */
    waitpid(user, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the user's process: status 0x%x", status);
    close(report[0]);
    close(report[1]);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("process_table_keeps_slots_for_root");
}
