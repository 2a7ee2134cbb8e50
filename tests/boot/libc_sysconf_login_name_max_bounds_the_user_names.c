/* libc_sysconf_login_name_max_bounds_the_user_names:
 * sysconf(_SC_LOGIN_NAME_MAX) is a number, errno untouched, of at least
 * POSIX's _POSIX_LOGIN_NAME_MAX, and every name of the user database is
 * shorter. On this system it is the bound of the database's reader, so
 * the test also checks that it is exact: /etc/passwd given a user whose
 * name is that long less its NUL, getpwnam finds it; one byte longer, it
 * does not. (Not on Linux, whose 256 is a constant of its headers, and
 * whose /etc/passwd a test does not write.) */
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "boot_test.h"

static int running_on_linux(void)
{
    struct utsname names;
    return uname(&names) == 0 && strcmp(names.sysname, "Linux") == 0;
}

/* Appends a user named `length` times 'u' to /etc/passwd; returns whether
 * getpwnam then finds it. */
static int user_of_length_is_found(long length)
{
    char *name = malloc((size_t)length + 1);
    memset(name, 'u', (size_t)length);
    name[length] = '\0';
    int fd = open("/etc/passwd", O_WRONLY | O_APPEND);
    CHECK(fd >= 0, "opening /etc/passwd: %s", strerror(errno));
    dprintf(fd, "%s::::::\n", name);
    close(fd);
    struct passwd *entry = getpwnam(name);
    int found = entry != NULL && strlen(entry->pw_name) == (size_t)length;
    free(name);
    return found;
}

int main(void)
{
    errno = 0;
    long name_max = sysconf(_SC_LOGIN_NAME_MAX);
    CHECK(name_max >= _POSIX_LOGIN_NAME_MAX && errno == 0, "sysconf(_SC_LOGIN_NAME_MAX): %ld, errno %d",
          name_max, errno);

    struct passwd *entry;
    int users = 0;
    setpwent();
    while ((entry = getpwent()) != NULL) {
        users++;
        CHECK((long)strlen(entry->pw_name) < name_max, "user %s: a name of %zu bytes", entry->pw_name,
              strlen(entry->pw_name));
    }
    endpwent();
    CHECK(users > 0, "the user database has users");

    if (!running_on_linux()) {
        struct stat before;
        CHECK_EQ(0, stat("/etc/passwd", &before), "stat /etc/passwd");
        CHECK(user_of_length_is_found(name_max - 1), "a user name of %ld bytes is found", name_max - 1);
        CHECK(!user_of_length_is_found(name_max), "a user name of %ld bytes is not", name_max);
        int fd = open("/etc/passwd", O_WRONLY);
        CHECK(fd >= 0 && ftruncate(fd, before.st_size) == 0, "/etc/passwd as it was: %s", strerror(errno));
        close(fd);
    }
    return test_finish("libc_sysconf_login_name_max_bounds_the_user_names");
}
