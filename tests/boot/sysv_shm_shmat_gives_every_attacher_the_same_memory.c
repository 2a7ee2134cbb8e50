/* tests/boot/sysv_shm_shmat_gives_every_attacher_the_same_memory.c -
 * shmat(2) maps the segment's own pages, never a copy:
 *   - a parent and the child that inherited its attachment see each
 *     other's writes, both ways, on pages touched before the fork and on
 *     pages first touched after it;
 *   - two unrelated processes (each exec'd afresh, never attached by
 *     inheritance) that find the segment by the key ftok gives see each
 *     other's writes;
 *   - one process attaching the segment twice sees the same bytes at both
 *     addresses.
 * The processes take turns through pipes, so no write races a read. */
#include <signal.h>
#include <sys/shm.h>

#include "boot_test.h"
#include "boot_memory.h"

#define PAGE 4096
#define PAGES 4
#define SIZE (PAGES * PAGE)
#define KEY_FILE "/tmp"
#define KEY_PROJECT 'u'

static void parent_and_child_see_each_others_writes(void)
{
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    char *memory = shmat(id, NULL, 0);
    CHECK(memory != (char *)-1, "shmat: expected an address, got -1 (%s)", strerror(errno));
    if (memory == (char *)-1)
        return;
    strcpy(memory, "from the parent, before the fork");   /* page 0 present at the fork */

    int turn_in, turn_out;
    pid_t child = fork_taking_turns(&turn_in, &turn_out);
    if (child == 0) {
        int wrong = 0;
        wrong |= strcmp(memory, "from the parent, before the fork") != 0;
        strcpy(memory + PAGE, "from the child");          /* page 1: first touched here */
        memory[SIZE - 1] = 'c';                           /* the last byte */
        if (!give_turn(turn_out) || !wait_for_turn(turn_in))
            _exit(90);
        wrong |= strcmp(memory, "from the parent, after the fork") != 0;
        wrong |= (strcmp(memory + 2 * PAGE, "page 2 from the parent") != 0) << 1;
        _exit(wrong);
    }
    CHECK(wait_for_turn(turn_in), "the child's turn: expected a byte, got end of file (it ended early)");
    CHECK(!strcmp(memory + PAGE, "from the child"),
          "page 1 in the parent: expected \"from the child\", got \"%s\"", memory + PAGE);
    CHECK_EQ('c', memory[SIZE - 1], "the last byte, written by the child");
    strcpy(memory, "from the parent, after the fork");    /* a page the child already maps */
    strcpy(memory + 2 * PAGE, "page 2 from the parent");  /* a page nobody mapped yet */
    give_turn(turn_out);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the child: expected exit 0 (saw both of the parent's writes), got status 0x%x "
          "(1: page 0 wrong, 2: page 2 wrong, 3: both)", status);
    close(turn_out);
    close(turn_in);
    shmdt(memory);
    shmctl(id, IPC_RMID, NULL);
}

/* An exec'd role of this program: it attaches by key alone. */
static int unrelated_process(const char *role, int turn_in, int turn_out)
{
    int id = shmget(ftok(KEY_FILE, KEY_PROJECT), SIZE, IPC_CREAT | 0600);
    char *memory = shmat(id, NULL, 0);
    if (id < 0 || memory == (char *)-1)
        return 10;
    if (!strcmp(role, "writer")) {
        strcpy(memory + PAGE, "hello from the writer");
        if (!give_turn(turn_out) || !wait_for_turn(turn_in))
            return 13;
        return strcmp(memory + 3 * PAGE, "answer from the reader") ? 11 : 0;
    }
    if (!wait_for_turn(turn_in))
        return 13;
    if (strcmp(memory + PAGE, "hello from the writer"))
        return 12;
    strcpy(memory + 3 * PAGE, "answer from the reader");
    return give_turn(turn_out) ? 0 : 13;
}

/* Starts `self` afresh as `role`, with only its own two pipe ends open. */
static pid_t start_unrelated(const char *self, const char *role, int turn_in, int turn_out,
                             int other_end_in, int other_end_out)
{
    pid_t pid = fork();
    if (pid == 0) {
        close(other_end_in);
        close(other_end_out);
        char in[16], out[16];
        snprintf(in, sizeof in, "%d", turn_in);
        snprintf(out, sizeof out, "%d", turn_out);
        execl(self, self, "--unrelated", role, in, out, (char *)NULL);
        _exit(99);
    }
    return pid;
}

static void unrelated_processes_meet_by_key(const char *self)
{
    key_t key = ftok(KEY_FILE, KEY_PROJECT);
    CHECK_ERROR(shmget(key, SIZE, 0), ENOENT);           /* nobody made it yet */
    int to_reader[2], to_writer[2];
    pipe(to_reader);
    pipe(to_writer);
    pid_t writer = start_unrelated(self, "writer", to_writer[0], to_reader[1], to_reader[0], to_writer[1]);
    pid_t reader = start_unrelated(self, "reader", to_reader[0], to_writer[1], to_writer[0], to_reader[1]);
    for (int i = 0; i < 2; i++) {
        close(to_reader[i]);
        close(to_writer[i]);
    }
    int status;
    waitpid(writer, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the writer: expected exit 0 (saw the reader's answer), got status 0x%x (10: attach, 11: answer, 13: reader gone)", status);
    waitpid(reader, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the reader: expected exit 0 (saw the writer's greeting), got status 0x%x (10: attach, 12: greeting, 13: writer gone)", status);
    int id = shmget(key, SIZE, 0);
    CHECK(id >= 0, "the segment is still there by key: expected an id, got %d (%s)", id, strerror(errno));
    shmctl(id, IPC_RMID, NULL);
}

static void two_attaches_in_one_process_alias(void)
{
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    char *first = shmat(id, NULL, 0);
    char *second = shmat(id, NULL, 0);
    CHECK(first != (char *)-1 && second != (char *)-1 && first != second,
          "two attaches: expected two addresses, got %p and %p", (void *)first, (void *)second);
    if (first != (char *)-1 && second != (char *)-1) {
        strcpy(first + 3 * PAGE, "written through the first");
        CHECK(!strcmp(second + 3 * PAGE, "written through the first"),
              "the second address: expected \"written through the first\", got \"%s\"", second + 3 * PAGE);
        second[10] = 'x';
        CHECK_EQ('x', first[10], "a byte written through the second address, read through the first");
        shmdt(first);
        shmdt(second);
    }
    shmctl(id, IPC_RMID, NULL);
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "--unrelated"))
        return unrelated_process(argv[2], atoi(argv[3]), atoi(argv[4]));
    signal(SIGPIPE, SIG_IGN);                /* a turn for a process that has gone: just a failed write */
    parent_and_child_see_each_others_writes();
    unrelated_processes_meet_by_key(argv[0]);
    two_attaches_in_one_process_alias();
    return test_finish("sysv_shm_shmat_gives_every_attacher_the_same_memory");
}
