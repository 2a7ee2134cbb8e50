/* tests/boot/process_posix_spawn_starts_a_program_as_its_attributes_say.c
 * - posix_spawn and posix_spawnp (libc/spawn): the child runs the program
 * with the descriptors its file actions made (an open as fd 1, a dup2 to
 * fd 2, a close), in the process group, signal mask and signal defaults
 * its attributes gave; a program that cannot be run is an error number
 * from the call itself (ENOENT), with no child left to wait for; an
 * unknown flag is EINVAL, a descriptor out of range EBADF. The program
 * spawned is this test again, which reports what it finds. Passes on
 * Linux too (tools/linux-check). */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>

#include "boot_test.h"

#define TEST_NAME "process_posix_spawn_starts_a_program_as_its_attributes_say"
#define OUTPUT "/tmp/posix-spawn-output"
#define KEPT_FD 7                     /* open in the parent, closed by a file action */

extern char **environ;

/* The spawned side: one line on fd 1 and one on fd 2 (the same file). */
static int report(void)
{
    sigset_t mask;
    sigprocmask(SIG_SETMASK, 0, &mask);
    struct sigaction usr2, term;
    sigaction(SIGUSR2, 0, &usr2);
    sigaction(SIGTERM, 0, &term);
    printf("own-group=%d usr1-blocked=%d usr2-default=%d term-ignored=%d kept-fd-open=%d env=%s\n",
           getpgrp() == getpid(), sigismember(&mask, SIGUSR1), usr2.sa_handler == SIG_DFL,
           term.sa_handler == SIG_IGN, fcntl(KEPT_FD, F_GETFD) >= 0, getenv("SPAWN_TEST") ? getenv("SPAWN_TEST") : "-");
    fflush(stdout);
    fprintf(stderr, "stderr-too\n");
    return 3;
}

static void read_output(char *text, int size)
{
    memset(text, 0, size);
    int fd = open(OUTPUT, O_RDONLY);
    if (fd >= 0) {
        read(fd, text, size - 1);
        close(fd);
    }
}

static void spawns_with_actions_and_attributes(const char *self)
{
    int kept = open("/tmp", O_RDONLY);
    CHECK_EQ(KEPT_FD, dup2(kept, KEPT_FD), "dup2 of a descriptor to 7");
    close(kept);
    signal(SIGUSR2, SIG_IGN);         /* SETSIGDEF gives it back its default */
    signal(SIGTERM, SIG_IGN);         /* this one stays ignored across exec */

    posix_spawn_file_actions_t actions;
    CHECK_EQ(0, posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
    CHECK_EQ(0, posix_spawn_file_actions_addopen(&actions, 1, OUTPUT, O_WRONLY | O_CREAT | O_TRUNC, 0600),
             "addopen of the output as fd 1");
    CHECK_EQ(0, posix_spawn_file_actions_adddup2(&actions, 1, 2), "adddup2 of 1 to 2");
    CHECK_EQ(0, posix_spawn_file_actions_addclose(&actions, KEPT_FD), "addclose of 7");
    CHECK_EQ(EBADF, posix_spawn_file_actions_addclose(&actions, -1), "addclose of -1");

    posix_spawnattr_t attributes;
    CHECK_EQ(0, posix_spawnattr_init(&attributes), "posix_spawnattr_init");
    sigset_t usr1, usr2;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    CHECK_EQ(0, posix_spawnattr_setsigmask(&attributes, &usr1), "setsigmask {SIGUSR1}");
    CHECK_EQ(0, posix_spawnattr_setsigdefault(&attributes, &usr2), "setsigdefault {SIGUSR2}");
    CHECK_EQ(0, posix_spawnattr_setpgroup(&attributes, 0), "setpgroup 0: a group of its own");
    CHECK_EQ(EINVAL, posix_spawnattr_setflags(&attributes, 0x4000), "setflags with an unknown flag");
    CHECK_EQ(0,
             posix_spawnattr_setflags(&attributes,
                                      POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP),
             "setflags");
    short flags = 0;
    posix_spawnattr_getflags(&attributes, &flags);
    CHECK_EQ(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP, flags, "getflags");

    char *argv[] = { (char *)self, "report", 0 };
    char *envp[] = { "SPAWN_TEST=given", 0 };
    pid_t child = -1;
    CHECK_EQ(0, posix_spawn(&child, self, &actions, &attributes, argv, envp), "posix_spawn of this test");
    int status = -1;
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid of the spawned child");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3, "the spawned child's status: expected exit 3, got %#x",
          status);
    char text[256];
    read_output(text, sizeof text);
    CHECK(strcmp(text, "own-group=1 usr1-blocked=1 usr2-default=1 term-ignored=1 kept-fd-open=0 env=given\n"
                       "stderr-too\n") == 0,
          "what the child found: got \"%s\"", text);
    CHECK(fcntl(KEPT_FD, F_GETFD) >= 0, "the parent's fd 7 after the spawn (the action was the child's)");
    struct sigaction usr2_now;
    sigaction(SIGUSR2, 0, &usr2_now);
    CHECK(usr2_now.sa_handler == SIG_IGN, "the parent's SIGUSR2 still ignored");
    close(KEPT_FD);
    signal(SIGUSR2, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    unlink(OUTPUT);
}

static void failures_come_back_as_error_numbers(void)
{
    char *argv[] = { "no-such-program", 0 };
    pid_t child = 12345;
    CHECK_EQ(ENOENT, posix_spawn(&child, "/no/such/program", 0, 0, argv, environ), "posix_spawn of a missing file");
    CHECK_EQ(ENOENT, posix_spawnp(&child, "no-such-program-anywhere", 0, 0, argv, environ),
             "posix_spawnp of a name no PATH directory has");
    CHECK_ERROR(waitpid(-1, 0, WNOHANG), ECHILD);   /* the failed children are gone */

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/no/such/input", O_RDONLY, 0);
    char *sh_argv[] = { "sh", "-c", "exit 0", 0 };
    CHECK_EQ(ENOENT, posix_spawnp(&child, "sh", &actions, 0, sh_argv, environ),
             "posix_spawnp whose file action opens a missing file");
    posix_spawn_file_actions_destroy(&actions);

    int status = -1;
    char *exit_argv[] = { "sh", "-c", "exit 5", 0 };
    CHECK_EQ(0, posix_spawnp(&child, "sh", 0, 0, exit_argv, environ), "posix_spawnp of sh from PATH");
    CHECK_EQ(child, waitpid(child, &status, 0), "waitpid of sh");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5, "sh -c 'exit 5': status %#x", status);
}

static char self_path[256];

static void cases(void)
{
    spawns_with_actions_and_attributes(self_path);
    failures_come_back_as_error_numbers();
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "report"))
        return report();
    snprintf(self_path, sizeof self_path, "%s", argv[0]);
    run_cases_checking_leaks(cases);
    return test_finish(TEST_NAME);
}
