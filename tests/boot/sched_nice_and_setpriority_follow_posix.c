/* tests/boot/sched_nice_and_setpriority_follow_posix.c - nice(2),
 * getpriority and setpriority as POSIX and Linux have them: values
 * clamped to -20 .. 19, EINVAL for an unknown `which`, ESRCH when nothing
 * matches, a child inherits its parent's nice value, PRIO_PGRP reaches the
 * whole group; and the nice utility runs a program at another value.
 * Privilege: the kernel has no users yet, so every process may lower a
 * nice value too, as root may on Linux (docs/scheduler.md). */
#include <sys/resource.h>

#include "boot_sched.h"

static int nice_value_of(pid_t pid)
{
    errno = 0;
    int value = getpriority(PRIO_PROCESS, pid);
    CHECK(errno == 0, "getpriority(PRIO_PROCESS, %d): %s", pid, strerror(errno));
    return value;
}

static void errors(void)
{
    CHECK_ERROR(getpriority(7, 0), EINVAL);
    CHECK_ERROR(setpriority(7, 0, 0), EINVAL);
    CHECK_ERROR(getpriority(PRIO_PROCESS, 30000), ESRCH);
    CHECK_ERROR(setpriority(PRIO_PROCESS, 30000, 5), ESRCH);
    CHECK_ERROR(getpriority(PRIO_PGRP, 30000), ESRCH);
    CHECK_ERROR(getpriority(PRIO_USER, 1000), ESRCH);        /* every process is user 0 */
    CHECK_EQ(0, nice_value_of(0), "a new test's nice value");
}

static void values_are_clamped(void)
{
    CHECK_EQ(0, setpriority(PRIO_PROCESS, 0, 100), "setpriority to 100");
    CHECK_EQ(19, nice_value_of(0), "nice value after asking for 100");
    CHECK_EQ(0, setpriority(PRIO_PROCESS, 0, -100), "setpriority to -100 (allowed: no users, see the header)");
    CHECK_EQ(-20, nice_value_of(0), "nice value after asking for -100");
    CHECK_EQ(0, setpriority(PRIO_PROCESS, getpid(), 0), "setpriority by our own pid");
    errno = 0;
    CHECK_EQ(-1, nice(-1), "nice(-1) from 0 returns the new value, -1");
    CHECK_EQ(0, errno, "errno after nice(-1) (a new value of -1 is no error)");
    CHECK_EQ(4, nice(5), "nice(5) from -1");
    CHECK_EQ(19, nice(1000), "nice(1000) stops at 19");
    CHECK_EQ(0, getpriority(PRIO_USER, 0) > 19, "PRIO_USER 0 names every process: the lowest value");
    setpriority(PRIO_PROCESS, 0, 0);
}

static void children_inherit_and_groups_are_reached(void)
{
    CHECK_EQ(0, setpriority(PRIO_PROCESS, 0, 6), "setpriority to 6");
    int to_child[2], from_child[2];
    CHECK(pipe(to_child) == 0 && pipe(from_child) == 0, "pipe: %s", strerror(errno));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char byte = (char)getpriority(PRIO_PROCESS, 0);
        setpgid(0, 0);                   /* a group of its own */
        write(from_child[1], &byte, 1);  /* what it inherited */
        read(to_child[0], &byte, 1);     /* until the parent has set the group's value */
        _exit(getpriority(PRIO_PROCESS, 0) == 13 ? 0 : 1);
    }
    char inherited = 0;
    CHECK_EQ(1, read(from_child[0], &inherited, 1), "the child's report");
    CHECK_EQ(6, inherited, "the child's nice value, inherited");
    CHECK_EQ(6, nice_value_of(child), "the child's nice value, as getpriority of its pid says");
    CHECK_EQ(0, setpriority(PRIO_PGRP, child, 13), "setpriority of the child's group");
    CHECK_EQ(13, getpriority(PRIO_PGRP, child), "getpriority of the child's group");
    CHECK_EQ(6, nice_value_of(0), "our own value is untouched");
    write(to_child[1], "x", 1);
    int status = -1;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child saw 13 after its group's change (status 0x%x)",
          status);
    setpriority(PRIO_PROCESS, 0, 0);
}

static void the_nice_utility(void)
{
    char output[64];
    char *nested[] = { "/bin/nice", "-n", "7", "/bin/nice", 0 };
    char *plain[] = { "/bin/nice", "/bin/nice", 0 };
    char *missing[] = { "/bin/nice", "-n", "1", "/bin/no_such_program", 0 };
    const struct { char **argv; const char *expected; int status; } cases[] = {
        { nested, "7\n", 0 }, { plain, "10\n", 0 }, { missing, "", 127 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int status = run_capturing(cases[i].argv, output, sizeof output);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == cases[i].status,
              "%s %s: status 0x%x, expected exit %d", cases[i].argv[1], cases[i].argv[2], status, cases[i].status);
        CHECK(strcmp(output, cases[i].expected) == 0, "nice %s %s printed \"%s\", expected \"%s\"",
              cases[i].argv[1], cases[i].argv[2], output, cases[i].expected);
    }
}

int main(void)
{
    errors();
    values_are_clamped();
    children_inherit_and_groups_are_reached();
    the_nice_utility();
    return test_finish("sched_nice_and_setpriority_follow_posix");
}
