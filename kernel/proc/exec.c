/* kernel/proc/exec.c - loading an ELF program and its arguments.
 *
 * The new program's stack, as the System V i386 ABI has it when _start runs:
 *
 *     0xC0000000 +---------------------------+
 *                | argument and environment  |
 *                | strings                   |
 *                +---------------------------+
 *                | AT_NULL, 0                | the auxiliary vector: (type, value)
 *                | AT_CLOCK_PAGE, address    |   pairs (uapi/auxv.h); the
 *                | AT_PAGESZ, 4096           |   clock page's only with "timers"
 *                | NULL                      |
 *                | envp[envc-1] ... envp[0]  |
 *                | NULL                      |
 *                | argv[argc-1] ... argv[0]  |
 *         esp -> | argc                      |
 *                +---------------------------+
 */
#include "exec.h"

#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "elf.h"
#include "fs/fs_lock.h"
#include "fs/inode.h"
#include "ipc/signal.h"
#include "ipc/timers_for_core.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "mm/address_space.h"
#include "mm/heap.h"
#include "mm/memory_layout.h"
#include "mm/uaccess.h"
#include "sched/task.h"
#include "sched/x87_lazy.h"
#include "thread.h"
#include "uapi/auxv.h"
#include "uapi/errno.h"

/* Copies `size` bytes to user address `address` of `space` (not the
 * loaded one), mapping pages as needed. */
static int write_into_space(struct address_space *space, uint32_t address, const void *data, uint32_t size)
{
    const uint8_t *source = data;
    while (size) {
        uint8_t *page = address_space_populate_page(space, PAGE_ROUND_DOWN(address));
        if (!page)
            return -ENOMEM;
        uint32_t offset = address & (PAGE_SIZE - 1);
        uint32_t chunk = PAGE_SIZE - offset < size ? PAGE_SIZE - offset : size;
        memcpy(page + offset, source, chunk);
        address += chunk;
        source += chunk;
        size -= chunk;
    }
    return 0;
}

/* Copies `size` bytes at `offset` of the program file to `address` of `space`. */
static int load_from_file(struct address_space *space, uint32_t address, struct inode *program,
                          uint32_t offset, uint32_t size)
{
    while (size) {
        uint8_t *page = address_space_populate_page(space, PAGE_ROUND_DOWN(address));
        if (!page)
            return -ENOMEM;
        uint32_t in_page = address & (PAGE_SIZE - 1);
        uint32_t chunk = PAGE_SIZE - in_page < size ? PAGE_SIZE - in_page : size;
        if (program->operations->read(program, offset, page + in_page, chunk, 0) != (int)chunk)
            return -ENOEXEC;
        address += chunk;
        offset += chunk;
        size -= chunk;
    }
    return 0;
}

static int check_header(const struct elf_header *header, uint32_t size)
{
    if (size < sizeof *header || memcmp(header->ident, "\x7f" "ELF", 4) ||
        header->ident[4] != ELF_CLASS_32 || header->ident[5] != ELF_DATA_LITTLE ||
        header->type != ELF_TYPE_EXECUTABLE || header->machine != ELF_MACHINE_386 ||
        header->program_header_size != sizeof(struct elf_program_header) ||
        header->program_header_offset > size ||
        (uint32_t)header->program_header_count * sizeof(struct elf_program_header) >
            size - header->program_header_offset)
        return -ENOEXEC;
    return 0;
}

/* Maps and fills every loadable segment; returns the end of the highest. */
static int load_segments(struct address_space *space, struct inode *program, const struct elf_header *header,
                         const struct elf_program_header *segments, uint32_t *program_end)
{
    uint32_t size = program->size;
    *program_end = 0;
    for (int i = 0; i < header->program_header_count; i++) {
        const struct elf_program_header *segment = &segments[i];
        if (segment->type != ELF_SEGMENT_LOAD || segment->memory_size == 0)
            continue;
        uint32_t start = segment->virtual_address;
        uint32_t end = start + segment->memory_size;
        if (segment->file_size > segment->memory_size || segment->offset > size ||
            segment->file_size > size - segment->offset || end < start || end > USER_MMAP_TOP)
            return -ENOEXEC;
        uint32_t flags = REGION_READ | ((segment->flags & ELF_SEGMENT_WRITE) ? REGION_WRITE : 0) |
                         ((segment->flags & ELF_SEGMENT_EXECUTE) ? REGION_EXEC : 0);
        if (address_space_add_region(space, PAGE_ROUND_DOWN(start), PAGE_ROUND_UP(end), flags) < 0)
            return -ENOEXEC;
        int result = load_from_file(space, start, program, segment->offset, segment->file_size);
        for (uint32_t page = PAGE_ROUND_DOWN(start); result == 0 && page < end; page += PAGE_SIZE)
            result = address_space_populate_page(space, page) ? 0 : -ENOMEM;   /* .bss too */
        if (result < 0)
            return result;
        for (uint32_t page = PAGE_ROUND_DOWN(start); page < end; page += PAGE_SIZE)
            address_space_protect_page(space, page);
        if (PAGE_ROUND_UP(end) > *program_end)
            *program_end = PAGE_ROUND_UP(end);
    }
    return *program_end ? 0 : -ENOEXEC;
}

static unsigned count_strings(const char *const *strings)
{
    unsigned count = 0;
    while (strings && strings[count])
        count++;
    return count;
}

/* Lays out argc, argv, envp, the auxiliary vector (with the clock page's
 * address if `clock_page` is not 0) and the strings at the top of the
 * stack; returns the initial esp or 0 (E2BIG / ENOMEM in *error). */
static uint32_t build_stack(struct address_space *space, const char *const *arguments,
                            const char *const *environment, uint32_t clock_page, int *error)
{
    unsigned argc = count_strings(arguments), envc = count_strings(environment);
    uint32_t strings_size = 0;
    for (unsigned i = 0; i < argc; i++)
        strings_size += strlen(arguments[i]) + 1;
    uint32_t argument_bytes = strings_size;
    for (unsigned i = 0; i < envc; i++)
        strings_size += strlen(environment[i]) + 1;
    unsigned auxiliary_words = clock_page ? 6 : 4;
    uint32_t pointers_size = (1 + argc + 1 + envc + 1 + auxiliary_words) * 4;
    uint32_t total = ((strings_size + 3) & ~3u) + pointers_size;
    if (total > EXEC_ARGUMENTS_MAX || argc + envc > EXEC_ARGUMENT_COUNT_MAX) {
        *error = -E2BIG;
        return 0;
    }
    uint8_t *block = kmalloc(total);
    if (!block) {
        *error = -ENOMEM;
        return 0;
    }
    uint32_t block_start = USER_STACK_TOP - total;       /* 4-byte aligned */
    uint32_t *pointers = (uint32_t *)block;
    uint32_t string_offset = pointers_size;
    unsigned slot = 0;
    pointers[slot++] = argc;
    for (int pass = 0; pass < 2; pass++) {
        const char *const *strings = pass == 0 ? arguments : environment;
        unsigned count = pass == 0 ? argc : envc;
        for (unsigned i = 0; i < count; i++) {
            uint32_t length = strlen(strings[i]) + 1;
            memcpy(block + string_offset, strings[i], length);
            pointers[slot++] = block_start + string_offset;
            string_offset += length;
        }
        pointers[slot++] = 0;
    }
    pointers[slot++] = AT_PAGESZ;
    pointers[slot++] = PAGE_SIZE;
    if (clock_page) {
        pointers[slot++] = AT_CLOCK_PAGE;
        pointers[slot++] = clock_page;
    }
    pointers[slot++] = AT_NULL;
    pointers[slot++] = 0;
    *error = write_into_space(space, block_start, block, total);
    kfree(block);
    space->arguments_start = block_start + pointers_size;   /* argv's strings come first */
    space->arguments_end = space->arguments_start + argument_bytes;
    return *error ? 0 : block_start;
}

static void close_on_exec_descriptors(struct process *process)
{
    for (int fd = 0; fd < (int)process->files_end; fd++) {
        if (descriptor_close_on_exec(process, fd) && process->files[fd]) {
            struct file *file = process->files[fd];
            descriptor_set(process, fd, 0);
            file_close(file, process);
        }
    }
    memset(process->close_on_exec, 0, sizeof process->close_on_exec);
}

/* Finds the program at `path` and builds its image in a new address space:
 * segments, heap and stack regions. Context: file-system lock held (the
 * program may be on the disk). */
static int load_image(const char *path, struct elf_header *header, struct address_space **result)
{
    struct inode *program;
    int status = process_read_program(path, &program);
    if (status < 0)
        return status;
    struct elf_program_header segments[EXEC_SEGMENTS_MAX];
    if (program->operations->read(program, 0, header, sizeof *header, 0) != sizeof *header)
        return -ENOEXEC;
    if ((status = check_header(header, program->size)) < 0)
        return status;
    if (header->program_header_count > EXEC_SEGMENTS_MAX)
        return -ENOEXEC;
    uint32_t segments_size = header->program_header_count * sizeof segments[0];
    if (program->operations->read(program, header->program_header_offset, segments, segments_size, 0) !=
        (int)segments_size)
        return -ENOEXEC;

    struct address_space *space = address_space_create();
    if (!space)
        return -ENOMEM;
    uint32_t program_end;
    if ((status = load_segments(space, program, header, segments, &program_end)) < 0 ||
        (status = address_space_add_region(space, program_end, program_end, REGION_READ | REGION_WRITE | REGION_HEAP)) < 0 ||
        (status = address_space_add_region(space, USER_STACK_TOP - USER_STACK_INITIAL, USER_STACK_TOP,
                                           REGION_READ | REGION_WRITE | REGION_STACK)) < 0) {
        address_space_release(space);
        return status;
    }
    space->heap_start = space->heap_break = program_end;
    *result = space;
    return 0;
}

int exec_into(struct process *process, const char *path, const char *const *arguments,
              const char *const *environment, struct trap_frame *frame)
{
    struct elf_header header;
    struct address_space *space;
    fs_lock();
    int result = load_image(path, &header, &space);
    fs_unlock();
    if (result < 0)
        return result;
    uint32_t clock_page = clock_page_map(space);   /* 0 without one: clock_gettime asks */
    uint32_t stack_pointer = build_stack(space, arguments, environment, clock_page, &result);
    if (!stack_pointer) {
        address_space_release(space);
        return result;
    }

    /* The other threads end first (POSIX); if one of them ends the whole
     * process meanwhile, so be it: this exec fails, and its caller ends on
     * its way back to user mode. */
    struct thread *self = process == current_task->process ? current_thread() : 0;
    if (self && process_end_other_threads() < 0) {
        address_space_release(space);
        return -EINTR;
    }

    /* Past the point of no return: switch to the new image. */
    if (self)
        thread_release_clear_tid(self);     /* in the old image, which alone knows the word */
    rusage_keep_peak(process);              /* ru_maxrss counts the old image too */
    struct address_space *old = process->address_space;
    process->address_space = space;
    if (self) {
        thread_take_pid(self);              /* exec from a later thread: it becomes the first */
        current_task->page_directory = space->page_directory;
        self->tls_base = 0;                 /* the new program sets up its own (libc/start.c) */
        self->cancel_requested = 0;         /* a request was for the old program's thread */
        self->cancel_asynchronous = 0;      /* and so was its type: the new one starts deferred */
        cpu_write_cr3(space->page_directory);
        x87_reset_running_task();           /* the new program starts with a clean FPU */
    }
    if (old)
        address_space_release(old);
    fork_vfork_release(process);            /* a vfork child leaves its parent's memory */
    close_on_exec_descriptors(process);
    signal_exec(process);
    posix_timers_delete_all(process);   /* timers go; interval timers stay (Linux) */
    /* POSIX: the saved ids become the effective ones, so a program run
     * after setresuid(1000, 1000, 0) cannot take root back */
    process->suid = process->euid;
    process->sgid = process->egid;
    const char *base = strrchr(path, '/');
    strlcpy(process->name, base ? base + 1 : path, sizeof process->name);
    if (self)
        strlcpy(current_task->name, process->name, sizeof current_task->name);
    trace_event("exec pid=%d name=%s", process->pid, process->name);

    memset(frame, 0, sizeof *frame);
    frame->eip = header.entry;
    frame->cs = USER_CODE_SELECTOR;
    frame->ds = frame->es = frame->fs = frame->gs = frame->user_ss = USER_DATA_SELECTOR;
    frame->eflags = EFLAGS_INTERRUPT_ENABLE | 0x2;        /* bit 1 is always set */
    frame->user_esp = stack_pointer;
    return 0;
}

/* Copies a user array of user strings into `buffer` as kernel strings,
 * with pointers into it in `vector` (NULL-terminated). Returns the bytes
 * used or -errno. */
static int copy_string_array(const char *const *user_array, const char **vector, unsigned vector_max,
                             char *buffer, uint32_t buffer_size)
{
    uint32_t used = 0;
    unsigned count = 0;
    for (;; count++) {
        const char *user_string;
        if (!user_array)
            break;
        if (copy_from_user(&user_string, &user_array[count], sizeof user_string) < 0)
            return -EFAULT;
        if (!user_string)
            break;
        if (count + 1 >= vector_max || used >= buffer_size)
            return -E2BIG;
        int length = strncpy_from_user(buffer + used, user_string, buffer_size - used);
        if (length == -ENAMETOOLONG)
            return -E2BIG;
        if (length < 0)
            return length;
        vector[count] = buffer + used;
        used += (uint32_t)length + 1;
    }
    vector[count] = 0;
    return (int)used;
}

/* The frame the running process entered the kernel with: at the top of
 * its kernel stack (see arch/x86/trap_frame.h). */
static struct trap_frame *current_user_frame(void)
{
    return task_user_frame(current_task);
}

int sys_execve(const char *user_path, const char *const *user_arguments,
               const char *const *user_environment)
{
    struct copied {
        char path[PATH_MAX_LENGTH];
        const char *arguments[EXEC_ARGUMENT_COUNT_MAX / 2 + 1];
        const char *environment[EXEC_ARGUMENT_COUNT_MAX / 2 + 1];
        char strings[EXEC_ARGUMENTS_MAX];
    } *copied = kmalloc(sizeof *copied);          /* too big for the kernel stack */
    if (!copied)
        return -ENOMEM;
    int result = strncpy_from_user(copied->path, user_path, sizeof copied->path);
    int used = 0;
    if (result >= 0)
        result = used = copy_string_array(user_arguments, copied->arguments, EXEC_ARGUMENT_COUNT_MAX / 2,
                                          copied->strings, sizeof copied->strings);
    if (result >= 0)
        result = copy_string_array(user_environment, copied->environment, EXEC_ARGUMENT_COUNT_MAX / 2,
                                   copied->strings + used, sizeof copied->strings - used);
    if (result >= 0) {
        struct trap_frame frame;
        result = exec_into(current_task->process, copied->path, copied->arguments,
                           copied->environment, &frame);
        if (result == 0)
            *current_user_frame() = frame;   /* the system call returns into the new program */
    }
    kfree(copied);
    return result;
}
