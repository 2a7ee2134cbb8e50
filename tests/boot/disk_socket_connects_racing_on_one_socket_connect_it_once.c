/* tests/boot/disk_socket_connects_racing_on_one_socket_connect_it_once.c -
 * two processes that share one unconnected AF_UNIX stream socket (a
 * fork) connect it at the same moment to a listener: one connect
 * succeeds, the other gets EISCONN (as Linux answers), and the listener
 * has exactly one connection to accept. Finding the listener by its path
 * takes the file-system lock, which a third process nearly always holds
 * (it reads a file larger than the block cache, sleeping on the disk), so
 * both connects wait there, one behind the other; the second must look
 * at its socket again once it has found the listener
 * (socket_stream_connect, kernel/ipc/socket_stream.c). (Before, both
 * connected, in each of the 60 rounds: the socket's first peer was lost,
 * the listener held two connections to one socket, and 60 sockets were
 * left at the end.) After the rounds the local sockets and open files are
 * back. */
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

// disk-image: 16M
#include "boot_disk.h"

#define ROUNDS 60
#define LISTENER_PATH "/tmp/connect-race.sock"
#define BIG_FILE "/home/big"
#define BIG_FILE_BYTES (3 << 20)

/* BIG_FILE: 3 MiB, more than the block cache holds (BLOCK_CACHE_BYTES,
 * kernel/fs/block_cache.h). 0, or -1. */
static int make_big_file(void)
{
    static char block[64 * 1024];
    memset(block, 'b', sizeof block);
    int fd = open(BIG_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    for (int i = 0; i < BIG_FILE_BYTES / (int)sizeof block; i++)
        if (write(fd, block, sizeof block) != (int)sizeof block)
            return -1;
    return close(fd);
}

static struct sockaddr_un listener_address(void)
{
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strncpy(address.sun_path, LISTENER_PATH, sizeof address.sun_path - 1);
    return address;
}

static int connect_to_listener(int fd)
{
    struct sockaddr_un address = listener_address();
    return connect(fd, (struct sockaddr *)&address, sizeof address) == 0 ? 0 : errno;
}

/* The holder: reads BIG_FILE, larger than the block cache, over and
 * over, 4 KiB a call. Each read holds the file-system lock and sleeps on
 * the disk for blocks the cache no longer has, so the lock is nearly
 * always held, and a connect must often wait for it. */
static void hold_the_lock_by_reading(void)
{
    static char buffer[4096];
    int fd = open(BIG_FILE, O_RDONLY);
    if (fd < 0)
        _exit(1);
    for (;;)
        if (read(fd, buffer, sizeof buffer) <= 0)
            lseek(fd, 0, SEEK_SET);
}

static void one_round(int listener, int round, int *parent_won)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(fd >= 0, "socket: %s", strerror(errno));
    int go;
    pid_t child = fork_held_until_go(&go);
    if (child == 0)
        _exit(connect_to_listener(fd));    /* 0, or the errno */
    start_the_child(go);                   /* its connect */
    for (volatile int spin = 0; spin < (round % 12) * 500; spin++)
        ;
    int parent_error = connect_to_listener(fd);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "the child ended with status %#x", status);
    int child_error = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    CHECK((parent_error == 0 && child_error == EISCONN) || (parent_error == EISCONN && child_error == 0),
          "round %d: the parent's connect gave %d, the child's %d: expected one 0 and one EISCONN (%d)", round,
          parent_error, child_error, EISCONN);
    *parent_won += parent_error == 0;

    /* exactly one connection waits, and it reaches this socket */
    int accepted = accept(listener, NULL, NULL);
    CHECK(accepted >= 0, "round %d: accept: %s", round, strerror(errno));
    int extra = accept(listener, NULL, NULL);
    CHECK(extra < 0 && errno == EAGAIN, "round %d: a second connection waits on the listener (accept gave %d)",
          round, extra);
    if (extra >= 0)
        close(extra);
    CHECK_EQ(4, write(fd, "ping", 4), "write to the connected socket");
    char buffer[8];
    CHECK_EQ(4, recv(accepted, buffer, sizeof buffer, MSG_DONTWAIT), "receive what it wrote, there already");
    CHECK_EQ(0, close(accepted), "close the accepted end");
    CHECK_EQ(0, close(fd), "close the socket");
}

int main(void)
{
    require_home_on_the_disk("disk_socket_connects_racing_on_one_socket_connect_it_once");
    signal(SIGPIPE, SIG_IGN);               /* a lost peer: EPIPE, which a check reports */
    unlink(LISTENER_PATH);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(listener >= 0, "socket: %s", strerror(errno));
    struct sockaddr_un address = listener_address();
    CHECK_EQ(0, bind(listener, (struct sockaddr *)&address, sizeof address), "bind the listener");
    CHECK_EQ(0, listen(listener, 8), "listen");
    struct kinfo_counters before, after;
    CHECK(kinfo(KINFO_COUNTERS, &before, sizeof before) >= 0, "kinfo: %s", strerror(errno));
    CHECK_EQ(0, make_big_file(), "write " BIG_FILE);
    pid_t holder = fork();
    if (holder == 0)
        hold_the_lock_by_reading();
    int parent_won = 0;
    for (int round = 0; round < ROUNDS; round++)
        one_round(listener, round, &parent_won);
    kill(holder, SIGKILL);
    waitpid(holder, NULL, 0);
    CHECK(kinfo(KINFO_COUNTERS, &after, sizeof after) >= 0, "kinfo: %s", strerror(errno));
    CHECK_EQ(before.sockets, after.sockets, "local sockets after every round");
    CHECK_EQ(before.open_files, after.open_files, "open files after every round");
    close(listener);
    unlink(LISTENER_PATH);
    unlink(BIG_FILE);
    printf("the parent's connect won %d of %d rounds\n", parent_won, ROUNDS);
    return test_finish("disk_socket_connects_racing_on_one_socket_connect_it_once");
}
