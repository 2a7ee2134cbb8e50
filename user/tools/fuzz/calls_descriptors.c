/* user/tools/fuzz/calls_descriptors.c - generators for the descriptor
 * calls of issue 32: readv and writev with vectors good and bad (too
 * many buffers, lengths that overflow, buffers outside our memory),
 * pread and pwrite at offsets good and negative, pipe2 and dup3 with
 * every flag, and sendmsg/recvmsg with random struct msghdr: names,
 * iovecs and control buffers made of SCM_RIGHTS (descriptors of ours,
 * closed or nonsense, too many), SCM_CREDENTIALS (ours, someone else's,
 * the wrong size) and control messages whose lengths lie. Descriptors
 * that come back in a recvmsg join the pool. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <uapi/syscall.h>

#include "fuzz.h"

#if defined(SYS_recvmsg) && __has_include(<uapi/uio.h>)
#include <uapi/fcntl.h>
#include <uapi/socket.h>
#include <uapi/uio.h>

#define VECTOR_MAX 12                 /* iovecs a good vector has */
#define CONTROL_ROOM 512              /* bytes of a control buffer we build */

/* The pieces of one struct msghdr (the header, its iovecs, its name and
 * its control buffer) are carved from one scratch buffer so that they
 * never overlap: otherwise filling one could scribble on another and the
 * call would rarely get past its checks. NULL outside make_message. */
static uint8_t *message_area;
static uint32_t message_area_used;
#define MESSAGE_AREA (sizeof(struct msghdr) + VECTOR_MAX * sizeof(struct iovec) + sizeof(struct sockaddr_un) + \
                      CONTROL_ROOM + 16)

static void *piece(uint32_t size)
{
    size = (size + 3) & ~3u;
    if (!message_area || message_area_used + size > MESSAGE_AREA)
        return (void *)safe_buffer(size);
    void *at = message_area + message_area_used;
    message_area_used += size;
    return at;
}

static int socket_fd(void)
{
    int fd = fd_of_kind(FD_SOCKET);
    return fd >= 0 && chance(85) ? fd : fd_any();
}

/* An array of iovecs in scratch memory, each a buffer the kernel may read
 * (`out` 0) or write (`out` 1); sometimes a bad pointer or one bad
 * buffer or lengths that overflow. Its count in *count. */
static long make_vector(int out, long *count)
{
    if (chance(5)) {
        *count = (long)PICK(0, 1, 3, IOV_MAX, IOV_MAX + 1, (uint32_t)-1, 0x40000000);
        return (long)bad_pointer();
    }
    unsigned n = chance(90) ? below(VECTOR_MAX + 1) : (unsigned)PICK(IOV_MAX, IOV_MAX + 1, 4096);
    unsigned made = n < VECTOR_MAX ? n : VECTOR_MAX;
    struct iovec *vector = (struct iovec *)piece((made ? made : 1) * sizeof *vector);
    int clean = chance(60);           /* every buffer our own: the call gets past its checks */
    for (unsigned i = 0; i < made; i++) {
        uint32_t size = chance(80) ? below(300) : any_size();
        if (clean) {
            size = below(300);
            vector[i].iov_base = (void *)safe_buffer(size);
            vector[i].iov_len = size;
            continue;
        }
        vector[i].iov_base = (void *)(out ? out_pointer(&size) : in_pointer(size));
        vector[i].iov_len = size;
        if (chance(4))
            vector[i].iov_base = (void *)bad_pointer();
        if (chance(3)) {
            vector[i].iov_len = (uint32_t)PICK(0x7fffffff, 0x80000000, 0xffffffff, 0x40000000);
            /* a read may now fill the vector as far as it has bytes: past
             * the buffer out_pointer chose, as far as the kernel finds
             * memory (seed 7110: 2,903 bytes of a stream socket into a
             * 4-byte scratch buffer were counted as the kernel's fault) */
            uint32_t base = (uint32_t)vector[i].iov_base;
            if (out && in_scratch(base, 1))
                scratch_note_to_end(base);
            else if (out && protected_write_target(base, 0x1000000))
                vector[i].iov_base = (void *)bad_pointer();
        }
    }
    if (n > made)
        n = made;                     /* a count beyond what we built would read past it: only the big ones */
    *count = chance(90) ? (long)n : (long)PICK(IOV_MAX + 1, (uint32_t)-1, 0x80000000);
    return (long)vector;
}

static void make_readv(struct call *call)
{
    long count;
    long vector = make_vector(1, &count);
    set_call(call, SYS_readv, "readv", 3, (long)fd_any(), vector, count);
    call->may_block = 1;
}

static void make_writev(struct call *call)
{
    int fd = fd_any();
    if (fd >= 0 && fd < FD_SLOTS && fd_kinds[fd] == FD_TERMINAL)
        fd = -1;                      /* no garbage on the console */
    long count;
    long vector = make_vector(0, &count);
    set_call(call, SYS_writev, "writev", 3, (long)fd, vector, count);
    call->may_block = 1;
}

static long any_offset(void)
{
    return (long)PICK(0, 1, 100, 4096, 65536, 0x7fffffff, (uint32_t)-1, 0x80000000, rng());
}

static void make_pread(struct call *call)
{
    uint32_t size = chance(80) ? below(600) : any_size();
    uint32_t buffer = out_pointer(&size);
    set_call(call, SYS_pread, "pread", 4, (long)fd_any(), (long)buffer, (long)size, any_offset());
    call->may_block = 1;
}

static void make_pwrite(struct call *call)
{
    int fd = fd_of_file();
    if (fd < 0 || chance(20))
        fd = fd_any();
    if (fd >= 0 && fd < FD_SLOTS && fd_kinds[fd] == FD_TERMINAL)
        fd = -1;
    uint32_t size = chance(80) ? below(600) : any_size();
    set_call(call, SYS_pwrite, "pwrite", 4, (long)fd, (long)in_pointer(size), (long)size,
             chance(80) ? (long)below(70000) : any_offset());
    call->may_block = 1;
}

static void after_pipe2(struct call *call, long result)
{
    if (result == 0 && call->aux) {
        const int *fds = (const int *)call->args[0];
        fd_opened(fds[0], FD_PIPE_READ);
        fd_opened(fds[1], FD_PIPE_WRITE);
    }
}

static void make_pipe2(struct call *call)
{
    long fds = chance(90) ? (long)safe_buffer(8) : (long)bad_pointer();
    call->aux = fds != 0 && in_scratch((uint32_t)fds, 8);
    long flags = chance(85) ? (long)PICK(0, O_CLOEXEC, O_NONBLOCK, O_CLOEXEC | O_NONBLOCK) : (long)rng();
    set_call(call, SYS_pipe2, "pipe2", 2, fds, flags);
    call->after = after_pipe2;
}

static void after_dup3(struct call *call, long result)
{
    fd_duplicated(call->args[0], result);
}

static void make_dup3(struct call *call)
{
    long target = chance(85) ? (long)below(FD_SLOTS) : (long)PICK(255, 256, (uint32_t)-1, 1000);
    if (target == REPORT_FD)
        target = 30;
    long flags = chance(85) ? (long)PICK(0, O_CLOEXEC) : (long)PICK(O_NONBLOCK, rng());
    set_call(call, SYS_dup3, "dup3", 3, (long)fd_any(), target, flags);
    call->after = after_dup3;
}

/* Appends one control message at *used of `control`: its header says
 * `length` (which may lie), its data `data_length` bytes. */
static void put_control(uint8_t *control, uint32_t *used, int level, int type, uint32_t length,
                        const void *data, uint32_t data_length)
{
    if (*used + CMSG_SPACE(data_length) > CONTROL_ROOM)
        return;
    struct cmsghdr header = { .cmsg_len = length, .cmsg_level = level, .cmsg_type = type };
    memcpy(control + *used, &header, sizeof header);
    memcpy(control + *used + CMSG_ALIGN(sizeof header), data, data_length);
    *used += CMSG_SPACE(data_length);
}

/* A control buffer for sendmsg: rights, credentials, lies. */
static long make_control(long *length)
{
    *length = 0;
    if (chance(30))
        return 0;
    if (chance(5)) {
        *length = (long)PICK(16, 64, 0x7fffffff, 0x80000000, 20000);
        return (long)bad_pointer();
    }
    uint8_t *control = (uint8_t *)piece(CONTROL_ROOM);
    memset(control, 0, CONTROL_ROOM);
    uint32_t used = 0;
    for (unsigned messages = 1 + below(3); messages > 0; messages--) {
        switch (below(6)) {
        case 0: case 1: case 2: {     /* SCM_RIGHTS: some of our descriptors, some nonsense */
            int fds[16];
            unsigned n = chance(90) ? 1 + below(4) : 16;
            for (unsigned i = 0; i < n; i++)
                fds[i] = chance(85) ? fd_any() : (int)PICK(-1, 1000, 0x7fffffff);
            uint32_t data = n * sizeof(int);
            uint32_t claimed = chance(90) ? CMSG_LEN(data) : PICK(0, 4, 11, CMSG_LEN(data) + 64, 0xffffffff);
            put_control(control, &used, SOL_SOCKET, SCM_RIGHTS, claimed, fds, data);
            break;
        }
        case 3: {                     /* SCM_CREDENTIALS: ours, or a claim */
            struct ucred credentials = { getpid(), getuid(), getgid() };
            if (chance(30))
                credentials.pid = (int)PICK(0, 1, 99999, (uint32_t)-1);
            if (chance(30))
                credentials.uid = PICK(0, 1000, (uint32_t)-1);
            uint32_t claimed = chance(90) ? CMSG_LEN(sizeof credentials) : CMSG_LEN(sizeof credentials - 4);
            put_control(control, &used, SOL_SOCKET, SCM_CREDENTIALS, claimed, &credentials, sizeof credentials);
            break;
        }
        case 4: {                     /* another level, or an unknown type */
            uint32_t word = rng();
            put_control(control, &used, (int)PICK(0, SOL_SOCKET, 6, 17), (int)PICK(0, 3, 99),
                        CMSG_LEN(sizeof word), &word, sizeof word);
            break;
        }
        default:                      /* a header that lies about the rest */
            put_control(control, &used, SOL_SOCKET, SCM_RIGHTS, PICK(0, 1, CONTROL_ROOM * 2), "", 0);
            break;
        }
    }
    *length = chance(90) ? (long)used : (long)PICK(0, 8, used + 1, CONTROL_ROOM);
    return (long)control;
}

/* A struct msghdr in scratch memory (or a bad pointer). */
static long make_message(int out)
{
    if (chance(5))
        return (long)bad_pointer();
    message_area = (uint8_t *)safe_buffer(MESSAGE_AREA);
    message_area_used = 0;
    struct msghdr *message = (struct msghdr *)piece(sizeof *message);
    memset(message, 0, sizeof *message);
    long count;
    message->msg_iov = (struct iovec *)make_vector(out, &count);
    message->msg_iovlen = (unsigned)count;
    if (chance(30)) {
        uint32_t room = sizeof(struct sockaddr_un);
        message->msg_name = chance(70) ? piece(room) : (void *)out_pointer(&room);
        message->msg_namelen = chance(85) ? room : PICK(0, 1, 2, 200, 0x7fffffff);
        if (!out) {                   /* a name to send to: an abstract one, never a path outside our trees */
            struct sockaddr_un *name = (struct sockaddr_un *)piece(sizeof *name);
            memset(name, 0, sizeof *name);
            name->sun_family = AF_UNIX;
            name->sun_path[1] = (char)('a' + below(3));
            message->msg_name = name;
            message->msg_namelen = chance(90) ? 4 : PICK(0, 2, 3, sizeof *name, sizeof *name + 1);
        }
    }
    if (out) {
        uint32_t room = chance(80) ? CONTROL_ROOM : any_size();
        message->msg_control = chance(70) ? piece(CONTROL_ROOM) : chance(85) ? (void *)out_pointer(&room)
                                                                            : (void *)bad_pointer();
        if (room > CONTROL_ROOM && in_scratch((uint32_t)message->msg_control, CONTROL_ROOM))
            room = CONTROL_ROOM;
        message->msg_controllen = room;
    } else {
        long length;
        message->msg_control = (void *)make_control(&length);
        message->msg_controllen = (unsigned)length;
    }
    message_area = 0;
    return (long)message;
}

static long message_flags(void)
{
    long flags = chance(80) ? (long)PICK(0, MSG_DONTWAIT, MSG_PEEK | MSG_DONTWAIT, MSG_WAITALL | MSG_DONTWAIT,
                                          MSG_TRUNC | MSG_DONTWAIT, MSG_CMSG_CLOEXEC | MSG_DONTWAIT,
                                          MSG_NOSIGNAL)
                            : (long)rng();
    return flags;
}

static void make_sendmsg(struct call *call)
{
    set_call(call, SYS_sendmsg, "sendmsg", 3, (long)socket_fd(), make_message(0), message_flags());
    call->may_block = 1;
}

/* Descriptors a recvmsg gave us join the pool (what kind: asked). */
static void after_recvmsg(struct call *call, long result)
{
    const struct msghdr *message = (const struct msghdr *)call->args[1];
    if (result < 0 || !in_scratch((uint32_t)message, sizeof *message))
        return;
    const uint8_t *control = message->msg_control;
    uint32_t length = message->msg_controllen;
    if (!control || !in_scratch((uint32_t)control, length))
        return;
    for (uint32_t at = 0; length - at >= sizeof(struct cmsghdr);) {
        struct cmsghdr header;
        memcpy(&header, control + at, sizeof header);
        if (header.cmsg_len < sizeof header || header.cmsg_len > length - at)
            break;
        if (header.cmsg_level == SOL_SOCKET && header.cmsg_type == SCM_RIGHTS)
            for (uint32_t i = 0; i < (header.cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
                int fd;
                memcpy(&fd, control + at + CMSG_LEN(0) + i * sizeof(int), sizeof fd);
                if (fd >= 0 && fd < FD_SLOTS && fd != REPORT_FD)
                    fd_opened(fd, fd_kind_of(fd, ""));   /* no path known: a file is the image's */
                else if (fd >= FD_SLOTS)
                    raw_syscall(SYS_close, fd, 0, 0, 0, 0, 0);   /* beyond the pool: never used */
            }
        at += CMSG_ALIGN(header.cmsg_len);
    }
}

static void make_recvmsg(struct call *call)
{
    set_call(call, SYS_recvmsg, "recvmsg", 3, (long)socket_fd(), make_message(1), message_flags());
    call->after = after_recvmsg;
    call->may_block = 1;
}

const struct generator descriptor_generators[] = {
    { make_readv, 4 }, { make_writev, 4 }, { make_pread, 3 }, { make_pwrite, 3 }, { make_pipe2, 2 },
    { make_dup3, 2 }, { make_sendmsg, 6 }, { make_recvmsg, 6 },
};
const unsigned descriptor_generator_count = sizeof descriptor_generators / sizeof descriptor_generators[0];
#else
static void make_nothing(struct call *call) { (void)call; }
const struct generator descriptor_generators[] = { { make_nothing, 1 } };
const unsigned descriptor_generator_count = 1;
#endif
