/* kernel/mm/memory_init.h - turning the loader's memory map into the frame
 * allocator and the kernel heap. */
#ifndef KERNEL_MM_MEMORY_INIT_H
#define KERNEL_MM_MEMORY_INIT_H

#include "kernel/multiboot.h"

/* Reserves the first MiB, the kernel image, the modules (the initrd) and
 * the allocator's own bookkeeping; sets up the heap (a fixed part of RAM)
 * and frees every other usable frame. */
void memory_init(const struct multiboot_info *info);

#endif
