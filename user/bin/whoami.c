/* user/bin/whoami.c - whoami: the name of the effective user, from
 * /etc/passwd (or its number, if it has no entry there). */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    uid_t uid = geteuid();
    struct passwd *user = getpwuid(uid);
    if (!user) {
        fprintf(stderr, "whoami: cannot find name for user ID %u\n", uid);
        return 1;
    }
    printf("%s\n", user->pw_name);
    return 0;
}
