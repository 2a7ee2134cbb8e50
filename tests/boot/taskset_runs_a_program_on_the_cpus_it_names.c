/* tests/boot/taskset_runs_a_program_on_the_cpus_it_names.c - taskset(1)
 * as util-linux's: `taskset MASK PROGRAM` runs PROGRAM with that affinity
 * (here `taskset -p 0`, which prints its own mask), -c takes and prints
 * lists; -p PID prints a running process's mask, -p MASK PID changes it
 * (sched_getaffinity sees the new one) and prints both; a mask without a
 * CPU that is there, a mask that is not one, and no program fail with 1,
 * wrong usage with 2, a program that does not exist with 127. On two CPUs
 * or more (get_nprocs) CPU 1 is used too, and a program kept to CPU 1
 * says so with sched_getcpu through ps -l's PSR. */
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/sysinfo.h>

#include "boot_test.h"
#include "boot_wait.h"

#define TASKSET "/bin/taskset"

/* Runs taskset with `arguments` (NULL-terminated, after "taskset"); its
 * exit status, its output in `output`. */
static int taskset(char *output, int size, const char *first, ...)
{
    char *argv[12] = { TASKSET };
    int count = 1;
    va_list arguments;
    va_start(arguments, first);
    for (const char *word = first; word && count < 11; word = va_arg(arguments, const char *))
        argv[count++] = (char *)word;
    va_end(arguments);
    argv[count] = 0;
    int status = run_capturing(argv, output, size);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
    char out[512];
    int cpus = get_nprocs();

    CHECK_EQ(0, taskset(out, sizeof out, "1", TASKSET, "-p", "0", (char *)0), "taskset 1 taskset -p 0");
    CHECK(strstr(out, "pid 0's current affinity mask: 1\n") != 0, "taskset 1: the program's mask: \"%s\"", out);
    CHECK_EQ(0, taskset(out, sizeof out, "-c", "0", TASKSET, "-cp", "0", (char *)0), "taskset -c 0 ...");
    CHECK(strstr(out, "pid 0's current affinity list: 0\n") != 0, "taskset -c 0: the program's list: \"%s\"", out);

    /* -p on a running process */
    pid_t sleeper = fork();
    if (sleeper == 0) {
        for (;;)
            pause();
    }
    char pid_text[16];
    snprintf(pid_text, sizeof pid_text, "%d", sleeper);
    CHECK_EQ(0, taskset(out, sizeof out, "-p", "1", pid_text, (char *)0), "taskset -p 1 PID");
    char expected[96];
    snprintf(expected, sizeof expected, "pid %d's new affinity mask: 1\n", sleeper);
    CHECK(strstr(out, "'s current affinity mask: ") != 0 && strstr(out, expected) != 0,
          "taskset -p 1 PID printed \"%s\"", out);
    cpu_set_t set;
    CHECK_EQ(0, sched_getaffinity(sleeper, sizeof set, &set), "sched_getaffinity of the changed process");
    CHECK(CPU_ISSET(0, &set) && CPU_COUNT(&set) == 1, "its mask after taskset -p 1: %d CPUs", CPU_COUNT(&set));
    kill(sleeper, SIGKILL);
    waitpid(sleeper, 0, 0);

    /* errors */
    CHECK_EQ(1, taskset(out, sizeof out, "0x100", "/bin/true", (char *)0), "a mask of CPU 8 alone (there is none)");
    CHECK_EQ(1, taskset(out, sizeof out, "zz", "/bin/true", (char *)0), "a mask that is not one");
    CHECK_EQ(2, taskset(out, sizeof out, "1", (char *)0), "a mask and no program");
    CHECK_EQ(127, taskset(out, sizeof out, "1", "/bin/no-such-program", (char *)0), "a program that does not exist");

    if (cpus >= 2) {
        /* CPU 1 alone: the program's mask is 2, and ps -l says it runs there */
        CHECK_EQ(0, taskset(out, sizeof out, "2", TASKSET, "-p", "0", (char *)0), "taskset 2 taskset -p 0");
        CHECK(strstr(out, "pid 0's current affinity mask: 2\n") != 0, "taskset 2: the program's mask: \"%s\"", out);
        CHECK_EQ(0, taskset(out, sizeof out, "-c", "1", "/bin/ps", "-l", (char *)0), "taskset -c 1 ps -l");
        const char *line = strstr(out, " ps\n");
        CHECK(line != 0, "ps -l printed no line of itself: \"%s\"", out);
        if (line) {
            while (line > out && line[-1] != '\n')
                line--;
            int psr = -1;
            /* PID PPID PGID NLWP S LVL NI TIME CLS RTPRIO VOLUNTARY INVOLUNTARY PSR WAIT ON NAME */
            sscanf(line, "%*d %*d %*d %*d %*c %*d %*d %*u %*s %*s %*u %*u %d", &psr);
            CHECK_EQ(1, psr, "ps -l's PSR of itself under taskset -c 1");
        }
    }
    return test_finish("taskset_runs_a_program_on_the_cpus_it_names");
}
