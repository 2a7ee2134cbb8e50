/* tests/boot/process_argv_envp_intact.c - arguments and the environment
 * reach main exactly as execve was given them. */
#include "boot_test.h"

extern char **environ;

static char *const expected_arguments[] = { "process_argv_envp_intact", "--child", "two words", "",
                                            "quote\"inside", "last", NULL };
static char *const expected_environment[] = { "A=1", "B=two words", "EMPTY=", NULL };

static int same_vectors(char **got, char *const *expected, int count)
{
    for (int i = 0; i < count; i++)
        if (!got[i] || strcmp(got[i], expected[i]))
            return 0;
    return got[count] == NULL;
}

int main(int argc, char **argv, char **envp)
{
    if (argc > 1 && !strcmp(argv[1], "--child")) {
        int ok = argc == 6 && same_vectors(argv, expected_arguments, 6) &&
                 same_vectors(envp, expected_environment, 3) && environ == envp &&
                 !strcmp(getenv("B"), "two words") && getenv("MISSING") == NULL;
        return ok ? 0 : 1;
    }
    pid_t child = fork();
    if (child == 0) {
        execve("/tests/process_argv_envp_intact", expected_arguments, expected_environment);
        _exit(100);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child saw different arguments (status 0x%x)", status);

    /* our own arguments from init */
    CHECK(argc == 1 && !strcmp(argv[0], "/tests/process_argv_envp_intact"), "argv[0] \"%s\", argc %d", argv[0], argc);
    CHECK(getenv("PATH") != NULL, "no PATH in the environment init gave");
    return test_finish("process_argv_envp_intact");
}
