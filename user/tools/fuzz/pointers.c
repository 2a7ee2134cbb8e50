/* user/tools/fuzz/pointers.c - the pointers and sizes handed to the kernel,
 * and the fuzzer's own mappings (arenas) they point into.
 *
 * Pointers must never let the kernel write over the fuzzer's own state, or
 * the fuzzer would crash and blame the kernel. The address space of a
 * fuzzing process, and what may be aimed at:
 *
 *   0xC0000000 +-------------------+  kernel: always a bad pointer (EFAULT)
 *              | stack (8 MiB)     |  only below esp, with the size capped
 *   0xBF800000 +-------------------+
 *              | arenas (mmap)     |  fair game: nothing of ours lives there
 *              | ...unmapped...    |  bad pointers: 0x60000000 (BAD_HOLE), 0x80000000
 *              | heap arena (brk)  |  fair game: the fuzzer never mallocs
 *       _end   +-------------------+
 *              | .data .bss        |  ours: only the scratch buffer, capped
 *              | .text .rodata     |  read-only: writes must fail with EFAULT
 *   0x08048000 +-------------------+
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <uapi/syscall.h>
#include <unistd.h>

#include "fuzz.h"

extern char __executable_start[], etext[], _end[];

#define USER_END       0xC0000000u
#define STACK_BOTTOM   0xBF800000u
#define UNMAPPED_HOLE  0x40000000u          /* fuzzers map things here with MAP_FIXED */
#define BAD_HOLE       0x60000000u          /* nothing is ever mapped here */
#define MAPPINGS_MAX   16

struct mapping { uint32_t address, length; int writable; };
static struct mapping mappings[MAPPINGS_MAX];
static uint32_t heap_low;                   /* where our brk arena starts */
uint8_t *scribble_page;                     /* shared with our children; we write it ourselves */
static uint32_t none_arena;                 /* a PROT_NONE mapping */

/* ---- pointers ------------------------------------------------------------ */

static uint32_t current_esp(void)
{
    uint32_t esp;
    __asm__ volatile("mov %%esp, %0" : "=r"(esp));
    return esp;
}

static uint32_t current_break(void)
{
    return (uint32_t)raw_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
}

/* Mappings the libc touches itself (named semaphores) and our threads'
 * memory (calls_thread.c): never unmapped, remapped or written through by
 * the fuzzer. */
#define GUARDS 16                           /* 4 semaphores, 4 threads' memory, room to spare */
static struct { uint32_t address, length; } guarded[GUARDS];

void guard_range(uint32_t address, uint32_t length)
{
    for (int i = 0; i < GUARDS; i++)
        if (!guarded[i].length) {
            guarded[i].address = address;
            guarded[i].length = length;
            return;
        }
}

void unguard_range(uint32_t address)
{
    for (int i = 0; i < GUARDS; i++)
        if (guarded[i].address == address)
            guarded[i].length = 0;
}

/* The clock page's address (getauxval(AT_CLOCK_PAGE)), 0 without one;
 * errno as it was. */
static uint32_t clock_page_address(void)
{
    static int known;
    static uint32_t address;
    if (!known) {
        int saved = errno;
        address = (uint32_t)getauxval(AT_CLOCK_PAGE);
        errno = saved;
        known = 1;
    }
    return address;
}

uint32_t protected_write_target(uint32_t address, uint32_t length)
{
    uint32_t end = address + length;
    if (end < address)
        end = 0xffffffff;
    /* the shared page set is everyone's: not even a risky child writes there */
    uint32_t shared_start = (uint32_t)shared, shared_end = shared_start + ((sizeof *shared + 4095) & ~4095u);
    if (address < shared_end && shared_start < end)
        return 1;
    if (risky_mode)
        return 0;                           /* a risky child may wreck itself */
    for (int i = 0; i < GUARDS; i++)
        if (guarded[i].length && address < guarded[i].address + guarded[i].length && guarded[i].address < end)
            return 1;
    /* the clock page: the libc's clock_gettime reads the clocks there */
    uint32_t clock_page = clock_page_address();
    if (clock_page && address < clock_page + 4096 && clock_page < end)
        return 1;
    uint32_t image_start = (uint32_t)__executable_start, image_end = ((uint32_t)_end + 4095) & ~4095u;
    return (address < image_end && image_start < end) || (address < USER_END && STACK_BOTTOM < end);
}

/* An address no access can succeed at: NULL and the first page, the
 * kernel half, a range straddling into it, a PROT_NONE mapping, and holes
 * no fuzzer maps anything at (huge mappings of workers are PROT_NONE). */
uint32_t bad_pointer(void)
{
    switch (below(10)) {
    case 0: return 0;
    case 1: return PICK(1, 3, 0xfff, 0x800);
    case 2: return USER_END + below(0x1000) * 4;
    case 3: return PICK(USER_END, USER_END + 4096, 0xc0000400);
    case 4: return PICK(0xffffffff, 0xfffff000, 0xc0100000, 0xc0000000, 0xfffffffc);
    case 5: return BAD_HOLE + below(0x100000);
    case 6: return none_arena ? none_arena + below(8192) : 0;
    case 7: return 0x80000000u + below(0x1000000);
    default: return 0xc0000000u | rng();
    }
}

/* An offset into a mapping, most often near its end, so copies straddle
 * into what follows it. */
static uint32_t inside(uint32_t address, uint32_t length)
{
    if (!length)
        return address;
    if (chance(40))
        return address + length - 1 - below(length < 300 ? length : 300);
    if (chance(20))
        return address + (below(length / 4096 + 1) * 4096 % length);   /* a page start */
    return address + below(length);
}

static uint32_t arena_pointer(int writable_only)
{
    int candidates[MAPPINGS_MAX], count = 0;
    for (int i = 0; i < MAPPINGS_MAX; i++)
        if (mappings[i].length && (!writable_only || chance(70) || mappings[i].writable))
            candidates[count++] = i;
    if (!count)
        return bad_pointer();
    struct mapping *mapping = &mappings[candidates[below(count)]];
    return inside(mapping->address, mapping->length);
}

static uint32_t heap_pointer(void)
{
    uint32_t top = current_break();
    if (top <= heap_low)
        return heap_low + below(4096);      /* shrunk below our arena: unmapped now */
    return inside(heap_low, top - heap_low + (chance(20) ? 4096 : 0));
}

/* Somewhere below esp, with `*size` cut so the kernel cannot reach the
 * frames in use (nor the signal frames pushed below them). */
static uint32_t stack_pointer(uint32_t *size)
{
    uint32_t distance = 4096 + below(64 * 1024);
    uint32_t pointer = current_esp() - distance - 512;
    if (*size > distance)
        *size = distance;
    return pointer - (chance(30) ? below(16) : 0);
}

static uint32_t any_out_pointer(uint32_t *size)
{
    unsigned roll = below(100);
    if (roll < 25) {
        if (*size > scratch_size())
            *size = scratch_size();
        return safe_buffer(*size);
    }
    if (roll < 50)
        return arena_pointer(0);
    if (roll < 58)
        return heap_pointer();
    if (roll < 66)
        return stack_pointer(size);
    if (roll < 70)
        return (uint32_t)__executable_start + below((uint32_t)etext - (uint32_t)__executable_start);
    if (roll < 74)
        return rng();
    return bad_pointer();
}

/* Where the kernel may write *size bytes. An arena may lie right below the
 * shared page set, so a copy running off its end would land there: any
 * range that reaches what must not be hit becomes a bad pointer. */
uint32_t out_pointer(uint32_t *size)
{
    uint32_t pointer = any_out_pointer(size);
    int ours = in_scratch(pointer, 1);
    int in_text = pointer >= (uint32_t)__executable_start && pointer < (uint32_t)etext;
    uint32_t reach = *size > 0x1000000 ? 0x1000000 : *size;
    if (!ours && !in_text && pointer < USER_END && protected_write_target(pointer, reach ? reach : 1) &&
        !(pointer < USER_END && pointer >= STACK_BOTTOM && pointer + *size <= current_esp()))
        return bad_pointer();
    return pointer;
}

uint32_t in_pointer(uint32_t size)
{
    unsigned roll = below(100);
    if (roll < 40)
        return safe_buffer(size);
    if (roll < 60)
        return arena_pointer(0);
    if (roll < 65)
        return heap_pointer();
    if (roll < 72)
        return current_esp() + below(256);   /* our own stack: readable */
    if (roll < 77)
        return (uint32_t)__executable_start + below(0x1000);
    if (roll < 80)
        return rng();
    if (roll < 83)
        return PICK(USER_END - 1, USER_END - 3, USER_END - 8);   /* straddling into the kernel */
    return bad_pointer();
}

/* ---- mappings -------------------------------------------------------------- */

void mapping_added(uint32_t address, uint32_t length, int writable)
{
    if (length == 0 || length > (1u << 20))
        return;                             /* big ones are never written through */
    int slot = (int)below(MAPPINGS_MAX);
    for (int i = 0; i < MAPPINGS_MAX; i++)
        if (!mappings[i].length) {
            slot = i;
            break;
        }
    if (slot < 4)
        slot = 4 + (int)below(MAPPINGS_MAX - 4);   /* the first four are the fixed arenas */
    mappings[slot] = (struct mapping){ address, (length + 4095) & ~4095u, writable };
}

void mapping_removed(uint32_t address, uint32_t length)
{
    for (int i = 4; i < MAPPINGS_MAX; i++)
        if (mappings[i].length && mappings[i].address >= address &&
            mappings[i].address - address < length)
            mappings[i].length = 0;
}

uint32_t changeable_mapping_address(uint32_t length)
{
    uint32_t address = mapping_address() & ~4095u, end = address + length + 4096;
    if (end < address)
        end = 0xffffffff;
    int ours = protected_write_target(address, length + 4096) ||
               (address < current_break() + 64 * 1024 && heap_low < end) ||
               (none_arena && address < none_arena + 8 * 1024 && none_arena < end);
    return ours ? UNMAPPED_HOLE + 4096 * below(256) : address;
}

uint32_t mapping_address(void)
{
    int index = (int)below(MAPPINGS_MAX);
    if (mappings[index].length && chance(85))
        return mappings[index].address + (chance(70) ? 0 : 4096 * below(mappings[index].length / 4096 + 1));
    return chance(50) ? bad_pointer() : UNMAPPED_HOLE + 4096 * below(256);
}

/* ---- the arenas ------------------------------------------------------------ */

static uint32_t map_arena(uint32_t length, int protection, int flags, int fd)
{
    long address = raw_syscall(SYS_mmap, 0, length, protection, flags, fd, 0);
    return address < 0 && address > -4096 ? 0 : (uint32_t)address;
}

void pointers_init(int slot)
{
    memset(mappings, 0, sizeof mappings);
    mappings[0] = (struct mapping){ map_arena(64 * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1),
                                    64 * 1024, 1 };
    mappings[1] = (struct mapping){ map_arena(16 * 1024, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1),
                                    16 * 1024, 1 };
    mappings[2] = (struct mapping){ map_arena(8 * 1024, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1), 8 * 1024, 0 };
    char path[64];
    snprintf(path, sizeof path, FUZZ_DIRECTORY "/map.%d", slot);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd >= 0) {
        ftruncate(fd, 16 * 1024);
        mappings[3] = (struct mapping){ map_arena(16 * 1024, PROT_READ | PROT_WRITE, MAP_SHARED, fd), 16 * 1024, 1 };
        close(fd);
    }
    for (int i = 0; i < 4; i++)
        if (!mappings[i].address)
            mappings[i].length = 0;
    none_arena = map_arena(8 * 1024, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    /* Messages sent from here can change while their sender waits, as a
     * process sharing the page writes to it (calls_ipc.c): the kernel must
     * not read a header twice and trust the second reading. Guarded: no
     * fuzzer unmaps it or aims the kernel's writes at it. */
    scribble_page = (uint8_t *)map_arena(4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1);
    if (scribble_page)
        guard_range((uint32_t)scribble_page, 4096);
    heap_low = current_break();
    raw_syscall(SYS_brk, heap_low + 32 * 1024, 0, 0, 0, 0, 0);
}
