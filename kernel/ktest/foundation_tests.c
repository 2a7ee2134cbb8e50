/* kernel/ktest/foundation_tests.c - the ground floor: memory, the heap,
 * formatting, the clock, the boot image, paging, and a deliberate fault. */
#include "arch/x86/cpu.h"
#include "arch/x86/paging.h"
#include "cmdline.h"
#include "fs/initrd.h"
#include "ktest.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/frame.h"
#include "mm/heap.h"
#include "mm/memory_layout.h"
#include "sched/clock.h"

KTEST(frames_come_back_after_release)
{
    unsigned before = frame_free_count();
    uint32_t frames[100];
    for (int i = 0; i < 100; i++) {
        frames[i] = frame_alloc();
        KTEST_EXPECT(frames[i] && (frames[i] & (PAGE_SIZE - 1)) == 0, "frame %d: bad address 0x%x", i, frames[i]);
        KTEST_EXPECT(frames[i] >= 0x100000, "frame 0x%x lies in the reserved first MiB", frames[i]);
    }
    KTEST_EXPECT_EQ(before - 100, frame_free_count(), "free frames after 100 allocations");
    frame_add_reference(frames[0]);
    frame_release(frames[0]);
    KTEST_EXPECT_EQ(1, frame_reference_count(frames[0]), "references after add+release");
    for (int i = 0; i < 100; i++)
        frame_release(frames[i]);
    KTEST_EXPECT_EQ(before, frame_free_count(), "free frames after releasing all");
}

KTEST(frames_are_distinct_and_writable)
{
    uint32_t a = frame_alloc(), b = frame_alloc();
    KTEST_EXPECT(a != b, "two allocations returned the same frame 0x%x", a);
    memset(physical_to_virtual(a), 0xAA, PAGE_SIZE);
    memset(physical_to_virtual(b), 0x55, PAGE_SIZE);
    KTEST_EXPECT(((uint8_t *)physical_to_virtual(a))[PAGE_SIZE - 1] == 0xAA, "frame a was overwritten");
    frame_release(a);
    frame_release(b);
}

KTEST(heap_usage_returns_to_start)
{
    size_t before = heap_bytes_in_use();
    void *blocks[64];
    for (int i = 0; i < 64; i++) {
        blocks[i] = kmalloc((size_t)(i * 37 + 1));
        KTEST_EXPECT(blocks[i] && ((uint32_t)blocks[i] & 7) == 0, "kmalloc %d: %p", i, blocks[i]);
        memset(blocks[i], i, (size_t)(i * 37 + 1));
    }
    for (int i = 0; i < 64; i += 2)
        kfree(blocks[i]);
    KTEST_EXPECT_EQ(0, heap_check(), "heap_check after freeing half");
    for (int i = 1; i < 64; i += 2) {
        KTEST_EXPECT(((uint8_t *)blocks[i])[i * 37] == (uint8_t)i, "block %d was trampled", i);
        kfree(blocks[i]);
    }
    KTEST_EXPECT_EQ(0, heap_check(), "heap_check at the end");
    KTEST_EXPECT_EQ(before, heap_bytes_in_use(), "heap bytes in use");
}

KTEST(heap_large_allocation_and_exhaustion)
{
    void *big = kmalloc(1 << 20);
    KTEST_EXPECT(big != 0, "1 MiB kmalloc failed");
    kfree(big);
    KTEST_EXPECT(kmalloc(1u << 31) == 0, "a 2 GiB kmalloc succeeded");
    KTEST_EXPECT(kmalloc(0) == 0, "kmalloc(0) returned a block");
}

KTEST(ksnprintf_formats_like_printf)
{
    char buffer[96];
    ksnprintf(buffer, sizeof buffer, "%d|%5u|%-4x|%08X|%s|%c|%%|%lld|%p", -42, 7u, 0xabu, 0xBEEFu, "ok", 'z',
              -1234567890123ll, (void *)0xC0100000);
    const char *expected = "-42|    7|ab  |0000BEEF|ok|z|%|-1234567890123|0xc0100000";
    KTEST_EXPECT(!strcmp(buffer, expected), "got \"%s\", expected \"%s\"", buffer, expected);
    int needed = ksnprintf(buffer, 4, "%s", "truncated");
    KTEST_EXPECT(needed == 9 && !strcmp(buffer, "tru"), "truncation: %d \"%s\"", needed, buffer);
}

KTEST(clock_advances_with_the_timer)
{
    uint64_t start = clock_ticks();
    uint64_t spins = 0;
    while (clock_ticks() < start + 5 && spins < 2000000000ull)
        spins++;
    KTEST_EXPECT(clock_ticks() >= start + 5, "the tick count did not advance (interrupts off?)");
    KTEST_EXPECT(clock_now_ns() >= (start + 5) * NS_PER_CLOCK_TICK, "clock_now_ns disagrees with the ticks");
}

KTEST(command_line_has_the_ktest_option)
{
    KTEST_EXPECT(cmdline_option(&kernel_cmdline, "ktest") != 0, "option ktest not found");
    KTEST_EXPECT(cmdline_option(&kernel_cmdline, "no-such-option") == 0, "an absent option was found");
}

KTEST(initrd_holds_init_as_an_elf_program)
{
    struct tar_entry entry;
    KTEST_EXPECT(initrd_find("/bin/init", &entry) == 0, "/bin/init is not in the boot image");
    KTEST_EXPECT(entry.type == TAR_FILE && entry.size > 4, "/bin/init: type %d size %u", entry.type,
                 (unsigned)entry.size);
    KTEST_EXPECT(!memcmp(entry.data, "\x7f" "ELF", 4), "/bin/init is not an ELF file");
    KTEST_EXPECT(initrd_find("/bin/no-such-program", &entry) < 0, "a missing file was found");
}

KTEST(page_directory_create_and_destroy_leak_nothing)
{
    unsigned before = frame_free_count();
    uint32_t directory = page_directory_create();
    KTEST_EXPECT(directory != 0, "page_directory_create failed");
    uint32_t *entry = page_table_entry(directory, 0x08048000, 1);
    KTEST_EXPECT(entry && *entry == 0, "a fresh page table entry is not empty");
    const uint32_t *directory_entries = physical_to_virtual(directory);
    KTEST_EXPECT(directory_entries[KERNEL_PDE_FIRST] & PTE_PRESENT, "the kernel half is not mapped");
    KTEST_EXPECT(!(directory_entries[KERNEL_PDE_FIRST] & PTE_USER), "the kernel half is user-accessible");
    page_directory_destroy(directory);
    KTEST_EXPECT_EQ(before, frame_free_count(), "free frames after destroy");
}

/* The fault test (ktest=fault): the runner checks the register dump and
 * that the backtrace names these two functions. */
#define FAULT_ADDRESS 0x0dead000u

__attribute__((noinline)) void ktest_fault_trigger(void);
__attribute__((noinline)) void ktest_fault_trigger(void)
{
    /* Not a leaf function, so it sets up a frame of its own: gcc gives leaf
     * functions none, and a backtrace then skips their caller. */
    kprintf("about to fault at 0x%x on purpose\n", FAULT_ADDRESS);
    *(volatile uint32_t *)FAULT_ADDRESS = 1;   /* no page there: a kernel page fault */
}

KTEST_NAMED_ONLY(fault)
{
    ktest_fault_trigger();
    KTEST_EXPECT(0, "the write to 0x%x did not fault", FAULT_ADDRESS);
}
