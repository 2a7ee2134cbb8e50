/* tests/boot/sysv_shm_rmid_removes_key_at_once_memory_at_last_detach.c -
 * shmctl(IPC_RMID) on a segment two processes have attached:
 *   - the key is gone at once: shmget by key without IPC_CREAT is ENOENT,
 *     and IPC_CREAT|IPC_EXCL makes a new, different segment;
 *   - shmat by the old id fails with EINVAL, IPC_STAT still answers (both
 *     attached, key now IPC_PRIVATE);
 *   - both processes keep using the memory and see each other's writes;
 *   - the segment and its memory object stay counted until the last
 *     process detaches, and go the moment it does, whether that last
 *     detach is a shmdt, an exit or an exec; then the id is EINVAL.
 * After many rounds the kernel's free frames, heap, memory objects and
 * sysv_shm_segments are as they were (CHECK_NO_LEAK). */
#include <signal.h>
#include <sys/shm.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define PAGES 3
#define SIZE (PAGES * PAGE)
#define ROUNDS 6

enum last_detach { BY_SHMDT, BY_EXIT, BY_EXEC, LAST_DETACH_KINDS };
static const char *const last_detach_names[] = { "shmdt", "exit", "exec" };

static const char *self;

/* The child: checks the parent's data after IPC_RMID, answers, detaches as told. */
static void child(char *memory, enum last_detach kind, int turn_in, int turn_out)
{
    child_waits_for_turn(turn_in);           /* the parent has done IPC_RMID */
    for (int page = 0; page < PAGES; page++)
        if (memory[page * PAGE] != 'A' + page)
            _exit(1);
    strcpy(memory + PAGE + 1, "the child, after IPC_RMID");
    child_gives_turn(turn_out);
    child_waits_for_turn(turn_in);           /* the parent has detached or not, as the kind says */
    if (kind == BY_SHMDT) {
        if (shmdt(memory) != 0)
            _exit(2);
        child_gives_turn(turn_out);
        child_waits_for_turn(turn_in);
        _exit(0);
    }
    if (kind == BY_EXEC)
        exec_self_taking_turns(self, turn_in, turn_out);
    _exit(0);                                /* BY_EXIT */
}

static void expect_gone(int id, unsigned segments, unsigned objects, const char *after)
{
    struct kinfo_counters now = read_counters();
    CHECK(now.sysv_shm_segments == segments && now.memory_objects == objects,
          "after the last detach (%s): expected %u segments and %u memory objects, got %u and %u",
          after, segments, objects, now.sysv_shm_segments, now.memory_objects);
    struct shmid_ds status;
    CHECK_ERROR(shmctl(id, IPC_STAT, &status), EINVAL);
}

static void round_of(enum last_detach kind, key_t key)
{
    const char *name = last_detach_names[kind];
    struct kinfo_counters start = read_counters();
    int id = shmget(key, SIZE, IPC_CREAT | IPC_EXCL | 0600);
    char *memory = shmat(id, NULL, 0);
    CHECK(id >= 0 && memory != (char *)-1, "%s round: shmget and shmat: got id %d, address %p (%s)",
          name, id, (void *)memory, strerror(errno));
    if (memory == (char *)-1)
        return;
    for (int page = 0; page < PAGES; page++)
        memory[page * PAGE] = (char)('A' + page);

    int turn_in, turn_out;
    pid_t pid = fork_taking_turns(&turn_in, &turn_out);
    if (pid == 0)
        child(memory, kind, turn_in, turn_out);

    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_ERROR(shmget(key, SIZE, 0600), ENOENT);
    int fresh = shmget(key, SIZE, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(fresh >= 0 && fresh != id, "%s round: a new segment for the freed key: expected a new id, got %d (old %d)",
          name, fresh, id);
    shmctl(fresh, IPC_RMID, NULL);           /* nobody attached: gone at once */
    CHECK_ERROR(shmat(id, NULL, 0), EINVAL);

    struct shmid_ds status;
    CHECK_EQ(0, shmctl(id, IPC_STAT, &status), "IPC_STAT of the removed, still attached segment");
    CHECK_EQ(2, status.shm_nattch, "shm_nattch after IPC_RMID");
    CHECK_EQ(IPC_PRIVATE, status.shm_perm.__key, "the key in IPC_STAT after IPC_RMID");
    struct kinfo_counters removed = read_counters();
    CHECK_EQ(start.sysv_shm_segments + 1, removed.sysv_shm_segments, "sysv_shm_segments: removed but attached");
    CHECK_EQ(start.memory_objects + 1, removed.memory_objects, "memory_objects: removed but attached");

    /* both keep using it */
    parent_gives_turn(turn_out);
    parent_waits_for_child(turn_in, "the child's write after IPC_RMID");
    CHECK(!strcmp(memory + PAGE + 1, "the child, after IPC_RMID"),
          "%s round: the child's write after IPC_RMID: expected \"the child, after IPC_RMID\", got \"%s\"",
          name, memory + PAGE + 1);

    int wait_status;
    if (kind == BY_SHMDT) {                  /* the child detaches, then we do, last */
        parent_gives_turn(turn_out);
        parent_waits_for_child(turn_in, "the child's shmdt");
        shmctl(id, IPC_STAT, &status);
        CHECK_EQ(1, status.shm_nattch, "shm_nattch after the child's shmdt");
        CHECK_EQ(0, shmdt(memory), "our shmdt, the last");
        expect_gone(id, start.sysv_shm_segments, start.memory_objects, name);
        parent_gives_turn(turn_out);
        waitpid(pid, &wait_status, 0);
    } else {                                 /* we detach first; the child's exit or exec is last */
        CHECK_EQ(0, shmdt(memory), "our shmdt");
        shmctl(id, IPC_STAT, &status);
        CHECK_EQ(1, status.shm_nattch, "shm_nattch after our shmdt: the child's");
        parent_gives_turn(turn_out);
        if (kind == BY_EXEC) {
            parent_waits_for_child(turn_in, "the child's exec");   /* the new program runs */
            expect_gone(id, start.sysv_shm_segments, start.memory_objects, name);
            parent_gives_turn(turn_out);
            waitpid(pid, &wait_status, 0);
        } else {
            waitpid(pid, &wait_status, 0);
            expect_gone(id, start.sysv_shm_segments, start.memory_objects, name);
        }
    }
    CHECK(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0,
          "%s round: the child: expected exit 0, got status 0x%x (1: data wrong, 2: shmdt, 3: exec)",
          name, wait_status);
    close(turn_out);
    close(turn_in);
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--after-exec"))
        return after_exec_taking_turns(atoi(argv[2]), atoi(argv[3]));
    self = argv[0];
    signal(SIGPIPE, SIG_IGN);                /* a turn for a child that has gone: just a failed write */
    key_t key = ftok("/tmp", 'r');

    /* warm up: one round of each kind grows our own pages and page tables */
    for (int kind = 0; kind < LAST_DETACH_KINDS; kind++)
        round_of((enum last_detach)kind, key);
    usleep(20000);                           /* the cleaner frees the children's tasks */
    struct kinfo_counters before = settled_counters(read_counters().tasks);

    for (int round = 0; round < ROUNDS; round++)
        round_of((enum last_detach)(round % LAST_DETACH_KINDS), key);

    struct kinfo_counters after = settled_counters(before.tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("sysv_shm_rmid_removes_key_at_once_memory_at_last_detach");
}
