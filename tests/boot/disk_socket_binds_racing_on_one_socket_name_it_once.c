/* tests/boot/disk_socket_binds_racing_on_one_socket_name_it_once.c - two
 * processes that share one unnamed AF_UNIX socket (a fork) bind it at the
 * same moment to two names on the disk: one bind names it, the other gets
 * EINVAL (the socket is named already, as Linux answers) and makes no
 * file. The bind that makes a node on the disk sleeps there, holding the
 * file-system lock, and the other waits for that lock; it must look again
 * once it has it (socket_unix_bind, kernel/ipc/socket_naming.c). (Before,
 * both made their node and the socket kept the last: the first node was
 * held open for ever, its inode never freed, even once unlinked.) The
 * spin before the parent's bind varies, so that across the rounds either
 * bind may come first. */
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "boot_disk.h"

#define ROUNDS 60
#define SPIN_STEPS 12                  /* spin lengths tried, in steps of SPIN_UNIT */
#define SPIN_UNIT 500

static int bind_to(int fd, const char *path)
{
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strncpy(address.sun_path, path, sizeof address.sun_path - 1);
    return bind(fd, (struct sockaddr *)&address, sizeof address) == 0 ? 0 : errno;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void one_round(int round, int *parent_won)
{
    char parent_path[64], child_path[64];
    snprintf(parent_path, sizeof parent_path, "/home/bind-parent%d", round);
    snprintf(child_path, sizeof child_path, "/home/bind-child%d", round);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(fd >= 0, "socket: %s", strerror(errno));
    int go;
    pid_t child = fork_held_until_go(&go);
    if (child == 0)
        _exit(bind_to(fd, child_path));      /* 0, or the errno */
    start_the_child(go);                   /* its bind */
    for (volatile int spin = 0; spin < (round % SPIN_STEPS) * SPIN_UNIT; spin++)
        ;
    int parent_error = bind_to(fd, parent_path);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "the child ended with status %#x", status);
    int child_error = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    CHECK((parent_error == 0 && child_error == EINVAL) || (parent_error == EINVAL && child_error == 0),
          "round %d: the parent's bind gave %d, the child's %d: expected one 0 and one EINVAL (%d)", round,
          parent_error, child_error, EINVAL);
    const char *winner = parent_error == 0 ? parent_path : child_path;
    const char *loser = parent_error == 0 ? child_path : parent_path;
    struct sockaddr_un name;
    socklen_t length = sizeof name;
    memset(&name, 0, sizeof name);
    CHECK_EQ(0, getsockname(fd, (struct sockaddr *)&name, &length), "getsockname");
    CHECK(!strcmp(name.sun_path, winner), "round %d: the socket is named %s, but %s's bind succeeded", round,
          name.sun_path, winner);
    CHECK(exists(winner), "round %d: %s, the name bound, is not in the directory", round, winner);
    CHECK(!exists(loser), "round %d: %s, whose bind failed, is in the directory", round, loser);
    *parent_won += parent_error == 0;
    CHECK_EQ(0, close(fd), "close the socket");
    unlink(parent_path);
    unlink(child_path);
}

int main(void)
{
    require_home_on_the_disk("disk_socket_binds_racing_on_one_socket_name_it_once");
    int parent_won = 0;
    one_round(0, &parent_won);              /* the directory's first block, before the counts */
    sync();
    struct statvfs before, after;
    struct kinfo_counters counters_before, counters_after;
    CHECK_EQ(0, statvfs("/home", &before), "statvfs before");
    CHECK(kinfo(KINFO_COUNTERS, &counters_before, sizeof counters_before) >= 0, "kinfo: %s", strerror(errno));
    for (int round = 1; round < ROUNDS; round++)
        one_round(round, &parent_won);
    sync();
    CHECK_EQ(0, statvfs("/home", &after), "statvfs after");
    CHECK(kinfo(KINFO_COUNTERS, &counters_after, sizeof counters_after) >= 0, "kinfo: %s", strerror(errno));
    CHECK_EQ(before.f_ffree, after.f_ffree, "free inodes on the disk after every name went (none held for ever)");
    CHECK_EQ(counters_before.inodes, counters_after.inodes, "inodes in memory after every name went");
    printf("the parent's bind won %d of %d rounds\n", parent_won, ROUNDS);
    return test_finish("disk_socket_binds_racing_on_one_socket_name_it_once");
}
