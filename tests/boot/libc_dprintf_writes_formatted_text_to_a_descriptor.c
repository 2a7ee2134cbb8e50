/* libc_dprintf_writes_formatted_text_to_a_descriptor: dprintf formats as
 * printf and writes to a descriptor with no buffer left behind (a short
 * message is one write, in order with plain writes), longer text than
 * any chunk arrives whole, the count returned is the bytes written, and
 * a bad descriptor gives -1 with EBADF. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "boot_test.h"

static int through_vdprintf(int fd, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int count = vdprintf(fd, format, args);
    va_end(args);
    return count;
}

int main(void)
{
    int ends[2];
    pipe(ends);
    CHECK_EQ(10, dprintf(ends[1], "n=%d s=%s\n", 42, "ok"), "dprintf's count");
    write(ends[1], "plain\n", 6);
    CHECK_EQ(4, through_vdprintf(ends[1], "%03d\n", 7), "vdprintf's count");
    char text[64] = { 0 };
    CHECK_EQ(20, read(ends[0], text, sizeof text - 1), "everything is in the pipe at once");
    CHECK(strcmp(text, "n=42 s=ok\nplain\n007\n") == 0, "in the order written: \"%s\"", text);

    static char long_text[1001];
    memset(long_text, 'y', 1000);
    CHECK_EQ(1002, dprintf(ends[1], "<%s>", long_text), "a text longer than a chunk");
    static char back[1100];
    CHECK_EQ(1002, read_fully(ends[0], back, 1002), "all of it arrives");
    CHECK(back[0] == '<' && back[1] == 'y' && back[1000] == 'y' && back[1001] == '>', "whole and in order");

    close(ends[0]);
    close(ends[1]);
    CHECK_ERROR(dprintf(ends[1], "x"), EBADF);
    CHECK_ERROR(dprintf(-1, "%d", 1), EBADF);
    return test_finish("libc_dprintf_writes_formatted_text_to_a_descriptor");
}
