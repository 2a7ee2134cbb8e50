/* user/demos/mmap/mapped_file_editors.c - two processes edit one file through
 * mmap.
 *
 *     editor A (the parent)                        editor B (the child)
 *     open + mmap(MAP_SHARED)                      open + mmap(MAP_SHARED)
 *            |  its own address                    its own address  |
 *            v                                                      v
 *            +---------> the file's page (one frame in memory) <----+
 *                        [ turn | round | text .................. ]
 *
 * The file is a tiny document: a header saying whose turn it is, and a line
 * of text. On its turn each editor prints the text as the other left it,
 * changes one word in place, and hands the turn over by writing the other's
 * name into the header. Nothing is sent, copied or read again with read():
 * a byte stored through one mapping is in the other's memory at once,
 * because both mappings are the file's own page. At the end the parent reads
 * the file with read(), to show that the mappings were the file all along.
 * (Both editors may well print the same address: each process has its own
 * page tables, so an address alone says nothing about which memory is
 * behind it. What they share is the frame their page tables point to.)
 *
 * Each editor waits for its turn by looking at the header every
 * millisecond; that keeps this demo about mapping
 * (user/demos/posix-semaphores/bounded_buffer.c shows waiting without
 * looking, with semaphores).
 *
 * Usage: mapped_file_editors            (ends by itself after six edits) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define DOCUMENT_PATH "/tmp/shared_document"
#define TEXT_SIZE 120
#define PATIENCE_MS 5000                  /* give up if the other editor is gone this long */

struct document {
    volatile char turn;                   /* 'A' or 'B': who may edit now; 'E': the end */
    volatile int round;                   /* edits made so far */
    char text[TEXT_SIZE];
};

/* The edits, in turn: A makes the first, B the second, and so on. */
static const char *const edits[][2] = {
    { "quick", "slow" }, { "brown", "green" }, { "fox", "cat" },
    { "jumps", "sleeps" }, { "lazy", "busy" }, { "dog", "bee" },
};
#define EDIT_COUNT (int)(sizeof edits / sizeof edits[0])

/* Replaces the first `old` in `text` by `new`, in place. */
static void replace_word(char *text, const char *old, const char *new)
{
    char *at = strstr(text, old);
    if (!at)
        return;
    char rest[TEXT_SIZE];
    snprintf(rest, sizeof rest, "%s", at + strlen(old));
    snprintf(at, TEXT_SIZE - (at - text), "%s%s", new, rest);
}

/* Maps the document, the way each editor does it for itself. */
static struct document *map_document(void)
{
    int fd = open(DOCUMENT_PATH, O_RDWR);
    if (fd < 0) {
        perror("open " DOCUMENT_PATH);
        return NULL;
    }
    struct document *document =
        mmap(NULL, sizeof *document, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);                            /* the mapping keeps the file's page */
    if (document == MAP_FAILED) {
        perror("mmap");
        return NULL;
    }
    return document;
}

/* One editor: `me` is 'A' or 'B'. Returns 0 when the document is done. */
static int edit(char me)
{
    struct document *document = map_document();
    if (!document)
        return 1;
    char other = me == 'A' ? 'B' : 'A';
    printf("[%c] pid %d maps the document at %p\n", me, getpid(), (void *)document);
    fflush(stdout);                       /* our lines in the order they happen */
    for (;;) {
        int waited = 0;
        while (document->turn != me && document->turn != 'E') {
            if (++waited > PATIENCE_MS) {
                printf("[%c] the other editor is gone; giving up\n", me);
                return 1;
            }
            usleep(1000);
        }
        if (document->turn == 'E')
            break;
        int round = document->round;
        printf("[%c] sees:     \"%s\"\n", me, document->text);
        replace_word(document->text, edits[round][0], edits[round][1]);
        printf("[%c] changes \"%s\" to \"%s\"\n", me, edits[round][0], edits[round][1]);
        fflush(stdout);
        document->round = round + 1;
        document->turn = round + 1 == EDIT_COUNT ? 'E' : other;   /* last: hand over */
    }
    munmap(document, sizeof *document);
    return 0;
}

int main(void)
{
    /* the document starts as a file written the ordinary way */
    struct document start = { .turn = 'A', .round = 0 };
    snprintf(start.text, sizeof start.text, "the quick brown fox jumps over the lazy dog");
    int fd = open(DOCUMENT_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, &start, sizeof start) != (ssize_t)sizeof start) {
        perror("writing " DOCUMENT_PATH);
        return 1;
    }

    pid_t child = fork();
    if (child == 0)
        _exit(edit('B'));
    int status = edit('A');
    int child_status = 0;
    waitpid(child, &child_status, 0);

    /* what the file itself now holds, through read() */
    struct document final;
    lseek(fd, 0, SEEK_SET);
    if (read(fd, &final, sizeof final) != (ssize_t)sizeof final) {
        perror("read");
        return 1;
    }
    close(fd);
    unlink(DOCUMENT_PATH);
    printf("read() of the file after %d edits: \"%s\"\n", final.round, final.text);
    int done = final.round == EDIT_COUNT && strcmp(final.text, "the slow green cat sleeps over the busy bee") == 0;
    printf("%s\n", done ? "both editors' changes are in the file" : "the file does not hold every change!");
    return status == 0 && WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0 && done ? 0 : 1;
}
