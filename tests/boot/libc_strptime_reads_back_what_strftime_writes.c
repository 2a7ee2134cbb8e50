/* libc_strptime_reads_back_what_strftime_writes: strptime as glibc reads
 * in the C locale: numbers and names (full, abbreviated, any case), blanks
 * matching any run of blanks, %I with %p, %y's century rule (69..99 are
 * 19xx), %C with %y, composite conversions (%c %D %F %T %r), the weekday
 * and day of the year worked out from the date, fields not named left
 * alone, what follows returned, and NULL for input that does not match or
 * a number out of range. */
#include <string.h>
#include <time.h>

#include "boot_test.h"

static struct tm blank(void)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_isdst = -7;                                      /* a field no conversion touches */
    return tm;
}

int main(void)
{
    struct tm tm = blank();
    const char *text = "2024-02-05 07:03:09 rest";
    char *end = strptime(text, "%Y-%m-%d %H:%M:%S", &tm);
    CHECK(end == text + 19, "the end of what was read: %s", end ? end : "NULL");
    CHECK(tm.tm_year == 124 && tm.tm_mon == 1 && tm.tm_mday == 5 && tm.tm_hour == 7 && tm.tm_min == 3 &&
          tm.tm_sec == 9, "the date and time read");
    CHECK_EQ(1, tm.tm_wday, "the weekday worked out (Monday)");
    CHECK_EQ(35, tm.tm_yday, "the day of the year worked out");
    CHECK_EQ(-7, tm.tm_isdst, "a field not named is left alone");

    tm = blank();
    CHECK(strptime("Mon Feb  5 07:03:09 2024", "%c", &tm) != NULL, "%%c");
    CHECK(tm.tm_wday == 1 && tm.tm_mon == 1 && tm.tm_mday == 5 && tm.tm_year == 124, "%%c's fields");
    char written[64];
    strftime(written, sizeof written, "%c", &tm);
    CHECK(strcmp(written, "Mon Feb  5 07:03:09 2024") == 0, "strftime writes back the same: %s", written);

    tm = blank();
    CHECK(strptime("march 1, 1999", "%B %d, %Y", &tm) != NULL, "a full month name in lower case");
    CHECK(tm.tm_mon == 2 && tm.tm_mday == 1 && tm.tm_year == 99, "1 March 1999");
    CHECK(tm.tm_wday == 1 && tm.tm_yday == 59, "a Monday, day 59 (not a leap year)");

    tm = blank();
    CHECK(strptime("12/31/68", "%D", &tm) && tm.tm_year == 168, "%%y 68 is 2068");
    tm = blank();
    CHECK(strptime("01/01/69", "%D", &tm) && tm.tm_year == 69, "%%y 69 is 1969");
    tm = blank();
    CHECK(strptime("19 84", "%C %y", &tm) && tm.tm_year == 84, "%%C 19 with %%y 84 is 1984");
    tm = blank();
    CHECK(strptime("2000-02-29", "%F", &tm) && tm.tm_yday == 59 && tm.tm_wday == 2, "%%F, a leap day");

    tm = blank();
    CHECK(strptime("07:30:00 PM", "%r", &tm) && tm.tm_hour == 19 && tm.tm_min == 30, "%%r in the afternoon");
    tm = blank();
    CHECK(strptime("12:05 am", "%I:%M %p", &tm) && tm.tm_hour == 0, "12 AM is hour 0");
    tm = blank();
    CHECK(strptime("12:05 pm", "%I:%M %p", &tm) && tm.tm_hour == 12, "12 PM is hour 12");
    tm = blank();
    CHECK(strptime("23:59", "%R", &tm) && tm.tm_hour == 23 && tm.tm_min == 59, "%%R");
    tm = blank();
    CHECK(strptime("  5   Jun", "%e %b", &tm) && tm.tm_mday == 5 && tm.tm_mon == 5, "blanks match any run");
    tm = blank();
    CHECK(strptime("100", "%j", &tm) && tm.tm_yday == 99, "%%j");
    tm = blank();
    CHECK(strptime("Thursday", "%A", &tm) && tm.tm_wday == 4, "%%A alone");
    tm = blank();
    CHECK(strptime("50%", "%S%%", &tm) && tm.tm_sec == 50, "%%S and %%%%");

    tm = blank();
    CHECK(strptime("2024-13-01", "%Y-%m-%d", &tm) == NULL, "month 13 does not match");
    CHECK(strptime("2024-02-32", "%Y-%m-%d", &tm) == NULL, "day 32 does not match");
    CHECK(strptime("24:00", "%H:%M", &tm) == NULL, "hour 24 does not match");
    CHECK(strptime("2024/02/05", "%Y-%m-%d", &tm) == NULL, "a different separator does not match");
    CHECK(strptime("Funday", "%a", &tm) == NULL, "an unknown weekday does not match");
    CHECK(strptime("", "%Y", &tm) == NULL, "no number does not match");
    CHECK(strptime("abc", "", &tm) != NULL, "an empty format matches nothing and returns the input");
    return test_finish("libc_strptime_reads_back_what_strftime_writes");
}
