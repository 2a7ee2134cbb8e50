/* kernel/ktest_absent.c - the `ktest` boot option in a kernel built
 * without the in-kernel tests. They are built only for test runs, into
 * build/kernel-tests.elf (the Makefile; kernel/ktest/ktest.c is the real
 * ktest_run_selected); build/kernel.elf, which `make run` boots, has this
 * one instead, so that the option says what is missing rather than
 * starting init as if nothing had been asked. */
#include "drivers/power.h"
#include "ktest/ktest.h"
#include "lib/kprintf.h"

void ktest_run_selected(const char *selection)
{
    kprintf("KTEST none: this kernel has no in-kernel tests (ktest=%s); build/kernel-tests.elf has them"
            " (make test builds it)\n", selection);
    power_off(1);
}
