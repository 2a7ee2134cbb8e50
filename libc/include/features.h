/* libc/include/features.h - glibc's header of feature-test macros, for
 * programs that include it (the Open POSIX Test Suite's sem_timedwait
 * tests do).
 *
 * In glibc it turns _GNU_SOURCE, _POSIX_C_SOURCE, _XOPEN_SOURCE and the
 * rest into the __USE_* switches its headers test. This libc has no such
 * switches: every name of every header is visible whatever a program
 * defines, so there is nothing to select here. What is left are the few
 * macros programs test or use themselves.
 *
 * __GLIBC__ and __GLIBC_MINOR__ are NOT defined, on purpose: programs
 * test them to reach glibc itself - gnu_get_libc_version, backtrace,
 * <gnu/...> headers, workarounds for a given glibc version's bugs -
 * which this libc is not. Without them such a program takes its portable
 * path, or fails to build where it has none, instead of calling what is
 * not here. */
#ifndef LIBC_INCLUDE_FEATURES_H
#define LIBC_INCLUDE_FEATURES_H

/* What glibc defines when a program asks for nothing: POSIX.1-2008. */
#if !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_SOURCE 1
#define _POSIX_C_SOURCE 200809L
#endif

/* Is the compiler GCC major.minor or later? (glibc's, used by programs too) */
#if defined(__GNUC__) && defined(__GNUC_MINOR__)
#define __GNUC_PREREQ(major, minor) ((__GNUC__ << 16) + __GNUC_MINOR__ >= ((major) << 16) + (minor))
#else
#define __GNUC_PREREQ(major, minor) 0
#endif

/* The branch hints and declaration brackets glibc's <sys/cdefs.h> gives,
 * which <features.h> brings in there. */
#define __glibc_likely(condition)   __builtin_expect(!!(condition), 1)
#define __glibc_unlikely(condition) __builtin_expect(!!(condition), 0)
#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif
#define __THROW

#endif
