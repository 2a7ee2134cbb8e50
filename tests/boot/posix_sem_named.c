/* tests/boot/posix_sem_named.c - named POSIX semaphores. sem_open with
 * O_CREAT makes one with the value given, or opens the existing one (whose
 * value stays); O_CREAT|O_EXCL on an existing name is EEXIST; a missing name
 * without O_CREAT is ENOENT; an empty name, "/" alone or a name with
 * another '/' is EINVAL (sem_unlink: ENOENT, as glibc). Every sem_open of one name is
 * the same counter, also in processes that share nothing else - here a
 * program started with exec, which inherits no memory. sem_unlink removes
 * the name at once (it can be made anew, as another semaphore), while the
 * semaphores already open work on; sem_close lets go of one. Opening a
 * name again in one process gives the same address; a process that opens a
 * semaphore while its creator has not written the value yet waits for that
 * value instead of writing its own. Nothing stays behind once all are
 * closed and unlinked. */
#include <fcntl.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_memory.h"
#include "boot_wait.h"

static const char *program;         /* our own path, to exec a helper */

/* The helper, run through exec: `program helper NAME FD` opens NAME
 * without O_CREAT, says so with a byte on FD, waits for one unit, then
 * posts two and exits 0. */
static int helper(const char *name, int report_fd)
{
    sem_t *semaphore = sem_open(name, 0);
    if (semaphore == SEM_FAILED)
        return 10;
    write(report_fd, "o", 1);
    if (sem_wait(semaphore) != 0)
        return 11;
    sem_post(semaphore);
    sem_post(semaphore);
    return sem_close(semaphore) == 0 ? 0 : 12;
}

/* Starts the helper on `name` in a new program; returns once it has opened it. */
static pid_t start_helper(const char *name)
{
    int report[2];
    pipe(report);
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        char fd_text[12];
        snprintf(fd_text, sizeof fd_text, "%d", report[1]);
        execl(program, program, "helper", name, fd_text, (char *)NULL);
        _exit(127);
    }
    close(report[1]);
    char c = 0;
    CHECK_EQ(1, read(report[0], &c, 1), "the helper's report that it opened the semaphore");
    close(report[0]);
    return child;
}

static void o_creat_makes_one_and_o_excl_refuses_an_existing_name(void)
{
    sem_t *first = sem_open("/posix_sem_test", O_CREAT | O_EXCL, 0644, 2);
    CHECK(first != SEM_FAILED, "sem_open O_CREAT|O_EXCL of a new name: %s", strerror(errno));
    if (first == SEM_FAILED)
        return;
    CHECK_EQ(2, semaphore_value(first), "value of the new semaphore");
    errno = 0;
    sem_t *again = sem_open("/posix_sem_test", O_CREAT | O_EXCL, 0644, 5);
    CHECK(again == SEM_FAILED && errno == EEXIST,
          "sem_open O_CREAT|O_EXCL of an existing name: expected SEM_FAILED with EEXIST, got %p with errno %d (%s)",
          (void *)again, errno, strerror(errno));

    sem_t *existing = sem_open("/posix_sem_test", O_CREAT, 0644, 7);
    CHECK(existing != SEM_FAILED, "sem_open O_CREAT of an existing name: %s", strerror(errno));
    sem_t *plain = sem_open("/posix_sem_test", 0);
    CHECK(plain != SEM_FAILED, "sem_open without O_CREAT of an existing name: %s", strerror(errno));
    if (existing == SEM_FAILED || plain == SEM_FAILED)
        return;
    CHECK(existing == first && plain == first,
          "every sem_open of one name in one process gives the same address (POSIX): %p, %p, %p",
          (void *)first, (void *)existing, (void *)plain);
    CHECK_EQ(2, semaphore_value(existing), "value through an O_CREAT open of the existing one (its 7 is not used)");
    CHECK_EQ(0, sem_trywait(existing), "sem_trywait through the second open");
    CHECK_EQ(1, semaphore_value(plain), "value through the third open after a unit was taken through the second");
    CHECK_EQ(1, semaphore_value(first), "value through the first open");
    sem_post(plain);
    CHECK_EQ(2, semaphore_value(first), "value through the first open after a post through the third");

    CHECK_EQ(0, sem_close(existing), "sem_close of one open");
    sem_post(first);                          /* the others work on */
    CHECK_EQ(3, semaphore_value(plain), "value through another open after one was closed");
    CHECK_EQ(0, sem_close(plain), "sem_close");
    CHECK_EQ(0, sem_close(first), "sem_close");
    CHECK_EQ(0, sem_unlink("/posix_sem_test"), "sem_unlink");
}

/* A process that opens a semaphore between its creator's open and the
 * creator's write of the value must neither write a value of its own nor
 * use the empty file: it waits for the creator's value. The creator is
 * played by hand here: an empty file under the semaphore's name. */
static void an_opener_never_overwrites_the_creators_value(void)
{
    int file = open("/dev/shm/sem.posix_sem_young", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(file >= 0, "creating the semaphore's file by hand: %s", strerror(errno));
    if (file < 0)
        return;
    int report[2];
    pipe(report);
    pid_t opener = fork();
    if (opener == 0) {
        sem_t *semaphore = sem_open("/posix_sem_young", O_CREAT, 0600, 7);
        int value = semaphore == SEM_FAILED ? -1 : semaphore_value(semaphore);
        write(report[1], &value, sizeof value);
        _exit(0);
    }
    usleep(20000);                            /* the opener finds the file empty, and waits */
    sem_t initial = { 3, 0 };
    CHECK_EQ(sizeof initial, write(file, &initial, sizeof initial), "the creator writes the value");
    close(file);
    int value = -2;
    CHECK_EQ(sizeof value, read(report[0], &value, sizeof value), "the opener reports");
    CHECK_EQ(3, value, "value the opener sees: the creator's 3, not its own 7");
    waitpid(opener, NULL, 0);
    close(report[0]);
    close(report[1]);
    CHECK_EQ(0, sem_unlink("/posix_sem_young"), "sem_unlink");
}

static void bad_and_missing_names_are_refused(void)
{
    errno = 0;
    sem_t *missing = sem_open("/posix_sem_missing", 0);
    CHECK(missing == SEM_FAILED && errno == ENOENT,
          "sem_open of a missing name without O_CREAT: expected SEM_FAILED with ENOENT, got %p with errno %d (%s)",
          (void *)missing, errno, strerror(errno));
    const char *bad_names[] = { "", "/", "/a/b" };
    for (unsigned i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
        errno = 0;
        sem_t *bad = sem_open(bad_names[i], O_CREAT, 0644, 1);
        CHECK(bad == SEM_FAILED && errno == EINVAL,
              "sem_open(\"%s\", O_CREAT): expected SEM_FAILED with EINVAL, got %p with errno %d (%s)", bad_names[i],
              (void *)bad, errno, strerror(errno));
    }
    CHECK_ERROR(sem_unlink("/posix_sem_missing"), ENOENT);
    CHECK_ERROR(sem_unlink("/a/b"), ENOENT);  /* glibc: a bad name names no semaphore */
}

static void processes_that_share_nothing_else_share_a_semaphore_by_name(void)
{
    sem_t *semaphore = sem_open("/posix_sem_meet", O_CREAT | O_EXCL, 0600, 0);
    CHECK(semaphore != SEM_FAILED, "sem_open O_CREAT: %s", strerror(errno));
    if (semaphore == SEM_FAILED)
        return;
    pid_t helper_pid = start_helper("/posix_sem_meet");
    CHECK(wait_until_blocked_on_a_futex(helper_pid), "the helper program in sem_wait: expected it blocked");
    sem_post(semaphore);
    expect_child_success(helper_pid, "the helper program (took our post, posted two)");
    CHECK_EQ(2, semaphore_value(semaphore), "value after the helper took one unit and posted two");
    sem_close(semaphore);
    CHECK_EQ(0, sem_unlink("/posix_sem_meet"), "sem_unlink");
}

static void unlink_removes_the_name_while_open_semaphores_work_on(void)
{
    sem_t *old = sem_open("/posix_sem_unlinked", O_CREAT | O_EXCL, 0600, 0);
    CHECK(old != SEM_FAILED, "sem_open O_CREAT: %s", strerror(errno));
    if (old == SEM_FAILED)
        return;
    pid_t helper_pid = start_helper("/posix_sem_unlinked");
    CHECK(wait_until_blocked_on_a_futex(helper_pid), "the helper program in sem_wait: expected it blocked");
    CHECK_EQ(0, sem_unlink("/posix_sem_unlinked"), "sem_unlink while two processes have it open");

    errno = 0;
    sem_t *gone = sem_open("/posix_sem_unlinked", 0);
    CHECK(gone == SEM_FAILED && errno == ENOENT,
          "sem_open of the unlinked name: expected SEM_FAILED with ENOENT, got %p with errno %d (%s)", (void *)gone,
          errno, strerror(errno));
    CHECK_ERROR(sem_unlink("/posix_sem_unlinked"), ENOENT);

    /* the name can be made anew: another semaphore, the old one untouched */
    sem_t *fresh = sem_open("/posix_sem_unlinked", O_CREAT | O_EXCL, 0600, 5);
    CHECK(fresh != SEM_FAILED, "sem_open O_CREAT|O_EXCL of the unlinked name: %s", strerror(errno));
    if (fresh != SEM_FAILED) {
        CHECK_EQ(5, semaphore_value(fresh), "value of the new semaphore under the old name");
        CHECK_EQ(0, semaphore_value(old), "value of the unlinked one");
        sem_close(fresh);
        sem_unlink("/posix_sem_unlinked");
    }

    sem_post(old);                            /* the helper, waiting on the unlinked one, takes it */
    expect_child_success(helper_pid, "the helper program waiting on the unlinked semaphore");
    CHECK_EQ(2, semaphore_value(old), "value of the unlinked semaphore after the helper posted two");
    CHECK_EQ(0, sem_close(old), "sem_close of the unlinked semaphore");
}

int main(int argc, char *argv[])
{
    if (argc == 4 && strcmp(argv[1], "helper") == 0)
        return helper(argv[2], atoi(argv[3]));
    program = argv[0];

    unsigned tasks = read_counters().tasks;
    warm_up_copy_on_write();
    sem_t *warm = sem_open("/posix_sem_warm_up", O_CREAT, 0600, 0);   /* our first mapping's page table */
    sem_post(warm);
    sem_close(warm);
    sem_unlink("/posix_sem_warm_up");
    struct kinfo_counters before = settled_counters(tasks);

    o_creat_makes_one_and_o_excl_refuses_an_existing_name();
    an_opener_never_overwrites_the_creators_value();
    bad_and_missing_names_are_refused();
    processes_that_share_nothing_else_share_a_semaphore_by_name();
    unlink_removes_the_name_while_open_semaphores_work_on();

    struct kinfo_counters after = settled_counters(tasks);
    CHECK_NO_LEAK(before, after);
    return test_finish("posix_sem_named");
}
