/* libc/unistd/getopt.c - command-line options: getopt (POSIX), getopt_long
 * and getopt_long_only (GNU).
 *
 * The scan walks argv from optind. An element "-abc" is a cluster of short
 * options; `next_char` remembers where in the cluster the next call goes
 * on, and `cluster_index` which element it belongs to (a program that sets
 * optind itself starts afresh; optind = 0 does too, as in glibc):
 *
 *   argv:  prog  -ab  -o  out  --verbose=2  file
 *                 ^next_char          optind stops here (the first operand)
 *
 * Scanning stops at the first operand (POSIX order; glibc would permute
 * the operands to the end unless `optstring` starts with '+'), at "--"
 * (skipped), or at the end. A leading '-' in `optstring` returns every
 * operand as the argument of option 1 instead. After that prefix, a ':'
 * silences the messages and makes a missing argument return ':'. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';

static const char *next_char;     /* the rest of the cluster being scanned, or NULL */
static int cluster_index;         /* the argv index the cluster lives at */

#define NOT_A_LONG_OPTION (-2)    /* getopt_long_only: scan it as short options */

/* What the leading characters of `optstring` ask for. */
struct scan_mode {
    const char *options;          /* optstring after its '+', '-' and ':' */
    int operands_in_order;        /* '-': return operands as option 1 */
    int colon;                    /* ':': quiet, and ':' for a missing argument */
};

static struct scan_mode read_mode(const char *optstring)
{
    struct scan_mode mode = { optstring, 0, 0 };
    if (*mode.options == '+' || *mode.options == '-')
        mode.operands_in_order = *mode.options++ == '-';
    if (*mode.options == ':') {
        mode.colon = 1;
        mode.options++;
    }
    return mode;
}

/* The end of a long option's name: its '=' or its terminating NUL. */
static const char *name_end(const char *name)
{
    while (*name && *name != '=')
        name++;
    return name;
}

/* Finds the long option `name` (`length` bytes): an exact match, else the
 * one option it abbreviates. Returns its index, -1 if none matches, or -2
 * if the abbreviation fits several options that differ. */
static int find_long_option(const struct option *options, const char *name, size_t length)
{
    int found = -1, ambiguous = 0;
    for (int i = 0; options[i].name; i++) {
        if (strncmp(options[i].name, name, length) != 0)
            continue;
        if (strlen(options[i].name) == length)
            return i;                                   /* exact: wins outright */
        if (found < 0)
            found = i;
        else if (options[i].has_arg != options[found].has_arg ||
                 options[i].flag != options[found].flag || options[i].val != options[found].val)
            ambiguous = 1;
    }
    return ambiguous ? -2 : found;
}

/* Scans the long option at argv[optind], written after `prefix` ("--", or
 * "-" for getopt_long_only). Returns what getopt_long returns for it, or
 * NOT_A_LONG_OPTION when `short_fallback` and no long name fits. */
static int scan_long_option(int argc, char *const argv[], const char *prefix,
                            const struct option *options, int *longindex,
                            struct scan_mode mode, int short_fallback)
{
    const char *name = argv[optind] + strlen(prefix);
    const char *end = name_end(name);
    int print = opterr && !mode.colon;
    int index = find_long_option(options, name, (size_t)(end - name));
    if (index == -1 && short_fallback)
        return NOT_A_LONG_OPTION;
    next_char = NULL;
    optind++;
    if (index == -2) {
        if (print) {
            fprintf(stderr, "%s: option '%s%s' is ambiguous; possibilities:", argv[0], prefix, name);
            for (int i = 0; options[i].name; i++)
                if (strncmp(options[i].name, name, (size_t)(end - name)) == 0)
                    fprintf(stderr, " '%s%s'", prefix, options[i].name);
            fprintf(stderr, "\n");
        }
        optopt = 0;
        return '?';
    }
    if (index == -1) {
        if (print)
            fprintf(stderr, "%s: unrecognized option '%s%s'\n", argv[0], prefix, name);
        optopt = 0;
        return '?';
    }
    const struct option *option = &options[index];
    if (longindex)
        *longindex = index;
    if (*end == '=') {
        if (option->has_arg == no_argument) {
            if (print)
                fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n",
                        argv[0], prefix, option->name);
            optopt = option->val;
            return '?';
        }
        optarg = (char *)end + 1;
    } else if (option->has_arg == required_argument) {
        if (optind >= argc || !argv[optind]) {
            if (print)
                fprintf(stderr, "%s: option '%s%s' requires an argument\n",
                        argv[0], prefix, option->name);
            optopt = option->val;
            return mode.colon ? ':' : '?';
        }
        optarg = argv[optind++];
    }
    if (option->flag) {
        *option->flag = option->val;
        return 0;
    }
    return option->val;
}

/* Ends the cluster if its last character has been taken. */
static void step_past_finished_cluster(void)
{
    if (next_char && *next_char == '\0') {
        next_char = NULL;
        optind++;
    }
}

/* Scans the next short option of the cluster at next_char. */
static int scan_short_option(int argc, char *const argv[], struct scan_mode mode)
{
    int print = opterr && !mode.colon;
    char c = *next_char++;
    const char *spec = c == ':' ? NULL : strchr(mode.options, c);
    if (!spec) {
        optopt = (unsigned char)c;
        if (print)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        step_past_finished_cluster();
        return '?';
    }
    if (spec[1] != ':') {
        step_past_finished_cluster();
        return (unsigned char)c;
    }
    if (spec[2] == ':') {                               /* optional: only "-oVALUE" */
        optarg = *next_char ? (char *)next_char : NULL;
    } else if (*next_char) {                            /* "-oVALUE" */
        optarg = (char *)next_char;
    } else if (optind + 1 < argc && argv[optind + 1]) { /* "-o VALUE" */
        optarg = argv[++optind];
    } else {
        optopt = (unsigned char)c;
        if (print)
            fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
        next_char = NULL;
        optind++;
        return mode.colon ? ':' : '?';
    }
    next_char = NULL;
    optind++;
    return (unsigned char)c;
}

/* The scan behind all three: the next option of argv, or -1 at the end. */
static int scan(int argc, char *const argv[], const char *optstring,
                const struct option *longopts, int *longindex, int long_only)
{
    struct scan_mode mode = read_mode(optstring);
    optarg = NULL;
    if (optind == 0) {
        optind = 1;
        next_char = NULL;
    }
    if (next_char && (optind != cluster_index || *next_char == '\0'))
        next_char = NULL;
    if (!next_char) {
        if (optind >= argc || !argv[optind])
            return -1;
        const char *argument = argv[optind];
        if (argument[0] != '-' || argument[1] == '\0') {   /* an operand, or "-" */
            if (!mode.operands_in_order)
                return -1;
            optarg = (char *)argument;
            optind++;
            return 1;
        }
        if (strcmp(argument, "--") == 0) {
            optind++;
            return -1;
        }
        if (longopts && argument[1] == '-')
            return scan_long_option(argc, argv, "--", longopts, longindex, mode, 0);
        if (longopts && long_only && (argument[2] || !strchr(mode.options, argument[1]))) {
            int result = scan_long_option(argc, argv, "-", longopts, longindex, mode,
                                          strchr(mode.options, argument[1]) != NULL);
            if (result != NOT_A_LONG_OPTION)
                return result;
        }
        next_char = argument + 1;
        cluster_index = optind;
    }
    return scan_short_option(argc, argv, mode);
}

/* Returns the next option character of argv that `optstring` lists, with
 * its argument in optarg; '?' for an unknown option or a missing argument
 * (':' for the latter when optstring starts with ':'), optopt holding the
 * character; -1 once the options end (optind: the first operand). Not
 * thread-safe: the scan's state is global, as POSIX defines it. */
int getopt(int argc, char *const argv[], const char *optstring)
{
    return scan(argc, argv, optstring, NULL, NULL, 0);
}

/* getopt, and "--name", "--name=value" or "--name value" as `longopts`
 * describes (a unique abbreviation will do); *longindex, if not NULL, gets
 * the index of the long option found. */
int getopt_long(int argc, char *const argv[], const char *optstring,
                const struct option *longopts, int *longindex)
{
    return scan(argc, argv, optstring, longopts, longindex, 0);
}

/* getopt_long, where "-name" may be a long option too (tried first,
 * unless it is a single short option character). */
int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longindex)
{
    return scan(argc, argv, optstring, longopts, longindex, 1);
}
