/* user/tools/fuzz/calls_memory.c - generators for mmap, munmap, mprotect,
 * msync and madvise, and for the libc-level IPC that has no system call of
 * its own: POSIX named semaphores (a file in /dev/shm mapped shared, and
 * futexes) and POSIX shared memory objects (files in /dev/shm). */
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <uapi/syscall.h>
#include <unistd.h>

#include "fuzz.h"

#define UNMAPPED_HOLE 0x40000000u

static void after_mmap(struct call *call, long result)
{
    if (result > 0 || result < -4096)
        mapping_added((uint32_t)result, (uint32_t)call->args[1], (call->args[2] & PROT_WRITE) != 0);
}

static void make_mmap(struct call *call)
{
    unsigned roll = below(100);
    uint32_t address = roll < 65 ? 0 : roll < 85 ? mapping_address() : roll < 93 ? UNMAPPED_HOLE + 4096 * below(64)
                                                                               : bad_pointer();
    uint32_t length = chance(75) ? 4096 * (1 + below(16)) : any_size();
    int fd = -1;
    uint32_t flags;
    if (chance(60)) {                       /* anonymous: mostly valid, so most succeed */
        flags = PICK(MAP_PRIVATE, MAP_SHARED) | MAP_ANONYMOUS;
    } else if (chance(70)) {                /* a file of ours, or whatever descriptor */
        flags = PICK(MAP_PRIVATE, MAP_SHARED);
        fd = chance(70) ? fd_of_file() : fd_any();
    } else {
        flags = any_flags(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS);
        fd = fd_any();
    }
    if (chance(12))
        flags |= MAP_FIXED;
    if ((flags & MAP_FIXED) && protected_write_target(address & ~4095u, length + 4096))
        flags &= ~(uint32_t)MAP_FIXED;      /* never over the fuzzer itself */
    long protection = chance(80) ? (long)PICK(PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_READ | PROT_EXEC)
                                 : (long)any_flags(PROT_READ | PROT_WRITE | PROT_EXEC);
    if (!risky_mode && length > (16u << 20))
        protection = PROT_NONE;             /* bad pointers must stay bad */
    /* Mapping a file of the image pages it for good (fs/file_content.c):
     * its memory object stays with the file, and the counters would not
     * come back. */
    if (fd >= 0 && fd_kind_known(fd) == FD_IMAGE)
        fd = -1;
    set_call(call, SYS_mmap, "mmap", 6, (long)address, (long)length, protection, (long)flags, (long)fd,
             (long)(chance(80) ? 0 : PICK(4096, 1, 8192, 16u << 20, 0xfffff000, rng())));
    call->after = after_mmap;
}

static void after_munmap(struct call *call, long result)
{
    if (result == 0)
        mapping_removed((uint32_t)call->args[0], (uint32_t)call->args[1]);
}

static void make_munmap(struct call *call)
{
    uint32_t address = chance(80) ? mapping_address() : rng();
    uint32_t length = chance(70) ? 4096 * (1 + below(16)) : any_size();
    if (protected_write_target(address & ~4095u, length + 4096))
        address = bad_pointer();
    set_call(call, SYS_munmap, "munmap", 2, (long)address, (long)length);
    call->after = after_munmap;
}

/* mprotect, msync, madvise: mostly on mappings of ours with whole pages,
 * sometimes anything at all */
static void make_mprotect(struct call *call)
{
    uint32_t length = chance(75) ? 4096 * (1 + below(8)) : any_size();
    uint32_t address = chance(85) ? changeable_mapping_address(length) : chance(50) ? bad_pointer() : rng();
    if (protected_write_target(address & ~4095u, length + 4096))
        address = UNMAPPED_HOLE + 1;        /* unaligned: EINVAL, and never our memory */
    long protection = chance(85) ? (long)PICK(PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_READ | PROT_EXEC)
                                 : (long)any_flags(PROT_READ | PROT_WRITE | PROT_EXEC);
    set_call(call, SYS_mprotect, "mprotect", 3, (long)address, (long)length, protection);
}

static void make_msync(struct call *call)
{
    uint32_t length = chance(75) ? 4096 * (1 + below(8)) : any_size();
    uint32_t address = chance(85) ? changeable_mapping_address(length) : bad_pointer();
    long flags = chance(80) ? (long)PICK(MS_SYNC, MS_ASYNC, MS_SYNC | MS_INVALIDATE, MS_ASYNC | MS_SYNC)
                            : (long)any_flags(MS_SYNC | MS_ASYNC | MS_INVALIDATE);
    set_call(call, SYS_msync, "msync", 3, (long)address, (long)length, flags);
}

static void make_madvise(struct call *call)
{
    uint32_t length = chance(75) ? 4096 * (1 + below(8)) : any_size();
    uint32_t address = changeable_mapping_address(length);
    if (protected_write_target(address & ~4095u, length + 4096))
        address = UNMAPPED_HOLE + 1;        /* MADV_DONTNEED must never drop our own pages */
    long advice = chance(85) ? (long)below(MADV_DONTNEED + 1) : (long)rng();
    set_call(call, SYS_madvise, "madvise", 3, (long)address, (long)length, advice);
}

/* ---- POSIX shared memory objects --------------------------------------------- */

static char shared_memory_name[32];

static long call_shm_open(struct call *call)
{
    int fd = shm_open(shared_memory_name, (int)call->args[1], 0600);
    if (fd >= 0) {
        if (call->args[2])
            ftruncate(fd, call->args[2]);
        fd_opened(fd, FD_FILE);
    }
    return fd;
}

static long call_shm_unlink(struct call *call)
{
    (void)call;
    return shm_unlink(shared_memory_name);
}

/* Names "/fz<seed>.<n>" (files /dev/shm/fz*, which cleanup removes), and
 * now and then a bad one. */
static void make_shared_memory_object(struct call *call)
{
    snprintf(shared_memory_name, sizeof shared_memory_name, chance(95) ? "/fz%u.%u" : "fz%u/%u",
             shared->seed % 1000, below(NAME_POOL));
    if (chance(70)) {
        set_call(call, 0, "shm_open", 3, (long)shared_memory_name,
                 (long)(PICK(O_RDWR, O_RDONLY, O_WRONLY) | any_flags(O_CREAT | O_EXCL | O_TRUNC)),
                 (long)PICK(0, 4096, 100, 3 * 4096));
        call->function = call_shm_open;
    } else {
        set_call(call, 0, "shm_unlink", 1, (long)shared_memory_name);
        call->function = call_shm_unlink;
    }
}

/* ---- POSIX named semaphores ------------------------------------------------ */

static sem_t *semaphores[4];
static char semaphore_name[32];

/* Lets go of the semaphore in `slot`. Opening one name again gives the
 * same address (POSIX), so two slots may hold one mapping: its page stays
 * guarded against our own munmap until no slot holds it. */
static int release_semaphore(int slot)
{
    sem_t *semaphore = semaphores[slot];
    semaphores[slot] = 0;
    int still_held = 0;
    for (int other = 0; other < 4; other++)
        still_held |= semaphores[other] == semaphore;
    if (!still_held)
        unguard_range((uint32_t)semaphore & ~4095u);
    return sem_close(semaphore);
}

static long call_sem_open(struct call *call)
{
    int flags = (int)call->args[1];
    sem_t *semaphore = sem_open(semaphore_name, flags, 0600, (unsigned)call->args[2]);
    if (semaphore == SEM_FAILED)
        return -1;
    int slot = (int)below(4);
    if (semaphores[slot])
        release_semaphore(slot);
    semaphores[slot] = semaphore;
    guard_range((uint32_t)semaphore & ~4095u, 4096);
    return (long)semaphore;
}

static long call_sem_operation(struct call *call)
{
    sem_t *semaphore = semaphores[call->args[0]];
    if (!semaphore)
        return -2;
    int value;
    switch (call->args[1]) {
    case 0: return sem_post(semaphore);
    case 1: return sem_trywait(semaphore);
    case 2: return sem_wait(semaphore);     /* the alarm ends it */
    case 3: return sem_getvalue(semaphore, &value) < 0 ? -1 : value;
    default:
        return release_semaphore((int)call->args[0]);
    }
}

static long call_sem_unlink(struct call *call)
{
    (void)call;
    return sem_unlink(semaphore_name);
}

static void make_posix_semaphore(struct call *call)
{
    snprintf(semaphore_name, sizeof semaphore_name, chance(95) ? "/fz%u.%u" : "fz%u/%u", shared->seed % 1000,
             below(NAME_POOL));
    unsigned roll = below(100);
    if (roll < 25) {
        set_call(call, 0, "sem_open", 3, (long)semaphore_name, (long)any_flags(O_CREAT | O_EXCL),
                 (long)PICK(0, 1, 5, 0x7fffffff, 0x80000000));
        call->function = call_sem_open;
    } else if (roll < 35) {
        set_call(call, 0, "sem_unlink", 1, (long)semaphore_name);
        call->function = call_sem_unlink;
    } else {
        set_call(call, 0, "sem_op", 2, (long)below(4), (long)below(5));
        call->function = call_sem_operation;
        call->may_block = 1;
    }
}

/* mincore only reads the page tables, so any address will do; the
 * vector is written one byte per page, so a length the vector has no
 * room for goes with a bad vector, never with our own memory. */
static void make_mincore(struct call *call)
{
    uint32_t pages = 1 + below(16), room = pages;
    uint32_t length = pages * 4096 - (chance(30) ? below(4096) : 0);
    uint32_t vector = chance(85) ? out_pointer(&room) : bad_pointer();
    if (room < pages)
        length = room * 4096;                /* what out_pointer left room for (maybe 0) */
    if (chance(5)) {
        length = any_size();
        vector = bad_pointer();
    }
    uint32_t address = chance(85) ? changeable_mapping_address(length) : chance(50) ? bad_pointer() : rng();
    if (chance(10))
        address |= 1 + below(4095);          /* not page-aligned: EINVAL */
    set_call(call, SYS_mincore, "mincore", 3, (long)address, (long)length, (long)vector);
}

const struct generator memory_generators[] = {
    { make_mmap, 6 }, { make_munmap, 4 }, { make_posix_semaphore, 3 },
    { make_mprotect, 4 }, { make_msync, 1 }, { make_madvise, 1 }, { make_shared_memory_object, 2 },
    { make_mincore, 1 },
};
const unsigned memory_generator_count = sizeof memory_generators / sizeof memory_generators[0];
