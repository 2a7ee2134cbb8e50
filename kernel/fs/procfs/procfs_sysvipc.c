/* kernel/fs/procfs/procfs_sysvipc.c - /proc/sysvipc/msg, sem and shm: every
 * System V object, one line each under a header, in Linux's columns (i386:
 * sizes of 10 digits), the way Linux's ipcs reads them (docs/procfs.md):
 *
 *          key      msqid perms      cbytes       qnum lspid lrpid   uid ...
 *         4660          0   640           5          1    12     0     0 ...
 *
 * The values are those ctl(IPC_STAT) gives, which each mechanism fills
 * (sysv_msgq_each_status, ...). Context: the big lock held; never sleeps. */
#include "procfs_internal.h"

#include "ipc/sysv_msgq.h"
#include "ipc/sysv_sem.h"
#include "ipc/sysv_shm.h"
#include "lib/kprintf.h"
#include "uapi/shm.h"
#include "uapi/sysv_ipc.h"

/* Where the lines go: PROCFS_TEXT_MAX bytes, of which `length` written. */
struct table_text {
    char *text;
    int length;
};

static void add(struct table_text *table, int count)
{
    table->length += count;
    if (table->length > PROCFS_TEXT_MAX - 1)
        table->length = PROCFS_TEXT_MAX - 1;   /* cut, never past the buffer (32 objects fit) */
}

static void msg_line(const struct msqid_ds *status, int id, void *context)
{
    struct table_text *table = context;
    add(table, ksnprintf(table->text + table->length, PROCFS_TEXT_MAX - (unsigned)table->length,
                         "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10llu %10llu %10llu\n",
                         status->msg_perm.__key, id, status->msg_perm.mode, status->msg_cbytes, status->msg_qnum,
                         (unsigned)status->msg_lspid, (unsigned)status->msg_lrpid, status->msg_perm.uid,
                         status->msg_perm.gid, status->msg_perm.cuid, status->msg_perm.cgid,
                         (unsigned long long)status->msg_stime, (unsigned long long)status->msg_rtime,
                         (unsigned long long)status->msg_ctime));
}

static void sem_line(const struct semid_ds *status, int id, void *context)
{
    struct table_text *table = context;
    add(table, ksnprintf(table->text + table->length, PROCFS_TEXT_MAX - (unsigned)table->length,
                         "%10d %10d  %4o %10lu %5u %5u %5u %5u %10llu %10llu\n", status->sem_perm.__key, id,
                         status->sem_perm.mode, status->sem_nsems, status->sem_perm.uid, status->sem_perm.gid,
                         status->sem_perm.cuid, status->sem_perm.cgid, (unsigned long long)status->sem_otime,
                         (unsigned long long)status->sem_ctime));
}

static void shm_line(const struct shmid_ds *status, int id, uint32_t resident_bytes, void *context)
{
    struct table_text *table = context;
    add(table, ksnprintf(table->text + table->length, PROCFS_TEXT_MAX - (unsigned)table->length,
                         "%10d %10d  %4o %10lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %10u %10u\n",
                         status->shm_perm.__key, id, status->shm_perm.mode, status->shm_segsz,
                         (unsigned)status->shm_cpid, (unsigned)status->shm_lpid, status->shm_nattch,
                         status->shm_perm.uid, status->shm_perm.gid, status->shm_perm.cuid, status->shm_perm.cgid,
                         (unsigned long long)status->shm_atime, (unsigned long long)status->shm_dtime,
                         (unsigned long long)status->shm_ctime, resident_bytes, 0u /* swap: none */));
}

int procfs_sysvipc_text(enum procfs_kind kind, char *text)
{
    struct table_text table = { text, 0 };
    if (kind == PROCFS_SYSVIPC_MSG) {
        add(&table, ksnprintf(text, PROCFS_TEXT_MAX, "       key      msqid perms      cbytes       qnum lspid lrpid"
                                                     "   uid   gid  cuid  cgid      stime      rtime      ctime\n"));
        sysv_msgq_each_status(msg_line, &table);
    } else if (kind == PROCFS_SYSVIPC_SEM) {
        add(&table, ksnprintf(text, PROCFS_TEXT_MAX, "       key      semid perms      nsems   uid   gid  cuid  cgid"
                                                     "      otime      ctime\n"));
        sysv_sem_set_each_status(sem_line, &table);
    } else {
        add(&table, ksnprintf(text, PROCFS_TEXT_MAX, "       key      shmid perms       size  cpid  lpid nattch   uid"
                                                     "   gid  cuid  cgid      atime      dtime      ctime        rss"
                                                     "       swap\n"));
        sysv_shm_each_status(shm_line, &table);
    }
    return table.length;
}
