/* libc_execle_runs_the_program_with_the_environment_given: execle passes
 * the arguments listed up to their NULL, and the environment array after
 * it, not the caller's: the program runs with exactly those variables
 * (none for an empty array); a missing program is ENOENT and the caller
 * goes on. */
#include "boot_test.h"

#define MISMATCH_EXIT 3

/* The run program's side: its environment must be exactly argv[2..],
 * in order; exits 0 if so. */
static void child_mode(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--environment-is"))
        return;
    int count = 0;
    while (environ && environ[count])
        count++;
    if (count != argc - 2) {
        printf("FAIL: the run program has %d variables, %d expected\n", count, argc - 2);
        exit(MISMATCH_EXIT);
    }
    for (int i = 0; i < count; i++)
        if (strcmp(environ[i], argv[i + 2])) {
            printf("FAIL: variable %d is \"%s\", \"%s\" expected\n", i, environ[i], argv[i + 2]);
            exit(MISMATCH_EXIT);
        }
    exit(0);
}

/* Waits for `child`; its exit status, or -1 if it did not exit. */
static int exit_status_of(pid_t child)
{
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
    child_mode(argc, argv);
    CHECK_EQ(0, setenv("ONLY_IN_THE_CALLER", "yes", 1), "setenv");

    char *const given[] = { "ONE=1", "TWO=two words", "EMPTY=", NULL };
    pid_t child = fork();
    if (child == 0) {
        execle(argv[0], argv[0], "--environment-is", "ONE=1", "TWO=two words", "EMPTY=", (char *)NULL, given);
        _exit(100);
    }
    CHECK_EQ(0, exit_status_of(child), "the program ran with the three variables given");

    char *const none[] = { NULL };
    child = fork();
    if (child == 0) {
        execle(argv[0], argv[0], "--environment-is", (char *)NULL, none);
        _exit(100);
    }
    CHECK_EQ(0, exit_status_of(child), "the program ran with no variable");

    CHECK_ERROR(execle("/no/such/program", "program", (char *)NULL, given), ENOENT);
    CHECK(getenv("ONLY_IN_THE_CALLER") != NULL, "the caller's environment is its own still");
    return test_finish("libc_execle_runs_the_program_with_the_environment_given");
}
