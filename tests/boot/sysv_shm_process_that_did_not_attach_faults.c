/* tests/boot/sysv_shm_process_that_did_not_attach_faults.c - a segment is
 * reachable only through an attachment of one's own. At the address where
 * the parent attached, these processes fault (SIGSEGV) whether they read
 * or write, and the parent's data is unchanged:
 *   - a child forked before the parent attached;
 *   - a child that inherited the attachment and detached it (shmdt);
 *   - a child that inherited it and then exec'd (exec drops attachments).
 * Each learns the address through a pipe after the parent has written. */
#include <signal.h>
#include <stdint.h>
#include <sys/shm.h>

#include "boot_test.h"

#define SIZE 8192

/* Touches `address` (a store, else a load) and exits 0: it should fault. */
static void touch(uint32_t address, int store)
{
    volatile char *byte = (volatile char *)address;
    if (store)
        *byte = 'X';
    else
        (void)*byte;
    _exit(0);
}

static void expect_sigsegv(const char *what, pid_t child)
{
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "%s: expected death by SIGSEGV (%d), got status 0x%x", what, SIGSEGV, status);
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--touch"))
        touch((uint32_t)strtoul(argv[2], NULL, 16), atoi(argv[3]));

    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    for (int writes = 0; writes <= 1; writes++) {
        /* forked before we attach: it never had an attachment */
        int address_pipe[2];
        pipe(address_pipe);
        pid_t early = fork();
        if (early == 0) {
            uint32_t address;
            if (read(address_pipe[0], &address, sizeof address) != sizeof address)
                _exit(90);
            touch(address, writes);
        }
        char *memory = shmat(id, NULL, 0);
        CHECK(memory != (char *)-1, "shmat: expected an address, got -1 (%s)", strerror(errno));
        strcpy(memory, "the parent's");
        strcpy(memory + 4096, "second page");
        uint32_t address = (uint32_t)memory;
        write(address_pipe[1], &address, sizeof address);
        expect_sigsegv(writes ? "a write by a child forked before shmat" : "a read by a child forked before shmat",
                       early);
        close(address_pipe[0]);
        close(address_pipe[1]);

        /* inherited, then detached */
        pid_t detached = fork();
        if (detached == 0) {
            if (shmdt(memory) != 0)
                _exit(91);
            touch(address + 4096, writes);
        }
        expect_sigsegv(writes ? "a write by a child after its shmdt" : "a read by a child after its shmdt", detached);

        /* inherited, then exec'd */
        pid_t execd = fork();
        if (execd == 0) {
            char hex[16], kind[4];
            snprintf(hex, sizeof hex, "%x", address);
            snprintf(kind, sizeof kind, "%d", writes);
            execl(argv[0], argv[0], "--touch", hex, kind, (char *)NULL);
            _exit(92);
        }
        expect_sigsegv(writes ? "a write by a child after exec" : "a read by a child after exec", execd);

        CHECK(!strcmp(memory, "the parent's") && !strcmp(memory + 4096, "second page"),
              "the parent's data: expected \"the parent's\" and \"second page\", got \"%s\" and \"%s\"",
              memory, memory + 4096);
        struct shmid_ds status;
        shmctl(id, IPC_STAT, &status);
        CHECK_EQ(1, status.shm_nattch, "shm_nattch: only the parent's attachment");
        shmdt(memory);
    }
    shmctl(id, IPC_RMID, NULL);
    return test_finish("sysv_shm_process_that_did_not_attach_faults");
}
