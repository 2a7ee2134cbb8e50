/* user/bin/stty.c - stty: show or change the settings of the terminal on
 * standard input (termios(3), docs/terminals.md).
 *
 *   stty                 the speed, the window and the flags set
 *   stty -a              every flag this kernel knows, and the characters
 *   stty raw | sane      cfmakeraw, or Linux's settings of a new terminal
 *   stty [-]FLAG ...     one flag on, or off with "-": echo, icanon, isig, ...
 *   stty rows N cols N   the window size (TIOCSWINSZ: SIGWINCH to the foreground)
 *   stty size            "ROWS COLS", as on Linux */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

struct flag {
    const char *name;
    int field;                 /* 0 c_iflag, 1 c_oflag, 2 c_cflag, 3 c_lflag */
    tcflag_t bit;
};

static const struct flag flags[] = {
    { "ignbrk", 0, IGNBRK }, { "brkint", 0, BRKINT }, { "inlcr", 0, INLCR }, { "igncr", 0, IGNCR },
    { "icrnl", 0, ICRNL },   { "ixon", 0, IXON },     { "ixany", 0, IXANY }, { "ixoff", 0, IXOFF },
    { "istrip", 0, ISTRIP }, { "imaxbel", 0, IMAXBEL }, { "iutf8", 0, IUTF8 },
    { "opost", 1, OPOST },   { "onlcr", 1, ONLCR },   { "ocrnl", 1, OCRNL },
    { "cread", 2, CREAD },   { "hupcl", 2, HUPCL },   { "clocal", 2, CLOCAL },
    { "isig", 3, ISIG },     { "icanon", 3, ICANON }, { "echo", 3, ECHO },   { "echoe", 3, ECHOE },
    { "echok", 3, ECHOK },   { "echonl", 3, ECHONL }, { "echoctl", 3, ECHOCTL }, { "echoke", 3, ECHOKE },
    { "noflsh", 3, NOFLSH }, { "tostop", 3, TOSTOP }, { "iexten", 3, IEXTEN },
};
#define FLAG_COUNT (sizeof flags / sizeof flags[0])

static const struct { const char *name; int index; } characters[] = {
    { "intr", VINTR }, { "quit", VQUIT }, { "erase", VERASE }, { "kill", VKILL }, { "eof", VEOF },
    { "eol", VEOL },   { "start", VSTART }, { "stop", VSTOP }, { "susp", VSUSP }, { "werase", VWERASE },
    { "rprnt", VREPRINT }, { "lnext", VLNEXT }, { "discard", VDISCARD }, { "min", VMIN }, { "time", VTIME },
};

static tcflag_t *field_of(struct termios *settings, int field)
{
    tcflag_t *fields[] = { &settings->c_iflag, &settings->c_oflag, &settings->c_cflag, &settings->c_lflag };
    return fields[field];
}

/* "^C", "^?", "<undef>", or the number for VMIN and VTIME. */
static void print_character(const char *name, int index, cc_t c)
{
    if (index == VMIN || index == VTIME)
        printf("%s = %u;", name, c);
    else if (c == _POSIX_VDISABLE)
        printf("%s = <undef>;", name);
    else if (c == 0177)
        printf("%s = ^?;", name);
    else if (c < 32)
        printf("%s = ^%c;", name, c + '@');
    else
        printf("%s = %c;", name, c);
}

static void show(struct termios *settings, int all)
{
    struct winsize window;
    int speeds[] = { 0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400 };
    speed_t speed = cfgetospeed(settings);
    int baud = speed < 16 ? speeds[speed] : speed == B57600 ? 57600 : speed == B115200 ? 115200 : 230400;
    printf("speed %d baud;", baud);
    if (ioctl(STDIN_FILENO, TIOCGWINSZ, &window) == 0)
        printf(" rows %d; columns %d;", window.ws_row, window.ws_col);
    printf("\n");
    if (all) {
        unsigned count = sizeof characters / sizeof characters[0];
        for (unsigned i = 0; i < count; i++) {
            print_character(characters[i].name, characters[i].index, settings->c_cc[characters[i].index]);
            printf(i % 6 == 5 || i == count - 1 ? "\n" : " ");
        }
    }
    int shown = 0;
    for (unsigned i = 0; i < FLAG_COUNT; i++) {
        int on = (*field_of(settings, flags[i].field) & flags[i].bit) != 0;
        if (all || on) {
            printf("%s%s%s", shown % 10 ? " " : "", on ? "" : "-", flags[i].name);
            if (++shown % 10 == 0)
                printf("\n");
        }
    }
    if (shown % 10)
        printf("\n");
}

/* Linux's settings of a new terminal (the kernel's line_discipline.c
 * gives the same), the speed kept. */
static void make_sane(struct termios *settings)
{
    settings->c_iflag = ICRNL | IXON;
    settings->c_oflag = OPOST | ONLCR;
    settings->c_cflag = (settings->c_cflag & CBAUD) | CS8 | CREAD | HUPCL;
    settings->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    const cc_t defaults[] = { [VINTR] = 3, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 4,
                              [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022,
                              [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026 };
    memset(settings->c_cc, 0, sizeof settings->c_cc);
    memcpy(settings->c_cc, defaults, sizeof defaults);
}

static int set_window(const char *which, const char *value)
{
    struct winsize window;
    if (ioctl(STDIN_FILENO, TIOCGWINSZ, &window) == -1) {
        perror("stty: TIOCGWINSZ");
        return 1;
    }
    if (strcmp(which, "rows") == 0)
        window.ws_row = (unsigned short)atoi(value);
    else
        window.ws_col = (unsigned short)atoi(value);
    if (ioctl(STDIN_FILENO, TIOCSWINSZ, &window) == -1) {
        perror("stty: TIOCSWINSZ");
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct termios settings;
    if (tcgetattr(STDIN_FILENO, &settings) == -1) {
        perror("stty: standard input");
        return 1;
    }
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0)) {
        show(&settings, argc == 2);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "size") == 0) {
        struct winsize window;
        if (ioctl(STDIN_FILENO, TIOCGWINSZ, &window) == -1) {
            perror("stty: TIOCGWINSZ");
            return 1;
        }
        printf("%d %d\n", window.ws_row, window.ws_col);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const char *word = argv[i];
        if (strcmp(word, "raw") == 0) {
            cfmakeraw(&settings);
            continue;
        }
        if (strcmp(word, "sane") == 0 || strcmp(word, "-raw") == 0 || strcmp(word, "cooked") == 0) {
            make_sane(&settings);
            continue;
        }
        if ((strcmp(word, "rows") == 0 || strcmp(word, "cols") == 0 || strcmp(word, "columns") == 0) &&
            i + 1 < argc) {
            if (set_window(word, argv[++i]))
                return 1;
            continue;
        }
        int off = word[0] == '-';
        unsigned f = 0;
        while (f < FLAG_COUNT && strcmp(word + off, flags[f].name) != 0)
            f++;
        if (f == FLAG_COUNT) {
            fprintf(stderr, "stty: invalid argument '%s'\n", word);
            return 1;
        }
        tcflag_t *field = field_of(&settings, flags[f].field);
        *field = off ? *field & ~flags[f].bit : *field | flags[f].bit;
    }
    if (tcsetattr(STDIN_FILENO, TCSADRAIN, &settings) == -1) {
        perror("stty: tcsetattr");
        return 1;
    }
    return 0;
}
