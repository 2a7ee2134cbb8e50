/* tests/boot/signal_kill_needs_a_matching_user.c - kill(2): "For a process to have permission to send a signal, it must
 * either be privileged, or the real or effective user ID of the sending
 * process must equal the real or saved set-user-ID of the target
 * process." A process of uid 1000 gets EPERM killing root's process or
 * another user's, may signal its own user's, and root may signal anyone.
 * kill asks credentials_may_signal (kernel/proc/credentials.h). */
#include "boot_test.h"

#include <signal.h>

static pid_t sleeper_as(uid_t real, uid_t effective, uid_t saved)
{
    pid_t child = fork();
    if (child == 0) {
        setresuid(real, effective, saved);
        for (;;)
            pause();
    }
    return child;
}

int main(void)
{
    pid_t root_process = sleeper_as(0, 0, 0);
    pid_t other_user = sleeper_as(2000, 2000, 2000);
    pid_t own_user = sleeper_as(1000, 1000, 1000);
    pid_t saved_is_ours = sleeper_as(3000, 3000, 1000);
    usleep(20000);

    pid_t sender = fork();
    if (sender == 0) {
        check_failures = 0;
        setresuid(1000, 1000, 1000);
        CHECK_ERROR(kill(root_process, SIGTERM), EPERM);
        CHECK_ERROR(kill(other_user, SIGTERM), EPERM);
        CHECK_ERROR(kill(root_process, 0), EPERM);     /* signal 0 checks the permission too */
        CHECK_EQ(0, kill(own_user, 0), "kill(own user's process, 0)");
        CHECK_EQ(0, kill(saved_is_ours, 0), "kill of a process whose saved uid is ours");
        _exit(check_failures);
    }
    int status;
    waitpid(sender, &status, 0);
    check_failures += WEXITSTATUS(status);

    /* the effective id counts too: real 2000, effective 1000 */
    sender = fork();
    if (sender == 0) {
        check_failures = 0;
        setresuid(2000, 1000, 1000);
        CHECK_EQ(0, kill(own_user, 0), "sender's effective uid matches the target's real uid");
        CHECK_EQ(0, kill(other_user, 0), "sender's real uid matches the target's real uid");
        CHECK_ERROR(kill(root_process, 0), EPERM);
        _exit(check_failures);
    }
    waitpid(sender, &status, 0);
    check_failures += WEXITSTATUS(status);

    /* root signals anyone */
    pid_t everyone[] = { root_process, other_user, own_user, saved_is_ours };
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(0, kill(everyone[i], SIGKILL), "root's kill");
        waitpid(everyone[i], 0, 0);
    }
    return test_finish("signal_kill_needs_a_matching_user");
}
