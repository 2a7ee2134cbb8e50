/* tests/boot/sysv_msgq_msgget_keys_creat_excl_eexist_enoent.c - the key
 * rules of msgget(2): a missing key is ENOENT without IPC_CREAT;
 * IPC_CREAT makes it once and finds it after; IPC_CREAT|IPC_EXCL on an
 * existing key is EEXIST; IPC_PRIVATE always makes a new queue; past
 * MSGMNI queues, ENOSPC. ftok gives the same key for the same file and
 * project, and -1 for a missing file. */
#include <fcntl.h>
#include <sys/msg.h>

#include "boot_test.h"

int main(void)
{
    key_t key = ftok("/tmp", 'q');
    CHECK(key != -1, "ftok(/tmp): %s", strerror(errno));
    CHECK_EQ(key, ftok("/tmp", 'q'), "ftok is the same for the same file and project");
    CHECK(key != ftok("/tmp", 'r'), "ftok differs for another project");
    CHECK(key != ftok("/", 'q'), "ftok differs for another file");
    CHECK_EQ('q', (unsigned)key >> 24, "the project in the key's top byte");
    CHECK_ERROR(ftok("/no/such/file", 'q'), ENOENT);

    CHECK_ERROR(msgget(key, 0600), ENOENT);
    int id = msgget(key, IPC_CREAT | 0600);
    CHECK(id >= 0, "msgget IPC_CREAT: %s", strerror(errno));
    CHECK_EQ(id, msgget(key, IPC_CREAT | 0600), "IPC_CREAT again finds the same queue");
    CHECK_EQ(id, msgget(key, 0), "no flags find it");
    CHECK_ERROR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
    CHECK_EQ(id, msgget(key, IPC_EXCL), "IPC_EXCL without IPC_CREAT is ignored");

    int private1 = msgget(IPC_PRIVATE, 0600);
    int private2 = msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(private1 >= 0 && private2 >= 0 && private1 != private2 && private1 != id,
          "IPC_PRIVATE gives new queues: %d %d (keyed %d)", private1, private2, id);

    /* after IPC_RMID the key is free again */
    CHECK_EQ(0, msgctl(id, IPC_RMID, NULL), "IPC_RMID");
    CHECK_ERROR(msgget(key, 0600), ENOENT);
    int again = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
    CHECK(again >= 0 && again != id, "a new queue for the key: %d (old id %d)", again, id);

    /* MSGMNI queues at most */
    int ids[MSGMNI];
    int made = 0;
    while (made < MSGMNI && (ids[made] = msgget(IPC_PRIVATE, 0600)) >= 0)
        made++;
    CHECK_EQ(ENOSPC, errno, "errno once no queue is left");
    CHECK_EQ(MSGMNI - 3, made, "new queues next to the 3 we have");
    CHECK_ERROR(msgget(IPC_PRIVATE, 0600), ENOSPC);
    CHECK_ERROR(msgget(ftok("/", 'z'), IPC_CREAT | 0600), ENOSPC);
    CHECK_EQ(again, msgget(key, IPC_CREAT | 0600), "an existing key is still found when the table is full");
    for (int i = 0; i < made; i++)
        msgctl(ids[i], IPC_RMID, NULL);
    msgctl(private1, IPC_RMID, NULL);
    msgctl(private2, IPC_RMID, NULL);
    msgctl(again, IPC_RMID, NULL);
    CHECK((id = msgget(IPC_PRIVATE, 0600)) >= 0, "a queue after freeing them all: %s", strerror(errno));
    msgctl(id, IPC_RMID, NULL);
    return test_finish("sysv_msgq_msgget_keys_creat_excl_eexist_enoent");
}
