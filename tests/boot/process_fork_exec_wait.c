/* tests/boot/process_fork_exec_wait.c - fork, exec, exit and wait report
 * what POSIX says: exit codes, pids, WNOHANG, ECHILD, orphans to init. */
#include "boot_test.h"

static void child_mode(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--exit-with"))
        exit(atoi(argv[2]));
}

int main(int argc, char **argv)
{
    child_mode(argc, argv);
    int status;

    /* exit code reaches the parent */
    pid_t child = fork();
    if (child == 0)
        _exit(3);
    CHECK(child > 0, "fork returned %d", child);
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid's pid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status 0x%x, expected exit 3", status);

    /* the child sees its parent; getpid differs */
    pid_t parent = getpid();
    child = fork();
    if (child == 0)
        _exit(getppid() == parent && getpid() != parent ? 0 : 1);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child saw the wrong parent or pid");

    /* WNOHANG: 0 while the child runs */
    child = fork();
    if (child == 0) {
        usleep(50000);
        _exit(9);
    }
    CHECK_EQ(0, waitpid(child, &status, WNOHANG), "waitpid WNOHANG on a running child");
    CHECK_EQ(child, waitpid(-1, &status, 0), "waitpid(-1)");
    CHECK(WEXITSTATUS(status) == 9, "status 0x%x, expected exit 9", status);

    /* no children at all */
    CHECK_ERROR(waitpid(-1, &status, 0), ECHILD);
    CHECK_ERROR(waitpid(12345, &status, 0), ECHILD);
    CHECK_ERROR(wait(NULL), ECHILD);

    /* exec: the new program's exit code; a NULL status pointer is allowed */
    child = fork();
    if (child == 0) {
        execl(argv[0], argv[0], "--exit-with", "42", (char *)NULL);
        _exit(100);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "exec'd program: status 0x%x, expected 42", status);
    child = fork();
    if (child == 0)
        _exit(0);
    CHECK_EQ(child, waitpid(child, NULL, 0), "waitpid with a NULL status");

    /* exec failures leave the caller running */
    char *no_arguments[] = { "missing", NULL };
    CHECK_ERROR(execv("/bin/no-such-program", no_arguments), ENOENT);
    CHECK_ERROR(execv("/tests", no_arguments), EACCES);

    /* an orphan is adopted by init (pid 1) */
    child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            for (int i = 0; i < 200 && getppid() != 1; i++)
                usleep(1000);
            _exit(getppid() == 1 ? 0 : 1);
        }
        _exit(0);                     /* orphan the grandchild */
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "the middle process did not exit normally");
    usleep(100000);                   /* the grandchild ends; init reaps it */
    CHECK_ERROR(waitpid(-1, &status, WNOHANG), ECHILD);

    return test_finish("process_fork_exec_wait");
}
