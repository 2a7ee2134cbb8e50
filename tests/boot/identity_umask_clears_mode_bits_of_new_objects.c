/* umask(2): the mask starts at 022, umask returns the old one, fork
 * inherits it, and it clears bits from the mode of every new file,
 * directory, FIFO, socket file, POSIX queue and named semaphore; System V
 * objects take their mode as given, as on Linux. */
#include "boot_test.h"

#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static unsigned mode_of(const char *path)
{
    struct stat status;
    if (stat(path, &status) < 0)
        return 01000000;                  /* no such file: no mode matches */
    return status.st_mode & 07777;
}

int main(void)
{
    CHECK_EQ(022, umask(027), "the first umask (init's default)");
    CHECK_EQ(027, umask(027), "umask returns the mask just set");

    close(open("/tmp/umask_file", O_CREAT | O_WRONLY, 0666));
    CHECK_EQ(0640, mode_of("/tmp/umask_file"), "a file created 0666 under 027");
    mkdir("/tmp/umask_dir", 0777);
    CHECK_EQ(0750, mode_of("/tmp/umask_dir"), "a directory created 0777");
    mkfifo("/tmp/umask_fifo", 0666);
    CHECK_EQ(0640, mode_of("/tmp/umask_fifo"), "a FIFO created 0666");

    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strcpy(address.sun_path, "/tmp/umask_socket");
    CHECK_EQ(0, bind(server, (struct sockaddr *)&address, sizeof address), "bind");
    CHECK_EQ(0750, mode_of("/tmp/umask_socket"), "a socket file (0777 less the mask)");

    mqd_t queue = mq_open("/umask_queue", O_CREAT | O_RDWR, 0666, 0);
    struct stat status;
    CHECK_EQ(0, fstat(queue, &status), "fstat of a queue");
    CHECK_EQ(0640, status.st_mode & 0777, "a POSIX queue created 0666");
    sem_t *semaphore = sem_open("/umask_semaphore", O_CREAT, 0666, 0);
    CHECK(semaphore != SEM_FAILED, "sem_open: errno %d", errno);
    CHECK_EQ(0640, mode_of("/dev/shm/sem.umask_semaphore"), "a named semaphore created 0666");

    int sysv = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
    struct msqid_ds sysv_status;
    msgctl(sysv, IPC_STAT, &sysv_status);
    CHECK_EQ(0666, sysv_status.msg_perm.mode, "a System V queue keeps its mode (no umask)");

    pid_t child = fork();
    if (child == 0)
        _exit(umask(0) == 027 ? 0 : 1);
    int wait_status;
    waitpid(child, &wait_status, 0);
    CHECK(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0, "the child did not inherit umask 027");

    CHECK_EQ(027, umask(0), "umask(0)");
    close(open("/tmp/umask_open", O_CREAT | O_WRONLY, 0666));
    CHECK_EQ(0666, mode_of("/tmp/umask_open"), "a file created 0666 under mask 0");
    umask(022);

    close(server);
    msgctl(sysv, IPC_RMID, 0);
    mq_close(queue);
    mq_unlink("/umask_queue");
    sem_close(semaphore);
    sem_unlink("/umask_semaphore");
    unlink("/tmp/umask_socket");
    unlink("/tmp/umask_fifo");
    unlink("/tmp/umask_file");
    unlink("/tmp/umask_open");
    rmdir("/tmp/umask_dir");
    return test_finish("identity_umask_clears_mode_bits_of_new_objects");
}
