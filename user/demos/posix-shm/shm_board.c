/* user/demos/posix-shm/shm_board.c - a notice board in POSIX shared
 * memory (docs/posix-shm.md). The parent makes the object "/board", three
 * pages long, and starts two programs' worth of children that know only
 * its name: a writer, which maps it read-write and pins notices on pages
 * 0 and 2, and a reader, which opens it O_RDONLY, maps it PROT_READ and
 * reads page 0. Each maps the object on its own, at an address of its own;
 * the kernel gives both the same frames. Then the reader tries to make
 * its mapping writable (mprotect: EACCES, its descriptor is read-only),
 * the writer calls msync as a portable program does, and the parent
 * removes the name.
 *
 *   tools/run-prog user/demos/posix-shm/shm_board.c */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME "/board"
#define PAGE 4096
#define PAGES 3

static void fail(const char *what)
{
    printf("shm_board: %s: %s\n", what, strerror(errno));
    _exit(1);
}

/* Opens the board with `flags` and maps its pages with `protection`. */
static char *map_board(int flags, int protection)
{
    int fd = shm_open(NAME, flags, 0);
    if (fd < 0)
        fail("shm_open");
    char *board = mmap(NULL, PAGES * PAGE, protection, MAP_SHARED, fd, 0);
    if (board == MAP_FAILED)
        fail("mmap");
    close(fd);                         /* the mapping keeps the object */
    return board;
}

static void writer(int done_fd, int read_fd)
{
    char *board = map_board(O_RDWR, PROT_READ | PROT_WRITE);
    printf("writer (pid %d): /board mapped read-write at %p\n", getpid(), (void *)board);
    strcpy(board, "meeting at noon");
    strcpy(board + 2 * PAGE, "bring the slides");
    write(done_fd, "w", 1);            /* the reader may look now */
    char token;
    read(read_fd, &token, 1);          /* it has read */
    if (msync(board, PAGES * PAGE, MS_SYNC) < 0)   /* nothing to write here: the mapping is the object */
        fail("msync");
    printf("writer: msync done, page 0 still says \"%s\"\n", board);
    _exit(0);
}

static void reader(int wait_fd, int done_fd)
{
    char token;
    read(wait_fd, &token, 1);
    const char *board = map_board(O_RDONLY, PROT_READ);
    printf("reader (pid %d): /board mapped read-only at %p: page 0 says \"%s\"\n", getpid(), (void *)board, board);
    if (mprotect((void *)board, PAGE, PROT_READ | PROT_WRITE) < 0)
        printf("reader: mprotect(PROT_WRITE) on it: %s (the descriptor was O_RDONLY)\n", strerror(errno));
    write(done_fd, "r", 1);
    read(wait_fd, &token, 1);          /* end of file: the writer has exited */
    _exit(0);
}

int main(void)
{
    int fd = shm_open(NAME, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        fail("shm_open " NAME);
    if (ftruncate(fd, PAGES * PAGE) < 0)
        fail("ftruncate");
    close(fd);
    printf("parent: made %s, %d bytes\n", NAME, PAGES * PAGE);

    int written[2], read_done[2];
    pipe(written);
    pipe(read_done);
    pid_t writer_pid = fork();
    if (writer_pid == 0) {
        close(written[0]);
        close(read_done[1]);
        writer(written[1], read_done[0]);
    }
    pid_t reader_pid = fork();
    if (reader_pid == 0) {
        close(written[1]);
        close(read_done[0]);
        reader(written[0], read_done[1]);
    }
    close(written[0]);
    close(written[1]);
    close(read_done[0]);
    close(read_done[1]);
    waitpid(writer_pid, NULL, 0);
    waitpid(reader_pid, NULL, 0);
    shm_unlink(NAME);                  /* nobody maps it now: its pages are freed */
    printf("parent: %s unlinked\n", NAME);
    return 0;
}
