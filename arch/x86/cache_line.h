/* arch/x86/cache_line.h - where a variable lies, for several CPUs.
 *
 * CPUs pass memory between them in cache lines of 64 bytes. A CPU that
 * writes a line takes it from every other; one that reads a line the other
 * wrote waits for it. So two variables on one line, one written by every
 * call of some kind and one read by every call of another, make the calls
 * wait for each other though they share nothing (false sharing). The
 * kernel keeps two kinds apart:
 *
 *   CACHE_LINE_ALONE on a struct type: every CPU writes it (a lock and
 *   what it guards): its own line(s), nothing else on them.
 *
 *   READ_MOSTLY on a variable: every call reads it and almost nothing
 *   writes it (a table of handlers, a switch set at boot): a section of
 *   its own (boot/linker.ld), away from what is written. */
#ifndef ARCH_X86_CACHE_LINE_H
#define ARCH_X86_CACHE_LINE_H

#define CACHE_LINE_SIZE  64
#define CACHE_LINE_ALONE __attribute__((aligned(CACHE_LINE_SIZE)))
#define READ_MOSTLY      __attribute__((section(".data.read_mostly")))

#endif
