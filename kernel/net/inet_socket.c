/* kernel/net/inet_socket.c - Internet (AF_INET) sockets: the object, its
 * descriptor, and the waits every protocol shares. The BSD calls
 * (bind, connect, ...) are in inet_socket_calls.c, setsockopt and
 * getsockopt in inet_socket_options.c, the port table in inet_port.c,
 * each protocol's own work in tcp_*.c, udp_socket.c and icmp_socket.c.
 *
 *   socket(AF_INET, SOCK_DGRAM, 0)
 *     --> kernel/ipc/socket.c's sys_socket --> inet_socket_open
 *     --> inet_socket_create: the object, protocol->create
 *     --> inet_socket_install: an open file with inet_file_operations
 *         (read, write, poll, stat, release, and the `socket` table)
 *
 * The rules, and where they live:
 *  - SOCK_STREAM is TCP (protocol 0 or IPPROTO_TCP); SOCK_DGRAM is UDP
 *    (0 or IPPROTO_UDP) or a ping socket (IPPROTO_ICMP); any other
 *    protocol is EPROTONOSUPPORT. There are no raw sockets: SOCK_RAW is
 *    EPERM, as Linux answers all but root, and EPROTONOSUPPORT for root;
 *    another of Linux's types (SOCK_SEQPACKET, ...) is ESOCKTNOSUPPORT,
 *    a number past them EINVAL.                            -> inet_socket_open
 *  - A wait first delivers what the loopback queued (net_run_pending),
 *    then sleeps until woken, the SO_RCVTIMEO/SO_SNDTIMEO deadline
 *    (EAGAIN) or a signal (EINTR; a restart under SA_RESTART when no
 *    timeout is set, as Linux).                             -> inet_socket_wait
 *  - Closing the file closes the socket (TCP may keep its connection a
 *    while, holding its own reference); the memory and the port go with
 *    the last reference.                                    -> release, inet_socket_put */
#include "inet_socket.h"

#include "fs/file.h"
#include "fs/poll_table.h"
#include "ipc/signal.h"
#include "ipc/socket_family.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "net_interface.h"
#include "ipv4.h"
#include "packet.h"
#include "proc/credentials.h"
#include "proc/process.h"
#include "sched/clock.h"
#include "sched/task.h"
#include "tcp.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/sockios.h"         /* SIOCATMARK */
#include "uapi/stat.h"
#include "uapi/termios.h"           /* FIONREAD */

#define SOCKET_TYPE_RAW  3            /* Linux's SOCK_RAW: whole IP packets */

static unsigned live_sockets;
static uint32_t next_socket_id = 1;
static struct list all_sockets = { { &all_sockets.head, &all_sockets.head } };   /* for netstat */

/* The pid of the process running now, 0 in a kernel task. */
static int current_pid(void)
{
    return current_task && current_task->process ? current_task->process->pid : 0;
}

struct inet_socket *inet_socket_create(int type, const struct inet_protocol *protocol)
{
    struct inet_socket *socket = kzalloc(sizeof *socket);
    if (!socket)
        return 0;
    socket->type = type;
    socket->protocol = protocol;
    socket->references = 1;
    socket->owner_pid = current_pid();
    socket->receive_buffer = socket->send_buffer = INET_BUFFER_DEFAULT;
    socket->ttl = IPV4_DEFAULT_TTL;
    wait_queue_init(&socket->readable);
    wait_queue_init(&socket->writable);
    if (protocol->create && protocol->create(socket) < 0) {
        kfree(socket);
        return 0;
    }
    socket->id = next_socket_id++;
    list_push_back(&all_sockets, &socket->link);
    live_sockets++;
    return socket;
}

void inet_socket_get(struct inet_socket *socket)
{
    socket->references++;
}

void inet_socket_put(struct inet_socket *socket)
{
    if (--socket->references)
        return;
    inet_port_unbind(socket);         /* first: no packet may find it any more */
    if (socket->protocol->destroy)
        socket->protocol->destroy(socket);
    list_remove(&socket->link);
    kfree(socket);
    live_sockets--;
}

unsigned inet_socket_count(void)
{
    return live_sockets;
}

/* read() and write() are recv() and send() with no flags and no address. May sleep. */
static int inet_file_read(struct file *file, void *user_buffer, uint32_t size)
{
    return inet_socket_receive(file->object, user_buffer, size, 0, (file->flags & O_NONBLOCK) != 0, 0);
}

static int inet_file_write(struct file *file, const void *user_buffer, uint32_t size)
{
    return inet_socket_send(file->object, user_buffer, size, 0, (file->flags & O_NONBLOCK) != 0, 0);
}

/* fstat: a socket, with no size. */
static int inet_file_stat(struct file *file, struct stat *st)
{
    struct inet_socket *socket = file->object;
    st->st_mode = S_IFSOCK | 0777;
    st->st_ino = socket->id;          /* as /proc/PID/fd's "socket:[N]" */
    st->st_blksize = socket->send_buffer;
    return 0;
}

static struct inode *inet_fd_name(struct file *file, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "socket:[%u]", ((struct inet_socket *)file->object)->id);
    return 0;
}

/* poll(2): first delivers what the loopback queued, then asks the
 * protocol (which watches the socket's queues). A pending error is POLLERR. */
static unsigned inet_file_poll(struct file *file, struct poll_table *table)
{
    struct inet_socket *socket = file->object;
    net_run_pending();
    unsigned events = socket->protocol->poll ? socket->protocol->poll(socket, table) : 0;
    if (socket->pending_error)
        events |= POLLERR;
    return events;
}

/* The last descriptor is gone: the protocol starts its close (TCP may
 * keep a reference until its connection is over), the file's reference goes. */
static void inet_file_release(struct file *file)
{
    struct inet_socket *socket = file->object;
    socket->closed = 1;
    socket->file = NULL;
    socket->shutdown = INET_SHUTDOWN_RECEIVE | INET_SHUTDOWN_SEND;
    if (socket->protocol->close)
        socket->protocol->close(socket);
    inet_socket_wake(socket);
    net_run_pending();                /* a FIN or a reset to the loopback goes out now */
    inet_socket_put(socket);
}

/* ioctl(FIONREAD) and ioctl(SIOCATMARK): first delivers what the
 * loopback queued, as poll does, then asks the protocol. The interface
 * requests (SIOCGIFADDR, ...) are net_interface_ioctl.c's; -ENOTTY for
 * any other request. */
static int inet_file_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    struct inet_socket *socket = file->object;
    if (request != FIONREAD && request != SIOCATMARK)
        return net_interface_ioctl(request, argument, 1);
    int (*ask)(const struct inet_socket *) = request == FIONREAD ? socket->protocol->unread
                                                                 : socket->protocol->at_mark;
    if (!ask)
        return -ENOTTY;
    net_run_pending();
    int answer = ask(socket);
    if (answer < 0)
        return answer;
    return copy_to_user((void *)argument, &answer, sizeof answer) < 0 ? -EFAULT : 0;
}

static const struct file_operations inet_file_operations = {
    .read = inet_file_read,
    .write = inet_file_write,
    .ioctl = inet_file_ioctl,
    .stat = inet_file_stat,
    .fd_name = inet_fd_name,
    .poll = inet_file_poll,
    .release = inet_file_release,
    .socket = &inet_family_operations,
};

int inet_socket_install(struct inet_socket *socket, int flags)
{
    struct file *file = file_create(&inet_file_operations, socket, O_RDWR | ((flags & SOCK_NONBLOCK) ? O_NONBLOCK : 0));
    if (!file) {
        socket->closed = 1;
        if (socket->protocol->close)
            socket->protocol->close(socket);
        inet_socket_put(socket);
        return -ENOMEM;
    }
    socket->owner_pid = current_pid();   /* accept(): the process that took it */
    socket->file = file;
    return descriptor_install_new(file, flags & SOCK_CLOEXEC);   /* EMFILE: the release closes the socket */
}

int inet_socket_open(int type, int protocol)
{
    if (type & ~(SOCKET_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    const struct inet_protocol *chosen;
    switch (type & SOCKET_TYPE_MASK) {
    case SOCK_STREAM:
        if (protocol != 0 && protocol != IPPROTO_TCP)
            return -EPROTONOSUPPORT;
        chosen = &tcp_protocol;
        break;
    case SOCK_DGRAM:
        if (protocol == 0 || protocol == IPPROTO_UDP)
            chosen = &udp_protocol;
        else if (protocol == IPPROTO_ICMP)
            chosen = &icmp_protocol;
        else
            return -EPROTONOSUPPORT;
        break;
    case SOCKET_TYPE_RAW:             /* none here; Linux lets only root make one */
        return credentials_is_root(current_task->process) ? -EPROTONOSUPPORT : -EPERM;
    default:                          /* SOCK_SEQPACKET, ...: Linux's types none of whose protocols is here */
        return (type & SOCKET_TYPE_MASK) < SOCKET_TYPE_LIMIT ? -ESOCKTNOSUPPORT : -EINVAL;
    }
    struct inet_socket *socket = inet_socket_create(type & SOCKET_TYPE_MASK, chosen);
    return socket ? inet_socket_install(socket, type) : -ENOMEM;
}

int inet_socket_wait(struct inet_socket *socket, struct wait_queue *queue, int nonblocking,
                     uint64_t deadline_ns, const char *reason)
{
    if (nonblocking)
        return -EAGAIN;
    unsigned wakeups_before = socket->wakeups;
    net_run_pending();
    if (socket->wakeups != wakeups_before)
        return 0;                     /* the drain changed something: look again before sleeping */
    if (deadline_ns && clock_now_ns() >= deadline_ns)
        return -EAGAIN;
    wait_queue_say_object(socket, inet_socket_describe);   /* for ps */
    int woken = wait_queue_sleep(queue, reason, deadline_ns, WAIT_INTERRUPTIBLE);
    if (woken == WAKE_TIMEOUT)
        return -EAGAIN;
    if (woken == WAKE_INTERRUPTED)    /* Linux restarts only a wait with no timeout */
        return deadline_ns ? -EINTR : -ERESTARTSYS;
    return 0;
}

uint64_t inet_socket_deadline(uint64_t timeout_ns)
{
    return timeout_ns ? clock_now_ns() + timeout_ns : 0;
}

void inet_socket_wake(struct inet_socket *socket)
{
    socket->wakeups++;
    wait_queue_wake_all(&socket->readable);   /* and the poll watchers */
    wait_queue_wake_all(&socket->writable);
}

int inet_socket_take_error(struct inet_socket *socket)
{
    int error = socket->pending_error;
    socket->pending_error = 0;
    return error < 0 ? -error : error;   /* a protocol may have kept it negative */
}

/* "a.b.c.d:port" of `endpoint` into `buffer`. */
static void format_endpoint(const struct inet_endpoint *endpoint, char *buffer, unsigned size)
{
    uint32_t a = endpoint->address;
    ksnprintf(buffer, size, "%u.%u.%u.%u:%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff,
              endpoint->port);
}

#define ENDPOINT_TEXT_MAX 24          /* "255.255.255.255:65535" and its NUL */

void inet_socket_describe(const void *object, char *buffer, unsigned size)
{
    const struct inet_socket *socket = object;
    char local[ENDPOINT_TEXT_MAX], remote[ENDPOINT_TEXT_MAX];
    format_endpoint(&socket->local, local, sizeof local);
    if (socket->remote.port || socket->remote.address) {
        format_endpoint(&socket->remote, remote, sizeof remote);
        ksnprintf(buffer, size, "socket %s %s -> %s", socket->protocol->name, local, remote);
    } else {
        ksnprintf(buffer, size, "socket %s %s", socket->protocol->name, local);
    }
}

unsigned inet_socket_list(struct kinfo_net_socket *entries, unsigned capacity)
{
    unsigned count = 0;
    list_for_each(node, &all_sockets) {
        const struct inet_socket *socket = list_entry(node, struct inet_socket, link);
        if (count < capacity) {
            struct kinfo_net_socket *entry = &entries[count];
            memset(entry, 0, sizeof *entry);
            entry->id = socket->id;
            entry->protocol = socket->protocol->protocol;
            entry->local_address = net_order32(socket->local.address);
            entry->remote_address = net_order32(socket->remote.address);
            entry->local_port = net_order16(socket->local.port);
            entry->remote_port = net_order16(socket->remote.port);
            entry->owner_pid = socket->owner_pid;
            if (socket->protocol->describe)
                socket->protocol->describe(socket, entry);
        }
        count++;
    }
    return count;
}
