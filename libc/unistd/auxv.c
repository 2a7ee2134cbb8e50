/* libc/unistd/auxv.c - the auxiliary vector (kernel/uapi/auxv.h): found by
 * __libc_start_main after the first environment's NULL, and read by
 * getauxval. */
#include <errno.h>
#include <sys/auxv.h>

static const unsigned long *auxiliary_vector;

/* The (type, value) pair of `type`, or NULL. */
static const unsigned long *entry_of(unsigned long type)
{
    for (const unsigned long *pair = auxiliary_vector; pair && pair[0] != AT_NULL; pair += 2)
        if (pair[0] == type)
            return pair;
    return 0;
}

/* Called once by __libc_start_main with the first stack's envp: keeps
 * where the vector begins, and returns the entry AT_CLOCK_PAGE's value
 * (0 if none), without touching errno, which is 0 when main begins. */
unsigned long __auxv_init(char **envp)
{
    char **entry = envp;
    while (*entry)
        entry++;
    auxiliary_vector = (const unsigned long *)(entry + 1);
    const unsigned long *clock_page = entry_of(AT_CLOCK_PAGE);
    return clock_page ? clock_page[1] : 0;
}

unsigned long getauxval(unsigned long type)
{
    const unsigned long *pair = entry_of(type);
    if (pair)
        return pair[1];
    errno = ENOENT;
    return 0;
}
