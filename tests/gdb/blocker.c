/* tests/gdb/blocker.c - the scene the GDB test looks at (tests/gdb/gdb_test.py).
 *
 * Ten children block, each on something else:
 *   pid 3   read() of an empty pipe              -> "pipe read" on pipe N
 *   pid 4   mbox_recv() on "gdbtest"             -> "mbox_recv" on mailbox gdbtest
 *   pid 5   msg_recv() from the parent (pid 2)   -> "msg_recv" on process 2
 *   pid 6   msgrcv() on a System V queue         -> "msgrcv" on msgqueue N
 *   pid 7   mq_receive() on "/gdbtest"           -> on mqueue /gdbtest
 *   pid 8   sem_wait() on the named "/gdbtest"   -> a futex wait on its word
 *   pid 9   sem_wait() on an unnamed semaphore in shared memory
 *   pid 10  accept() on a socket bound at /tmp/gdbtest.socket
 *   pid 11  recv() on one end of a socketpair
 *   pid 12  three threads: tid 12 (the first) in pthread_join() of tid 13,
 *           tid 13 in msg_recv() from the parent, tid 14 in read() of a
 *           pipe of its own
 * and the parent attaches a System V shared memory segment of 8192 bytes.
 * Then the parent calls getppid(), where the test's breakpoint
 * (sys_getppid) stops the machine. Afterwards the parent releases them
 * all (the threaded one by SIGKILL, which ends every thread), removes
 * everything and exits 0, so the program also runs to completion on its
 * own. */
#include <fcntl.h>
#include <ipc.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define SOCKET_PATH "/tmp/gdbtest.socket"
#define SEGMENT_SIZE 8192

static pid_t start_child(void (*body)(void *), void *argument)
{
    pid_t pid = fork();
    if (pid == 0) {
        body(argument);
        _exit(0);
    }
    return pid;
}

static void read_pipe(void *argument)
{
    char c;
    read(*(int *)argument, &c, 1);
}

static void receive_from_mailbox(void *argument)
{
    struct message m;
    mbox_recv(*(int *)argument, &m, 0);
}

static void receive_from_parent(void *argument)
{
    struct message m;
    msg_recv(*(pid_t *)argument, &m, 0);
}

struct queue_message {
    long mtype;
    char mtext[8];
};

static void receive_from_queue(void *argument)
{
    struct queue_message m;
    msgrcv(*(int *)argument, &m, sizeof m.mtext, 0, 0);
}

static void receive_from_posix_queue(void *argument)
{
    char buffer[16];
    mq_receive(*(mqd_t *)argument, buffer, sizeof buffer, NULL);
}

static void wait_on_semaphore(void *argument)
{
    sem_wait(argument);
}

static void accept_a_connection(void *argument)
{
    int connection = accept(*(int *)argument, NULL, NULL);
    if (connection >= 0)
        close(connection);
}

static void receive_from_socket(void *argument)
{
    char c;
    recv(*(int *)argument, &c, 1, 0);
}

static void *receive_in_a_thread(void *argument)
{
    receive_from_parent(argument);
    return NULL;
}

static void *read_in_a_thread(void *argument)
{
    read_pipe(argument);
    return NULL;
}

/* The threaded child's first thread: starts the other two and waits for
 * the first of them. */
static void three_threads(void *parent)
{
    int own_pipe[2];
    pthread_t receiver, reader;
    if (pipe(own_pipe) != 0 || pthread_create(&receiver, NULL, receive_in_a_thread, parent) != 0 ||
        pthread_create(&reader, NULL, read_in_a_thread, &own_pipe[0]) != 0)
        return;
    pthread_join(receiver, NULL);
}

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    int box = mbox_open("gdbtest", O_CREAT, 0);
    if (box < 0)
        return 2;
    pid_t parent = getpid();
    start_child(read_pipe, &fds[0]);
    start_child(receive_from_mailbox, &box);
    pid_t message_reader = start_child(receive_from_parent, &parent);
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (queue < 0)
        return 3;
    start_child(receive_from_queue, &queue);

    struct mq_attr limits = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t posix_queue = mq_open("/gdbtest", O_CREAT | O_RDWR, 0600, &limits);
    sem_t *named = sem_open("/gdbtest", O_CREAT, 0600, 0);
    sem_t *unnamed = mmap(NULL, sizeof *unnamed, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (posix_queue < 0 || named == SEM_FAILED || unnamed == MAP_FAILED || sem_init(unnamed, 1, 0) != 0)
        return 4;
    start_child(receive_from_posix_queue, &posix_queue);
    start_child(wait_on_semaphore, named);
    start_child(wait_on_semaphore, unnamed);

    struct sockaddr_un address = { .sun_family = AF_UNIX, .sun_path = SOCKET_PATH };
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    int pair[2];
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 ||
        listen(listener, 4) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
        return 5;
    start_child(accept_a_connection, &listener);
    start_child(receive_from_socket, &pair[0]);
    pid_t threaded = start_child(three_threads, &parent);

    int segment = shmget(IPC_PRIVATE, SEGMENT_SIZE, IPC_CREAT | 0600);
    void *shared = segment < 0 ? (void *)-1 : shmat(segment, NULL, 0);
    if (shared == (void *)-1)
        return 6;

    usleep(100 * 1000);              /* long enough for all of them to block */
    getppid();                       /* the GDB test stops here */

    struct message m = { .type = 1, .len = 2, .body = "hi" };
    write(fds[1], "x", 1);
    mbox_send(box, &m, 0);
    msg_send(message_reader, &m, 0);
    struct queue_message note = { 1, "hi" };
    msgsnd(queue, &note, sizeof note.mtext, 0);
    mq_send(posix_queue, "hi", 2, 0);
    sem_post(named);
    sem_post(unnamed);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&address, sizeof address);
    send(pair[1], "x", 1, 0);
    kill(threaded, SIGKILL);
    while (wait(NULL) > 0)
        ;
    close(client);
    mbox_unlink("gdbtest");
    msgctl(queue, IPC_RMID, NULL);
    mq_unlink("/gdbtest");
    sem_unlink("/gdbtest");
    unlink(SOCKET_PATH);
    shmdt(shared);
    shmctl(segment, IPC_RMID, NULL);
    return 0;
}
