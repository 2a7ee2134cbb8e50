/* libc_getopt_parses_options_as_posix_says: getopt(3) and getopt_long(3)
 * as glibc has them: clusters, attached and separate arguments, "--",
 * "-" as an operand, '?' and optopt for an unknown option or a missing
 * argument (':' with a leading ':'), optional arguments, long options with
 * "=value", abbreviations, flags and longindex, a leading '-' returning
 * operands in order, and the scan starting over with optind = 1 (same
 * optstring) or optind = 0 (glibc's full reset, needed there when the
 * leading '+' or '-' changes). The operand tests use a leading '+' so
 * that glibc does not permute (this libc never does). */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "boot_test.h"

#define ARGC(v) ((int)(sizeof(v) / sizeof(v)[0]) - 1)

/* Starts a new scan from scratch. */
static void restart(void)
{
    optind = 0;
    opterr = 0;
}

static void check_restart_with_optind_1(void)
{
    char *argv[] = { "prog", "-a", "-b", NULL };
    for (int round = 0; round < 2; round++) {
        optind = 1;
        CHECK_EQ('a', getopt(ARGC(argv), argv, "ab"), "-a after optind = 1");
        CHECK_EQ('b', getopt(ARGC(argv), argv, "ab"), "-b after optind = 1");
        CHECK_EQ(-1, getopt(ARGC(argv), argv, "ab"), "end after optind = 1");
        CHECK_EQ(3, optind, "optind at the end");
    }
}

static void check_clusters_and_arguments(void)
{
    char *argv[] = { "prog", "-ab", "-ofile", "-o", "second", "-bo", "third", "operand", NULL };
    restart();
    CHECK_EQ('a', getopt(ARGC(argv), argv, "abo:"), "first of a cluster");
    CHECK_EQ(1, optind, "optind stays on a cluster not yet finished");
    CHECK_EQ('b', getopt(ARGC(argv), argv, "abo:"), "second of a cluster");
    CHECK_EQ(2, optind, "optind after the cluster");
    CHECK_EQ('o', getopt(ARGC(argv), argv, "abo:"), "attached argument");
    CHECK(optarg && strcmp(optarg, "file") == 0, "optarg of -ofile is \"%s\"", optarg ? optarg : "(null)");
    CHECK_EQ('o', getopt(ARGC(argv), argv, "abo:"), "separate argument");
    CHECK(optarg && strcmp(optarg, "second") == 0, "optarg of -o second");
    CHECK_EQ(5, optind, "optind after -o second");
    CHECK_EQ('b', getopt(ARGC(argv), argv, "abo:"), "-bo third: b");
    CHECK_EQ('o', getopt(ARGC(argv), argv, "abo:"), "-bo third: o");
    CHECK(optarg && strcmp(optarg, "third") == 0, "the argument after a cluster ending in o");
    CHECK_EQ(-1, getopt(ARGC(argv), argv, "abo:"), "the operand ends the options");
    CHECK_EQ(7, optind, "optind at the operand");
}

static void check_end_of_options(void)
{
    char *dashes[] = { "prog", "-a", "--", "-b", NULL };
    restart();
    CHECK_EQ('a', getopt(ARGC(dashes), dashes, "ab"), "-a before --");
    CHECK_EQ(-1, getopt(ARGC(dashes), dashes, "ab"), "-- ends the options");
    CHECK_EQ(3, optind, "-- itself is skipped");

    char *dash[] = { "prog", "-", "-a", NULL };
    restart();
    CHECK_EQ(-1, getopt(ARGC(dash), dash, "+a"), "a lone - is an operand");
    CHECK_EQ(1, optind, "optind at the lone -");

    char *operand_first[] = { "prog", "file", "-a", NULL };
    restart();
    CHECK_EQ(-1, getopt(ARGC(operand_first), operand_first, "+a"), "+: stop at the first operand");
    CHECK_EQ(1, optind, "optind at the first operand");

    char *none[] = { "prog", NULL };
    restart();
    CHECK_EQ(-1, getopt(ARGC(none), none, "a"), "no arguments at all");
    CHECK_EQ(1, optind, "optind with no arguments");
}

static void check_errors(void)
{
    char *unknown[] = { "prog", "-x", "-a", NULL };
    restart();
    CHECK_EQ('?', getopt(ARGC(unknown), unknown, "a"), "unknown option");
    CHECK_EQ('x', optopt, "optopt names the unknown option");
    CHECK_EQ('a', getopt(ARGC(unknown), unknown, "a"), "the scan goes on after an error");

    char *missing[] = { "prog", "-o", NULL };
    restart();
    CHECK_EQ('?', getopt(ARGC(missing), missing, "o:"), "missing argument without ':'");
    CHECK_EQ('o', optopt, "optopt names the option missing its argument");
    CHECK_EQ(2, optind, "optind past the option missing its argument");
    restart();
    CHECK_EQ(':', getopt(ARGC(missing), missing, ":o:"), "missing argument with a leading ':'");
    CHECK_EQ('o', optopt, "optopt with a leading ':'");
    restart();
    CHECK_EQ('?', getopt(ARGC(unknown), unknown, ":a"), "unknown option with a leading ':' is still '?'");

    char *colon[] = { "prog", "-:", NULL };
    restart();
    CHECK_EQ('?', getopt(ARGC(colon), colon, "a:"), "':' is never an option");

    char *takes_dashes[] = { "prog", "-o", "--", NULL };
    restart();
    CHECK_EQ('o', getopt(ARGC(takes_dashes), takes_dashes, "o:"), "-o --");
    CHECK(optarg && strcmp(optarg, "--") == 0, "-- taken as the argument of -o");
}

static void check_optional_argument(void)
{
    char *argv[] = { "prog", "-ovalue", "-o", "next", NULL };
    restart();
    CHECK_EQ('o', getopt(ARGC(argv), argv, "+o::"), "optional, attached");
    CHECK(optarg && strcmp(optarg, "value") == 0, "attached optional argument");
    CHECK_EQ('o', getopt(ARGC(argv), argv, "+o::"), "optional, alone");
    CHECK(optarg == NULL, "an optional argument is never the next element");
    CHECK_EQ(-1, getopt(ARGC(argv), argv, "+o::"), "next is an operand");
    CHECK_EQ(3, optind, "optind at the operand after -o");
}

static void check_in_order(void)
{
    char *argv[] = { "prog", "one", "-a", "two", NULL };
    restart();
    CHECK_EQ(1, getopt(ARGC(argv), argv, "-a"), "'-': an operand comes back as option 1");
    CHECK(optarg && strcmp(optarg, "one") == 0, "optarg is the operand");
    CHECK_EQ('a', getopt(ARGC(argv), argv, "-a"), "then the option");
    CHECK_EQ(1, getopt(ARGC(argv), argv, "-a"), "then the next operand");
    CHECK_EQ(-1, getopt(ARGC(argv), argv, "-a"), "then the end");
    CHECK_EQ(4, optind, "optind at the end");
}

static void check_long_options(void)
{
    int flag = 0, index = -1;
    static const struct option options[] = {
        { "verbose", no_argument, NULL, 'v' },
        { "output", required_argument, NULL, 'o' },
        { "color", optional_argument, NULL, 'c' },
        { "quiet", no_argument, NULL, 'q' },
        { "quick", no_argument, NULL, 'Q' },
        { "flag", no_argument, NULL, 7 },
        { NULL, 0, NULL, 0 },
    };
    struct option with_flag[sizeof options / sizeof options[0]];
    memcpy(with_flag, options, sizeof options);
    with_flag[5].flag = &flag;

    char *argv[] = { "prog", "--verbose", "--output=a", "--output", "b", "--color", "--color=red",
                     "--verb", "--flag", "-v", "file", NULL };
    restart();
    CHECK_EQ('v', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "--verbose");
    CHECK_EQ(0, index, "longindex of --verbose");
    CHECK_EQ('o', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "--output=a");
    CHECK(optarg && strcmp(optarg, "a") == 0, "argument after =");
    CHECK_EQ(1, index, "longindex of --output");
    CHECK_EQ('o', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "--output b");
    CHECK(optarg && strcmp(optarg, "b") == 0, "argument in the next element");
    CHECK_EQ('c', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "--color");
    CHECK(optarg == NULL, "optional argument absent");
    CHECK_EQ('c', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "--color=red");
    CHECK(optarg && strcmp(optarg, "red") == 0, "optional argument after =");
    CHECK_EQ('v', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "--verb abbreviates --verbose");
    CHECK_EQ(0, getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "a flag option returns 0");
    CHECK_EQ(7, flag, "and stores its val");
    CHECK_EQ('v', getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "short options still work");
    CHECK_EQ(-1, getopt_long(ARGC(argv), argv, "+vo:", with_flag, &index), "the operand ends them");
    CHECK_EQ(10, optind, "optind at the operand");

    char *errors[] = { "prog", "--qui", "--nosuch", "--verbose=1", "--output", NULL };
    restart();
    CHECK_EQ('?', getopt_long(ARGC(errors), errors, "", options, NULL), "ambiguous abbreviation");
    CHECK_EQ('?', getopt_long(ARGC(errors), errors, "", options, NULL), "unknown long option");
    CHECK_EQ(0, optopt, "optopt of an unknown long option");
    CHECK_EQ('?', getopt_long(ARGC(errors), errors, "", options, NULL), "argument to a no_argument option");
    CHECK_EQ('v', optopt, "optopt is its val");
    CHECK_EQ('?', getopt_long(ARGC(errors), errors, "", options, NULL), "missing required argument");
    CHECK_EQ('o', optopt, "optopt of the option missing its argument");
    CHECK_EQ(5, optind, "optind past every element");
    restart();
    CHECK_EQ('?', getopt_long(ARGC(errors), errors, ":", options, NULL), "leading ':' ambiguous is '?'");
    optind = 4;
    CHECK_EQ(':', getopt_long(ARGC(errors), errors, ":", options, NULL),
             "leading ':' missing argument is ':'");
}

static void check_long_only(void)
{
    static const struct option options[] = {
        { "size", required_argument, NULL, 's' },
        { NULL, 0, NULL, 0 },
    };
    char *argv[] = { "prog", "-size", "3", "-x", "-s", "4", NULL };
    restart();
    CHECK_EQ('s', getopt_long_only(ARGC(argv), argv, "xs:", options, NULL), "-size as a long option");
    CHECK(optarg && strcmp(optarg, "3") == 0, "its argument");
    CHECK_EQ('x', getopt_long_only(ARGC(argv), argv, "xs:", options, NULL), "-x stays short");
    CHECK_EQ('s', getopt_long_only(ARGC(argv), argv, "xs:", options, NULL), "-s short");
    CHECK(optarg && strcmp(optarg, "4") == 0, "its argument");
}

int main(void)
{
    opterr = 0;
    check_clusters_and_arguments();
    check_restart_with_optind_1();
    check_end_of_options();
    check_errors();
    check_optional_argument();
    check_in_order();
    check_long_options();
    check_long_only();
    return test_finish("libc_getopt_parses_options_as_posix_says");
}
