/* kernel/mm/address_space_internal.h - what address_space.c shares with
 * protection.c (mprotect, msync, madvise) and lock.c (mlock). */
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

/* Splits `region` at `at` (strictly inside it, page-aligned) and returns
 * the upper piece; the caller has checked there is a free slot
 * (protection.c). */
struct region *address_space_split_region(struct address_space *space, struct region *region, uint32_t at);

/* Merges every pair of neighbouring regions that can be one (the same
 * flags, object in order, no attachment) (protection.c). */
void address_space_merge_regions(struct address_space *space);

#endif
