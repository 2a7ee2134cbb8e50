/* tests/boot/inttypes_and_sysinfo_headers_work_as_glibc.c - the small
 * headers programs include, as glibc has them: <inttypes.h>'s PRI and SCN
 * conversions print and read the 64-bit and intmax_t types (so "%lld"
 * and "%jd" work), strtoimax and strtoumax convert with their errors
 * (ERANGE, the end pointer), imaxabs and imaxdiv; <sys/sysinfo.h>'s
 * sysinfo gives an uptime, memory sizes in mem_unit bytes (free no more
 * than total) and a process count, get_nprocs one processor or more;
 * <features.h> builds, and __GNUC_PREREQ works. */
#include <features.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/sysinfo.h>

#include "boot_test.h"

static void formats(void)
{
    char text[128];
    snprintf(text, sizeof text, "%" PRId64 " %" PRIu64 " %" PRIx64 " %" PRIdMAX " %" PRId32 " %" PRIu8 " %" PRIuPTR,
             (int64_t)-9000000000LL, (uint64_t)18446744073709551615ULL, (uint64_t)0xabcdef0123ULL,
             (intmax_t)INT64_MIN, (int32_t)-7, (uint8_t)200, (uintptr_t)4096);
    CHECK(strcmp(text, "-9000000000 18446744073709551615 abcdef0123 -9223372036854775808 -7 200 4096") == 0,
          "the PRI conversions: got \"%s\"", text);
    snprintf(text, sizeof text, "%lld %llu %jd", -1234567890123LL, 9876543210ULL, (intmax_t)42);
    CHECK(strcmp(text, "-1234567890123 9876543210 42") == 0, "%%lld %%llu %%jd: got \"%s\"", text);

    int64_t big = 0;
    uint32_t small = 0;
    int8_t tiny = 0;
    CHECK_EQ(3, sscanf("-9000000000 77 -5", "%" SCNd64 " %" SCNu32 " %" SCNd8, &big, &small, &tiny), "sscanf");
    CHECK(big == -9000000000LL && small == 77 && tiny == -5, "the SCN conversions read back");
}

static void functions(void)
{
    char *end = 0;
    CHECK(strtoimax("  -9223372036854775807xyz", &end, 10) == -INT64_MAX && strcmp(end, "xyz") == 0,
          "strtoimax and its end pointer");
    errno = 0;
    CHECK(strtoimax("99999999999999999999", NULL, 10) == INTMAX_MAX && errno == ERANGE, "strtoimax: ERANGE");
    CHECK(strtoumax("0xffffffffffffffff", NULL, 16) == UINTMAX_MAX, "strtoumax in base 16");
    errno = 0;
    CHECK(strtoumax("123456789012345678901", NULL, 10) == UINTMAX_MAX && errno == ERANGE, "strtoumax: ERANGE");
    CHECK(imaxabs(-5000000000LL) == 5000000000LL, "imaxabs");
    imaxdiv_t division = imaxdiv(-7000000001LL, 1000000000LL);
    CHECK(division.quot == -7 && division.rem == -1, "imaxdiv rounds toward 0: got %jd rem %jd", division.quot,
          division.rem);
}

static void system_figures(void)
{
    struct sysinfo info;
    memset(&info, 0xff, sizeof info);
    CHECK_EQ(0, sysinfo(&info), "sysinfo");
    CHECK(info.mem_unit >= 1, "mem_unit: %u", info.mem_unit);
    CHECK(info.totalram > 0 && info.freeram > 0 && info.freeram <= info.totalram,
          "totalram %lu, freeram %lu", info.totalram, info.freeram);
    CHECK(info.uptime >= 0, "uptime %ld", info.uptime);
    CHECK(info.procs >= 1, "procs %u", info.procs);
    CHECK(get_nprocs() >= 1 && get_nprocs_conf() >= get_nprocs(), "get_nprocs %d, get_nprocs_conf %d",
          get_nprocs(), get_nprocs_conf());
    CHECK_EQ(get_nprocs(), sysconf(_SC_NPROCESSORS_ONLN), "get_nprocs and sysconf(_SC_NPROCESSORS_ONLN)");
}

int main(void)
{
    CHECK(__GNUC_PREREQ(2, 0) && !__GNUC_PREREQ(1000, 0), "__GNUC_PREREQ");
    formats();
    functions();
    system_figures();
    return test_finish("inttypes_and_sysinfo_headers_work_as_glibc");
}
