/* tests/boot/sysv_sem_ipcs_and_ps_show_sets_and_waiters.c - ipcs lists
 * every semaphore set (id and key, creator, its size, the processes
 * waiting in semop) and ps names the set a blocked process waits on
 * ("semaphores ID"); a removed set is gone from ipcs. */
#include <sys/sem.h>

#include "boot_test.h"
#include "boot_wait.h"

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
        CHECK(wait_until_blocked(waiters[i], "semop"), "waiter %d did not block", i);
    }

    char output[4096], text[64];
    capture("/bin/ps", output, sizeof output);
    snprintf(text, sizeof text, "semaphores %d", keyed);
    for (int i = 0; i < 2; i++) {
        const char *line = ps_line_of(output, waiters[i]);
        CHECK(strstr(line, "semop") && strstr(line, text), "ps line of waiter %d: \"%s\" (expected \"%s\")",
              i, line, text);
    }

    capture("/bin/ipcs", output, sizeof output);
    char name[32];
    snprintf(name, sizeof name, "%d/0x%x", keyed, (unsigned)key);
    const char *line = line_with(output, "semaphores", name);
    struct ipcs_numbers numbers;
    CHECK(ipcs_numbers_of(line, &numbers) && numbers.owner == getpid() && numbers.count == 3 &&
          !strcmp(numbers.capacity, "3") && numbers.senders_waiting == 0 && numbers.receivers_waiting == 2,
          "ipcs line of set %s: \"%s\" (expected owner %d, 3 semaphores, 2 waiting)\n%s",
          name, line, getpid(), output);
    snprintf(name, sizeof name, "%d", private_set);
    line = line_with(output, "semaphores", name);
    CHECK(ipcs_numbers_of(line, &numbers) && numbers.count == 1 && numbers.receivers_waiting == 0,
          "ipcs line of set %s: \"%s\"", name, line);

    unsigned short values[3] = { 1, 1, 0 };
    semctl(keyed, 0, SETALL, values);
    expect_children_ok(2, "waiter");
    semctl(keyed, 0, IPC_RMID);
    semctl(private_set, 0, IPC_RMID);
    capture("/bin/ipcs", output, sizeof output);
    CHECK(strstr(output, "semaphores") == NULL, "ipcs still lists a removed set:\n%s", output);
    return test_finish("sysv_sem_ipcs_and_ps_show_sets_and_waiters");
}
