/* libc_strerror_r_posix_form_returns_an_error_number: without
 * _GNU_SOURCE, <string.h> gives POSIX's strerror_r (as glibc does): it
 * stores the text and returns 0; EINVAL for a number without a text (the
 * "Unknown error N" stored anyway); ERANGE for a buffer too small (what
 * fits is stored, terminated); errno untouched. */
#undef _GNU_SOURCE        /* tools/linux-check defines it: glibc would give GNU's form */
#include <errno.h>
#include <string.h>

#include "boot_test.h"

int main(void)
{
    char buffer[64];
    errno = 0;
    CHECK_EQ(0, strerror_r(ENOENT, buffer, sizeof buffer), "a known number");
    CHECK(strcmp(buffer, "No such file or directory") == 0, "its text: %s", buffer);
    CHECK_EQ(0, strerror_r(0, buffer, sizeof buffer), "0");
    CHECK(strcmp(buffer, "Success") == 0, "0's text: %s", buffer);
    CHECK_EQ(EINVAL, strerror_r(9999, buffer, sizeof buffer), "an unknown number");
    CHECK(strcmp(buffer, "Unknown error 9999") == 0, "stored all the same: %s", buffer);
    CHECK_EQ(EINVAL, strerror_r(-1, buffer, sizeof buffer), "a negative number");
    CHECK(strcmp(buffer, "Unknown error -1") == 0, "stored: %s", buffer);
    char small[8];
    CHECK_EQ(ERANGE, strerror_r(ENOENT, small, sizeof small), "a buffer too small");
    CHECK(strcmp(small, "No such") == 0, "what fits, terminated: %s", small);
    CHECK_EQ(ERANGE, strerror_r(ENOENT, small, 0), "size 0");
    CHECK_EQ(0, errno, "errno is left alone");
    return test_finish("libc_strerror_r_posix_form_returns_an_error_number");
}
