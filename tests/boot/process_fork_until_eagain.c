/* tests/boot/process_fork_until_eagain.c - forking until the process table
 * is full gets EAGAIN (not a hang, not a panic); once the children are
 * reaped, fork works again and nothing has leaked. */
#include "boot_test.h"

#define MAX_CHILDREN 200

int main(void)
{
    struct kinfo_counters before = settled_counters(read_counters().tasks);
    pid_t children[MAX_CHILDREN];
    int count = 0;
    int fork_errno = 0;
    while (count < MAX_CHILDREN) {
        pid_t child = fork();
        if (child == 0) {
            usleep(300000);           /* stay alive while the table fills */
            _exit(0);
        }
        if (child < 0) {
            fork_errno = errno;
            break;
        }
        children[count++] = child;
    }
    CHECK(count < MAX_CHILDREN, "fork never failed in %d tries", MAX_CHILDREN);
    CHECK(fork_errno == EAGAIN, "fork failed with errno %d (%s), expected EAGAIN", fork_errno, strerror(fork_errno));
    CHECK(count > 10, "only %d children could be created", count);
    for (int i = 0; i < count; i++) {
        int status;
        CHECK_EQ(children[i], waitpid(children[i], &status, 0), "reaping a child");
    }
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    CHECK(child > 0, "fork after reaping everything failed: %s", strerror(errno));
    waitpid(child, NULL, 0);
    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("process_fork_until_eagain");
}
