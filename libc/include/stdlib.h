/* libc/include/stdlib.h - memory, numbers from text, sorting, the
 * environment and ending the process. */
#ifndef LIBC_INCLUDE_STDLIB_H
#define LIBC_INCLUDE_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     32767

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;

/* memory */
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *block, size_t size);
void free(void *block);

/* numbers */
int atoi(const char *text);
long atol(const char *text);
long long atoll(const char *text);
double atof(const char *text);
long strtol(const char *text, char **end, int base);
unsigned long strtoul(const char *text, char **end, int base);
long long strtoll(const char *text, char **end, int base);
unsigned long long strtoull(const char *text, char **end, int base);
double strtod(const char *text, char **end);
int abs(int n);
long labs(long n);
long long llabs(long long n);
div_t div(int numerator, int denominator);
ldiv_t ldiv(long numerator, long denominator);
int rand(void);
void srand(unsigned int seed);

/* sorting and searching */
void qsort(void *base, size_t count, size_t size,
           int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *));

/* the environment */
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int system(const char *command);

/* ---- aligned memory, random(), temporary names, paths, putenv
 * (libc/stdlib/malloc.c, random.c, realpath.c, environment.c,
 * libc/stdio/temporary.c) */
int posix_memalign(void **memory, size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
void *valloc(size_t size);           /* memalign(page size, size): the old BSD call */
long random(void);
void srandom(unsigned int seed);
char *initstate(unsigned int seed, char *state, size_t size);
char *setstate(char *state);
int mkstemp(char *template);
int mkostemp(char *template, int flags);
char *mkdtemp(char *template);
char *mktemp(char *template);
char *realpath(const char *path, char *resolved);
int putenv(char *entry);
int clearenv(void);                  /* environ becomes NULL: no variables */

/* pseudoterminals (libc/termios/pseudoterminal.c) */
int posix_openpt(int flags);         /* open("/dev/ptmx", flags): a master */
int grantpt(int master);
int unlockpt(int master);
char *ptsname(int master);           /* "/dev/pts/N", in a buffer of its own */
int ptsname_r(int master, char *buffer, size_t size);

/* ending the process */
void exit(int status) __attribute__((__noreturn__));
void abort(void) __attribute__((__noreturn__));
int atexit(void (*handler)(void));
int on_exit(void (*handler)(int status, void *argument), void *argument);   /* handler(exit's status, argument) */

#endif
