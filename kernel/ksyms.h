/* kernel/ksyms.h - function names for kernel addresses (for backtraces).
 * The table is generated from the linked kernel (tools/gen-ksyms) and
 * linked into it a second time, into the .ksyms section. */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

struct ksym {
    uint32_t address;
    uint32_t name_offset;          /* into kernel_symbol_names */
};

/* The function containing `address`, or NULL; *offset gets the distance
 * from its start. */
const char *ksym_lookup(uint32_t address, uint32_t *offset);

#endif
