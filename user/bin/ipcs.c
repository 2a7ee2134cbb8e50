/* user/bin/ipcs.c - ipcs: every IPC object the kernel has, as it tells it
 * through kinfo(KINFO_IPC_OBJECTS) (kernel/uapi/kinfo.h):
 *
 *   KIND       NAME              OWNER   COUNT  CAPACITY  SEND-WAIT  RECV-WAIT
 *   pipe       3                     0       5     16384          0          0
 *   mailbox    printer               4       2        16          0          1
 *
 * OWNER is the pid of the process that created the object (a mailbox, a
 * message queue, a semaphore set, a segment; for an inbox, the process it
 * belongs to), kept after that process has exited, as Linux's ipcs shows
 * a segment's creator (CPID); 0 for pipes, FIFOs, sockets and epoll
 * instances, whose creator the kernel does not keep. An epoll instance's
 * COUNT is the descriptors it watches, its RECV-WAIT its epoll_wait
 * callers. COUNT is what it holds now (bytes for
 * pipes, messages otherwise); SEND-WAIT and RECV-WAIT are the processes
 * blocked sending (writing) and receiving (reading) on it. `ps` shows
 * which object each one waits on; ipcrm removes an object.
 *
 * POSIX shared memory objects are files of /dev/shm (shm_open(3)), not
 * kernel objects: they are listed from the directory, as "posix-shm" with
 * their size in bytes as COUNT. One that is unlinked but still mapped has
 * no name left to list.
 *
 * Internet sockets follow in a table of their own, when there are any
 * (kinfo(KINFO_NET_SOCKETS); netstat(1) shows the same):
 *
 *   PROTO  LOCAL                  REMOTE                 STATE        OWNER  RECV-Q  SEND-Q
 *   tcp    0.0.0.0:7              0.0.0.0:*              LISTEN           4       0       0
 *
 * RECV-Q is what was received and not yet read, SEND-Q what was sent and
 * not yet acknowledged. */
#include <dirent.h>
#include <errno.h>
#include <kernel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "net_socket_table.h"

#define SHM_DIRECTORY "/dev/shm"
#define SEMAPHORE_PREFIX "sem."           /* named semaphores' files (libc/semaphore/named.c) */

/* Prints a line for each POSIX shared memory object; returns how many. */
static int list_shared_memory_objects(void)
{
    DIR *directory = opendir(SHM_DIRECTORY);
    if (!directory)
        return 0;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(directory))) {
        char path[300];
        struct stat st;
        snprintf(path, sizeof path, SHM_DIRECTORY "/%s", entry->d_name);
        if (!strncmp(entry->d_name, SEMAPHORE_PREFIX, strlen(SEMAPHORE_PREFIX)) || stat(path, &st) < 0 ||
            !S_ISREG(st.st_mode))
            continue;
        printf("%-10s /%-15s %6d %7ld %9s %10u %10u\n", "posix-shm", entry->d_name, 0, (long)st.st_size, "-", 0u,
               0u);
        count++;
    }
    closedir(directory);
    return count;
}

/* Prints the Internet sockets as a second table, if there are any. */
static void list_internet_sockets(void)
{
    int count;
    struct kinfo_net_socket *sockets = kinfo_table(KINFO_NET_SOCKETS, sizeof *sockets, &count);
    if (!sockets)
        return;
    if (count > 0)
        printf("\n%-6s %-22s %-22s %-12s %5s %7s %7s\n", "PROTO", "LOCAL", "REMOTE", "STATE", "OWNER", "RECV-Q",
               "SEND-Q");
    for (int i = 0; i < count; i++) {
        const struct kinfo_net_socket *s = &sockets[i];
        char local[ENDPOINT_TEXT_MAX], remote[ENDPOINT_TEXT_MAX];
        net_endpoint_text(s->local_address, s->local_port, local);
        net_endpoint_text(s->remote_address, s->remote_port, remote);
        printf("%-6s %-22s %-22s %-12.*s %5d %7u %7u\n", net_protocol_name(s->protocol), local, remote,
               NET_SOCKET_STATE(s), s->owner_pid, s->receive_queue, s->send_queue);
    }
    free(sockets);
}

int main(void)
{
    int count;
    struct kinfo_ipc_object *objects = kinfo_table(KINFO_IPC_OBJECTS, sizeof *objects, &count);
    if (!objects) {
        fprintf(stderr, "ipcs: %s\n", strerror(errno));
        return 1;
    }
    printf("%-10s %-16s %6s %7s %9s %10s %10s\n", "KIND", "NAME", "OWNER", "COUNT", "CAPACITY",
           "SEND-WAIT", "RECV-WAIT");
    for (int i = 0; i < count; i++) {
        const struct kinfo_ipc_object *o = &objects[i];
        char capacity[16];
        if (o->capacity == 0xFFFFFFFFu)
            strcpy(capacity, "unbounded");
        else
            snprintf(capacity, sizeof capacity, "%u", o->capacity);
        printf("%-10.*s %-16.*s %6d %7u %9s %10u %10u\n", (int)sizeof o->kind, o->kind,
               (int)sizeof o->name, o->name, o->owner_pid, o->count, capacity,
               o->senders_waiting, o->receivers_waiting);
    }
    count += list_shared_memory_objects();
    if (count == 0)
        printf("(no IPC objects)\n");
    free(objects);
    list_internet_sockets();
    return 0;
}
