/* tests/boot/sysv_shm_shmget_keys_and_sizes.c - the key and size rules of
 * shmget(2): IPC_PRIVATE always makes a new segment; a missing key is
 * ENOENT without IPC_CREAT; IPC_CREAT makes it once and finds it after;
 * IPC_CREAT|IPC_EXCL on an existing key is EEXIST. A new segment of 0
 * bytes or of more than 16 MiB is EINVAL (16 MiB itself is fine); asking
 * an existing segment for more than its size is EINVAL, for its size or
 * less (0 too) finds it. Past SHMMNI segments, ENOSPC. Bad ids and
 * commands are EINVAL, a bad IPC_STAT buffer EFAULT. */
#include <sys/shm.h>

#include "boot_test.h"

#define SHM_SIZE_LIMIT (16u << 20)   /* SHMMAX: SHM_SIZE_MAX in kernel/ipc/sysv_shm.h */
#define SEGMENTS_LIMIT 32            /* SHMMNI: SHM_MAX_SEGMENTS in kernel/ipc/sysv_shm.h */
#define SIZE 5000                    /* not a multiple of the page size on purpose */

static void ipc_private_always_makes_a_new_segment(void)
{
    int first = shmget(IPC_PRIVATE, SIZE, 0600);
    int second = shmget(IPC_PRIVATE, SIZE, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(first >= 0 && second >= 0 && first != second,
          "IPC_PRIVATE twice: expected two different ids, got %d and %d (errno %s)",
          first, second, strerror(errno));
    /* and they are different memory */
    char *a = shmat(first, NULL, 0), *b = shmat(second, NULL, 0);
    CHECK(a != (char *)-1 && b != (char *)-1 && a != b, "shmat of both: %p %p", (void *)a, (void *)b);
    if (a != (char *)-1 && b != (char *)-1) {
        strcpy(a, "first");
        strcpy(b, "second");
        CHECK(!strcmp(a, "first"), "the first private segment: expected \"first\", got \"%s\"", a);
        shmdt(a);
        shmdt(b);
    }
    shmctl(first, IPC_RMID, NULL);
    shmctl(second, IPC_RMID, NULL);
}

static void keys_creat_excl_eexist_enoent(key_t key)
{
    CHECK_ERROR(shmget(key, SIZE, 0600), ENOENT);
    int id = shmget(key, SIZE, IPC_CREAT | 0600);
    CHECK(id >= 0, "shmget(key, IPC_CREAT): expected an id, got %d (%s)", id, strerror(errno));
    CHECK_EQ(id, shmget(key, SIZE, IPC_CREAT | 0600), "IPC_CREAT again finds the same segment");
    CHECK_EQ(id, shmget(key, SIZE, 0), "no flags find it");
    CHECK_ERROR(shmget(key, SIZE, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
    CHECK_EQ(id, shmget(key, SIZE, IPC_EXCL), "IPC_EXCL without IPC_CREAT is ignored");

    /* an existing segment: its size or less is fine, more is EINVAL */
    CHECK_EQ(id, shmget(key, SIZE - 1, 0), "asking for less than the segment's size");
    CHECK_EQ(id, shmget(key, 0, 0), "asking for 0 bytes of an existing segment");
    CHECK_ERROR(shmget(key, SIZE + 1, 0), EINVAL);
    CHECK_ERROR(shmget(key, SIZE + 1, IPC_CREAT | 0600), EINVAL);

    /* IPC_RMID frees the key at once: a new segment, a new id */
    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_ERROR(shmget(key, SIZE, 0600), ENOENT);
    int again = shmget(key, SIZE, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(again >= 0 && again != id, "a new segment for the key: expected a new id, got %d (old id %d)", again, id);
    shmctl(again, IPC_RMID, NULL);
}

static void sizes_zero_and_above_16_mib_get_einval(key_t key)
{
    CHECK_ERROR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
    CHECK_ERROR(shmget(IPC_PRIVATE, SHM_SIZE_LIMIT + 1, 0600), EINVAL);
    CHECK_ERROR(shmget(IPC_PRIVATE, 0xffffffffu, 0600), EINVAL);
    CHECK_ERROR(shmget(key, 0, IPC_CREAT | 0600), EINVAL);
    CHECK_ERROR(shmget(key, SHM_SIZE_LIMIT + 1, IPC_CREAT | 0600), EINVAL);
    CHECK_ERROR(shmget(key, SIZE, 0600), ENOENT);        /* the failures made nothing */

    int largest = shmget(IPC_PRIVATE, SHM_SIZE_LIMIT, 0600);
    CHECK(largest >= 0, "16 MiB exactly: expected an id, got %d (%s)", largest, strerror(errno));
    int smallest = shmget(IPC_PRIVATE, 1, 0600);
    CHECK(smallest >= 0, "1 byte: expected an id, got %d (%s)", smallest, strerror(errno));
    struct shmid_ds status;
    CHECK_EQ(0, shmctl(largest, IPC_STAT, &status), "IPC_STAT of the 16 MiB segment");
    CHECK_EQ(SHM_SIZE_LIMIT, status.shm_segsz, "shm_segsz of the 16 MiB segment");
    shmctl(largest, IPC_RMID, NULL);
    shmctl(smallest, IPC_RMID, NULL);
}

static void past_shmmni_segments_get_enospc(key_t key)
{
    int ids[SEGMENTS_LIMIT];
    int made = 0;
    errno = 0;
    while (made < SEGMENTS_LIMIT && (ids[made] = shmget(IPC_PRIVATE, 1, 0600)) >= 0)
        made++;
    CHECK_EQ(SEGMENTS_LIMIT, made, "segments made before the table is full");
    CHECK_ERROR(shmget(IPC_PRIVATE, 1, 0600), ENOSPC);
    CHECK_ERROR(shmget(key, 1, IPC_CREAT | 0600), ENOSPC);
    for (int i = 0; i < made; i++)
        shmctl(ids[i], IPC_RMID, NULL);
    int id = shmget(IPC_PRIVATE, 1, 0600);
    CHECK(id >= 0, "a segment after freeing them all: expected an id, got %d (%s)", id, strerror(errno));
    shmctl(id, IPC_RMID, NULL);
}

static void bad_ids_and_commands_get_einval_bad_buffers_efault(void)
{
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    struct shmid_ds status;
    CHECK_ERROR(shmat(-1, NULL, 0), EINVAL);
    CHECK_ERROR(shmat(id + 1, NULL, 0), EINVAL);
    CHECK_ERROR(shmctl(-1, IPC_STAT, &status), EINVAL);
    CHECK_ERROR(shmctl(id + 1, IPC_STAT, &status), EINVAL);
    CHECK_ERROR(shmctl(id, 12345, &status), EINVAL);
    CHECK_ERROR(shmctl(id, IPC_STAT, (struct shmid_ds *)0xc0000000), EFAULT);
    CHECK_ERROR(shmctl(id, IPC_STAT, (struct shmid_ds *)16), EFAULT);
    CHECK_EQ(0, shmctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_ERROR(shmctl(id, IPC_STAT, &status), EINVAL);   /* gone: nobody was attached */
    CHECK_ERROR(shmctl(id, IPC_RMID, NULL), EINVAL);
}

int main(void)
{
    key_t key = ftok("/tmp", 'm');
    CHECK(key != -1, "ftok(/tmp, 'm'): expected a key, got -1 (%s)", strerror(errno));
    ipc_private_always_makes_a_new_segment();
    keys_creat_excl_eexist_enoent(key);
    sizes_zero_and_above_16_mib_get_einval(key);
    past_shmmni_segments_get_enospc(key);
    bad_ids_and_commands_get_einval_bad_buffers_efault();
    return test_finish("sysv_shm_shmget_keys_and_sizes");
}
