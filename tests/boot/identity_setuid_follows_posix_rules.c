/* setuid(2), seteuid(3), setreuid(2), setresuid(2) and their group twins
 * follow POSIX and Linux: root may set any id and setuid sets all three;
 * an unprivileged process may only take its real, effective or saved id
 * (EPERM otherwise); (uid_t)-1 is EINVAL for setuid/seteuid and
 * "unchanged" for setreuid/setresuid; fork and exec keep the ids, but
 * exec makes the saved ids the effective ones (POSIX), so a program run
 * after setresuid(1000, 1000, 0) cannot take root back. */
#include "boot_test.h"

#include <sys/types.h>

static void check_ids(uid_t real, uid_t effective, uid_t saved, const char *when)
{
    uid_t r, e, s;
    CHECK_EQ(0, getresuid(&r, &e, &s), "getresuid");
    CHECK(r == real && e == effective && s == saved, "%s: expected uids %u/%u/%u, got %u/%u/%u",
          when, real, effective, saved, r, e, s);
    CHECK_EQ(real, getuid(), "getuid");
    CHECK_EQ(effective, geteuid(), "geteuid");
}

/* Root's setuid sets all three ids; then there is no way back. */
static void root_setuid_is_for_good(void)
{
    check_ids(0, 0, 0, "root at the start");
    CHECK_EQ(0, setuid(1000), "setuid(1000) as root");
    check_ids(1000, 1000, 1000, "after root's setuid(1000)");
    CHECK_ERROR(setuid(0), EPERM);
    CHECK_ERROR(seteuid(0), EPERM);
    CHECK_ERROR(setreuid(0, -1), EPERM);
    CHECK_ERROR(setresuid(-1, -1, 0), EPERM);
    CHECK_EQ(0, setuid(1000), "setuid to its own id");
}

/* With a saved id of 0, a process switches its effective id back and
 * forth: the saved set-user-id at work (_POSIX_SAVED_IDS). */
static void saved_id_lets_the_effective_id_go_back(void)
{
    CHECK_EQ(0, setresuid(1000, 1000, 0), "setresuid(1000, 1000, 0)");
    check_ids(1000, 1000, 0, "real and effective 1000, saved 0");
    CHECK_EQ(0, seteuid(0), "seteuid(0) through the saved id");
    check_ids(1000, 0, 0, "after seteuid(0)");
    CHECK_EQ(0, seteuid(1000), "seteuid(1000): the real id");
    CHECK_ERROR(seteuid(2000), EPERM);
    CHECK_ERROR(setuid(2000), EPERM);
    /* unprivileged setuid changes the effective id only */
    CHECK_EQ(0, setuid(0), "setuid(0) by the saved id");
    check_ids(1000, 0, 0, "after the unprivileged-turned-root setuid(0)");
}

/* setreuid: swap real and effective; the saved id follows the new
 * effective id when the real one is set. */
static void setreuid_swaps_and_moves_the_saved_id(void)
{
    CHECK_EQ(0, setresuid(1000, 2000, 2000), "setresuid(1000, 2000, 2000)");
    CHECK_EQ(0, setreuid(2000, 1000), "setreuid swap");
    check_ids(2000, 1000, 1000, "after swapping");
    CHECK_ERROR(setreuid(3000, -1), EPERM);
    CHECK_ERROR(setreuid(-1, 3000), EPERM);
    CHECK_EQ(0, setreuid(-1, -1), "setreuid(-1, -1) changes nothing");
    check_ids(2000, 1000, 1000, "after setreuid(-1, -1)");
}

static void minus_one_is_no_user(void)
{
    CHECK_ERROR(setuid((uid_t)-1), EINVAL);
    CHECK_ERROR(seteuid((uid_t)-1), EINVAL);
    CHECK_ERROR(setgid((gid_t)-1), EINVAL);
    CHECK_ERROR(setegid((gid_t)-1), EINVAL);
}

/* Groups: the same rules, with the effective uid as the privilege. */
static void group_ids_follow_the_same_rules(void)
{
    CHECK_EQ(0, setresgid(100, 100, 0), "setresgid as root");
    CHECK_EQ(100, getgid(), "getgid");
    CHECK_EQ(100, getegid(), "getegid");
    gid_t list[4] = { 5, 6 };
    CHECK_EQ(0, setgroups(2, list), "setgroups as root");
    CHECK_EQ(2, getgroups(0, 0), "getgroups(0): how many");
    gid_t got[4];
    CHECK_EQ(2, getgroups(4, got), "getgroups");
    CHECK(got[0] == 5 && got[1] == 6, "groups: expected 5 6, got %u %u", got[0], got[1]);
    CHECK_ERROR(getgroups(1, got), EINVAL);
    CHECK_EQ(0, setuid(1000), "setuid(1000)");
    CHECK_EQ(0, setegid(0), "setegid(0) through the saved gid");
    CHECK_ERROR(setgid(7), EPERM);
    CHECK_ERROR(setregid(7, -1), EPERM);
    CHECK_ERROR(setgroups(0, list), EPERM);
}

/* fork copies the ids, exec keeps them: /bin/id in a child run as 1000. */
static void fork_and_exec_keep_the_ids(void)
{
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        check_failures = 0;
        setgid(1000);
        setuid(1000);
        dup2(fds[1], 1);
        execl("/bin/id", "id", (char *)0);
        _exit(127);
    }
    close(fds[1]);
    char text[200] = "";
    read_fully(fds[0], text, sizeof text - 1);
    close(fds[0]);
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "id exited with status %#x", status);
    CHECK(strstr(text, "uid=1000(student)") && strstr(text, "gid=1000(student)"),
          "id in a child run as 1000 printed \"%s\"", text);
}

#define AFTER_EXEC "saved-ids-after-exec"

/* The program again, in the new image: the saved uid is 1000 now, and
 * setuid(0) is refused. Its exit status says which check failed. */
static int saved_ids_after_exec(void)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    if (getresuid(&r, &e, &s) < 0 || r != 1000 || e != 1000 || s != 1000)
        return 1;
    if (getresgid(&gr, &ge, &gs) < 0 || gs != ge)
        return 2;
    errno = 0;
    if (setuid(0) != -1 || errno != EPERM)
        return 3;
    return 0;
}

static void exec_makes_the_saved_ids_the_effective_ones(const char *self)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        setresgid(1000, 1000, 0);
        setresuid(1000, 1000, 0);
        execl(self, self, AFTER_EXEC, (char *)0);
        _exit(127);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "after setresuid(1000, 1000, 0) and exec: saved uid 1000 (1), saved gid the effective (2), "
          "setuid(0) EPERM (3): status %#x", status);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], AFTER_EXEC))
        return saved_ids_after_exec();
    run_checks_in_child(root_setuid_is_for_good);
    run_checks_in_child(saved_id_lets_the_effective_id_go_back);
    run_checks_in_child(setreuid_swaps_and_moves_the_saved_id);
    minus_one_is_no_user();
    run_checks_in_child(group_ids_follow_the_same_rules);
    fork_and_exec_keep_the_ids();
    exec_makes_the_saved_ids_the_effective_ones(argv[0]);
    return test_finish("identity_setuid_follows_posix_rules");
}
