/* tests/boot/errno_names_have_linuxs_numbers_and_strerror_texts.c - the
 * error names a ported program compares errno with exist, with Linux i386's
 * numbers (kernel/uapi/errno.h), and strerror gives each the text glibc
 * gives it (libc/string/error.c); a number without a name is still
 * "Unknown error N". */
#include <errno.h>
#include <string.h>

#include "boot_test.h"

struct expected_error {
    const char *name;
    int number;          /* the name's value in this libc */
    int linux_number;    /* Linux's */
    const char *text;    /* glibc's strerror */
};

#define ERROR(name, linux_number, text) { #name, name, linux_number, text }

static const struct expected_error errors[] = {
    ERROR(ETXTBSY, 26, "Text file busy"),
    ERROR(ENOLCK, 37, "No locks available"),
    ERROR(ENOLINK, 67, "Link has been severed"),
    ERROR(EPROTO, 71, "Protocol error"),
    ERROR(EMULTIHOP, 72, "Multihop attempted"),
    ERROR(EILSEQ, 84, "Invalid or incomplete multibyte or wide character"),
    ERROR(ESOCKTNOSUPPORT, 94, "Socket type not supported"),
    ERROR(ENETDOWN, 100, "Network is down"),
    ERROR(ENETUNREACH, 101, "Network is unreachable"),
    ERROR(ENETRESET, 102, "Network dropped connection on reset"),
    ERROR(ECONNABORTED, 103, "Software caused connection abort"),
    ERROR(ENOBUFS, 105, "No buffer space available"),
    ERROR(EHOSTUNREACH, 113, "No route to host"),
    ERROR(ESTALE, 116, "Stale file handle"),
    ERROR(EDQUOT, 122, "Disk quota exceeded"),
    ERROR(ECANCELED, 125, "Operation canceled"),
    ERROR(ETIMEDOUT, 110, "Connection timed out"),
    ERROR(EOVERFLOW, 75, "Value too large for defined data type"),
};

int main(void)
{
    for (unsigned i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const struct expected_error *e = &errors[i];
        CHECK(e->number == e->linux_number, "%s is %d, Linux's is %d", e->name, e->number, e->linux_number);
        const char *text = strerror(e->number);
        CHECK(!strcmp(text, e->text), "strerror(%s): \"%s\", expected \"%s\"", e->name, text, e->text);
    }
    CHECK(!strcmp(strerror(123), "Unknown error 123"), "strerror(123): \"%s\"", strerror(123));
    return test_finish("errno_names_have_linuxs_numbers_and_strerror_texts");
}
