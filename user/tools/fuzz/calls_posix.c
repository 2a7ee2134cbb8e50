/* user/tools/fuzz/calls_posix.c - generators for POSIX message queues and
 * local sockets, made as system calls (not through the libc, which would check
 * or convert arguments first). A kernel without these calls answers ENOSYS,
 * and a tree without their numbers builds generators that decline. Socket
 * names are paths under /tmp/fuzz or /home/fuzz, removed with them. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <uapi/syscall.h>
#include <uapi/time.h>

#include "fuzz.h"

#if defined(SYS_mq_open) && __has_include(<uapi/mqueue.h>)
#include <uapi/mqueue.h>

static long queue_name(void)
{
    if (chance(8))
        return (long)bad_pointer();
    char *name = (char *)safe_buffer(300);
    switch (below(10)) {
    case 0: strcpy(name, "fzq-without-a-slash"); break;
    case 1: strcpy(name, "/"); break;
    case 2: strcpy(name, "/fzq/two"); break;
    case 3: memset(name, 'q', 299); name[0] = '/'; name[299] = 0; break;   /* too long */
    default: snprintf(name, 32, "/fzq%u.%u", shared->seed % 1000, below(NAME_POOL)); break;
    }
    return (long)name;
}

static long queue_attributes(void)
{
    if (chance(30))
        return chance(70) ? 0 : (long)bad_pointer();
    struct mq_attr *attributes = (struct mq_attr *)safe_buffer(sizeof *attributes);
    memset(attributes, 0, sizeof *attributes);
    attributes->mq_flags = (long)any_flags(O_NONBLOCK);
    attributes->mq_maxmsg = (long)PICK(1, 2, 10, 256, 257, 0, (uint32_t)-1);
    attributes->mq_msgsize = (long)PICK(1, 16, 200, 8192, 8193, 0, (uint32_t)-1);
    return (long)attributes;
}

/* An absolute CLOCK_REALTIME deadline: past, near, bad, or none. */
static long deadline(void)
{
    if (chance(50))
        return 0;
    if (chance(10))
        return (long)bad_pointer();
    struct timespec *time = (struct timespec *)safe_buffer(sizeof *time);
    raw_syscall(SYS_clock_gettime, CLOCK_REALTIME, (long)time, 0, 0, 0, 0);
    time->tv_nsec += (long)PICK(0, 1000000, 20000000, 0, 1000000000);
    if (chance(20))
        time->tv_sec = (long)PICK(0, (uint32_t)-1, 0x7fffffff);
    return (long)time;
}

static int queue_fd(void)
{
    int fd = fd_of_kind(FD_MQUEUE);
    return fd >= 0 && chance(85) ? fd : fd_any();
}

static void after_mq_open(struct call *call, long result)
{
    (void)call;
    if (result >= 0)
        fd_opened(result, FD_MQUEUE);
}

static void make_mq_open(struct call *call)
{
    set_call(call, SYS_mq_open, "mq_open", 4, queue_name(),
             (long)any_flags(O_ACCMODE | O_CREAT | O_EXCL | O_NONBLOCK | O_CLOEXEC), (long)PICK(0600, 0, 0777),
             queue_attributes());
    call->after = after_mq_open;
}

static void make_mq_unlink(struct call *call)
{
    set_call(call, SYS_mq_unlink, "mq_unlink", 1, queue_name());
}

static void make_mq_send(struct call *call)
{
    uint32_t size = chance(80) ? below(300) : any_size();
    set_call(call, SYS_mq_timedsend, "mq_timedsend", 5, (long)queue_fd(), (long)in_pointer(size), (long)size,
             (long)PICK(0, 1, 31, 32767, 32768, (uint32_t)-1), deadline());
    call->may_block = 1;
}

static void make_mq_receive(struct call *call)
{
    uint32_t size = chance(70) ? PICK(8192, 200, 16, 0, 8193) : any_size();
    uint32_t buffer = out_pointer(&size);
    uint32_t room = 4;
    long priority = chance(30) ? 0 : (long)out_pointer(&room);
    if (room < 4)
        priority = (long)bad_pointer();
    set_call(call, SYS_mq_timedreceive, "mq_timedreceive", 5, (long)queue_fd(), (long)buffer, (long)size,
             priority, deadline());
    call->may_block = 1;
}

static void make_mq_getsetattr(struct call *call)
{
    uint32_t room = sizeof(struct mq_attr);
    long old = chance(30) ? 0 : (long)out_pointer(&room);
    if (room < sizeof(struct mq_attr))
        old = (long)bad_pointer();
    set_call(call, SYS_mq_getsetattr, "mq_getsetattr", 3, (long)queue_fd(), chance(50) ? 0 : queue_attributes(),
             old);
}
#else
static void make_mq_open(struct call *call) { (void)call; }
static void make_mq_unlink(struct call *call) { (void)call; }
static void make_mq_send(struct call *call) { (void)call; }
static void make_mq_receive(struct call *call) { (void)call; }
static void make_mq_getsetattr(struct call *call) { (void)call; }
#endif

/* mq_notify: each kind and unknown ones; signal numbers in range (the
 * worker's own, ignored ones, 0) and out; for SIGEV_THREAD a pipe's write
 * end or any descriptor; NULL to end the registration. */
#if defined(SYS_mq_notify) && __has_include(<uapi/mqueue.h>)
#include <uapi/signal.h>

static long notification(void)
{
    if (chance(25))
        return chance(60) ? 0 : (long)bad_pointer();
    struct kernel_sigevent *event = (struct kernel_sigevent *)safe_buffer(sizeof *event);
    memset(event, 0, sizeof *event);
    event->notify = (int)PICK(SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD, 3, (uint32_t)-1);
    event->value.sival_int = (int)below(1000);
    if (event->notify == SIGEV_THREAD) {
        int pipe_end = fd_of_kind(FD_PIPE_WRITE);
        event->signo = pipe_end >= 0 && chance(70) ? pipe_end : fd_any();
    } else {
        event->signo = (int)PICK(0, SIGUSR1, SIGUSR2, SIGCHLD, SIGWINCH, NSIG, 64, (uint32_t)-1, 1000);
    }
    return (long)event;
}

static void make_mq_notify(struct call *call)
{
    set_call(call, SYS_mq_notify, "mq_notify", 2, (long)queue_fd(), notification());
}
#else
static void make_mq_notify(struct call *call) { (void)call; }
#endif

#if defined(SYS_socket) && __has_include(<uapi/socket.h>)
#include <uapi/socket.h>

static int socket_fd(void)
{
    int fd = fd_of_kind(FD_SOCKET);
    return fd >= 0 && chance(85) ? fd : fd_any();
}

static void after_socket(struct call *call, long result)
{
    (void)call;
    if (result >= 0)
        fd_opened(result, FD_SOCKET);
}

static long socket_type(void)
{
    return (long)(chance(85) ? PICK(SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET) |
                                   (chance(20) ? PICK(SOCK_NONBLOCK, SOCK_CLOEXEC) : 0)
                             : PICK(0, 3, 4, 11, rng()));
}

static void make_socket(struct call *call)
{
    set_call(call, SYS_socket, "socket", 3, (long)(chance(90) ? AF_UNIX : PICK(0, 2, 10, rng())), socket_type(),
             (long)(chance(90) ? 0 : PICK(1, 6, rng())));
    call->after = after_socket;
}

static void after_socketpair(struct call *call, long result)
{
    if (result == 0 && call->aux) {
        const int *fds = (const int *)call->args[3];
        fd_opened(fds[0], FD_SOCKET);
        fd_opened(fds[1], FD_SOCKET);
    }
}

static void make_socketpair(struct call *call)
{
    long fds = chance(85) ? (long)safe_buffer(8) : (long)bad_pointer();
    call->aux = fds != 0 && in_scratch((uint32_t)fds, 8);
    set_call(call, SYS_socketpair, "socketpair", 4, (long)(chance(90) ? AF_UNIX : 2), socket_type(), 0L, fds);
    call->after = after_socketpair;
}

/* An address to bind or connect to: a path of our trees mostly; an
 * empty one, one of all 108 bytes without a NUL, the wrong family. */
static long socket_address(long *length)
{
    *length = (long)sizeof(struct sockaddr_un);
    if (chance(8))
        return (long)bad_pointer();
    struct sockaddr_un *address = (struct sockaddr_un *)safe_buffer(sizeof *address);
    memset(address, 0, sizeof *address);
    address->sun_family = chance(92) ? AF_UNIX : (sa_family_t)PICK(0, 2, 0xffff);
    switch (below(10)) {
    case 0: break;                                   /* an empty path */
    case 1: memset(address->sun_path, 's', sizeof address->sun_path); break;
    default: {
        char path[512];
        path_for_change(path);
        size_t length = strlen(path);
        if (length > sizeof address->sun_path - 1)
            length = sizeof address->sun_path - 1;
        memcpy(address->sun_path, path, length);
    }
    }
    /* never a length that cuts the path short: its first bytes would name
     * another place ("/t"), outside our trees */
    if (chance(15))
        *length = (long)PICK(0, 1, 2, sizeof *address + 1, 200, (uint32_t)-1);
    return (long)address;
}

/* Where a call writes an address back, and the length it may use. */
static long address_out(long *length_pointer)
{
    if (chance(25)) {
        *length_pointer = chance(50) ? 0 : (long)bad_pointer();
        return chance(50) ? 0 : (long)bad_pointer();
    }
    uint32_t room = sizeof(struct sockaddr_un);
    uint32_t address = out_pointer(&room);
    socklen_t *length = (socklen_t *)safe_buffer(sizeof *length);
    *length = chance(85) ? room : PICK(0, 1, 0x7fffffff);
    if (*length > room)
        address = bad_pointer();
    *length_pointer = (long)length;
    return (long)address;
}

static void make_bind(struct call *call)
{
    long length;
    long address = socket_address(&length);
    set_call(call, SYS_bind, "bind", 3, (long)socket_fd(), address, length);
}

static void make_listen(struct call *call)
{
    set_call(call, SYS_listen, "listen", 2, (long)socket_fd(), (long)PICK(0, 1, 5, 128, (uint32_t)-1, 0x7fffffff));
}

static void make_accept(struct call *call)
{
    long length;
    long address = address_out(&length);
    set_call(call, SYS_accept, "accept", 4, (long)socket_fd(), address, length,
             (long)(chance(80) ? 0 : any_flags(SOCK_NONBLOCK | SOCK_CLOEXEC)));
    call->may_block = 1;
    call->after = after_socket;
}

static void make_connect(struct call *call)
{
    long length;
    long address = socket_address(&length);
    set_call(call, SYS_connect, "connect", 3, (long)socket_fd(), address, length);
    call->may_block = 1;
}

static void make_name(struct call *call)
{
    long length;
    long address = address_out(&length);
    if (chance(50))
        set_call(call, SYS_getsockname, "getsockname", 3, (long)socket_fd(), address, length);
    else
        set_call(call, SYS_getpeername, "getpeername", 3, (long)socket_fd(), address, length);
}

static long message_flags(void)
{
    return (long)any_flags(MSG_OOB | MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT | MSG_WAITALL | MSG_NOSIGNAL);
}

static void make_sendto(struct call *call)
{
    uint32_t size = chance(80) ? below(600) : any_size();
    long length = 0, address = 0;
    if (chance(40))
        address = socket_address(&length);
    set_call(call, SYS_sendto, "sendto", 6, (long)socket_fd(), (long)in_pointer(size), (long)size, message_flags(),
             address, length);
    call->may_block = 1;
}

static void make_recvfrom(struct call *call)
{
    uint32_t size = chance(80) ? below(600) : any_size();
    uint32_t buffer = out_pointer(&size);
    long length = 0, address = 0;
    if (chance(40))
        address = address_out(&length);
    set_call(call, SYS_recvfrom, "recvfrom", 6, (long)socket_fd(), (long)buffer, (long)size, message_flags(),
             address, length);
    call->may_block = 1;
}

static void make_shutdown(struct call *call)
{
    set_call(call, SYS_shutdown, "shutdown", 2, (long)socket_fd(), (long)PICK(0, 1, 2, 3, (uint32_t)-1));
}
#else
static void make_socket(struct call *call) { (void)call; }
static void make_socketpair(struct call *call) { (void)call; }
static void make_bind(struct call *call) { (void)call; }
static void make_listen(struct call *call) { (void)call; }
static void make_accept(struct call *call) { (void)call; }
static void make_connect(struct call *call) { (void)call; }
static void make_name(struct call *call) { (void)call; }
static void make_sendto(struct call *call) { (void)call; }
static void make_recvfrom(struct call *call) { (void)call; }
static void make_shutdown(struct call *call) { (void)call; }
#endif

const struct generator posix_generators[] = {
    { make_mq_open, 4 }, { make_mq_unlink, 2 }, { make_mq_send, 4 }, { make_mq_receive, 4 },
    { make_mq_getsetattr, 2 }, { make_socket, 4 }, { make_socketpair, 3 }, { make_bind, 3 }, { make_listen, 2 },
    { make_accept, 3 }, { make_connect, 3 }, { make_name, 2 }, { make_sendto, 4 }, { make_recvfrom, 4 },
    { make_shutdown, 2 },
    { make_mq_notify, 2 },
};
const unsigned posix_generator_count = sizeof posix_generators / sizeof posix_generators[0];
