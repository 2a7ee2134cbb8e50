/* libc_mkstemp_and_mkdtemp_make_names_nobody_has: mkstemp, mkostemp,
 * mkdtemp, tmpfile and tmpnam as POSIX and glibc have them: the six X's
 * become [A-Za-z0-9], the file is new (O_EXCL), mode 0600 (0700 for a
 * directory), open for reading and writing; two calls give two names; a
 * template not ending in XXXXXX is EINVAL and left alone; a missing
 * directory is ENOENT; tmpfile's file has no name and reads back what
 * was written; tmpnam's name is in P_tmpdir and free. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot_test.h"

static int suffix_is_letters_and_digits(const char *name)
{
    const char *suffix = name + strlen(name) - 6;
    for (int i = 0; i < 6; i++) {
        char c = suffix[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return strcmp(suffix, "XXXXXX") != 0;
}

/* How many entries /tmp has. */
static int entries_in_tmp(void)
{
    DIR *dir = opendir("/tmp");
    int count = 0;
    while (dir && readdir(dir))
        count++;
    if (dir)
        closedir(dir);
    return count;
}

static void check_mkstemp(void)
{
    char first[] = "/tmp/libc_mkstemp_XXXXXX", second[] = "/tmp/libc_mkstemp_XXXXXX";
    int fd = mkstemp(first);
    CHECK(fd >= 0, "mkstemp: %s", strerror(errno));
    CHECK(strncmp(first, "/tmp/libc_mkstemp_", 18) == 0 && suffix_is_letters_and_digits(first),
          "the X's became letters and digits: %s", first);
    struct stat status;
    CHECK(fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && (status.st_mode & 0777) == 0600,
          "a regular file of mode 0600: %o", (unsigned)status.st_mode);
    CHECK(stat(first, &status) == 0 && status.st_size == 0, "it exists under its name, empty");
    CHECK_EQ(5, write(fd, "hello", 5), "writable");
    char back[8] = { 0 };
    lseek(fd, 0, SEEK_SET);
    CHECK(read(fd, back, 5) == 5 && memcmp(back, "hello", 5) == 0, "and readable");
    CHECK_EQ(O_RDWR, fcntl(fd, F_GETFL) & O_ACCMODE, "opened O_RDWR");
    int fd2 = mkstemp(second);
    CHECK(fd2 >= 0 && strcmp(first, second) != 0, "a second call gives another name: %s %s", first, second);
    close(fd);
    close(fd2);
    unlink(first);
    unlink(second);

    char appending[] = "/tmp/libc_mkostemp_XXXXXX";
    fd = mkostemp(appending, O_APPEND);
    CHECK(fd >= 0 && (fcntl(fd, F_GETFL) & O_APPEND), "mkostemp adds its flags");
    close(fd);
    unlink(appending);

    static const char *bad[] = { "/tmp/noX", "/tmp/fiveXXXXX", "/tmp/XXXXXXafter", "XXXXX", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char template[64];
        strcpy(template, bad[i]);
        CHECK_ERROR(mkstemp(template), EINVAL);
        CHECK(strcmp(template, bad[i]) == 0, "a bad template is left alone: \"%s\"", template);
    }
    char missing[] = "/tmp/no/such/dir/XXXXXX";
    CHECK_ERROR(mkstemp(missing), ENOENT);
    char six[] = "XXXXXX";                               /* the X's alone, in the current directory */
    chdir("/tmp");
    fd = mkstemp(six);
    CHECK(fd >= 0 && suffix_is_letters_and_digits(six), "a template of just XXXXXX");
    close(fd);
    unlink(six);
}

static void check_mkdtemp(void)
{
    char template[] = "/tmp/libc_mkdtemp_XXXXXX";
    CHECK(mkdtemp(template) == template, "mkdtemp returns its template: %s", strerror(errno));
    struct stat status;
    CHECK(stat(template, &status) == 0 && S_ISDIR(status.st_mode) && (status.st_mode & 0777) == 0700,
          "a directory of mode 0700");
    CHECK(suffix_is_letters_and_digits(template), "named %s", template);
    rmdir(template);
    char bad[] = "/tmp/libc_mkdtemp_XXXXX";
    errno = 0;
    CHECK(mkdtemp(bad) == NULL && errno == EINVAL, "mkdtemp with five X's: EINVAL");
    char missing[] = "/tmp/no/such/XXXXXX";
    errno = 0;
    CHECK(mkdtemp(missing) == NULL && errno == ENOENT, "mkdtemp in a missing directory: ENOENT");
}

static void check_tmpfile_and_tmpnam(void)
{
    int before = entries_in_tmp();
    FILE *file = tmpfile();
    CHECK(file != NULL, "tmpfile: %s", strerror(errno));
    if (file) {
        CHECK_EQ(before, entries_in_tmp(), "tmpfile leaves no name in /tmp");
        CHECK(fputs("scratch\n", file) >= 0, "tmpfile is writable");
        rewind(file);
        char line[16] = { 0 };
        CHECK(fgets(line, sizeof line, file) && strcmp(line, "scratch\n") == 0, "and reads back: %s", line);
        fclose(file);
    }
    char name[L_tmpnam];
    CHECK(tmpnam(name) == name, "tmpnam fills the caller's buffer");
    CHECK(strncmp(name, P_tmpdir "/", strlen(P_tmpdir) + 1) == 0 && strlen(name) < L_tmpnam,
          "a name in P_tmpdir shorter than L_tmpnam: %s", name);
    struct stat status;
    CHECK(stat(name, &status) == -1 && errno == ENOENT, "naming no file");
    char *shared = tmpnam(NULL);
    CHECK(shared && strcmp(shared, name) != 0, "tmpnam(NULL): another name, in a static buffer");
}

int main(void)
{
    check_mkstemp();
    check_mkdtemp();
    check_tmpfile_and_tmpnam();
    return test_finish("libc_mkstemp_and_mkdtemp_make_names_nobody_has");
}
