/* gethostname(3) reads the machine's name, uname(2)'s nodename, and
 * sethostname(2) sets it for every process, as on Linux:
 *  - gethostname gives what uname gives, with its NUL; a buffer too small
 *    for the name and its NUL gets the name cut and ENAMETOOLONG;
 *  - root sets a name of up to 64 bytes (HOST_NAME_MAX), which uname and
 *    another process then see; 65 bytes is EINVAL, a bad pointer EFAULT,
 *    and a user other than root gets EPERM;
 *  - getdomainname gives uname's domainname.
 * The name is put back as it was. Passes on Linux 6.1 too. */
#include "boot_test.h"

#include <limits.h>
#include <sys/utsname.h>

static char original[HOST_NAME_MAX + 1];

static void as_another_user(void)
{
    CHECK_EQ(0, setuid(1000), "setuid(1000)");
    CHECK_ERROR(sethostname("mine", 4), EPERM);
}

int main(void)
{
    struct utsname names;
    CHECK_EQ(0, uname(&names), "uname");
    CHECK_EQ(0, gethostname(original, sizeof original), "gethostname");
    CHECK(!strcmp(original, names.nodename), "gethostname \"%s\", uname \"%s\"", original, names.nodename);

    char small[3] = { 'x', 'x', 'x' };
    size_t length = strlen(original);
    if (length >= sizeof small) {
        CHECK_ERROR(gethostname(small, sizeof small), ENAMETOOLONG);
        CHECK(!memcmp(small, original, sizeof small), "the name cut to the buffer");
    }

    CHECK_EQ(0, sethostname("lab-3", 5), "sethostname");
    char name[HOST_NAME_MAX + 1];
    CHECK(gethostname(name, sizeof name) == 0 && !strcmp(name, "lab-3"), "gethostname after: \"%s\"", name);
    CHECK(uname(&names) == 0 && !strcmp(names.nodename, "lab-3"), "uname after: \"%s\"", names.nodename);
    CHECK_EQ(0, sethostname("lab-3-and-more", 5), "sethostname takes `length` bytes");
    CHECK(gethostname(name, sizeof name) == 0 && !strcmp(name, "lab-3"), "only 5 bytes: \"%s\"", name);

    char longest[HOST_NAME_MAX + 2];
    memset(longest, 'n', sizeof longest);
    CHECK_EQ(0, sethostname(longest, HOST_NAME_MAX), "a name of HOST_NAME_MAX bytes");
    CHECK(gethostname(name, sizeof name) == 0 && strlen(name) == HOST_NAME_MAX, "its length: %zu", strlen(name));
    CHECK_ERROR(sethostname(longest, HOST_NAME_MAX + 1), EINVAL);
    CHECK_ERROR(sethostname((const char *)1, 5), EFAULT);

    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char seen[HOST_NAME_MAX + 1];
        _exit(gethostname(seen, sizeof seen) == 0 && strlen(seen) == HOST_NAME_MAX ? 0 : 1);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another process sees the new name");
    run_checks_in_child(as_another_user);

    char domain[HOST_NAME_MAX + 1];
    CHECK_EQ(0, getdomainname(domain, sizeof domain), "getdomainname");
    CHECK(uname(&names) == 0 && !strcmp(domain, names.domainname), "getdomainname \"%s\", uname \"%s\"", domain,
          names.domainname);

    CHECK_EQ(0, sethostname(original, strlen(original)), "the name put back");
    return test_finish("libc_gethostname_reads_and_sethostname_sets_the_machines_name");
}
