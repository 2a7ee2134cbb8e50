/* user/tools/fuzz/calls_ipc.c - generators for System V message queues,
 * semaphores and shared memory, the kernel's own messages and mailboxes,
 * futexes and kinfo. Ids come from every fuzzer of the run (the registry
 * in the shared page), so one process removes what another waits on. */
#include <fcntl.h>
#include <ipc.h>
#include <limits.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <uapi/syscall.h>
#include <uapi/time.h>

#include "fuzz.h"

static void after_msgget(struct call *call, long result) { (void)call; ipc_id_created(REGISTRY_MSG, result); }
static void after_semget(struct call *call, long result) { (void)call; ipc_id_created(REGISTRY_SEM, result); }
static void after_shmget(struct call *call, long result) { (void)call; ipc_id_created(REGISTRY_SHM, result); }

static long ipc_flags(void)
{
    return (long)any_flags(IPC_CREAT | IPC_EXCL | 0777);
}

static void make_msgget(struct call *call)
{
    set_call(call, SYS_msgget, "msgget", 2, (long)ipc_key_any(), ipc_flags());
    call->after = after_msgget;
}

/* A struct msgbuf: a type (good or not) followed by its text. */
static long message_buffer(uint32_t size)
{
    if (chance(25))
        return (long)in_pointer(size + 4);
    long *type = (long *)safe_buffer(size + 4);
    *type = (long)PICK(1, 1, 2, 3, 5, 0, (uint32_t)-1, 0x7fffffff);
    return (long)type;
}

static void make_msgsnd(struct call *call)
{
    uint32_t size = chance(80) ? below(300) : PICK(0, 8192, 8193, 16384, (uint32_t)-1, 0x80000000);
    set_call(call, SYS_msgsnd, "msgsnd", 4, (long)ipc_id_any(REGISTRY_MSG), message_buffer(size > 9000 ? 16 : size),
             (long)size, (long)any_flags(IPC_NOWAIT));
    call->may_block = 1;
}

static void make_msgrcv(struct call *call)
{
    uint32_t size = chance(80) ? below(300) : any_size();
    uint32_t room = size + 4;
    uint32_t buffer = out_pointer(&room);
    if (room < size + 4 && room >= 4)
        size = room - 4;                    /* never more than the buffer holds */
    long type = (long)PICK(0, 0, 1, 2, 3, (uint32_t)-1, (uint32_t)-3, (uint32_t)LONG_MIN, LONG_MAX);
    set_call(call, SYS_msgrcv, "msgrcv", 5, (long)ipc_id_any(REGISTRY_MSG), (long)buffer, (long)size, type,
             (long)any_flags(IPC_NOWAIT | MSG_NOERROR | MSG_EXCEPT | MSG_COPY));
    call->may_block = 1;
}

/* The buffer of an IPC_STAT (written) or IPC_SET (read). */
static long control_buffer(long command, uint32_t size)
{
    if (command == IPC_SET && chance(80)) {
        uint8_t *buffer = (uint8_t *)safe_buffer(size);
        for (uint32_t i = 0; i < size; i++)
            buffer[i] = (uint8_t)rng();
        if (size == sizeof(struct msqid_ds))
            ((struct msqid_ds *)buffer)->msg_qbytes = PICK(0, 1, 100, 8192, 16384, 16385);
        return (long)buffer;
    }
    uint32_t room = size;
    uint32_t buffer = out_pointer(&room);
    return room < size ? (long)bad_pointer() : (long)buffer;
}

static void make_msgctl(struct call *call)
{
    long command = (long)PICK(IPC_STAT, IPC_STAT, IPC_SET, IPC_RMID, IPC_RMID, IPC_INFO, MSG_INFO, MSG_STAT,
                              MSG_STAT_ANY, 99, (uint32_t)-1);
    long id = command == MSG_STAT || command == MSG_STAT_ANY ? (long)PICK(0, 1, 31, 32, (uint32_t)-1)
                                                            : (long)ipc_id_any(REGISTRY_MSG);
    set_call(call, SYS_msgctl, "msgctl", 3, id, command, control_buffer(command, sizeof(struct msqid_ds)));
}

static void make_semget(struct call *call)
{
    set_call(call, SYS_semget, "semget", 3, (long)ipc_key_any(),
             (long)PICK(1, 1, 2, 4, 0, 250, 251, (uint32_t)-1), ipc_flags());
    call->after = after_semget;
}

static void make_semop(struct call *call)
{
    uint32_t count = chance(85) ? 1 + below(4) : PICK(0, 32, 33, 0x7fffffff, 0xffffffff);
    long operations;
    if (chance(85)) {
        struct sembuf *array = (struct sembuf *)safe_buffer(32 * sizeof *array);
        for (unsigned i = 0; i < 32; i++) {
            array[i].sem_num = (unsigned short)(chance(90) ? below(4) : PICK(250, 65535, 5));
            array[i].sem_op = (short)PICK(0, 1, 1, (uint32_t)-1, (uint32_t)-1, 2, (uint32_t)-2, 32767,
                                          (uint32_t)-32768);
            array[i].sem_flg = (short)any_flags(IPC_NOWAIT | SEM_UNDO);
        }
        operations = (long)array;
    } else {
        operations = (long)in_pointer(count * 6);
    }
    set_call(call, SYS_semop, "semop", 3, (long)ipc_id_any(REGISTRY_SEM), operations, (long)count);
    call->may_block = 1;
}

static void make_semctl(struct call *call)
{
    long command = (long)PICK(IPC_RMID, IPC_SET, IPC_STAT, GETPID, GETVAL, GETALL, GETNCNT, GETZCNT, SETVAL,
                              SETVAL, SETALL, IPC_INFO, SEM_STAT, SEM_STAT_ANY, SEM_INFO, 99, (uint32_t)-1);
    long argument;
    if (command == IPC_STAT || command == IPC_SET || command == SEM_STAT || command == SEM_STAT_ANY ||
        command == IPC_INFO || command == SEM_INFO) {   /* IPC_SET reads it, the others write it */
        argument = control_buffer(command, sizeof(struct semid_ds) > sizeof(struct seminfo)
                                           ? sizeof(struct semid_ds) : sizeof(struct seminfo));
    } else if (command == GETALL) {
        uint32_t room = 2 * 250;
        argument = (long)out_pointer(&room);
        if (room < 2 * 250)
            argument = (long)bad_pointer();
    } else if (command == SETALL && chance(80)) {
        unsigned short *values = (unsigned short *)safe_buffer(2 * 250);
        for (unsigned i = 0; i < 250; i++)
            values[i] = (unsigned short)(chance(95) ? below(4) : PICK(32767, 32768, 65535));
        argument = (long)values;
    } else {
        argument = (long)PICK(0, 1, 2, 5, 32767, 32768, (uint32_t)-1, rng());
    }
    set_call(call, SYS_semctl, "semctl", 4, (long)ipc_id_any(REGISTRY_SEM),
             (long)PICK(0, 0, 1, 3, 249, 250, (uint32_t)-1), command, argument);
}

static void make_shmget(struct call *call)
{
    set_call(call, SYS_shmget, "shmget", 3, (long)ipc_key_any(),
             (long)PICK(1, 4096, 4097, 65536, 16u << 20, (16u << 20) + 1, 0, (uint32_t)-1), ipc_flags());
    call->after = after_shmget;
}

static void after_shmat(struct call *call, long result)
{
    (void)call;
    if (result > 0 || result < -4096)
        mapping_added((uint32_t)result, 4096, !(call->args[2] & SHM_RDONLY));
}

static void make_shmat(struct call *call)
{
    long address = chance(75) ? 0 : (long)mapping_address();
    if (!risky_mode && protected_write_target((uint32_t)address & ~4095u, 1u << 24))
        address = 0;                        /* shmat never replaces a mapping, but keep clear */
    set_call(call, SYS_shmat, "shmat", 3, (long)ipc_id_any(REGISTRY_SHM), address,
             (long)any_flags(SHM_RDONLY | SHM_RND));
    call->after = after_shmat;
}

static void after_shmdt(struct call *call, long result)
{
    if (result == 0)
        mapping_removed((uint32_t)call->args[0], 1u << 24);
}

static void make_shmdt(struct call *call)
{
    set_call(call, SYS_shmdt, "shmdt", 1, (long)mapping_address());
    call->after = after_shmdt;
}

static void make_shmctl(struct call *call)
{
    long command = (long)PICK(IPC_STAT, IPC_SET, IPC_RMID, IPC_RMID, IPC_INFO, SHM_INFO, SHM_STAT,
                              SHM_STAT_ANY, SHM_LOCK, SHM_UNLOCK, (uint32_t)-1);
    long id = command == SHM_STAT || command == SHM_STAT_ANY ? (long)PICK(0, 1, 31, 32, (uint32_t)-1)
                                                            : (long)ipc_id_any(REGISTRY_SHM);
    set_call(call, SYS_shmctl, "shmctl", 3, id, command, control_buffer(command, sizeof(struct shmid_ds)));
}

static long message_to_receive(void)
{
    uint32_t room = sizeof(struct message);
    uint32_t buffer = out_pointer(&room);
    return room < sizeof(struct message) ? (long)bad_pointer() : (long)buffer;
}

/* A message to send: a plausible header (len at most 240, mostly) in our
 * scratch memory, or whatever lies at some readable or bad address (at a
 * writable one when the kernel will write a reply there: `for_reply`). */
static long message_to_send(int for_reply)
{
    if (chance(20))
        return for_reply ? message_to_receive() : (long)in_pointer(sizeof(struct message));
    struct message *message = (struct message *)safe_buffer(sizeof *message);
    if (!for_reply && scribble_page && chance(15))   /* a message others may change while it waits */
        message = (struct message *)(scribble_page + 16 * below((4096 - sizeof *message) / 16));
    message->src = (int32_t)rng();
    message->dst = (int32_t)rng();
    message->type = (int32_t)below(8);
    message->len = chance(90) ? below(MSG_BODY_MAX + 1) : PICK(241, 256, 0xffffffff, 0x80000000);
    return (long)message;
}

static void make_msg_send(struct call *call)
{
    set_call(call, SYS_msg_send, "msg_send", 3, (long)pid_any(), message_to_send(0),
             (long)any_flags(MSG_NONBLOCK | MSG_ASYNC));
    call->may_block = 1;
}

/* Whom we last received from: a msg_call's client waits for our reply. */
static int last_sender;

static void after_receive(struct call *call, long result)
{
    const struct message *message = (const struct message *)call->args[1];
    if (result == 0 && call->aux)
        last_sender = message->src;
}

static void make_msg_recv(struct call *call)
{
    long from = chance(50) ? MSG_ANY : (long)pid_any();
    long buffer = message_to_receive();
    call->aux = in_scratch((uint32_t)buffer, sizeof(struct message));
    set_call(call, SYS_msg_recv, "msg_recv", 3, from, buffer, (long)any_flags(MSG_NONBLOCK));
    call->may_block = 1;
    call->after = after_receive;
}

/* msg_call reads the request and writes the reply at the same address. */
static void make_msg_call(struct call *call)
{
    set_call(call, SYS_msg_call, "msg_call", 2, (long)pid_any(), message_to_send(1));
    call->may_block = 1;
}

static void make_msg_reply(struct call *call)
{
    long to = last_sender > 0 && chance(70) ? last_sender : (long)pid_any();
    set_call(call, SYS_msg_reply, "msg_reply", 2, to, message_to_send(0));
}

/* msg_reply_recv answers from the buffer, then receives into it. */
static void make_msg_reply_recv(struct call *call)
{
    long to = last_sender > 0 && chance(70) ? last_sender : (long)pid_any();
    long from = chance(50) ? MSG_ANY : (long)pid_any();
    long buffer = message_to_send(1);
    call->aux = in_scratch((uint32_t)buffer, sizeof(struct message));
    set_call(call, SYS_msg_reply_recv, "msg_reply_recv", 4, to, buffer, from, (long)any_flags(MSG_NONBLOCK));
    call->may_block = 1;
    call->after = after_receive;
}

static void after_mbox_open(struct call *call, long result)
{
    (void)call;
    if (result >= 0)
        fd_opened(result, FD_MAILBOX);
}

static long name_pointer(void)
{
    if (chance(10))
        return (long)bad_pointer();
    char *name = (char *)safe_buffer(40);
    name_any(name);
    return (long)name;
}

static void make_mbox_open(struct call *call)
{
    set_call(call, SYS_mbox_open, "mbox_open", 3, name_pointer(), (long)any_flags(O_CREAT | O_EXCL),
             (long)PICK(0, 1, 16, 4096, 4097, MBOX_UNBOUNDED, 2, rng()));
    call->after = after_mbox_open;
}

static int mailbox_fd(void)
{
    int fd = fd_of_kind(FD_MAILBOX);
    return fd >= 0 && chance(85) ? fd : fd_any();
}

static void make_mbox_send(struct call *call)
{
    set_call(call, SYS_mbox_send, "mbox_send", 3, (long)mailbox_fd(), message_to_send(0),
             (long)any_flags(MSG_NONBLOCK));
    call->may_block = 1;
}

static void make_mbox_recv(struct call *call)
{
    set_call(call, SYS_mbox_recv, "mbox_recv", 3, (long)mailbox_fd(), message_to_receive(),
             (long)any_flags(MSG_NONBLOCK));
    call->may_block = 1;
}

static void make_mbox_unlink(struct call *call)
{
    set_call(call, SYS_mbox_unlink, "mbox_unlink", 1, name_pointer());
}

static void make_mbox_stat(struct call *call)
{
    uint32_t room = sizeof(struct mbox_stat);
    uint32_t buffer = out_pointer(&room);
    set_call(call, SYS_mbox_stat, "mbox_stat", 2, (long)mailbox_fd(),
             (long)(room < sizeof(struct mbox_stat) ? bad_pointer() : buffer));
}

static void make_kinfo(struct call *call)
{
    uint32_t size = chance(50) ? any_size() : PICK(56, 52, 4, 0, 64 * 96, 4096);
    uint32_t buffer = out_pointer(&size);
    set_call(call, SYS_kinfo, "kinfo", 3, (long)PICK(1, 2, 3, 3, 0, 4, (uint32_t)-1), (long)buffer, (long)size);
}

/* A word to wait on: aligned or not, ours or shared with children, or bad. */
static long futex_word(uint32_t *expected)
{
    if (chance(60)) {
        uint32_t *word = (uint32_t *)(safe_buffer(8) & ~3u);
        *expected = chance(70) ? *word : rng();
        return (long)word + (chance(10) ? 1 : 0);
    }
    *expected = chance(70) ? 0 : rng();
    return (long)in_pointer(4);
}

static void make_futex_wait(struct call *call)
{
    uint32_t expected;
    long word = futex_word(&expected);
    long timeout = 0;
    if (chance(60)) {
        struct timespec *time = (struct timespec *)safe_buffer(sizeof *time);
        time->tv_sec = 0;
        time->tv_nsec = (long)PICK(0, 1000, 5000000, 999999999, 1000000000, (uint32_t)-1);
        timeout = (long)time;
    } else if (chance(20)) {
        timeout = (long)bad_pointer();
    }
    set_call(call, SYS_futex_wait, "futex_wait", 3, word, (long)expected, timeout);
    call->may_block = 1;
}

static void make_futex_wake(struct call *call)
{
    uint32_t expected;
    set_call(call, SYS_futex_wake, "futex_wake", 2, futex_word(&expected),
             (long)PICK(0, 1, 2, 0x7fffffff, (uint32_t)-1));
}

/* Not a system call: a process writes a few words of the shared scribble
 * page, where messages of waiting senders may lie (their len above all). */
static long call_scribble(struct call *call)
{
    for (unsigned i = 0; i < (unsigned)call->args[0]; i++) {
        /* messages lie at multiples of 16 there: their len is at 12 */
        uint32_t *word = (uint32_t *)(scribble_page + (chance(70) ? 16 * below(256) + 12 : 4 * below(1024)));
        *word = chance(50) ? PICK(0, 241, 4000, 0x7fffffff, 0xffffffff) : rng();
    }
    return 0;
}

static void make_scribble(struct call *call)
{
    if (!scribble_page)
        return;
    set_call(call, 0, "scribble", 1, (long)(1 + below(32)));
    call->function = call_scribble;
}

const struct generator ipc_generators[] = {
    { make_scribble, 5 },
    { make_msgget, 3 }, { make_msgsnd, 5 }, { make_msgrcv, 5 }, { make_msgctl, 3 },
    { make_semget, 3 }, { make_semop, 5 }, { make_semctl, 4 },
    { make_shmget, 2 }, { make_shmat, 3 }, { make_shmdt, 2 }, { make_shmctl, 2 },
    { make_msg_send, 5 }, { make_msg_recv, 5 }, { make_msg_call, 3 }, { make_msg_reply, 3 }, { make_msg_reply_recv, 3 },
    { make_mbox_open, 4 }, { make_mbox_send, 4 }, { make_mbox_recv, 4 }, { make_mbox_unlink, 2 },
    { make_mbox_stat, 2 }, { make_kinfo, 2 }, { make_futex_wait, 3 }, { make_futex_wake, 3 },
};
const unsigned ipc_generator_count = sizeof ipc_generators / sizeof ipc_generators[0];
