/* kernel/proc/elf.h - the parts of ELF32 that a static i386 program needs. */
#ifndef KERNEL_PROC_ELF_H
#define KERNEL_PROC_ELF_H

#include <stdint.h>

struct elf_header {
    uint8_t  ident[16];       /* 0x7f 'E' 'L' 'F', class, data, version ... */
    uint16_t type;            /* ELF_TYPE_EXECUTABLE */
    uint16_t machine;         /* ELF_MACHINE_386 */
    uint32_t version;
    uint32_t entry;           /* where the program starts */
    uint32_t program_header_offset;
    uint32_t section_header_offset;
    uint32_t flags;
    uint16_t header_size;
    uint16_t program_header_size;
    uint16_t program_header_count;
    uint16_t section_header_size;
    uint16_t section_header_count;
    uint16_t section_names_index;
};

struct elf_program_header {
    uint32_t type;            /* ELF_SEGMENT_LOAD for the ones we map */
    uint32_t offset;          /* in the file */
    uint32_t virtual_address;
    uint32_t physical_address;
    uint32_t file_size;       /* bytes from the file ... */
    uint32_t memory_size;     /* ... then zeros up to this size (.bss) */
    uint32_t flags;           /* ELF_SEGMENT_WRITE ... */
    uint32_t alignment;
};

#define ELF_CLASS_32          1
#define ELF_DATA_LITTLE       1
#define ELF_TYPE_EXECUTABLE   2
#define ELF_MACHINE_386       3
#define ELF_SEGMENT_LOAD      1
#define ELF_SEGMENT_EXECUTE   0x1
#define ELF_SEGMENT_WRITE     0x2

#endif
