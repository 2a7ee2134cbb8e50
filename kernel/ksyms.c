/* kernel/ksyms.c - binary search in the generated symbol table. */
#include "ksyms.h"

#include "mm/memory_layout.h"

/* Defined by the generated build/ksyms_table.c (sorted by address). */
extern const struct ksym kernel_symbols[];
extern const uint32_t kernel_symbol_count;
extern const char kernel_symbol_names[];
extern const char kernel_text_end[];

const char *ksym_lookup(uint32_t address, uint32_t *offset)
{
    if (kernel_symbol_count == 0 || address < kernel_symbols[0].address ||
        address >= (uint32_t)kernel_text_end)
        return 0;
    uint32_t low = 0, high = kernel_symbol_count;   /* answer in [low, high) */
    while (high - low > 1) {
        uint32_t middle = (low + high) / 2;
        if (kernel_symbols[middle].address <= address)
            low = middle;
        else
            high = middle;
    }
    *offset = address - kernel_symbols[low].address;
    return kernel_symbol_names + kernel_symbols[low].name_offset;
}
