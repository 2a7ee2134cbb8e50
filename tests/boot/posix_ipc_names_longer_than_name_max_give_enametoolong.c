/* tests/boot/posix_ipc_names_longer_than_name_max_give_enametoolong.c -
 * the length limits of POSIX IPC names, as on Linux:
 *  - mq_open, mq_unlink: a name of NAME_MAX bytes (<limits.h>: 63 here,
 *    255 on Linux) after its '/' is a queue; one more, or far more, is
 *    ENAMETOOLONG (POSIX; the Open POSIX Test Suite's mq_open/27-2);
 *  - shm_open, shm_unlink: the name after '/' is a file of /dev/shm, so
 *    its limit is the file system's (pathconf _PC_NAME_MAX): one byte
 *    more is ENAMETOOLONG;
 *  - sem_open, sem_unlink: the file is "sem." and the name (glibc's
 *    /dev/shm/sem.NAME): _PC_NAME_MAX - 4 bytes are fine, one more is
 *    ENAMETOOLONG.
 * Nothing is left behind and nothing leaks. */
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/mman.h>

#include "boot_test.h"

#define MQ_NAME_LIMIT NAME_MAX         /* <limits.h> */

/* "/" and `length` bytes of `fill`, in `name` (at least length + 2 bytes). */
static char *name_of_length(char *name, int length, char fill)
{
    name[0] = '/';
    memset(name + 1, fill, (size_t)length);
    name[length + 1] = 0;
    return name;
}

static void message_queue_names(void)
{
    static char name[1024];
    mqd_t queue = mq_open(name_of_length(name, MQ_NAME_LIMIT, 'q'), O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
    CHECK(queue != (mqd_t)-1, "mq_open of a %d-byte name: expected a queue, got errno %d", MQ_NAME_LIMIT, errno);
    if (queue != (mqd_t)-1) {
        CHECK_EQ(0, mq_close(queue), "mq_close");
        CHECK_EQ(0, mq_unlink(name), "mq_unlink of the longest name");
    }
    name_of_length(name, MQ_NAME_LIMIT + 1, 'q');
    CHECK_ERROR(mq_open(name, O_RDWR | O_CREAT, 0600, NULL), ENAMETOOLONG);
    CHECK_ERROR(mq_open(name, O_RDWR), ENAMETOOLONG);
    CHECK_ERROR(mq_unlink(name), ENAMETOOLONG);
    name_of_length(name, (int)sizeof name - 2, 'q');
    CHECK_ERROR(mq_open(name, O_RDWR | O_CREAT, 0600, NULL), ENAMETOOLONG);
}

static void shared_memory_names(long file_name_max)
{
    static char name[1024];
    int fd = shm_open(name_of_length(name, (int)file_name_max, 'm'), O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "shm_open of a %ld-byte name: expected a descriptor, got errno %d", file_name_max, errno);
    if (fd >= 0) {
        close(fd);
        CHECK_EQ(0, shm_unlink(name), "shm_unlink of the longest name");
    }
    name_of_length(name, (int)file_name_max + 1, 'm');
    CHECK_ERROR(shm_open(name, O_RDWR | O_CREAT, 0600), ENAMETOOLONG);
    CHECK_ERROR(shm_unlink(name), ENAMETOOLONG);
}

static void semaphore_names(long file_name_max)
{
    static char name[1024];
    int longest = (int)file_name_max - 4;   /* "sem." comes first */
    sem_t *semaphore = sem_open(name_of_length(name, longest, 's'), O_CREAT | O_EXCL, 0600, 1);
    CHECK(semaphore != SEM_FAILED, "sem_open of a %d-byte name: expected a semaphore, got errno %d", longest,
          errno);
    if (semaphore != SEM_FAILED) {
        CHECK_EQ(0, sem_close(semaphore), "sem_close");
        CHECK_EQ(0, sem_unlink(name), "sem_unlink of the longest name");
    }
    name_of_length(name, longest + 1, 's');
    errno = 0;
    semaphore = sem_open(name, O_CREAT, 0600, 1);
    CHECK(semaphore == SEM_FAILED && errno == ENAMETOOLONG,
          "sem_open of a %d-byte name: expected SEM_FAILED with ENAMETOOLONG, got %p with errno %d", longest + 1,
          (void *)semaphore, errno);
    CHECK_ERROR(sem_unlink(name), ENAMETOOLONG);
}

static void cases(void)
{
    long file_name_max = pathconf("/dev/shm", _PC_NAME_MAX);
    CHECK(file_name_max > 8 && file_name_max < 1000, "pathconf(/dev/shm, _PC_NAME_MAX): got %ld", file_name_max);
    if (file_name_max <= 8 || file_name_max >= 1000)
        return;
    message_queue_names();
    shared_memory_names(file_name_max);
    semaphore_names(file_name_max);
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("posix_ipc_names_longer_than_name_max_give_enametoolong");
}
