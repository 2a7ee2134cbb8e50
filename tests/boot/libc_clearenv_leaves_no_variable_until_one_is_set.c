/* libc_clearenv_leaves_no_variable_until_one_is_set: clearenv returns 0
 * and sets environ to NULL, as glibc does, whether the environment is the
 * one the program started with, one setenv grew, or an array of the
 * program's own (left untouched); getenv then finds nothing and unsetenv
 * has nothing to do; setenv and putenv start a new environment of just
 * what they set; a program run after clearenv gets no variable. */
#include "boot_test.h"

/* The run program's side: exits with the number of its variables. */
static void child_mode(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--count-variables"))
        return;
    int count = 0;
    while (environ && environ[count])
        count++;
    exit(count);
}

/* In a child: clearenv on the environment the program started with. */
static void check_the_first_environment(void)
{
    CHECK(environ != NULL && environ[0] != NULL, "the test starts with some variables");
    CHECK_EQ(0, clearenv(), "clearenv");
    CHECK(environ == NULL, "environ is NULL");
    CHECK(getenv("PATH") == NULL, "no PATH");
}

int main(int argc, char **argv)
{
    child_mode(argc, argv);
    setenv("PATH", "/bin", 0);                    /* at least one variable to start with */
    run_checks_in_child(check_the_first_environment);

    CHECK_EQ(0, setenv("ALPHA", "1", 1), "setenv ALPHA");
    static char beta[] = "BETA=2";
    CHECK_EQ(0, putenv(beta), "putenv BETA");
    CHECK_EQ(0, clearenv(), "clearenv");
    CHECK(environ == NULL, "environ is NULL");
    CHECK(getenv("ALPHA") == NULL && getenv("BETA") == NULL, "getenv finds nothing");
    CHECK_EQ(0, unsetenv("ALPHA"), "unsetenv with no environment");
    CHECK_EQ(0, clearenv(), "clearenv again");

    pid_t child = fork();
    if (child == 0) {
        execv(argv[0], (char *[]){ argv[0], "--count-variables", NULL });
        _exit(100);
    }
    int status;
    CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a program run after clearenv has no variable: status 0x%x", status);

    CHECK_EQ(0, setenv("GAMMA", "3", 0), "setenv after clearenv");
    CHECK(environ && environ[0] && !strcmp(environ[0], "GAMMA=3") && !environ[1], "environ holds GAMMA=3 alone");
    static char delta[] = "DELTA=4";
    CHECK_EQ(0, putenv(delta), "putenv after clearenv");
    CHECK(environ && environ[1] == delta && !environ[2], "and then DELTA=4, the caller's string");
    CHECK(getenv("GAMMA") && !strcmp(getenv("GAMMA"), "3"), "getenv GAMMA");

    char *own[] = { "MINE=yes", NULL };
    environ = own;
    CHECK(getenv("MINE") != NULL, "the program's own array is the environment");
    CHECK_EQ(0, clearenv(), "clearenv of the program's own array");
    CHECK(environ == NULL && own[0] && !strcmp(own[0], "MINE=yes") && own[1] == NULL, "which it leaves alone");
    return test_finish("libc_clearenv_leaves_no_variable_until_one_is_set");
}
