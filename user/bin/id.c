/* user/bin/id.c - id [-u | -g | -G | -n ...]: whom this process runs as,
 * as POSIX's id(1) prints it: "uid=1000(student) gid=1000(student)",
 * with euid= and egid= when they differ from the real ids, and the
 * supplementary groups. Names come from /etc/passwd and /etc/group. */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define GROUPS_MAX 16

static void print_user(const char *label, uid_t uid)
{
    struct passwd *user = getpwuid(uid);
    printf(user ? "%s=%u(%s)" : "%s=%u", label, uid, user ? user->pw_name : "");
}

static void print_group(const char *label, gid_t gid)
{
    struct group *group = getgrgid(gid);
    printf(group ? "%s%u(%s)" : "%s%u", label, gid, group ? group->gr_name : "");
}

/* One user or group id for -u, -g, -G: its name with -n, else its number. */
static void print_id(unsigned id, int is_user, int names, const char *separator)
{
    struct passwd *user = is_user && names ? getpwuid(id) : 0;
    struct group *group = !is_user && names ? getgrgid(id) : 0;
    if (user || group)
        printf("%s%s", separator, user ? user->pw_name : group->gr_name);
    else
        printf("%s%u", separator, id);
}

/* -u: the effective uid; -g: the effective gid; -G: it and every
 * supplementary group, as POSIX's id -G lists them. */
static int print_one(char what, int names)
{
    if (what == 'u') {
        print_id(geteuid(), 1, names, "");
    } else {
        print_id(getegid(), 0, names, "");
        gid_t groups[GROUPS_MAX];
        int count = what == 'G' ? getgroups(GROUPS_MAX, groups) : 0;
        for (int i = 0; i < count; i++)
            if (groups[i] != getegid())
                print_id(groups[i], 0, names, " ");
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    char what = 0;
    int names = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n"))
            names = 1;
        else if (!strcmp(argv[i], "-u") || !strcmp(argv[i], "-g") || !strcmp(argv[i], "-G"))
            what = argv[i][1];
        else {
            fprintf(stderr, "usage: id [-u | -g | -G] [-n]\n");
            return 2;
        }
    }
    if (what)
        return print_one(what, names);
    print_user("uid", getuid());
    print_group(" gid=", getgid());
    if (geteuid() != getuid())
        print_user(" euid", geteuid());
    if (getegid() != getgid())
        print_group(" egid=", getegid());
    gid_t groups[GROUPS_MAX];
    int count = getgroups(GROUPS_MAX, groups);
    for (int i = 0; i < count; i++)
        print_group(i ? "," : " groups=", groups[i]);
    printf("\n");
    return 0;
}
