/* kernel/uapi/sysv_ipc.h - System V message queues and semaphores as user
 * programs see them (sysvipc(7)): the records msgctl and semctl fill
 * (IPC_STAT's and IPC_INFO's),
 * struct sembuf, every flag and command with Linux's number, and the
 * limits. The kernel (kernel/ipc/sysv_msgq.c, sysv_sem.c) and the libc's <sys/ipc.h>,
 * <sys/msg.h> and <sys/sem.h> share this file. Types are spelled out
 * (int for key_t and pid_t, long for time_t) so that it needs no other
 * header. */
#ifndef KERNEL_UAPI_SYSV_IPC_H
#define KERNEL_UAPI_SYSV_IPC_H

/* ---- keys and the flags of msgget/semget ---------------------------------- */
#define IPC_PRIVATE 0           /* key: always a new object, never found by key */
#define IPC_CREAT   00001000    /* create the object if the key has none */
#define IPC_EXCL    00002000    /* with IPC_CREAT: fail with EEXIST if it exists */
#define IPC_NOWAIT  00004000    /* fail with EAGAIN/ENOMSG instead of waiting */
#define IPC_MODE_BITS 0777      /* the permission bits of the flags and of mode */

/* ---- commands of msgctl and semctl ---------------------------------------- */
#define IPC_RMID 0              /* remove the object; its waiters get EIDRM */
#define IPC_SET  1              /* set uid, gid, mode (and msg_qbytes) from the buffer */
#define IPC_STAT 2              /* fill the buffer */
#define IPC_INFO 3              /* the limits (struct msginfo, seminfo; shminfo in uapi/shm.h) */

/* ---- message queues ------------------------------------------------------- */
#define MSG_NOERROR 010000      /* msgrcv: truncate a long message instead of E2BIG */
#define MSG_EXCEPT  020000      /* msgrcv with type > 0: the first message NOT of that type */
#define MSG_COPY    040000      /* (not provided: ENOSYS, as Linux without checkpointing) */
#define MSG_STAT    11          /* msgctl: IPC_STAT of the queue in slot `id`; returns its id */
#define MSG_INFO    12          /* msgctl: struct msginfo with what is in use */
#define MSG_STAT_ANY 13         /* MSG_STAT without the read permission check */

#define MSGMAX  8192            /* bytes of text in one message at most */
#define MSGMNB 16384            /* bytes a new queue holds (msg_qbytes), and the most IPC_SET may give */
#define MSGMNI    32            /* message queues in the system at most */

/* ---- semaphores ----------------------------------------------------------- */
#define SEM_UNDO 0x1000         /* sem_flg: undo this operation when the process exits */

#define GETPID  11              /* semctl: pid of the last process that operated on the semaphore */
#define GETVAL  12              /* semctl: its value */
#define GETALL  13              /* semctl: every value, into an unsigned short array */
#define GETNCNT 14              /* semctl: processes waiting for it to grow */
#define GETZCNT 15              /* semctl: processes waiting for it to be zero */
#define SETVAL  16              /* semctl: set its value */
#define SETALL  17              /* semctl: set every value from an unsigned short array */
#define SEM_STAT 18             /* semctl: IPC_STAT of the set in slot `id`; returns its id */
#define SEM_INFO 19             /* semctl: struct seminfo with what is in use */
#define SEM_STAT_ANY 20         /* SEM_STAT without the read permission check */

#define SEMMSL   250            /* semaphores in one set at most */
#define SEMMNI    32            /* semaphore sets in the system at most */
#define SEMMNS  (SEMMNI * SEMMSL) /* semaphores in all sets together at most */
#define SEMOPM    32            /* operations in one semop call at most */
#define SEMVMX 32767            /* the largest value a semaphore may hold */
#define SEMAEM SEMVMX           /* the largest undo adjustment a process may collect */

/* ---- the records ------------------------------------------------------------ */

/* Owner and permissions of an object: the creator's effective ids at
 * creation (uid, gid; IPC_SET changes them), and the creator's for good
 * (cuid, cgid). mode's read and write bits decide who may use the object
 * (ipc(2)); the owner, the creator and root may change or remove it. */
struct ipc_perm {
    int            __key;       /* key_t the object was created with */
    unsigned int   uid;         /* owner */
    unsigned int   gid;
    unsigned int   cuid;        /* creator */
    unsigned int   cgid;
    unsigned int   mode;        /* permission bits (IPC_MODE_BITS) */
    unsigned short __seq;       /* how often the object's slot has been reused */
    unsigned short __pad;
};

/* msgctl(IPC_STAT) fills this; IPC_SET reads msg_perm.uid/gid/mode and msg_qbytes. */
struct msqid_ds {
    struct ipc_perm msg_perm;
    long          msg_stime;    /* last msgsnd, in seconds since the Epoch (as time()) */
    long          msg_rtime;    /* last msgrcv */
    long          msg_ctime;    /* creation or last IPC_SET */
    unsigned long msg_cbytes;   /* bytes of text queued now */
    unsigned long msg_qnum;     /* messages queued now (msgqnum_t) */
    unsigned long msg_qbytes;   /* bytes the queue may hold (msglen_t) */
    int           msg_lspid;    /* pid of the last msgsnd */
    int           msg_lrpid;    /* pid of the last msgrcv */
};

/* semctl(IPC_STAT) fills this; IPC_SET reads sem_perm.uid/gid/mode. */
struct semid_ds {
    struct ipc_perm sem_perm;
    long          sem_otime;    /* last semop that went through, seconds since the Epoch */
    long          sem_ctime;    /* creation, last IPC_SET, SETVAL or SETALL */
    unsigned long sem_nsems;    /* semaphores in the set */
};

/* msgctl(IPC_INFO) fills this with the limits, as Linux's: msgmax,
 * msgmnb and msgmni are this kernel's; msgpool (KiB of all queues),
 * msgmap and msgtql are Linux's formulas on them, msgssz and msgseg Linux's
 * constants. msgctl(MSG_INFO) fills the same record but puts what is in
 * use in three of its fields: msgpool the queues, msgmap the messages
 * queued, msgtql their bytes. Both return the highest slot in use (0 when
 * none), the last index MSG_STAT may be given. */
struct msginfo {
    int msgpool;
    int msgmap;
    int msgmax;
    int msgmnb;
    int msgmni;
    int msgssz;
    int msgtql;
    unsigned short msgseg;
};

/* semctl(IPC_INFO) fills this with the limits (semmni, semmsl, semmns,
 * semopm, semvmx, semaem; semmap, semmnu, semume and semusz as Linux
 * reports them); semctl(SEM_INFO) the same, but semusz is the sets in use
 * and semaem the semaphores in them. Both return the highest slot in use. */
struct seminfo {
    int semmap;
    int semmni;
    int semmns;
    int semmnu;
    int semmsl;
    int semopm;
    int semume;
    int semusz;
    int semvmx;
    int semaem;
};

/* One operation of semop: sem_op > 0 adds, < 0 waits until it can
 * subtract, 0 waits for zero. sem_flg: IPC_NOWAIT, SEM_UNDO. */
struct sembuf {
    unsigned short sem_num;     /* which semaphore of the set, from 0 */
    short          sem_op;
    short          sem_flg;
};

#endif
