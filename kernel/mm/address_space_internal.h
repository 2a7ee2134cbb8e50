/* kernel/mm/address_space_internal.h - what address_space.c shares with
 * protection.c (mprotect, msync, madvise) and nobody else. */
#ifndef KERNEL_MM_ADDRESS_SPACE_INTERNAL_H
#define KERNEL_MM_ADDRESS_SPACE_INTERNAL_H

#include "address_space.h"

/* The region that holds `address`, or NULL. */
struct region *address_space_find_region(struct address_space *space, uint32_t address);

/* Calls visit(entry, address, context) for every page in [start, end) that
 * holds a frame: present, or hidden by PROT_NONE (PTE_HIDDEN). */
void address_space_for_each_page(uint32_t directory, uint32_t start, uint32_t end,
                                 void (*visit)(uint32_t *entry, uint32_t address, void *context),
                                 void *context);

/* A visitor for address_space_for_each_page (context: the space): gives
 * the entry's frame back and clears the entry. */
void release_page(uint32_t *entry, uint32_t address, void *context);

/* Takes (+1) or gives back (-1) what a region holds besides its pages: a
 * reference on its object, its System V attachment. */
void region_references(struct region *region, int change);

#endif
