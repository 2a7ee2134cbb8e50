/* kernel/ipc/socket_ancillary.h - what a local socket's message carries
 * besides its bytes: open files (SCM_RIGHTS) and who sent it
 * (SCM_CREDENTIALS), from sendmsg's control buffer to recvmsg's.
 *
 *   sender's table: 3 --> file F (references 1)
 *   sendmsg(SCM_RIGHTS {3})  --> message: rights { F }   (F: references 2, in flight)
 *   close(3)                                              (F: references 1, in flight)
 *   recvmsg                  --> receiver's table: 5 --> F (references 1)
 *
 * A file in flight is held by the message: if no one ever receives it
 * (the receiving socket closes with the message queued), the reference
 * goes with the message. A socket whose own file is in flight in a
 * queue nobody can reach any more is found by socket_gc.c. */
#ifndef KERNEL_IPC_SOCKET_ANCILLARY_H
#define KERNEL_IPC_SOCKET_ANCILLARY_H

#include <stdint.h>

#include "uapi/socket.h"

struct file;
struct process;

#define SOCKET_CONTROL_MAX 16384      /* bytes of sendmsg's control buffer: ENOBUFS beyond (Linux's optmem) */

/* The files one message carries, in the order they were sent. */
struct socket_rights {
    uint32_t id;                      /* for the trace: its fd-send and fd-recv name it */
    int queued;                       /* in a receiver's queue: counted in flight (socket_gc.c) */
    uint32_t sender_uid;              /* whose files in flight they count as (ETOOMANYREFS) */
    unsigned count;
    unsigned release_from;            /* on the release list: the first file still to put */
    struct socket_rights *next_released;   /* the release list's link (socket_ancillary.c) */
    struct file *files[];
};

struct socket_ancillary {
    struct socket_rights *rights;     /* NULL: no SCM_RIGHTS */
    int has_credentials;              /* the sender's, named or put by the kernel */
    struct ucred credentials;
};

/* recvmsg's control buffer while a receive fills it. */
struct socket_control {
    void *user_buffer;                /* msg_control */
    uint32_t room;                    /* msg_controllen given */
    uint32_t used;                    /* bytes written so far: msg_controllen after */
    int message_flags;                /* MSG_CTRUNC when something did not fit */
    int close_on_exec;                /* MSG_CMSG_CLOEXEC */
    int wanted;                       /* the caller has a control buffer (recvmsg, not recv) */
};

/* Reads sendmsg's control buffer into *ancillary (zeroed first):
 * -EINVAL for a control message whose length does not fit, too many
 * descriptors (SCM_MAX_FD), an SCM_CREDENTIALS of the wrong size or an
 * unknown SOL_SOCKET type; -EBADF for a descriptor that is not open;
 * -EPERM for credentials the sender may not claim, -ESRCH for a pid with
 * no process; -ENOBUFS beyond SOCKET_CONTROL_MAX; -EFAULT; -ENOMEM.
 * Each file named is held until socket_ancillary_release or delivery.
 * Context: a system call; does not sleep. */
int socket_ancillary_from_user(const void *user_control, uint32_t length, struct socket_ancillary *ancillary);

/* The sender's own credentials, as Linux puts them when either end has
 * SO_PASSCRED and the sender named none: its pid, real uid and gid. */
void socket_ancillary_own_credentials(struct ucred *credentials);

/* What SO_PEERCRED tells of the calling process, fixed when it connects,
 * listens or makes a pair: its pid, effective uid and gid (Linux's
 * init_peercred). */
void socket_ancillary_connecting_credentials(struct ucred *credentials);

/* The message entered a receiver's queue: its files count as in flight
 * for the collector from now on (before, the sending call holds them,
 * and a process may still hold them: socket_gc.c must not take them
 * for unreachable). Context: kernel lock held. */
void socket_ancillary_queued(struct socket_ancillary *ancillary);

/* Drops every reference the message holds (never received). */
void socket_ancillary_release(struct socket_ancillary *ancillary);

/* Puts the files of `rights` from index `from` on, then frees it. A
 * release that a release causes (a socket in flight carrying sockets)
 * waits on a list that the outermost call empties in a loop: the stack
 * never deepens with the chain. Context: kernel lock held; never sleeps. */
void socket_ancillary_release_rights(struct socket_rights *rights, unsigned from);

/* Gives the receiver what the message carries, into the control buffer:
 * SCM_CREDENTIALS if `pass_credentials` (SO_PASSCRED; no credentials
 * recorded reads as pid 0, uid and gid -1, as Linux), then SCM_RIGHTS as
 * new descriptors (MSG_CMSG_CLOEXEC: close-on-exec). What does not fit
 * (room, or EMFILE) sets MSG_CTRUNC and those files are closed. Unless
 * `peek`, the rights leave the message (installed or closed); with
 * `peek` they stay and the receiver gets new references to them, as
 * Linux's MSG_PEEK does. A control buffer that cannot be written loses
 * what it would have held, as Linux's put_cmsg and scm_detach_fds: no
 * descriptor is installed without its number written, the rest close,
 * MSG_CTRUNC; the receive itself succeeds. Returns 0. Context: a system
 * call. */
int socket_ancillary_deliver(struct socket_control *control, struct socket_ancillary *ancillary,
                             int pass_credentials, int peek);

/* Do two messages name the same sender (a stream read never joins two
 * that do not, under SO_PASSCRED)? */
int socket_ancillary_same_sender(const struct socket_ancillary *first, const struct socket_ancillary *second);

#endif
