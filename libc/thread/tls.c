/* libc/thread/tls.c - thread-local storage: finding the program's TLS
 * image (its PT_TLS program header) and giving the first thread its block
 * before main runs.
 *
 * The program headers are found through __ehdr_start, which the linker
 * defines where the ELF header is loaded (the first segment, from file
 * offset 0). */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "thread_internal.h"

/* The parts of the ELF header and program headers read here. */
typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;

typedef struct {
    uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;

#define PT_TLS 7

extern const Elf32_Ehdr __ehdr_start __attribute__((weak));

static const Elf32_Phdr *tls_header;
static size_t block_size = 0, alignment = sizeof(void *);

static void find_tls_header(void)
{
    const Elf32_Ehdr *header = &__ehdr_start;
    if (!header)
        return;
    const Elf32_Phdr *program_headers = (const Elf32_Phdr *)((const char *)header + header->e_phoff);
    for (int i = 0; i < header->e_phnum; i++) {
        if (program_headers[i].p_type == PT_TLS) {
            tls_header = &program_headers[i];
            if (tls_header->p_align > alignment)
                alignment = tls_header->p_align;
            block_size = (tls_header->p_memsz + alignment - 1) & ~(alignment - 1);
        }
    }
}

size_t __tls_block_size(void)
{
    return block_size;
}

size_t __tls_alignment(void)
{
    return alignment;
}

void __tls_init_block(void *thread_pointer)
{
    char *block = (char *)thread_pointer - block_size;
    if (tls_header) {
        memcpy(block, (const void *)tls_header->p_vaddr, tls_header->p_filesz);
        memset(block + tls_header->p_filesz, 0, block_size - tls_header->p_filesz);
    }
    struct __pthread *self = thread_pointer;
    memset(self, 0, sizeof *self);
    self->self = self;
}

/* The first thread's block, in .bss with the program's data (no mapping
 * of its own, which would cost every fork a page table), unless the
 * program's TLS is too big for it. */
static char first_thread_block[1024] __attribute__((aligned(64)));

uintptr_t __first_thread_stack_top;

/* The highest address past the strings of `strings` (a NULL-ended
 * vector), or `top` if none ends higher. */
static uintptr_t end_of_strings(char **strings, uintptr_t top)
{
    for (; *strings; strings++) {
        uintptr_t end = (uintptr_t)*strings + strlen(*strings) + 1;
        if (end > top)
            top = end;
    }
    return top;
}

/* Called first thing by __libc_start_main (start.c), with the initial
 * stack's argument and environment vectors. */
void __tls_init_first_thread(char **argv, char **envp)
{
    /* exec puts the argument and environment strings at the very top of
     * the first thread's stack (kernel/proc/exec.c): its top is the page
     * boundary above them (pthread_getattr_np) */
    uintptr_t strings_end = end_of_strings(envp, end_of_strings(argv, (uintptr_t)envp));
    __first_thread_stack_top = (strings_end + 4095) & ~(uintptr_t)4095;
    find_tls_header();
    size_t size = alignment + block_size + sizeof(struct __pthread);
    char *memory = first_thread_block;
    if (size > sizeof first_thread_block) {
        /* the system call itself: the wrapper's errno needs the block made here */
        memory = (char *)syscall6(SYS_mmap, 0, (long)size, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (syscall_failed((long)memory))
            syscall1(SYS_exit, 127);
    }
    uintptr_t pointer = ((uintptr_t)memory + block_size + alignment - 1) & ~(uintptr_t)(alignment - 1);
    struct __pthread *self = (struct __pthread *)pointer;
    __tls_init_block(self);              /* tid 0: the first thread's is the pid */
    self->alive = 1;
    self->state = THREAD_JOINABLE;
    long selector = syscall1(SYS_set_tls, (long)self);
    __asm__ volatile("movw %w0, %%gs" : : "r"(selector) : "memory");
}
