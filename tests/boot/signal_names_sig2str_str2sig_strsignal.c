/* tests/boot/signal_names_sig2str_str2sig_strsignal.c - the libc names
 * every signal one way: sig2str and str2sig turn a number into its name
 * without "SIG" and back (POSIX.1-2024), strsignal gives the description
 * Linux's C library gives ("Segmentation fault"), which the shell's job
 * reports and tools/run-prog print. psignal and psiginfo print that
 * description on stderr after "message: " (POSIX XSH psignal). */
#include <signal.h>

#include "boot_test.h"

static void names_and_numbers_go_both_ways(void)
{
    char name[SIG2STR_MAX];
    CHECK(sig2str(SIGSEGV, name) == 0 && !strcmp(name, "SEGV"), "sig2str(SIGSEGV) gave \"%s\"", name);
    CHECK(sig2str(SIGUSR1, name) == 0 && !strcmp(name, "USR1"), "sig2str(SIGUSR1) gave \"%s\"", name);
    CHECK_EQ(-1, sig2str(0, name), "sig2str(0)");
    CHECK_EQ(-1, sig2str(NSIG, name), "sig2str(NSIG)");
    for (int number = 1; number < NSIG; number++) {
        if (number >= 32 && number < SIGRTMIN) {   /* Linux's two reserved ones have no name */
            CHECK(sig2str(number, name) == -1, "sig2str of reserved signal %d", number);
            continue;
        }
        int back = 0;
        CHECK(sig2str(number, name) == 0 && strlen(name) < SIG2STR_MAX && str2sig(name, &back) == 0 &&
              back == number, "signal %d: name \"%s\" gives %d back", number, name, back);
    }

    int number = 0;
    CHECK(str2sig("TERM", &number) == 0 && number == SIGTERM, "str2sig(\"TERM\") gave %d", number);
    CHECK(str2sig("9", &number) == 0 && number == SIGKILL, "str2sig(\"9\") gave %d", number);
    CHECK(str2sig("CLD", &number) == 0 && number == SIGCHLD, "str2sig(\"CLD\") gave %d", number);
    CHECK_EQ(-1, str2sig("SIGTERM", &number), "str2sig(\"SIGTERM\"): the name comes without SIG");
    CHECK_EQ(-1, str2sig("term", &number), "str2sig(\"term\"): names are upper case");
    CHECK_EQ(-1, str2sig("NOSUCH", &number), "str2sig(\"NOSUCH\")");
    CHECK_EQ(-1, str2sig("0", &number), "str2sig(\"0\")");
    CHECK_EQ(-1, str2sig("99", &number), "str2sig(\"99\")");
    CHECK_EQ(-1, str2sig("9x", &number), "str2sig(\"9x\")");

    /* real-time signals: RTMIN+n in the lower half, RTMAX-n in the upper */
    CHECK(sig2str(SIGRTMIN, name) == 0 && !strcmp(name, "RTMIN"), "sig2str(SIGRTMIN) gave \"%s\"", name);
    CHECK(sig2str(SIGRTMIN + 1, name) == 0 && !strcmp(name, "RTMIN+1"), "sig2str(SIGRTMIN+1) gave \"%s\"", name);
    CHECK(sig2str(SIGRTMAX - 1, name) == 0 && !strcmp(name, "RTMAX-1"), "sig2str(SIGRTMAX-1) gave \"%s\"", name);
    CHECK(sig2str(SIGRTMAX, name) == 0 && !strcmp(name, "RTMAX"), "sig2str(SIGRTMAX) gave \"%s\"", name);
    CHECK(str2sig("RTMIN+3", &number) == 0 && number == SIGRTMIN + 3, "str2sig(\"RTMIN+3\") gave %d", number);
    CHECK(str2sig("RTMAX-2", &number) == 0 && number == SIGRTMAX - 2, "str2sig(\"RTMAX-2\") gave %d", number);
    CHECK_EQ(-1, str2sig("RTMIN-1", &number), "str2sig(\"RTMIN-1\")");
    CHECK_EQ(-1, str2sig("RTMAX+1", &number), "str2sig(\"RTMAX+1\")");
    CHECK_EQ(-1, str2sig("RTMIN+31", &number), "str2sig(\"RTMIN+31\"): past SIGRTMAX");
}

static void strsignal_words_them_as_linux_does(void)
{
    CHECK(!strcmp(strsignal(SIGSEGV), "Segmentation fault"), "strsignal(SIGSEGV): \"%s\"", strsignal(SIGSEGV));
    CHECK(!strcmp(strsignal(SIGTERM), "Terminated"), "strsignal(SIGTERM): \"%s\"", strsignal(SIGTERM));
    CHECK(!strcmp(strsignal(SIGQUIT), "Quit"), "strsignal(SIGQUIT): \"%s\"", strsignal(SIGQUIT));
    CHECK(!strcmp(strsignal(SIGKILL), "Killed"), "strsignal(SIGKILL): \"%s\"", strsignal(SIGKILL));
    CHECK(!strcmp(strsignal(99), "Unknown signal 99"), "strsignal(99): \"%s\"", strsignal(99));
    CHECK(!strcmp(strsignal(SIGRTMIN + 2), "Real-time signal 2"), "strsignal(SIGRTMIN+2): \"%s\"",
          strsignal(SIGRTMIN + 2));
    for (int number = 1; number < NSIG; number++)
        if (number < 32 || number >= SIGRTMIN)
            CHECK(strncmp(strsignal(number), "Unknown", 7) != 0, "strsignal(%d) has no words", number);
}

/* What psignal and psiginfo write on stderr, read back through a pipe. */
static void psignal_and_psiginfo_print_the_description_on_stderr(void)
{
    int fds[2], saved_stderr = dup(2);
    pipe(fds);
    fflush(stderr);
    dup2(fds[1], 2);
    psignal(SIGSEGV, "child");
    psignal(SIGRTMIN + 2, 0);
    psignal(SIGTERM, "");
    siginfo_t info = { .si_signo = SIGUSR1 };
    psiginfo(&info, "got");
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    close(fds[1]);
    char text[256];
    int length = read_fully(fds[0], text, sizeof text - 1);
    text[length] = '\0';
    close(fds[0]);
    const char *expected = "child: Segmentation fault\nReal-time signal 2\nTerminated\ngot: User defined signal 1\n";
    CHECK(!strcmp(text, expected), "psignal and psiginfo wrote \"%s\", expected \"%s\"", text, expected);
}

int main(void)
{
    names_and_numbers_go_both_ways();
    strsignal_words_them_as_linux_does();
    psignal_and_psiginfo_print_the_description_on_stderr();
    return test_finish("signal_names_sig2str_str2sig_strsignal");
}
