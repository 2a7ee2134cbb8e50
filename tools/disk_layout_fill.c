/* tools/disk_layout_fill.c - fills a fresh disk with a few ordinary things
 * for the picture of the disk in docs/disk.md (`make disk-layout` runs it
 * with tools/run-prog --disk, then tools/disk_layout.py draws the image).
 *
 * In /home, on the disk: a short text file, a directory holding a note, a
 * symbolic link and a file of 300 KiB (with 1 KiB blocks: 12 direct
 * blocks, 256 through the single indirect block, the last 32 through the
 * double indirect one), and a FIFO. Then sync(2), so that every block is
 * on the disk before init powers the machine off.
 *
 * Usage: disk_layout_fill   (prints one line per thing it made) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HOME "/home"
#define BIG_FILE HOME "/notes/big.bin"
#define BIG_FILE_SIZE (300 * 1024)
#define WRITE_PIECE 4096              /* the big file goes out in pieces this long */

static int failures;

static void failed(const char *what, const char *path)
{
    perror(path);
    fprintf(stderr, "disk_layout_fill: %s %s failed\n", what, path);
    failures++;
}

/* `length` bytes: `text` over and over, so the file reads as something. */
static void write_file(const char *path, const char *text, size_t length)
{
    static char piece[WRITE_PIECE];
    size_t text_length = strlen(text);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        failed("creating", path);
        return;
    }
    for (size_t done = 0; done < length;) {
        size_t chunk = length - done < WRITE_PIECE ? length - done : WRITE_PIECE;
        for (size_t i = 0; i < chunk; i++)
            piece[i] = text[(done + i) % text_length];
        if (write(fd, piece, chunk) != (ssize_t)chunk) {
            failed("writing", path);
            break;
        }
        done += chunk;
    }
    close(fd);
    printf("file      %-24s %zu bytes\n", path, length);
}

int main(void)
{
    const char *hello = "hello from the guest, kept on the disk\n";
    write_file(HOME "/hello.txt", hello, strlen(hello));
    if (mkdir(HOME "/notes", 0755) != 0)
        failed("mkdir", HOME "/notes");
    else
        printf("directory %s\n", HOME "/notes");
    const char *todo = "read docs/disk.md\n";
    write_file(HOME "/notes/todo.txt", todo, strlen(todo));
    write_file(BIG_FILE, "0123456789abcdef", BIG_FILE_SIZE);
    if (symlink("big.bin", HOME "/notes/latest") != 0)
        failed("symlink", HOME "/notes/latest");
    else
        printf("symlink   %-24s -> big.bin\n", HOME "/notes/latest");
    if (mkfifo(HOME "/fifo", 0644) != 0)
        failed("mkfifo", HOME "/fifo");
    else
        printf("fifo      %s\n", HOME "/fifo");
    sync();
    return failures != 0;
}
