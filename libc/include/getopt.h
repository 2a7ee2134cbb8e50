/* libc/include/getopt.h - command-line options, short (getopt, also in
 * <unistd.h>) and GNU long ones ("--name", "--name=value").
 *
 * This libc does not permute: scanning stops at the first argument that is
 * not an option, as POSIX says (glibc does that with a leading '+' in
 * `optstring` or POSIXLY_CORRECT set). A leading '-' returns each
 * non-option as if it were the argument of option 1, as glibc does. */
#ifndef LIBC_INCLUDE_GETOPT_H
#define LIBC_INCLUDE_GETOPT_H

extern char *optarg;    /* the argument of the option just returned */
extern int optind;      /* the index in argv of the next element to scan */
extern int opterr;      /* 0: print no messages */
extern int optopt;      /* the option character that caused an error */

#define no_argument       0
#define required_argument 1
#define optional_argument 2

struct option {
    const char *name;   /* the long name, without "--" */
    int has_arg;        /* no_argument, required_argument or optional_argument */
    int *flag;          /* NULL: return val; else store val in *flag, return 0 */
    int val;
};

int getopt(int argc, char *const argv[], const char *optstring);
int getopt_long(int argc, char *const argv[], const char *optstring,
                const struct option *longopts, int *longindex);
int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longindex);

#endif
