/* tests/disk/programs/disk_two_boots.c - what one boot leaves on the disk,
 * the next finds (tests/disk/disk_checks.py boots it twice on one image).
 *
 * Usage: disk_two_boots write   files, a directory, a FIFO, a socket file
 *                               and a spool message in /home, then exits
 *                               (init powers off: the kernel writes all)
 *        disk_two_boots check   finds each with its type and contents
 * Every problem is one line on stdout; the status is 1 if there was one. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "disk_program.h"

#define KEPT HOME "/kept"
#define NOTE KEPT "/note.txt"
#define NOTE_TEXT "written before the reboot\n"
#define BIG KEPT "/pattern.bin"
#define BIG_SIZE (200 * 1024)         /* past the direct and the first indirect blocks */
#define BIG_SEED 7
#define SUBDIRECTORY KEPT "/sub"
#define DEEPER SUBDIRECTORY "/deeper.txt"
#define DEEPER_TEXT "one level down\n"
#define FIFO KEPT "/fifo"
#define SOCKET KEPT "/socket"
#define SPOOL HOME "/spool"           /* made by tools/make-disk */
#define SPOOL_DRAFT SPOOL "/.tmp-before-reboot"
#define SPOOL_MESSAGE SPOOL "/msg-before-reboot"
#define SPOOL_TEXT "a message left in the spool before the reboot\n"
#define WRITE_PIECE 5000              /* pieces that end in the middle of blocks */

static int problems;

static void problem(const char *what, const char *path)
{
    printf("disk_two_boots: %s %s: %s\n", what, path, strerror(errno));
    problems++;
}

static void write_text(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    size_t length = strlen(text);
    if (fd < 0 || write(fd, text, length) != (ssize_t)length || close(fd) != 0)
        problem("writing", path);
}

static void write_pattern(const char *path, uint32_t size, uint32_t seed)
{
    static unsigned char piece[WRITE_PIECE];
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        problem("creating", path);
        return;
    }
    for (uint32_t offset = 0; offset < size; offset += WRITE_PIECE) {
        uint32_t length = size - offset < WRITE_PIECE ? size - offset : WRITE_PIECE;
        pattern_fill(piece, length, offset, seed);
        if (write(fd, piece, length) != (ssize_t)length) {
            problem("writing", path);
            break;
        }
    }
    close(fd);
}

/* A socket file: bind names a socket in the file system; closing the
 * socket leaves the name, as on Linux (socket(7): unlink removes it). */
static void leave_a_socket_file(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) != 0)
        problem("binding a socket to", path);
    if (fd >= 0)
        close(fd);
}

static void write_everything(void)
{
    if (mkdir(KEPT, 0755) != 0 || mkdir(SUBDIRECTORY, 0700) != 0)
        problem("mkdir", KEPT);
    write_text(NOTE, NOTE_TEXT);
    write_pattern(BIG, BIG_SIZE, BIG_SEED);
    write_text(DEEPER, DEEPER_TEXT);
    if (mkfifo(FIFO, 0600) != 0)
        problem("mkfifo", FIFO);
    leave_a_socket_file(SOCKET);
    write_text(SPOOL_DRAFT, SPOOL_TEXT);           /* as the spool demo publishes */
    if (rename(SPOOL_DRAFT, SPOOL_MESSAGE) != 0)
        problem("rename to", SPOOL_MESSAGE);
}

/* lstat `path`; 1 if its type is `type` (S_IFDIR...), else says so. */
static int has_type(const char *path, mode_t type, const char *type_name)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        problem("lstat", path);
        return 0;
    }
    if ((st.st_mode & S_IFMT) != type) {
        printf("disk_two_boots: %s: mode %#o, expected a %s\n", path, (unsigned)st.st_mode, type_name);
        problems++;
        return 0;
    }
    return 1;
}

static void check_text(const char *path, const char *text)
{
    char found[128];
    int fd = open(path, O_RDONLY);
    ssize_t got = fd < 0 ? -1 : read(fd, found, sizeof found - 1);
    if (fd >= 0)
        close(fd);
    if (got < 0) {
        problem("reading", path);
        return;
    }
    found[got] = 0;
    if (strcmp(found, text)) {
        printf("disk_two_boots: %s holds \"%s\", expected \"%s\"\n", path, found, text);
        problems++;
    }
}

static void check_pattern(const char *path, uint32_t size, uint32_t seed)
{
    static unsigned char piece[WRITE_PIECE];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        problem("opening", path);
        return;
    }
    uint32_t offset = 0;
    ssize_t got;
    while ((got = read(fd, piece, sizeof piece)) > 0) {
        for (ssize_t i = 0; i < got; i++, offset++) {
            if (piece[i] != pattern_byte(offset, seed)) {
                printf("disk_two_boots: %s: byte %u is %#x, expected %#x\n", path, offset, piece[i],
                       pattern_byte(offset, seed));
                problems++;
                close(fd);
                return;
            }
        }
    }
    if (got < 0)
        problem("reading", path);
    else if (offset != size) {
        printf("disk_two_boots: %s: %u bytes, expected %u\n", path, offset, size);
        problems++;
    }
    close(fd);
}

/* The FIFO found on the disk is still a FIFO: what goes in comes out. */
static void check_fifo_works(const char *path)
{
    int reader = open(path, O_RDONLY | O_NONBLOCK);
    int writer = reader < 0 ? -1 : open(path, O_WRONLY | O_NONBLOCK);
    char found[8] = { 0 };
    if (reader < 0 || writer < 0 || write(writer, "ping", 4) != 4 || read(reader, found, 4) != 4 ||
        memcmp(found, "ping", 4))
        problem("passing \"ping\" through", path);
    if (writer >= 0)
        close(writer);
    if (reader >= 0)
        close(reader);
}

/* The socket file outlived its socket: connecting finds nobody (ECONNREFUSED). */
static void check_socket_refuses(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        problem("socket for", path);
        return;
    }
    if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0 || errno != ECONNREFUSED) {
        printf("disk_two_boots: connect %s: %s, expected ECONNREFUSED (a socket file without a socket)\n",
               path, strerror(errno));
        problems++;
    }
    close(fd);
}

static void check_everything(void)
{
    if (has_type(KEPT, S_IFDIR, "directory") && has_type(SUBDIRECTORY, S_IFDIR, "directory"))
        check_text(DEEPER, DEEPER_TEXT);
    if (has_type(NOTE, S_IFREG, "regular file"))
        check_text(NOTE, NOTE_TEXT);
    if (has_type(BIG, S_IFREG, "regular file"))
        check_pattern(BIG, BIG_SIZE, BIG_SEED);
    if (has_type(FIFO, S_IFIFO, "FIFO"))
        check_fifo_works(FIFO);
    if (has_type(SOCKET, S_IFSOCK, "socket"))
        check_socket_refuses(SOCKET);
    if (has_type(SPOOL_MESSAGE, S_IFREG, "regular file"))
        check_text(SPOOL_MESSAGE, SPOOL_TEXT);
    struct stat st;
    if (lstat(SPOOL_DRAFT, &st) == 0 || errno != ENOENT) {
        printf("disk_two_boots: the draft %s is still there after the rename\n", SPOOL_DRAFT);
        problems++;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "write") && strcmp(argv[1], "check"))) {
        printf("usage: disk_two_boots write|check\n");
        return 2;
    }
    if (!home_is_on_the_disk("disk_two_boots"))
        return 1;
    if (!strcmp(argv[1], "write"))
        write_everything();
    else
        check_everything();
    printf("disk_two_boots %s: %d problems\n", argv[1], problems);
    return problems ? 1 : 0;
}
