/* tests/boot/tty_canonical_input_edits_with_the_characters_in_c_cc.c -
 * in canonical mode a read returns one completed line, edited with the
 * characters c_cc names: VERASE, VKILL, VEOF, VEOL, changed by tcsetattr;
 * ICRNL turns Enter's '\r' into '\n', IGNCR drops it, INLCR turns '\n'
 * into '\r'; TCSAFLUSH and tcflush throw away typed lines. */
#include "boot_terminal.h"

static struct termios base;

/* Canonical mode without echo, with `change` applied to a copy of base. */
static void set_canonical(int fd, void (*change)(struct termios *t))
{
    struct termios t = base;
    t.c_lflag |= ICANON;
    t.c_lflag &= ~(tcflag_t)ECHO;
    if (change)
        change(&t);
    CHECK_EQ(0, tcsetattr(fd, TCSANOW, &t), "tcsetattr");
}

/* Reads one line and checks it is `expected`. */
static void expect_line(int fd, const char *expected, const char *what)
{
    char buffer[64];
    memset(buffer, 0, sizeof buffer);
    ssize_t got = read(fd, buffer, sizeof buffer - 1);
    CHECK(got == (ssize_t)strlen(expected) && memcmp(buffer, expected, strlen(expected)) == 0,
          "%s: expected \"%s\" (%zu bytes), read %zd bytes \"%s\"", what, expected, strlen(expected),
          got, buffer);
}

static void hash_erases_at_kills(struct termios *t)
{
    t->c_cc[VERASE] = '#';
    t->c_cc[VKILL] = '@';
    t->c_cc[VEOF] = '!';
    t->c_cc[VEOL] = ';';
}

static void no_icrnl(struct termios *t)   { t->c_iflag &= ~(tcflag_t)ICRNL; }
static void igncr(struct termios *t)      { t->c_iflag |= IGNCR; }
static void inlcr(struct termios *t)      { t->c_iflag |= INLCR; t->c_iflag &= ~(tcflag_t)ICRNL; }

int main(void)
{
    int fd = open_test_terminal();
    CHECK_EQ(0, tcgetattr(fd, &base), "tcgetattr");
    tcflush(fd, TCIFLUSH);

    set_canonical(fd, 0);
    type_on_terminal(fd, "one\ntwo\n");
    expect_line(fd, "one\n", "first of two lines");
    expect_line(fd, "two\n", "second of two lines");
    type_on_terminal(fd, "ab\x7f" "c\n");
    expect_line(fd, "ac\n", "DEL (VERASE) erases");
    type_on_terminal(fd, "xx\x15" "yy\n");
    expect_line(fd, "yy\n", "Ctrl-U (VKILL) kills the line");
    type_on_terminal(fd, "end\x04");
    expect_line(fd, "end", "Ctrl-D (VEOF) sends the line without a newline");
    type_on_terminal(fd, "\x04");
    expect_line(fd, "", "Ctrl-D on an empty line: end of file");
    type_on_terminal(fd, "cr\r");
    expect_line(fd, "cr\n", "Enter's '\\r' under ICRNL");

    set_canonical(fd, hash_erases_at_kills);
    type_on_terminal(fd, "ab#c\n");
    expect_line(fd, "ac\n", "'#' as VERASE");
    type_on_terminal(fd, "xx@yy\n");
    expect_line(fd, "yy\n", "'@' as VKILL");
    type_on_terminal(fd, "q!");
    expect_line(fd, "q", "'!' as VEOF");
    type_on_terminal(fd, "semi;");
    expect_line(fd, "semi;", "';' as VEOL: ends the line and is read");
    type_on_terminal(fd, "d\x7f" "e\x15" "\n");
    expect_line(fd, "d\x7f" "e\x15" "\n", "DEL and Ctrl-U are ordinary once not in c_cc");

    set_canonical(fd, no_icrnl);
    type_on_terminal(fd, "a\rb\n");
    expect_line(fd, "a\rb\n", "'\\r' without ICRNL is data");
    set_canonical(fd, igncr);
    type_on_terminal(fd, "a\rb\n");
    expect_line(fd, "ab\n", "'\\r' under IGNCR is dropped");
    set_canonical(fd, inlcr);
    type_on_terminal(fd, "a\nb\r");
    type_on_terminal(fd, "\x04");
    expect_line(fd, "a\rb\r", "'\\n' under INLCR is '\\r', which without ICRNL ends no line");

    /* flushing throws typed lines away */
    set_canonical(fd, 0);
    type_on_terminal(fd, "lost\n");
    CHECK_EQ(0, tcflush(fd, TCIFLUSH), "tcflush");
    type_on_terminal(fd, "kept\n");
    expect_line(fd, "kept\n", "the line after tcflush");
    type_on_terminal(fd, "lost too\n");
    struct termios t = base;
    t.c_lflag &= ~(tcflag_t)ECHO;
    CHECK_EQ(0, tcsetattr(fd, TCSAFLUSH, &t), "tcsetattr TCSAFLUSH");
    type_on_terminal(fd, "kept too\n");
    expect_line(fd, "kept too\n", "the line after TCSAFLUSH");

    close_test_terminal(fd);
    return test_finish("tty_canonical_input_edits_with_the_characters_in_c_cc");
}
