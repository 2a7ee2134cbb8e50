/* kernel/cmdline.h - the kernel command line, as options.
 *
 * Format: the loader's first word (the kernel's file name) is skipped; then
 * words `name` or `name=value`; after a lone `--`, the remaining words are
 * arguments for the first program (init). A word may be "double quoted" to
 * hold spaces. Options: ktest, ktest=NAME (a final * selects a prefix),
 * init=PATH, quiet (no kernel log), serial=raw (no "\r" before "\n" on the
 * serial line), panic=poweroff (end the run after a panic), trace (one line
 * per IPC event on the serial line: kernel/trace.h), nofastpath (message
 * passing without its fast path: kernel/ipc/msg_fastpath.c),
 * ip=ADDRESS/PREFIX[,GATEWAY] (the card's address, else DHCP asks) or
 * ip=none (the card stays down: kernel/net/net_interface.c), and
 * netloss=PERCENT[:SEED] (the card drops and reorders frames, a test mode:
 * kernel/drivers/e1000.c). */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#define CMDLINE_MAX       512
#define CMDLINE_MAX_WORDS 32

struct cmdline {
    char storage[CMDLINE_MAX];          /* the words, NUL-separated */
    const char *names[CMDLINE_MAX_WORDS];
    const char *values[CMDLINE_MAX_WORDS];   /* NULL for a bare `name` */
    int option_count;
    const char *init_arguments[CMDLINE_MAX_WORDS + 1];  /* NULL-terminated */
    int init_argument_count;
};

/* Splits `line` into `out`. Words beyond the limits are dropped. */
void cmdline_parse(const char *line, struct cmdline *out);

/* The value of option `name` ("" for a bare word), or NULL if absent. */
const char *cmdline_option(const struct cmdline *line, const char *name);

/* The kernel's own parsed command line (filled by kernel_main). */
extern struct cmdline kernel_cmdline;

#endif
