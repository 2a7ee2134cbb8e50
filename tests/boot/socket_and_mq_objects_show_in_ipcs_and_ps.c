/* tests/boot/socket_and_mq_objects_show_in_ipcs_and_ps.c - POSIX message
 * queues and local sockets are listed by kinfo(KINFO_IPC_OBJECTS), what
 * ipcs prints: a queue as "mqueue" with its name, its messages and its
 * mq_maxmsg (and "(unlinked)" once its name is gone); a socket as
 * "sock-lstn" (a listener: its waiting connections against its backlog),
 * "sock-strm" or "sock-dgram", with its path (or "#id"), what it holds and
 * what it can hold.
 * A process waiting on one names it in kinfo(KINFO_PROCESSES), what ps
 * prints: "mqueue /name", "socket /path". When they are gone, so are the
 * entries. */
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "boot_test.h"

#define SOCKET_PATH "/tmp/shown.sock"

/* The entry of `kind` named `name`, or NULL. */
static const struct kinfo_ipc_object *find_object(const char *kind, const char *name)
{
    static struct kinfo_ipc_object objects[128];
    int bytes = kinfo(KINFO_IPC_OBJECTS, objects, sizeof objects);
    for (int i = 0; i < bytes / (int)sizeof objects[0]; i++)
        if (!strncmp(objects[i].kind, kind, sizeof objects[i].kind) &&
            !strncmp(objects[i].name, name, sizeof objects[i].name))
            return &objects[i];
    return NULL;
}

/* Waits (up to 2 s) until `pid` waits on `object`, as ps says it. */
static int waits_on(pid_t pid, const char *object)
{
    static struct kinfo_process table[64];
    for (int attempt = 0; attempt < 2000; attempt++) {
        int bytes = kinfo(KINFO_PROCESSES, table, sizeof table);
        for (int i = 0; i < bytes / (int)sizeof table[0]; i++)
            if (table[i].pid == pid && table[i].state == 'B' && !strcmp(table[i].wait_object, object))
                return 1;
        usleep(1000);
    }
    return 0;
}

static void message_queues_are_listed_and_named_by_waiters(void)
{
    struct mq_attr attributes = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t queue = mq_open("/shown", O_RDWR | O_CREAT, 0600, &attributes);
    mq_send(queue, "a", 1, 0);
    mq_send(queue, "b", 1, 0);
    const struct kinfo_ipc_object *object = find_object("mqueue", "/shown");
    CHECK(object != NULL, "no \"mqueue\" entry named /shown");
    if (object) {
        CHECK_EQ(2, object->count, "its messages");
        CHECK_EQ(4, object->capacity, "its capacity (mq_maxmsg)");
        CHECK_EQ(getpid(), object->owner_pid, "its creator");
    }
    mqd_t empty = mq_open("/empty", O_RDWR | O_CREAT, 0600, &attributes);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char buffer[16];
        mq_receive(empty, buffer, sizeof buffer, NULL);
        _exit(0);
    }
    CHECK(waits_on(child, "mqueue /empty"), "ps does not show the child waiting on \"mqueue /empty\"");
    object = find_object("mqueue", "/empty");
    CHECK(object && object->receivers_waiting == 1, "the /empty entry does not count its waiting receiver");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    mq_unlink("/shown");
    CHECK(find_object("mqueue", "/shown (unlinked)") != NULL, "an unlinked open queue is listed as such");
    mq_close(queue);
    CHECK(find_object("mqueue", "/shown (unlinked)") == NULL, "a closed unlinked queue is still listed");
    mq_close(empty);
    mq_unlink("/empty");
    CHECK(find_object("mqueue", "/empty") == NULL, "a removed queue is still listed");
}

static void sockets_are_listed_and_named_by_waiters(void)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, SOCKET_PATH);
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(server, (struct sockaddr *)&address, sizeof address);
    listen(server, 2);
    int client = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *)&address, sizeof address);
    const struct kinfo_ipc_object *object = find_object("sock-lstn", SOCKET_PATH);
    CHECK(object != NULL, "no \"sock-lstn\" entry named %s", SOCKET_PATH);
    if (object) {
        CHECK_EQ(1, object->count, "the listener's waiting connections");
        CHECK_EQ(3, object->capacity, "connections it takes before connect() waits (backlog + 1)");
    }
    int accepted = accept(server, NULL, NULL);
    send(client, "12345", 5, 0);
    object = find_object("sock-strm", SOCKET_PATH);   /* the accepted end takes the listener's name */
    CHECK(object && object->count == 5 && object->capacity == 16384,
          "the accepted connection: expected 5 bytes of 16384 unread, got %u of %u",
          object ? object->count : 0, object ? object->capacity : 0);
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        close(server);
        char buffer[8];
        recv(client, buffer, sizeof buffer, 0);   /* waits: nothing comes to the client */
        _exit(0);
    }
    int found = 0;
    static struct kinfo_process table[64];
    for (int attempt = 0; attempt < 2000 && !found; attempt++) {
        int bytes = kinfo(KINFO_PROCESSES, table, sizeof table);
        for (int i = 0; i < bytes / (int)sizeof table[0]; i++)
            if (table[i].pid == child && table[i].state == 'B' && !strncmp(table[i].wait_object, "socket #", 8))
                found = 1;
        usleep(1000);
    }
    CHECK(found, "ps does not show the child waiting on an unnamed socket (\"socket #id\")");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    close(client);
    close(accepted);
    close(pair[0]);
    close(pair[1]);
    close(server);
    unlink(SOCKET_PATH);
    CHECK(find_object("sock-lstn", SOCKET_PATH) == NULL, "a closed listener is still listed");
    CHECK(find_object("sock-strm", SOCKET_PATH) == NULL, "a closed connection is still listed");
}

static void cases(void)
{
    message_queues_are_listed_and_named_by_waiters();
    sockets_are_listed_and_named_by_waiters();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("socket_and_mq_objects_show_in_ipcs_and_ps");
}
