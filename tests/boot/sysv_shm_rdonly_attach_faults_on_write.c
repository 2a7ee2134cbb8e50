/* tests/boot/sysv_shm_rdonly_attach_faults_on_write.c - an attachment
 * made with SHM_RDONLY reads the segment (and sees later writes made
 * through a read-write attachment), but a write to it faults: the child
 * that writes dies of SIGSEGV, on a page it has read before and on one it
 * never touched, and the segment is unchanged. A system call asked to
 * write there (read(2) into it) fails with EFAULT instead. A child that
 * inherits a read-only attachment through fork cannot write either. */
#include <signal.h>
#include <sys/shm.h>

#include "boot_test.h"

#define PAGE 4096
#define SIZE (3 * PAGE)

static volatile char *read_only;
static char *read_write;

static void write_a_page_read_before(void)
{
    (void)read_only[0];
    read_only[0] = 'X';
}

static void write_a_page_never_touched(void)
{
    read_only[2 * PAGE + 5] = 'X';
}

static void expect_sigsegv(const char *what, void (*action)(void))
{
    pid_t child = fork();
    if (child == 0) {
        action();
        _exit(0);                    /* the write went through: wrong */
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "%s: expected death by SIGSEGV (%d), got status 0x%x", what, SIGSEGV, status);
}

int main(void)
{
    int id = shmget(IPC_PRIVATE, SIZE, 0600);
    read_write = shmat(id, NULL, 0);
    read_only = shmat(id, NULL, SHM_RDONLY);
    CHECK(read_write != (char *)-1 && read_only != (char *)-1,
          "shmat read-write and SHM_RDONLY: expected two addresses, got %p and %p",
          (void *)read_write, (void *)read_only);
    if (read_write == (char *)-1 || read_only == (char *)-1)
        return test_finish("sysv_shm_rdonly_attach_faults_on_write");

    strcpy(read_write, "written read-write");
    CHECK(!strcmp((const char *)read_only, "written read-write"),
          "through SHM_RDONLY: expected \"written read-write\", got \"%s\"", (const char *)read_only);

    expect_sigsegv("a write to a page of the SHM_RDONLY attachment already read", write_a_page_read_before);
    expect_sigsegv("a write to a page of the SHM_RDONLY attachment never touched", write_a_page_never_touched);
    CHECK_EQ('w', read_write[0], "the first byte after the faulting writes");
    CHECK_EQ(0, read_write[2 * PAGE + 5], "the byte of the untouched page after the faulting write");

    /* the kernel honours it too: read(2) into it is EFAULT, nothing written */
    int fds[2];
    pipe(fds);
    write(fds[1], "data", 4);
    CHECK_ERROR(read(fds[0], (char *)read_only + PAGE, 4), EFAULT);
    CHECK_EQ(0, read_write[PAGE], "the byte read(2) was refused to write");
    close(fds[0]);
    close(fds[1]);

    /* a read-only attachment stays read-only in a child */
    shmdt(read_write);
    expect_sigsegv("a forked child's write to the inherited SHM_RDONLY attachment", write_a_page_read_before);
    struct shmid_ds status;
    shmctl(id, IPC_STAT, &status);
    CHECK_EQ(1, status.shm_nattch, "shm_nattch after the children died: our read-only attachment");
    CHECK_EQ('w', read_only[0], "the first byte, read through SHM_RDONLY at the end");

    shmdt((const void *)read_only);
    shmctl(id, IPC_RMID, NULL);
    return test_finish("sysv_shm_rdonly_attach_faults_on_write");
}
