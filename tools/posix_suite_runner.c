/* tools/posix_suite_runner.c - the guest's half of tools/posix-suite: runs
 * a batch of conformance test programs one after the other in one boot,
 * each with a time limit, and prints one line per test on the serial line
 * for the host to read.
 *
 * Usage: posix_suite_runner LIST FIRST SECONDS
 *
 * LIST is a text file, one test a line: "ID KIND PATH", KIND being `bin`
 * (a program, run as PATH) or `sh` (a script, run as /bin/sh PATH). The
 * runner starts at the line whose ID is FIRST (the host resumes a batch
 * after a test that stopped the kernel) and, for each test, prints
 *
 *     @@pts begin ID
 *     ... whatever the test writes ...
 *     @@pts end ID exit N        the test exited with status N
 *     @@pts end ID signal N      signal N killed it
 *     @@pts end ID timeout       it ran SECONDS and was killed
 *
 * Each test runs in a process group of its own, in /tmp, with stdin from
 * /dev/null when there is one, so that what it signals with kill(0, ...)
 * or leaves behind (children still running when it ends) is its own: the
 * whole group gets SIGKILL when the test ends. A begin without its end
 * tells the host that the kernel (or this runner) stopped during that test.
 * When the list is done the runner prints "@@pts done" and exits 0. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX_LENGTH 512
#define SHELL "/bin/sh"
#define WORK_DIRECTORY "/tmp"

static volatile sig_atomic_t time_is_up;

static void alarm_rang(int signal_number)
{
    (void)signal_number;
    time_is_up = 1;
}

/* In the child: a process group of its own, /tmp, stdin from /dev/null,
 * then the test. Never returns. */
static void start_test(const char *kind, const char *path)
{
    setpgid(0, 0);
    if (chdir(WORK_DIRECTORY) != 0)
        perror("posix_suite_runner: chdir " WORK_DIRECTORY);
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) {
        dup2(null, 0);
        if (null != 0)
            close(null);
    }
    signal(SIGALRM, SIG_DFL);
    if (strcmp(kind, "sh") == 0)
        execl(SHELL, "sh", path, (char *)NULL);
    else
        execl(path, path, (char *)NULL);
    fprintf(stderr, "posix_suite_runner: cannot run %s: %s\n", path, strerror(errno));
    _exit(127);
}

/* Runs one test and prints its end line. Context: the runner, SIGALRM
 * caught by alarm_rang without SA_RESTART, so waitpid ends at the alarm. */
static void run_test(const char *id, const char *kind, const char *path, unsigned seconds)
{
    printf("@@pts begin %s\n", id);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("posix_suite_runner: fork: %s\n@@pts end %s exit 125\n", strerror(errno), id);
        fflush(stdout);
        return;
    }
    if (pid == 0)
        start_test(kind, path);
    setpgid(pid, pid);                   /* both sides set it: no race with the exec */
    time_is_up = 0;
    alarm(seconds);
    int status = 0;
    pid_t waited;
    do {
        waited = waitpid(pid, &status, 0);
    } while (waited < 0 && errno == EINTR && !time_is_up);
    alarm(0);
    if (waited != pid) {                 /* the alarm: the test ran too long */
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        printf("\n@@pts end %s timeout\n", id);
    } else if (WIFSIGNALED(status)) {
        printf("\n@@pts end %s signal %d\n", id, WTERMSIG(status));
    } else {
        printf("\n@@pts end %s exit %d\n", id, WEXITSTATUS(status));
    }
    kill(-pid, SIGKILL);                 /* what the test left running */
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: posix_suite_runner LIST FIRST SECONDS\n");
        return 2;
    }
    FILE *list = fopen(argv[1], "r");
    if (list == NULL) {
        perror(argv[1]);
        return 2;
    }
    unsigned seconds = (unsigned)atoi(argv[3]);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = alarm_rang;      /* no SA_RESTART: waitpid ends with EINTR */
    sigaction(SIGALRM, &action, NULL);
    setvbuf(stdout, NULL, _IOLBF, 0);
    int started = 0;
    char line[LINE_MAX_LENGTH];
    while (fgets(line, sizeof line, list) != NULL) {
        char id[32], kind[8], path[LINE_MAX_LENGTH];
        if (sscanf(line, "%31s %7s %511s", id, kind, path) != 3)
            continue;
        if (!started && strcmp(id, argv[2]) != 0)
            continue;
        started = 1;
        run_test(id, kind, path, seconds);
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;                            /* a test's children that became ours: none should */
    }
    fclose(list);
    printf("@@pts done\n");
    fflush(stdout);
    return 0;
}
