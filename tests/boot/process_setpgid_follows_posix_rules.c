/* tests/boot/process_setpgid_follows_posix_rules.c - setpgid(2)'s rules
 * (setpgid(2); POSIX setpgid):
 *  - setpgid(0, 0) makes the caller the leader of a group named after it;
 *    a child may be moved into that group by its parent;
 *  - a group that does not exist in the caller's session is EPERM (a
 *    process may only start a group named after itself);
 *  - a child that made its own session (setsid) is EPERM for its parent,
 *    and a session leader cannot change its own group (EPERM);
 *  - setsid is EPERM while a group bears the caller's pid, one it led and
 *    left (as Linux);
 *  - a process that is neither the caller nor its child is ESRCH;
 *    a negative group is EINVAL. */
#include <signal.h>

#include "boot_test.h"

/* A child that waits for one byte on `hold` (or its end) and exits. With
 * `new_session`, it first makes its own session and reports on `ready`. */
static pid_t start_child(int hold[2], int ready[2], int new_session)
{
    pid_t pid = fork();
    if (pid == 0) {
        close(hold[1]);
        if (new_session) {
            int leader = setsid() == getpid();
            int cannot_move = setpgid(0, 0) == -1 && errno == EPERM;
            char answer = leader && cannot_move ? 'y' : 'n';
            write(ready[1], &answer, 1);
        }
        char byte;
        read(hold[0], &byte, 1);
        _exit(0);
    }
    return pid;
}

int main(void)
{
    int hold[2], ready[2];
    pipe(hold);
    pipe(ready);

    CHECK_EQ(0, setpgid(0, 0), "setpgid(0, 0): a group of our own");
    CHECK_EQ(getpid(), getpgrp(), "our group after setpgid(0, 0)");

    pid_t child = start_child(hold, ready, 0);
    CHECK_EQ(0, setpgid(child, child), "setpgid(child, child): a group named after the child");
    CHECK_EQ(child, getpgid(child), "the child's group");
    CHECK_EQ(0, setpgid(child, getpid()), "setpgid(child, our group): an existing group of our session");
    CHECK_EQ(getpid(), getpgid(child), "the child's group after joining ours");

    /* back in our parent's group, our old group (the child) still bears
     * our pid: setsid would make a session whose group is that one */
    CHECK_EQ(0, setpgid(0, getpgid(getppid())), "setpgid into our parent's group");
    CHECK_ERROR(setsid(), EPERM);
    CHECK_EQ(0, setpgid(0, getpid()), "back into the group the child keeps");

    CHECK_ERROR(setpgid(0, 40000), EPERM);           /* no process has pid or group 40000 */
    CHECK_ERROR(setpgid(child, 40001), EPERM);
    CHECK_EQ(getpid(), getpgid(child), "a refused setpgid changes nothing");
    CHECK_ERROR(setpgid(0, -1), EINVAL);
    CHECK_ERROR(setpgid(1, 0), ESRCH);               /* init: not our child */
    CHECK_ERROR(setpgid(99999, 0), ESRCH);

    pid_t loner = start_child(hold, ready, 1);
    char answer = 0;
    CHECK_EQ(1, read(ready[0], &answer, 1), "the child in its own session reports");
    CHECK(answer == 'y', "the child's setsid made it a session leader that setpgid(0, 0) refuses (got '%c')",
          answer);
    CHECK_ERROR(setpgid(loner, loner), EPERM);       /* a child in another session */
    CHECK_ERROR(setpgid(loner, getpid()), EPERM);

    close(hold[1]);                                  /* both children end */
    CHECK_EQ(child, waitpid(child, NULL, 0), "the first child ends");
    CHECK_EQ(loner, waitpid(loner, NULL, 0), "the second child ends");
    return test_finish("process_setpgid_follows_posix_rules");
}
