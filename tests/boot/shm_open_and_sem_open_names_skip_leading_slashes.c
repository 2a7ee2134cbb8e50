/* tests/boot/shm_open_and_sem_open_names_skip_leading_slashes.c - the
 * names of shm_open(3) and sem_open(3) as glibc reads them: leading
 * slashes are skipped, so "name", "/name" and "//name" are one object;
 * what is left must not be empty nor hold another '/' (EINVAL), and
 * shm_unlink/sem_unlink of such a name, or of one that does not exist,
 * is ENOENT; shm_open of "." or ".." is EINVAL; unlinking another
 * user's object or semaphore is EACCES (glibc turns the sticky
 * /dev/shm's EPERM into it). The Open POSIX Test Suite names its
 * objects without the '/' (its shm_open and sem_open tests, and
 * sem_unlink 4-1). */
#include <fcntl.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"

static void shared_memory_names(void)
{
    int fd = shm_open("skip_slash_shm", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "shm_open of a name without '/': %s", strerror(errno));
    CHECK_EQ(0, ftruncate(fd, 100), "ftruncate");
    CHECK_ERROR(shm_open("/skip_slash_shm", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
    int same = shm_open("//skip_slash_shm", O_RDWR, 0);
    CHECK(same >= 0, "shm_open of \"//name\": %s", strerror(errno));
    struct stat first = { 0 }, second = { 0 };
    fstat(fd, &first);
    fstat(same, &second);
    CHECK(first.st_ino == second.st_ino, "\"name\" and \"//name\": expected one object");
    CHECK_EQ(100, second.st_size, "size seen through \"//name\"");
    close(same);
    close(fd);
    CHECK_EQ(0, shm_unlink("/skip_slash_shm"), "shm_unlink(\"/name\") of the object made as \"name\"");
    CHECK_ERROR(shm_unlink("skip_slash_shm"), ENOENT);
    CHECK_ERROR(shm_open("skip_slash_shm", O_RDWR, 0), ENOENT);

    const char *bad[] = { "", "/", "//", "a/b", "/a/b" };
    for (unsigned i = 0; i < sizeof bad / sizeof *bad; i++) {
        errno = 0;
        CHECK(shm_open(bad[i], O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL,
              "shm_open(\"%s\"): expected EINVAL, got errno %d", bad[i], errno);
        errno = 0;
        CHECK(shm_unlink(bad[i]) == -1 && errno == ENOENT,
              "shm_unlink(\"%s\"): expected ENOENT, got errno %d", bad[i], errno);
    }
    CHECK_ERROR(shm_open(".", O_RDWR | O_CREAT, 0600), EINVAL);
    CHECK_ERROR(shm_open("/..", O_RDWR | O_CREAT, 0600), EINVAL);
}

/* As root, makes an object and a semaphore; a child that is another user
 * may not unlink them: EACCES. */
static void another_users_names_are_eacces(void)
{
    int fd = shm_open("skip_slash_owned", O_RDWR | O_CREAT, 0666);
    sem_t *semaphore = sem_open("skip_slash_owned_sem", O_CREAT, 0666, 0);
    CHECK(fd >= 0 && semaphore != SEM_FAILED, "shm_open and sem_open as root");
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        CHECK_EQ(0, setuid(65534), "setuid(65534)");
        CHECK_ERROR(shm_unlink("skip_slash_owned"), EACCES);
        CHECK_ERROR(sem_unlink("skip_slash_owned_sem"), EACCES);
        fflush(stdout);
        _exit(check_failures ? 1 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child that is not root: status 0x%x", status);
    close(fd);
    sem_close(semaphore);
    CHECK_EQ(0, shm_unlink("skip_slash_owned"), "shm_unlink by its owner");
    CHECK_EQ(0, sem_unlink("skip_slash_owned_sem"), "sem_unlink by its owner");
}

static void semaphore_names(void)
{
    sem_t *made = sem_open("skip_slash_sem", O_CREAT | O_EXCL, 0600, 4);
    CHECK(made != SEM_FAILED, "sem_open of a name without '/': %s", strerror(errno));
    if (made == SEM_FAILED)
        return;
    errno = 0;
    CHECK(sem_open("/skip_slash_sem", O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED && errno == EEXIST,
          "sem_open(\"/name\", O_EXCL) of the semaphore made as \"name\": expected EEXIST, got errno %d", errno);
    sem_t *same = sem_open("//skip_slash_sem", 0);
    CHECK(same != SEM_FAILED, "sem_open of \"//name\": %s", strerror(errno));
    int value = -1;
    if (same != SEM_FAILED) {
        sem_getvalue(same, &value);
        sem_close(same);
    }
    CHECK_EQ(4, value, "value seen through \"//name\"");
    sem_close(made);
    CHECK_EQ(0, sem_unlink("/skip_slash_sem"), "sem_unlink(\"/name\") of the semaphore made as \"name\"");
    CHECK_ERROR(sem_unlink("skip_slash_sem"), ENOENT);

    const char *bad[] = { "", "/", "//", "a/b", "/a/b" };
    for (unsigned i = 0; i < sizeof bad / sizeof *bad; i++) {
        errno = 0;
        CHECK(sem_open(bad[i], O_CREAT, 0600, 0) == SEM_FAILED && errno == EINVAL,
              "sem_open(\"%s\"): expected EINVAL, got errno %d", bad[i], errno);
        errno = 0;
        CHECK(sem_unlink(bad[i]) == -1 && errno == ENOENT,
              "sem_unlink(\"%s\"): expected ENOENT, got errno %d", bad[i], errno);
    }
}

int main(void)
{
    shared_memory_names();
    semaphore_names();
    if (getuid() == 0)
        another_users_names_are_eacces();
    return test_finish("shm_open_and_sem_open_names_skip_leading_slashes");
}
