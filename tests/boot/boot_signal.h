/* tests/boot/boot_signal.h - what the signal tests share: running one
 * case in a child of its own, so that a kernel that kills the process
 * instead of running a handler fails that case, not the whole test.
 * A case is a function that returns its child's exit code: 0 when the
 * rule held, else a number its comment explains. Portable: the tests
 * that include it run on Linux too (tools/linux-check). */
#ifndef TESTS_BOOT_BOOT_SIGNAL_H
#define TESTS_BOOT_BOOT_SIGNAL_H

#include <signal.h>

#include "boot_test.h"

/* Runs `child_case` in a child and waits for it: the child's wait status
 * (the case's exit code, or the signal that killed it). */
static inline int status_of_case_in_a_child(int (*child_case)(void))
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(child_case());
    int status = 0;
    waitpid(child, &status, 0);
    return status;
}

/* Runs `child_case` in a child and checks that it exited 0; `what` is
 * the rule the case checks, named in a failure. */
static inline void run_case_in_a_child(int (*child_case)(void), const char *what)
{
    int status = status_of_case_in_a_child(child_case);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: status 0x%x, expected exit 0%s", what, status,
          WIFSIGNALED(status) ? " (killed by the signal: did its handler run?)" : "");
}

#endif
