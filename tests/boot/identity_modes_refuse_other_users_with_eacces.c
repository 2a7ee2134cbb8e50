/* Permission bits decide who may use an object (ipc(2), open(2),
 * mq_open(3), unix(7)): a process that set its uid to 1000 gets EACCES on
 * root's 0600 System V queue, semaphore set and shared segment, on a 0600
 * FIFO, regular file and socket file, a named semaphore and a POSIX queue
 * opened with mode 0600; EPERM for IPC_SET/IPC_RMID and chmod of what it
 * does not own, EACCES for a rename that moves root's directory to
 * another parent, and EACCES for unlink and rmdir in root's 0755
 * directory before any other answer (ENOTEMPTY would tell what is
 * inside; Linux's order). What the mode grants (0644 read, 0666 write) it may do,
 * and root (euid 0) passes every check. Creation records the effective
 * ids: stat and IPC_STAT report them. */
#include "boot_test.h"

#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define STUDENT 1000

struct sysv_ids {
    int queue, set, segment, readable_queue;
};

static struct sysv_ids make_root_objects(void)
{
    struct sysv_ids ids;
    ids.queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    ids.set = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    ids.segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    ids.readable_queue = msgget(0x1d24, IPC_CREAT | 0644);
    CHECK(ids.queue >= 0 && ids.set >= 0 && ids.segment >= 0 && ids.readable_queue >= 0,
          "root's objects: %d %d %d %d", ids.queue, ids.set, ids.segment, ids.readable_queue);
    mkfifo("/tmp/root_fifo", 0600);
    mkdir("/tmp/open_a", 0777);                 /* two directories anyone may write, ... */
    mkdir("/tmp/open_b", 0777);
    chmod("/tmp/open_a", 0777);                 /* (past the umask) */
    chmod("/tmp/open_b", 0777);
    mkdir("/tmp/open_a/roots", 0755);           /* ... and root's directory in one */
    mkdir("/tmp/closed", 0755);                 /* root's, with a full directory and a file */
    mkdir("/tmp/closed/full", 0755);
    close(open("/tmp/closed/full/x", O_CREAT | O_WRONLY, 0644));
    close(open("/tmp/closed/file", O_CREAT | O_WRONLY, 0644));
    close(open("/tmp/root_file", O_CREAT | O_WRONLY, 0600));
    close(open("/tmp/public_file", O_CREAT | O_WRONLY, 0666));
    chmod("/tmp/public_file", 0666);            /* past the umask */
    mqd_t queue = mq_open("/root_queue", O_CREAT | O_RDWR, 0600, 0);
    CHECK(queue != (mqd_t)-1, "root's mq_open: errno %d", errno);
    mq_close(queue);
    sem_t *semaphore = sem_open("/root_semaphore", O_CREAT, 0600, 1);
    CHECK(semaphore != SEM_FAILED, "root's sem_open: errno %d", errno);
    sem_close(semaphore);
    return ids;
}

static struct sysv_ids root_ids;

/* Run in a child, as uid 1000: everything of root's 0600 is EACCES. */
static void as_student(void)
{
    const struct sysv_ids *ids = &root_ids;
    CHECK_EQ(0, setgid(STUDENT), "setgid(1000)");
    CHECK_EQ(0, setuid(STUDENT), "setuid(1000)");

    /* System V: ipcperms */
    struct { long type; char text[4]; } message = { 1, "hi" };
    CHECK_ERROR(msgsnd(ids->queue, &message, 3, IPC_NOWAIT), EACCES);
    CHECK_ERROR(msgrcv(ids->queue, &message, sizeof message.text, 0, IPC_NOWAIT), EACCES);
    struct msqid_ds queue_status;
    CHECK_ERROR(msgctl(ids->queue, IPC_STAT, &queue_status), EACCES);
    CHECK_ERROR(msgctl(ids->queue, IPC_RMID, 0), EPERM);
    CHECK_ERROR(msgctl(ids->readable_queue, IPC_SET, &queue_status), EPERM);
    CHECK_ERROR(msgget(0x1d24, 0600), EACCES);      /* asks for write: 0644 has none for others */
    CHECK(msgget(0x1d24, 0) == ids->readable_queue, "msgget(key, 0) asks for nothing: found");
    CHECK(msgget(0x1d24, 0444) == ids->readable_queue, "msgget(key, 0444): read is granted");
    CHECK_EQ(0, msgctl(ids->readable_queue, IPC_STAT, &queue_status), "IPC_STAT of a 0644 queue");
    CHECK(queue_status.msg_perm.uid == 0 && queue_status.msg_perm.cuid == 0 && queue_status.msg_perm.mode == 0644,
          "root's queue: uid %u cuid %u mode %o", queue_status.msg_perm.uid, queue_status.msg_perm.cuid,
          queue_status.msg_perm.mode);
    struct sembuf up = { 0, 1, IPC_NOWAIT };
    CHECK_ERROR(semop(ids->set, &up, 1), EACCES);
    CHECK_ERROR(semctl(ids->set, 0, GETVAL), EACCES);
    CHECK_ERROR(semctl(ids->set, 0, SETVAL, 1), EACCES);
    CHECK_ERROR(semctl(ids->set, 0, IPC_RMID), EPERM);
    CHECK_ERROR((long)shmat(ids->segment, 0, 0), EACCES);
    CHECK_ERROR((long)shmat(ids->segment, 0, SHM_RDONLY), EACCES);
    CHECK_ERROR(shmctl(ids->segment, IPC_RMID, 0), EPERM);

    /* files, FIFOs, sockets */
    CHECK_ERROR(open("/tmp/root_fifo", O_RDONLY | O_NONBLOCK), EACCES);
    CHECK_ERROR(open("/tmp/root_file", O_RDONLY), EACCES);
    CHECK_ERROR(chmod("/tmp/root_file", 0666), EPERM);
    CHECK_ERROR(chown("/tmp/root_file", STUDENT, -1), EPERM);
    int fd = open("/tmp/public_file", O_RDWR);
    CHECK(fd >= 0, "a 0666 file opens for reading and writing: errno %d", errno);
    close(fd);
    CHECK_ERROR(unlink("/tmp/root_file"), EPERM);   /* /tmp is sticky: only the owner removes */
    /* root's directory may not move to another parent (its ".." would
     * change), though both parents are writable; within its own it may */
    CHECK_ERROR(rename("/tmp/open_a/roots", "/tmp/open_b/roots"), EACCES);
    CHECK_EQ(0, rename("/tmp/open_a/roots", "/tmp/open_a/renamed"), "a rename within the same parent");
    /* no write permission on the parent: EACCES comes first */
    CHECK_ERROR(rmdir("/tmp/closed/full"), EACCES);  /* not ENOTEMPTY */
    CHECK_ERROR(rmdir("/tmp/closed/file"), EACCES);  /* not ENOTDIR */
    CHECK_ERROR(unlink("/tmp/closed/full"), EACCES); /* not EISDIR */
    CHECK_ERROR(unlink("/tmp/closed/file"), EACCES);

    /* POSIX names */
    CHECK_ERROR(mq_open("/root_queue", O_RDONLY), EACCES);
    errno = 0;
    CHECK(sem_open("/root_semaphore", 0) == SEM_FAILED && errno == EACCES,
          "sem_open of root's 0600 semaphore: errno %d, expected EACCES", errno);

    /* what it creates is its own */
    int own = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    CHECK(own >= 0, "the student's own queue: errno %d", errno);
    struct msqid_ds own_status;
    CHECK_EQ(0, msgctl(own, IPC_STAT, &own_status), "IPC_STAT of its own queue");
    CHECK(own_status.msg_perm.uid == STUDENT && own_status.msg_perm.gid == STUDENT &&
          own_status.msg_perm.cuid == STUDENT && own_status.msg_perm.cgid == STUDENT,
          "its queue's ids: %u %u %u %u", own_status.msg_perm.uid, own_status.msg_perm.gid,
          own_status.msg_perm.cuid, own_status.msg_perm.cgid);
    CHECK_EQ(0, msgctl(own, IPC_RMID, 0), "the creator removes its queue");
    fd = open("/tmp/student_file", O_CREAT | O_WRONLY, 0600);
    struct stat status;
    CHECK_EQ(0, fstat(fd, &status), "fstat");
    CHECK(status.st_uid == STUDENT && status.st_gid == STUDENT, "its file's owner: %u:%u",
          status.st_uid, status.st_gid);
    close(fd);
    CHECK_EQ(0, chmod("/tmp/student_file", 0), "the owner's chmod");
    CHECK_ERROR(open("/tmp/student_file", O_RDONLY), EACCES);   /* the owner's bits apply to the owner */
    CHECK_EQ(0, unlink("/tmp/student_file"), "the owner removes its file in sticky /tmp");
}

static struct sockaddr_un socket_address = { .sun_family = AF_UNIX, .sun_path = "/tmp/root_socket" };

static void connect_as_student(void)
{
    setuid(STUDENT);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK_ERROR(connect(client, (struct sockaddr *)&socket_address, sizeof socket_address), EACCES);
}

/* A socket file needs write permission to connect (unix(7)). */
static void connect_needs_write_permission(void)
{
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = socket_address;
    CHECK_EQ(0, bind(server, (struct sockaddr *)&address, sizeof address), "bind");
    CHECK_EQ(0, listen(server, 4), "listen");
    CHECK_EQ(0, chmod("/tmp/root_socket", 0600), "chmod of the socket file");
    run_checks_in_child(connect_as_student);
    close(server);
    unlink("/tmp/root_socket");
}

int main(void)
{
    struct sysv_ids ids = root_ids = make_root_objects();
    run_checks_in_child(as_student);
    connect_needs_write_permission();

    /* root passes every check: its own and the student's objects */
    struct sembuf up = { 0, 1, IPC_NOWAIT };
    CHECK_EQ(0, semop(ids.set, &up, 1), "root's semop");
    CHECK_EQ(0, msgctl(ids.queue, IPC_RMID, 0), "IPC_RMID");
    CHECK_EQ(0, msgctl(ids.readable_queue, IPC_RMID, 0), "IPC_RMID");
    CHECK_EQ(0, semctl(ids.set, 0, IPC_RMID), "IPC_RMID");
    CHECK_EQ(0, shmctl(ids.segment, IPC_RMID, 0), "IPC_RMID");
    CHECK_EQ(0, unlink("/tmp/root_fifo"), "unlink");
    CHECK_EQ(0, rmdir("/tmp/open_a/renamed"), "rmdir");
    CHECK_EQ(0, rmdir("/tmp/open_a"), "rmdir");
    CHECK_EQ(0, rmdir("/tmp/open_b"), "rmdir");
    CHECK_ERROR(rmdir("/tmp/closed/full"), ENOTEMPTY);   /* root: past the permission, the contents */
    CHECK_EQ(0, unlink("/tmp/closed/full/x"), "unlink");
    CHECK_EQ(0, rmdir("/tmp/closed/full"), "rmdir");
    CHECK_EQ(0, unlink("/tmp/closed/file"), "unlink");
    CHECK_EQ(0, rmdir("/tmp/closed"), "rmdir");
    CHECK_EQ(0, unlink("/tmp/root_file"), "unlink");
    CHECK_EQ(0, unlink("/tmp/public_file"), "unlink");
    CHECK_EQ(0, mq_unlink("/root_queue"), "mq_unlink");
    CHECK_EQ(0, sem_unlink("/root_semaphore"), "sem_unlink");
    return test_finish("identity_modes_refuse_other_users_with_eacces");
}
