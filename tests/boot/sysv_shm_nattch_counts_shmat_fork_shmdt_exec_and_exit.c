/* tests/boot/sysv_shm_nattch_counts_shmat_fork_shmdt_exec_and_exit.c -
 * shm_nattch (shmctl IPC_STAT) is the number of attachments there are,
 * checked after every step that changes it:
 *   shmget 0 -> shmat 1 -> a second shmat 2 -> its shmdt 1 -> fork 2
 *   -> the child's shmdt 1 -> the child's shmat 2 -> the child's exec 1
 *   -> that program's exit 1 -> fork 2 -> the child's _exit 1
 *   -> fork 2 -> SIGKILL of the child 1 -> the parent's shmdt 0.
 * At 0 the segment (never removed) is still there. shm_lpid follows the
 * process of the last shmat or shmdt. */
#include <signal.h>
#include <sys/shm.h>

#include "boot_test.h"
#include "boot_memory.h"

#define SIZE 8192

static int segment;

static long attaches(void)
{
    struct shmid_ds status;
    if (shmctl(segment, IPC_STAT, &status) != 0)
        return -1;
    return (long)status.shm_nattch;
}

static int last_pid(void)
{
    struct shmid_ds status;
    if (shmctl(segment, IPC_STAT, &status) != 0)
        return -1;
    return status.shm_lpid;
}

/* The forked child: shmdt, shmat, exec, one step per turn (the turns:
 * boot_memory.h). */
static void child_steps(char *memory, const char *self, int turn_in, int turn_out)
{
    child_waits_for_turn(turn_in);
    if (shmdt(memory) != 0)
        _exit(1);
    child_gives_turn(turn_out);
    child_waits_for_turn(turn_in);
    if (shmat(segment, NULL, 0) == (void *)-1)
        _exit(2);
    child_gives_turn(turn_out);
    child_waits_for_turn(turn_in);
    exec_self_taking_turns(self, turn_in, turn_out);
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--after-exec"))
        return after_exec_taking_turns(atoi(argv[2]), atoi(argv[3]));
    signal(SIGPIPE, SIG_IGN);                /* a turn for a child that has gone: just a failed write */

    segment = shmget(IPC_PRIVATE, SIZE, 0600);
    CHECK(segment >= 0, "shmget: expected an id, got %d (%s)", segment, strerror(errno));
    CHECK_EQ(0, attaches(), "shm_nattch after shmget");

    char *memory = shmat(segment, NULL, 0);
    CHECK(memory != (char *)-1, "shmat: expected an address, got -1 (%s)", strerror(errno));
    if (memory == (char *)-1)
        return test_finish("sysv_shm_nattch_counts_shmat_fork_shmdt_exec_and_exit");
    CHECK_EQ(1, attaches(), "shm_nattch after shmat");
    CHECK_EQ(getpid(), last_pid(), "shm_lpid after our shmat");
    memory[0] = 1;

    char *again = shmat(segment, NULL, 0);
    CHECK_EQ(2, attaches(), "shm_nattch after a second shmat in the same process");
    CHECK_EQ(0, shmdt(again), "shmdt of the second attachment");
    CHECK_EQ(1, attaches(), "shm_nattch after its shmdt");

    /* fork copies the attachment; the child's shmdt, shmat and exec move the count */
    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0)
        child_steps(memory, argv[0], turn_in, turn_out);
    CHECK_EQ(2, attaches(), "shm_nattch after fork");
    parent_gives_turn(turn_out);
    parent_waits_for_child(turn_in, "the child's shmdt");
    CHECK_EQ(1, attaches(), "shm_nattch after the child's shmdt");
    CHECK_EQ(child, last_pid(), "shm_lpid after the child's shmdt");
    parent_gives_turn(turn_out);
    parent_waits_for_child(turn_in, "the child's shmat");
    CHECK_EQ(2, attaches(), "shm_nattch after the child's own shmat");
    CHECK_EQ(child, last_pid(), "shm_lpid after the child's shmat");
    parent_gives_turn(turn_out);
    parent_waits_for_child(turn_in, "the child's exec");   /* the new program runs */
    CHECK_EQ(1, attaches(), "shm_nattch while the child runs the program it exec'd");
    parent_gives_turn(turn_out);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the exec'd child: expected exit 0, got status 0x%x (1: shmdt, 2: shmat, 3: exec failed)", status);
    CHECK_EQ(1, attaches(), "shm_nattch after the exec'd program exited");
    close(turn_out);
    close(turn_in);

    /* exit drops the attachments a child inherited */
    child = fork();
    if (child == 0) {
        memory[1] = 2;
        _exit(0);
    }
    waitpid(child, &status, 0);
    CHECK_EQ(1, attaches(), "shm_nattch after a child that inherited it exited");
    CHECK_EQ(2, memory[1], "the byte the exited child wrote");
    CHECK_EQ(child, last_pid(), "shm_lpid after the child's exit");

    /* and so does a death by signal */
    int to_parent[2];
    pipe(to_parent);
    child = fork();
    if (child == 0) {
        close(to_parent[0]);
        child_gives_turn(to_parent[1]);
        for (;;)
            pause();
    }
    close(to_parent[1]);
    parent_waits_for_child(to_parent[0], "the child that waits to be killed");
    close(to_parent[0]);
    CHECK_EQ(2, attaches(), "shm_nattch with a second child alive");
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child: expected SIGKILL, got status 0x%x", status);
    CHECK_EQ(1, attaches(), "shm_nattch after the child was killed");

    CHECK_EQ(0, shmdt(memory), "our shmdt");
    CHECK_EQ(0, attaches(), "shm_nattch after our shmdt");
    CHECK_EQ(getpid(), last_pid(), "shm_lpid after our shmdt");
    /* not removed: it stays, with nobody attached, and can be attached again */
    memory = shmat(segment, NULL, 0);
    CHECK(memory != (char *)-1 && memory[0] == 1 && memory[1] == 2,
          "attached again at 0 attaches: expected the bytes 1 and 2 still there");
    CHECK_EQ(1, attaches(), "shm_nattch after attaching again");
    CHECK_EQ(0, shmctl(segment, IPC_RMID, NULL), "IPC_RMID");
    CHECK_EQ(1, attaches(), "shm_nattch after IPC_RMID (still attached)");
    shmdt(memory);
    CHECK_ERROR(shmctl(segment, IPC_STAT, &(struct shmid_ds){0}), EINVAL);
    return test_finish("sysv_shm_nattch_counts_shmat_fork_shmdt_exec_and_exit");
}
