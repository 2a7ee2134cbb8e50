/* tests/boot/sysv_sem_ipcs_and_ps_show_sets_and_waiters.c - ipcs lists
 * every semaphore set (id and key, creator, its size, the processes
 * waiting in semop) and ps names the set a blocked process waits on
 * ("semaphores ID"); a removed set is gone from ipcs. */
#include <sys/sem.h>

#include "boot_test.h"

/* Runs `program` with its output into `buffer` (NUL-terminated). */
static void capture(const char *program, char *buffer, int size)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl(program, program, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    int used = 0, n;
    while (used < size - 1 && (n = read(fds[0], buffer + used, size - 1 - used)) > 0)
        used += n;
    buffer[used] = 0;
    close(fds[0]);
    waitpid(child, NULL, 0);
}

/* The line of `output` whose first two fields are `first` and `second`. */
static const char *line_with(const char *output, const char *first, const char *second)
{
    static char line[256];
    char a[64], b[64];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(line, sizeof line, "%.*s", length, p);
        if (sscanf(line, "%63s %63s", a, b) == 2 && !strcmp(a, first) && !strcmp(b, second))
            return line;
        p = end ? end + 1 : p + length;
    }
    return "";
}

/* The line of `output` whose first field is `first`. */
static const char *line_starting(const char *output, const char *first)
{
    static char line[256];
    char field[64];
    for (const char *p = output; *p;) {
        const char *end = strchr(p, '\n');
        int length = end ? (int)(end - p) : (int)strlen(p);
        snprintf(line, sizeof line, "%.*s", length, p);
        if (sscanf(line, "%63s", field) == 1 && !strcmp(field, first))
            return line;
        p = end ? end + 1 : p + length;
    }
    return "";
}

/* Waits until process `pid` sleeps in `reason`, as ps shows it. */
static int blocked_in(pid_t pid, const char *reason)
{
    for (int tries = 0; tries < 2000; tries++) {
        struct kinfo_process processes[64];
        int count = kinfo(KINFO_PROCESSES, processes, sizeof processes) / (int)sizeof processes[0];
        for (int i = 0; i < count; i++)
            if (processes[i].pid == pid && processes[i].state == 'B' &&
                strcmp(processes[i].wait_reason, reason) == 0)
                return 1;
        usleep(1000);
    }
    return 0;
}

int main(void)
{
    key_t key = ftok("/tmp", 'j');
    int keyed = semget(key, 3, IPC_CREAT | 0600);
    int private_set = semget(IPC_PRIVATE, 1, 0600);
    pid_t waiters[2];
    for (int i = 0; i < 2; i++) {
        waiters[i] = fork();
        if (waiters[i] == 0) {
            struct sembuf take = { (unsigned short)i, -1, 0 };
            _exit(semop(keyed, &take, 1) == 0 ? 0 : 1);
        }
        CHECK(blocked_in(waiters[i], "semop"), "waiter %d did not block", i);
    }

    char output[4096], text[64], pid_text[16];
    capture("/bin/ps", output, sizeof output);
    snprintf(text, sizeof text, "semaphores %d", keyed);
    for (int i = 0; i < 2; i++) {
        snprintf(pid_text, sizeof pid_text, "%d", waiters[i]);
        const char *line = line_starting(output, pid_text);
        CHECK(strstr(line, "semop") && strstr(line, text), "ps line of waiter %d: \"%s\" (expected \"%s\")",
              i, line, text);
    }

    capture("/bin/ipcs", output, sizeof output);
    char name[32];
    snprintf(name, sizeof name, "%d/0x%x", keyed, (unsigned)key);
    const char *line = line_with(output, "semaphores", name);
    int owner, count, send_wait, receive_wait;
    char capacity[16];
    CHECK(sscanf(line, "%*s %*s %d %d %15s %d %d", &owner, &count, capacity, &send_wait, &receive_wait) == 5 &&
          owner == getpid() && count == 3 && !strcmp(capacity, "3") && send_wait == 0 && receive_wait == 2,
          "ipcs line of set %s: \"%s\" (expected owner %d, 3 semaphores, 2 waiting)\n%s",
          name, line, getpid(), output);
    snprintf(name, sizeof name, "%d", private_set);
    line = line_with(output, "semaphores", name);
    CHECK(sscanf(line, "%*s %*s %d %d %15s %d %d", &owner, &count, capacity, &send_wait, &receive_wait) == 5 &&
          count == 1 && receive_wait == 0, "ipcs line of set %s: \"%s\"", name, line);

    unsigned short values[3] = { 1, 1, 0 };
    semctl(keyed, 0, SETALL, values);
    int status;
    for (int i = 0; i < 2; i++) {
        pid_t done = wait(&status);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "waiter %d ended with 0x%x", done, status);
    }
    semctl(keyed, 0, IPC_RMID);
    semctl(private_set, 0, IPC_RMID);
    capture("/bin/ipcs", output, sizeof output);
    CHECK(strstr(output, "semaphores") == NULL, "ipcs still lists a removed set:\n%s", output);
    return test_finish("sysv_sem_ipcs_and_ps_show_sets_and_waiters");
}
