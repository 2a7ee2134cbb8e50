/* libc/unistd/hostname.c - the machine's name: gethostname and
 * getdomainname read uname(2)'s nodename and domainname, as glibc's do;
 * sethostname is the system call (kernel/uname.c, root only). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../syscall.h"

/* Copies one of uname's names and its NUL into `name` (`size` bytes), cut
 * to `size`: 0, 1 if it was cut, or -1 with errno. */
static int copy_uname_field(size_t offset, char *name, size_t size)
{
    struct utsname names;
    if (uname(&names) < 0)
        return -1;
    const char *field = (const char *)&names + offset;
    size_t length = strlen(field) + 1;
    memcpy(name, field, length < size ? length : size);
    return length > size;
}

/* A name that does not fit is cut and answered ENAMETOOLONG, as glibc
 * answers it. */
int gethostname(char *name, size_t size)
{
    int cut = copy_uname_field(offsetof(struct utsname, nodename), name, size);
    if (cut > 0)
        errno = ENAMETOOLONG;
    return cut ? -1 : 0;
}

int sethostname(const char *name, size_t length)
{
    return syscall_result(syscall2(SYS_sethostname, (long)name, (long)length));
}

/* The NIS domain name: "(none)", as on a Linux machine that has none; cut
 * to `size` without an error, as glibc's. */
int getdomainname(char *name, size_t size)
{
    return copy_uname_field(offsetof(struct utsname, domainname), name, size) < 0 ? -1 : 0;
}
