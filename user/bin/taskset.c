/* user/bin/taskset.c - the CPUs a program may run on (util-linux's
 * taskset, its usage and messages):
 *   taskset MASK PROGRAM [ARG...]       runs PROGRAM on the CPUs of MASK
 *   taskset -c LIST PROGRAM [ARG...]    the same, the CPUs as a list
 *   taskset -p PID                      prints PID's mask
 *   taskset -p MASK PID                 sets it, printing it before and after
 *   taskset -cp LIST PID                the same with lists
 * MASK is hexadecimal, bit n for CPU n (0x5 or 5: CPUs 0 and 2); LIST is
 * numbers and ranges, "0,2-3". The mask goes through sched_setaffinity(2)
 * (kernel/sched/affinity.c), which keeps only the CPUs there are and
 * refuses a mask without any (EINVAL); a program started keeps it, and so
 * do its children. Exit status: PROGRAM's, or 1 for taskset's own error
 * (2 for wrong usage), 126 if PROGRAM cannot run, 127 if not found.
 * Options are read by getopt(3), up to MASK, so PROGRAM's own are its. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: taskset [-c] MASK|LIST PROGRAM [ARG...]\n"
                    "       taskset -p [-c] [MASK|LIST] PID\n");
    return 2;
}

/* A hexadecimal mask ("0x5", "5") into `set`; 0 if it is not one. */
static int parse_mask(const char *text, cpu_set_t *set)
{
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text += 2;
    size_t length = strlen(text);
    if (length == 0)
        return 0;
    CPU_ZERO(set);
    for (size_t i = 0; i < length; i++) {           /* the last digit holds CPUs 0-3 */
        char c = text[length - 1 - i];
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0)
            return 0;
        for (int bit = 0; bit < 4; bit++)
            if (digit & (1 << bit))
                CPU_SET(i * 4 + bit, set);
    }
    return 1;
}

/* A list ("0,2-3") into `set`; 0 if it is not one. */
static int parse_list(const char *text, cpu_set_t *set)
{
    CPU_ZERO(set);
    while (*text) {
        char *end;
        long first = strtol(text, &end, 10), last = first;
        if (end == text || first < 0)
            return 0;
        if (*end == '-') {
            text = end + 1;
            last = strtol(text, &end, 10);
            if (end == text || last < first)
                return 0;
        }
        for (long cpu = first; cpu <= last && cpu < CPU_SETSIZE; cpu++)
            CPU_SET(cpu, set);
        if (*end == ',')
            end++;
        else if (*end)
            return 0;
        text = end;
    }
    return 1;
}

/* Prints `set` as util-linux does: a list, or hexadecimal without 0x. */
static void print_set(const cpu_set_t *set, int as_list)
{
    int highest = -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, set))
            highest = cpu;
    if (as_list) {
        const char *separator = "";
        for (int cpu = 0; cpu <= highest; cpu++) {
            if (!CPU_ISSET(cpu, set))
                continue;
            int last = cpu;
            while (last + 1 <= highest && CPU_ISSET(last + 1, set))
                last++;
            if (last > cpu)
                printf("%s%d-%d", separator, cpu, last);
            else
                printf("%s%d", separator, cpu);
            separator = ",";
            cpu = last;
        }
        printf("\n");
        return;
    }
    if (highest < 0) {
        printf("0\n");
        return;
    }
    for (int digit = highest / 4; digit >= 0; digit--) {
        int value = 0;
        for (int bit = 0; bit < 4; bit++)
            if (CPU_ISSET(digit * 4 + bit, set))
                value |= 1 << bit;
        printf("%x", value);
    }
    printf("\n");
}

static int show(pid_t pid, const char *which, int as_list)
{
    cpu_set_t set;
    if (sched_getaffinity(pid, sizeof set, &set) < 0) {
        fprintf(stderr, "taskset: failed to get pid %d's affinity: %s\n", (int)pid, strerror(errno));
        return 1;
    }
    printf("pid %d's %s affinity %s: ", (int)pid, which, as_list ? "list" : "mask");
    print_set(&set, as_list);
    return 0;
}

int main(int argc, char **argv)
{
    int as_list = 0, of_pid = 0, option;
    while ((option = getopt(argc, argv, "+cp")) != -1) {
        if (option == 'c')
            as_list = 1;
        else if (option == 'p')
            of_pid = 1;
        else
            return usage();
    }
    int left = argc - optind;
    char **words = argv + optind;
    if (of_pid) {
        if (left < 1 || left > 2)
            return usage();
        char *end;
        long pid = strtol(words[left - 1], &end, 10);
        if (*end || pid < 0) {
            fprintf(stderr, "taskset: invalid PID argument: '%s'\n", words[left - 1]);
            return 1;
        }
        if (left == 1)
            return show((pid_t)pid, "current", as_list);
        cpu_set_t set;
        if (!(as_list ? parse_list(words[0], &set) : parse_mask(words[0], &set))) {
            fprintf(stderr, "taskset: failed to parse CPU %s: %s\n", as_list ? "list" : "mask", words[0]);
            return 1;
        }
        if (show((pid_t)pid, "current", as_list))
            return 1;
        if (sched_setaffinity((pid_t)pid, sizeof set, &set) < 0) {
            fprintf(stderr, "taskset: failed to set pid %ld's affinity: %s\n", pid, strerror(errno));
            return 1;
        }
        return show((pid_t)pid, "new", as_list);
    }
    if (left < 2)
        return usage();
    cpu_set_t set;
    if (!(as_list ? parse_list(words[0], &set) : parse_mask(words[0], &set))) {
        fprintf(stderr, "taskset: failed to parse CPU %s: %s\n", as_list ? "list" : "mask", words[0]);
        return 1;
    }
    if (sched_setaffinity(0, sizeof set, &set) < 0) {
        fprintf(stderr, "taskset: failed to set pid %d's affinity: %s\n", (int)getpid(), strerror(errno));
        return 1;
    }
    execvp(words[1], words + 1);
    int error = errno;
    fprintf(stderr, "taskset: failed to execute %s: %s\n", words[1], strerror(error));
    return error == ENOENT ? 127 : 126;
}
