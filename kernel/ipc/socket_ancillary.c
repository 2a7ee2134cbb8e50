/* kernel/ipc/socket_ancillary.c - control messages in and out: sendmsg's
 * SCM_RIGHTS and SCM_CREDENTIALS read and checked, recvmsg's written
 * (socket_ancillary.h).
 *
 * The rules (Linux's __scm_send, scm_detach_fds, put_cmsg), and where:
 *  - Each control message must lie inside msg_controllen with a
 *    cmsg_len of at least its header (EINVAL); other levels than
 *    SOL_SOCKET are skipped; an unknown SOL_SOCKET type is EINVAL.   -> socket_ancillary_from_user
 *  - SCM_RIGHTS: at most SCM_MAX_FD descriptors in all (EINVAL), each
 *    open (EBADF); SCM_CREDENTIALS: exactly one struct ucred (EINVAL),
 *    whose pid is the sender's and uid and gid one of its real,
 *    effective or saved ids, unless the sender is root (EPERM); a pid
 *    no process has is ESRCH.                                       -> read_rights, read_credentials
 *  - Receiving: credentials first, then the descriptors, each at the
 *    lowest free number; what has no room, or no free descriptor, is
 *    closed and MSG_CTRUNC is set.                                  -> socket_ancillary_deliver */
#include "socket_ancillary.h"
#include "socket_internal.h"

#include "fs/file.h"
#include "kernel/trace.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "mm/uaccess.h"
#include "proc/credentials.h"
#include "proc/limits.h"
#include "proc/process.h"
#include "sched/task.h"
#include "uapi/errno.h"

#define HEADER_SPACE CMSG_ALIGN(sizeof(struct cmsghdr))
#define TRACE_FDS_TEXT 48             /* "3,4,..." of a trace line: the first descriptors */

static uint32_t next_rights_id = 1;

/* "3,4,7" of up to TRACE_FDS_TEXT characters, for a trace line. */
static void fds_text(char *text, const int *fds, unsigned count)
{
    unsigned used = 0;
    text[0] = 0;
    for (unsigned i = 0; i < count && used + 12 < TRACE_FDS_TEXT; i++)
        used += (unsigned)ksnprintf(text + used, TRACE_FDS_TEXT - used, i ? ",%d" : "%d", fds[i]);
}

/* Adds the descriptors of one SCM_RIGHTS message to *ancillary. */
static int read_rights(const uint8_t *data, uint32_t length, struct socket_ancillary *ancillary)
{
    unsigned count = length / sizeof(int);
    if (count == 0)
        return 0;
    unsigned before = ancillary->rights ? ancillary->rights->count : 0;
    if (count > SCM_MAX_FD || before + count > SCM_MAX_FD)
        return -EINVAL;
    struct socket_rights *rights = kmalloc(sizeof *rights + (before + count) * sizeof(struct file *));
    if (!rights)
        return -ENOMEM;
    rights->count = before;
    rights->queued = 0;
    rights->sender_uid = current_task->process->uid;   /* Linux: the sender's user_struct */
    if (before) {
        memcpy(rights->files, ancillary->rights->files, before * sizeof(struct file *));
        kfree(ancillary->rights);
    }
    ancillary->rights = rights;
    for (unsigned i = 0; i < count; i++) {
        int fd;
        memcpy(&fd, data + i * sizeof(int), sizeof fd);
        struct file *file = descriptor_lookup(fd);
        if (!file)
            return -EBADF;            /* the caller releases the ones taken */
        file_get(file);
        rights->files[rights->count++] = file;
    }
    return 0;
}

/* Checks the credentials one SCM_CREDENTIALS message claims. */
static int read_credentials(const uint8_t *data, uint32_t length, struct socket_ancillary *ancillary)
{
    if (length != sizeof(struct ucred))
        return -EINVAL;
    struct ucred claimed;
    memcpy(&claimed, data, sizeof claimed);
    const struct process *process = current_task->process;
    int root = credentials_is_root(process);
    if (!root && claimed.pid != process->pid)
        return -EPERM;
    if (!root && claimed.uid != process->uid && claimed.uid != process->euid && claimed.uid != process->suid)
        return -EPERM;
    if (!root && claimed.gid != process->gid && claimed.gid != process->egid && claimed.gid != process->sgid)
        return -EPERM;
    if (claimed.pid != process->pid && !process_find(claimed.pid))
        return -ESRCH;
    ancillary->has_credentials = 1;
    ancillary->credentials = claimed;
    return 0;
}

int socket_ancillary_from_user(const void *user_control, uint32_t length, struct socket_ancillary *ancillary)
{
    memset(ancillary, 0, sizeof *ancillary);
    if (length == 0)
        return 0;
    if (length > SOCKET_CONTROL_MAX)
        return -ENOBUFS;
    uint8_t *control = kmalloc(length);
    if (!control)
        return -ENOMEM;
    int status = copy_from_user(control, user_control, length) < 0 ? -EFAULT : 0;
    uint32_t at = 0;
    while (status == 0 && length - at >= sizeof(struct cmsghdr)) {   /* CMSG_FIRSTHDR, CMSG_NXTHDR */
        struct cmsghdr header;
        memcpy(&header, control + at, sizeof header);
        if (header.cmsg_len < sizeof header || header.cmsg_len > length - at) {
            status = -EINVAL;         /* Linux's CMSG_OK */
            break;
        }
        const uint8_t *data = control + at + HEADER_SPACE;
        uint32_t data_length = header.cmsg_len > HEADER_SPACE ? header.cmsg_len - HEADER_SPACE : 0;
        if (header.cmsg_level == SOL_SOCKET) {
            if (header.cmsg_type == SCM_RIGHTS)
                status = read_rights(data, data_length, ancillary);
            else if (header.cmsg_type == SCM_CREDENTIALS)
                status = read_credentials(data, data_length, ancillary);
            else
                status = -EINVAL;
        }
        uint32_t step = CMSG_ALIGN(header.cmsg_len);
        if (step > length - at)
            break;
        at += step;
    }
    const struct process *sender = current_task->process;
    if (status == 0 && ancillary->rights && !credentials_is_root(sender) &&
        !socket_gc_user_may_send(sender->uid, limits_soft(sender, RLIMIT_NOFILE)))
        status = -ETOOMANYREFS;       /* too many of the user's files in flight already */
    if (status == 0 && ancillary->rights && trace_on) {   /* the picture of docs/sockets.md */
        ancillary->rights->id = next_rights_id++;
        char text[TRACE_FDS_TEXT];
        int fds[SCM_MAX_FD];
        unsigned count = 0;
        for (uint32_t at = 0; length - at >= sizeof(struct cmsghdr);) {
            struct cmsghdr header;
            memcpy(&header, control + at, sizeof header);
            if (header.cmsg_level == SOL_SOCKET && header.cmsg_type == SCM_RIGHTS)
                for (uint32_t i = 0; i < (header.cmsg_len - HEADER_SPACE) / sizeof(int) && count < SCM_MAX_FD; i++)
                    memcpy(&fds[count++], control + at + HEADER_SPACE + i * sizeof(int), sizeof(int));
            if (CMSG_ALIGN(header.cmsg_len) > length - at)
                break;
            at += CMSG_ALIGN(header.cmsg_len);
        }
        fds_text(text, fds, count);
        trace_current_event("fd-send", "rights=%u fds=%s", ancillary->rights->id, text);
    }
    kfree(control);
    if (status < 0)
        socket_ancillary_release(ancillary);
    return status;
}

void socket_ancillary_own_credentials(struct ucred *credentials)
{
    const struct process *process = current_task->process;
    credentials->pid = process->pid;
    credentials->uid = process->uid;
    credentials->gid = process->gid;
}

void socket_ancillary_connecting_credentials(struct ucred *credentials)
{
    const struct process *process = current_task->process;
    credentials->pid = process->pid;
    credentials->uid = process->euid;
    credentials->gid = process->egid;
}

/* Drops the references of files `from` on (never installed). */
static void close_rights(struct socket_rights *rights, unsigned from)
{
    for (unsigned i = from; i < rights->count; i++) {
        if (rights->queued)
            socket_gc_in_flight(rights->files[i], rights->sender_uid, -1);
        file_put(rights->files[i]);
    }
}

/* Rights waiting to be released, and whether a release loop runs. A file
 * put here may be a socket whose queue carries more sockets, whose
 * release puts more files: a chain in flight as long as memory allows.
 * Released one after the other from a list, as Linux defers fput, the
 * chain never deepens the kernel stack. */
static struct socket_rights *release_list;
static int releasing;

void socket_ancillary_release_rights(struct socket_rights *rights, unsigned from)
{
    rights->release_from = from;
    rights->next_released = release_list;
    release_list = rights;
    if (releasing)
        return;                       /* the outermost caller's loop takes it */
    releasing = 1;
    while (release_list) {
        struct socket_rights *next = release_list;
        release_list = next->next_released;
        close_rights(next, next->release_from);
        kfree(next);
    }
    releasing = 0;
}

void socket_ancillary_queued(struct socket_ancillary *ancillary)
{
    struct socket_rights *rights = ancillary->rights;
    if (!rights || rights->queued)
        return;
    rights->queued = 1;
    for (unsigned i = 0; i < rights->count; i++)
        socket_gc_in_flight(rights->files[i], rights->sender_uid, 1);
}

void socket_ancillary_release(struct socket_ancillary *ancillary)
{
    struct socket_rights *rights = ancillary->rights;
    ancillary->rights = 0;
    if (rights)
        socket_ancillary_release_rights(rights, 0);
}

int socket_ancillary_same_sender(const struct socket_ancillary *first, const struct socket_ancillary *second)
{
    if (first->has_credentials != second->has_credentials)
        return 0;
    return !first->has_credentials || (first->credentials.pid == second->credentials.pid &&
                                       first->credentials.uid == second->credentials.uid &&
                                       first->credentials.gid == second->credentials.gid);
}

/* Writes one control message's header and `length` bytes of data at the
 * end of what the buffer holds, cut to the room left (MSG_CTRUNC), as
 * Linux's put_cmsg; nothing if the buffer cannot be written. */
static void put_message(struct socket_control *control, int type, const void *data, uint32_t length)
{
    uint32_t room = control->room - control->used;
    if (room < sizeof(struct cmsghdr)) {
        control->message_flags |= MSG_CTRUNC;
        return;
    }
    struct cmsghdr header = { .cmsg_len = CMSG_LEN(length), .cmsg_level = SOL_SOCKET, .cmsg_type = type };
    uint32_t written = header.cmsg_len;
    if (room < written) {
        control->message_flags |= MSG_CTRUNC;
        written = room;
    }
    uint8_t *user = (uint8_t *)control->user_buffer + control->used;
    if (copy_to_user(user, &header, sizeof header) < 0 ||
        copy_to_user(user + HEADER_SPACE, data, written - HEADER_SPACE) < 0)
        return;                       /* lost, as Linux's put_cmsg into a bad buffer */
    uint32_t space = CMSG_SPACE(length);
    control->used += space < room ? space : room;
}

/* Installs what fits of `rights` (new references if `peek`) and writes
 * the SCM_RIGHTS message; *taken says how many the process took. As
 * Linux's scm_detach_fds, a descriptor is installed only once its number
 * is written: the header first, then each number; a fault stops there. */
static void deliver_rights(struct socket_control *control, struct socket_rights *rights, int peek,
                           unsigned *taken)
{
    uint32_t room = control->room - control->used;
    unsigned fits = room > HEADER_SPACE ? (room - HEADER_SPACE) / sizeof(int) : 0;
    if (fits > rights->count)
        fits = rights->count;
    uint8_t *user = (uint8_t *)control->user_buffer + control->used;
    struct cmsghdr header = { .cmsg_len = CMSG_LEN(fits * sizeof(int)), .cmsg_level = SOL_SOCKET,
                              .cmsg_type = SCM_RIGHTS };
    if (fits && copy_to_user(user, &header, sizeof header) < 0)
        fits = 0;                     /* not writable: nothing installed, MSG_CTRUNC */
    int descriptors[SCM_MAX_FD];
    descriptors[0] = 0;               /* (read only up to `installed`) */
    unsigned installed = 0;
    struct process *process = current_task->process;
    for (; installed < fits; installed++) {
        struct file *file = rights->files[installed];
        int fd = descriptor_install(process, file);   /* takes over the reference */
        if (fd < 0)
            break;                    /* EMFILE: the rest are closed, MSG_CTRUNC */
        if (copy_to_user(user + HEADER_SPACE + installed * sizeof(int), &fd, sizeof fd) < 0) {
            descriptor_set(process, fd, 0);   /* never seen: the reference goes back to the message */
            break;
        }
        if (peek)
            file_get(file);           /* the message keeps its own */
        else if (rights->queued)
            socket_gc_in_flight(file, rights->sender_uid, -1);
        if (control->close_on_exec)
            descriptor_set_close_on_exec(process, fd, 1);
        descriptors[installed] = fd;
    }
    if (installed < rights->count)
        control->message_flags |= MSG_CTRUNC;
    if (trace_on) {
        char text[TRACE_FDS_TEXT];
        fds_text(text, descriptors, installed);
        trace_current_event("fd-recv", "rights=%u fds=%s closed=%u", rights->id, text, rights->count - installed);
    }
    *taken = installed;
    if (!installed)
        return;
    if (installed < fits) {           /* fewer than the header said */
        header.cmsg_len = CMSG_LEN(installed * sizeof(int));
        /* written once already; on several CPUs another thread of the
         * process may have unmapped it since: the header then keeps the
         * larger count, the process's own doing (what was installed is
         * installed, as in Linux's scm_detach_fds) */
        copy_to_user(user, &header, sizeof header);
    }
    uint32_t space = CMSG_SPACE(installed * sizeof(int));
    control->used += space < room ? space : room;
}

int socket_ancillary_deliver(struct socket_control *control, struct socket_ancillary *ancillary,
                             int pass_credentials, int peek)
{
    if (pass_credentials && control->wanted) {
        struct ucred nobody = { 0, (unsigned)-1, (unsigned)-1 };
        put_message(control, SCM_CREDENTIALS,   /* a fault loses them, as Linux's scm_recv */
                    ancillary->has_credentials ? &ancillary->credentials : &nobody, sizeof nobody);
    }
    struct socket_rights *rights = ancillary->rights;
    if (!rights)
        return 0;
    if (!peek)
        ancillary->rights = 0;        /* the files leave the message now, whatever happens to them */
    unsigned installed = 0;
    if (!control->wanted)
        control->message_flags |= MSG_CTRUNC;   /* recv/read with no control buffer: closed */
    else
        deliver_rights(control, rights, peek, &installed);
    if (!peek)
        socket_ancillary_release_rights(rights, installed);   /* what was not installed closes */
    return 0;
}
