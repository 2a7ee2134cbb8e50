/* tests/boot/shm_open_names_errors_ipcs_and_ipcrm.c - the errors of
 * shm_open(3) and shm_unlink(3) as POSIX lists them, with the name rules
 * that this system, like its mq_open, gives "/name":
 *  - EINVAL: "/" alone, a second '/' (POSIX leaves such names to the
 *    implementation; glibc refuses them with EINVAL, and its shm_unlink
 *    with ENOENT; a name without the leading '/' is glibc's "/name",
 *    tests/boot/shm_open_and_sem_open_names_skip_leading_slashes.c);
 *  - ENAMETOOLONG: a name longer than a file name may be;
 *  - ENOENT: "O_CREAT is not set and the named shared memory object does
 *    not exist", and shm_unlink of a name that does not exist;
 *  - EEXIST: "O_CREAT and O_EXCL are set and the named shared memory
 *    object already exists";
 *  - EMFILE: "All file descriptors available to the process are
 *    currently open";
 *  - a descriptor opened O_RDONLY maps PROT_READ only: mmap(PROT_WRITE,
 *    MAP_SHARED) is EACCES (mmap: "fildes is not open for ... write ...
 *    when PROT_WRITE is specified for a MAP_SHARED type mapping"), and so
 *    is mprotect's PROT_WRITE on that mapping, while MAP_PRIVATE may write;
 *  - O_TRUNC empties an existing object.
 * ipcs lists an object (its name and size) and ipcrm -x removes it. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "boot_test.h"
#include "boot_wait.h"

#define PAGE 4096
#define FILE_NAME_MAX 63             /* NAME_MAX_LENGTH in kernel/fs/inode.h */
#define DESCRIPTORS_MAX 1024         /* more than a process may hold (sysconf(_SC_OPEN_MAX), 256) */

static void names_follow_the_rules(void)
{
    CHECK_ERROR(shm_open("/", O_RDWR | O_CREAT, 0600), EINVAL);
    CHECK_ERROR(shm_open("/two/slashes", O_RDWR | O_CREAT, 0600), EINVAL);
    CHECK_ERROR(shm_unlink("/two/slashes"), ENOENT);

    char name[FILE_NAME_MAX + 3];
    name[0] = '/';
    memset(name + 1, 'n', FILE_NAME_MAX);
    name[FILE_NAME_MAX + 1] = '\0';
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "shm_open of a name of %d bytes after the '/': %s", FILE_NAME_MAX, strerror(errno));
    close(fd);
    CHECK_EQ(0, shm_unlink(name), "shm_unlink of the longest name");
    strcat(name, "n");
    CHECK_ERROR(shm_open(name, O_RDWR | O_CREAT, 0600), ENAMETOOLONG);
    CHECK_ERROR(shm_unlink(name), ENAMETOOLONG);
    static char very_long[400];
    very_long[0] = '/';
    memset(very_long + 1, 'v', sizeof very_long - 2);
    CHECK_ERROR(shm_open(very_long, O_RDWR | O_CREAT, 0600), ENAMETOOLONG);
}

static void enoent_and_eexist(void)
{
    CHECK_ERROR(shm_open("/never_made", O_RDWR, 0), ENOENT);
    CHECK_ERROR(shm_unlink("/never_made"), ENOENT);
    int fd = shm_open("/made_once", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "shm_open O_CREAT|O_EXCL: %s", strerror(errno));
    CHECK_ERROR(shm_open("/made_once", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
    int again = shm_open("/made_once", O_RDWR | O_CREAT, 0600);
    CHECK(again >= 0, "shm_open O_CREAT of an existing object opens it: %s", strerror(errno));

    /* O_TRUNC: "If the shared memory object exists, and it is successfully
     * opened O_RDWR, the object shall be truncated to zero length" */
    ftruncate(fd, 2 * PAGE);
    int truncating = shm_open("/made_once", O_RDWR | O_TRUNC, 0);
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ(0, st.st_size, "the size after shm_open(O_TRUNC)");
    close(truncating);
    close(again);
    close(fd);
    CHECK_EQ(0, shm_unlink("/made_once"), "shm_unlink");
}

static void every_descriptor_in_use_is_emfile(void)
{
    int fd = shm_open("/descriptors", O_RDWR | O_CREAT | O_EXCL, 0600);
    int opened[DESCRIPTORS_MAX], count = 0;
    while (count < DESCRIPTORS_MAX && (opened[count] = dup(0)) >= 0)
        count++;
    CHECK(count < DESCRIPTORS_MAX, "dup never failed: %d descriptors", count);
    CHECK_ERROR(shm_open("/descriptors", O_RDWR, 0), EMFILE);
    while (count > 0)
        close(opened[--count]);
    close(fd);
    shm_unlink("/descriptors");
}

static void a_read_only_descriptor_maps_read_only(void)
{
    int writer = shm_open("/read_only", O_RDWR | O_CREAT | O_EXCL, 0600);
    ftruncate(writer, PAGE);
    int reader = shm_open("/read_only", O_RDONLY, 0);
    CHECK(writer >= 0 && reader >= 0, "shm_open: %s", strerror(errno));
    CHECK_ERROR(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, reader, 0), EACCES);
    char *shared = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, reader, 0);
    CHECK(shared != MAP_FAILED, "mmap PROT_READ, MAP_SHARED of an O_RDONLY object: %s", strerror(errno));
    if (shared != MAP_FAILED) {
        /* mprotect: "EACCES: The prot argument specifies a protection that
         * violates the access permission the process has to the
         * underlying memory object" */
        CHECK_ERROR(mprotect(shared, PAGE, PROT_READ | PROT_WRITE), EACCES);
        CHECK_EQ(0, mprotect(shared, PAGE, PROT_NONE), "mprotect PROT_NONE of the read-only mapping");
        CHECK_EQ(0, mprotect(shared, PAGE, PROT_READ), "mprotect back to PROT_READ");
        munmap(shared, PAGE);
    }
    char *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, reader, 0);
    CHECK(private != MAP_FAILED, "mmap MAP_PRIVATE with PROT_WRITE of an O_RDONLY object: %s", strerror(errno));
    if (private != MAP_FAILED) {
        private[0] = 'p';
        char byte = 1;
        read(reader, &byte, 1);
        CHECK_EQ(0, byte, "the object after a write to a private mapping of it");
        munmap(private, PAGE);
    }
    close(reader);
    close(writer);
    shm_unlink("/read_only");
}

static char output[2048];

static void ipcs_lists_an_object_and_ipcrm_removes_it(void)
{
    int fd = shm_open("/listed_board", O_RDWR | O_CREAT | O_EXCL, 0600);
    ftruncate(fd, 12345);
    close(fd);
    char *ipcs[] = { "/bin/ipcs", NULL };
    run_capturing(ipcs, output, sizeof output);
    char *line = strstr(output, "/listed_board");
    CHECK(line != NULL, "ipcs lists no /listed_board:\n%s", output);
    if (line) {
        char *start = line;
        while (start > output && start[-1] != '\n')
            start--;
        CHECK(!strncmp(start, "posix-shm", 9) && strstr(line, "12345") && strstr(line, "12345") < strchr(line, '\n'),
              "ipcs's line for the object: expected kind posix-shm and size 12345, got \"%.*s\"",
              (int)(strchr(line, '\n') - start), start);
    }
    char *ipcrm[] = { "/bin/ipcrm", "-x", "/listed_board", NULL };
    int status = run_capturing(ipcrm, output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "ipcrm -x /listed_board: status 0x%x, printed %s", status,
          output);
    CHECK_ERROR(shm_open("/listed_board", O_RDWR, 0), ENOENT);
    status = run_capturing(ipcrm, output, sizeof output);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1, "ipcrm -x of a name not there: expected exit 1, got 0x%x",
          status);
}

static void cases(void)
{
    names_follow_the_rules();
    enoent_and_eexist();
    every_descriptor_in_use_is_emfile();
    a_read_only_descriptor_maps_read_only();
    ipcs_lists_an_object_and_ipcrm_removes_it();
}

int main(void)
{
    run_cases_checking_leaks(cases);
    return test_finish("shm_open_names_errors_ipcs_and_ipcrm");
}
