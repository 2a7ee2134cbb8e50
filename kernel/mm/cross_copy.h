/* kernel/mm/cross_copy.h - copying between the running process and another
 * process's address space, in one step.
 *
 * The other process is not running, so its user addresses mean nothing in
 * the loaded page directory. These functions find the frames behind its
 * addresses (making the pages present and private first, as its own access
 * would: a fresh page, a copy-on-write copy) and copy through the kernel's
 * direct map, with copy_from_user/copy_to_user on the running side. The
 * message-passing rendezvous uses them to copy a message once, straight from
 * the sender's buffer into the receiver's. */
#ifndef KERNEL_MM_CROSS_COPY_H
#define KERNEL_MM_CROSS_COPY_H

#include <stdint.h>

struct address_space;

/* Copies `size` bytes from the running process's `source` to `destination`
 * in `space`. 0 or -EFAULT (either side). */
int copy_into_space(struct address_space *space, uint32_t destination, const void *source, uint32_t size);

/* Copies `size` bytes from `source` in `space` to the running process's
 * `destination`. 0 or -EFAULT. */
int copy_out_of_space(void *destination, struct address_space *space, uint32_t source, uint32_t size);

/* Copies `size` bytes from kernel memory to `destination` in `space`. */
int copy_kernel_into_space(struct address_space *space, uint32_t destination, const void *source, uint32_t size);

/* A message into `space` at `destination`: a 16-byte header from kernel
 * memory, then `body_size` bytes from the running process's `user_body`.
 * One page lookup when it fits in a page (the message-passing fast path). */
#define MESSAGE_HEADER_BYTES 16
int copy_message_into_space(struct address_space *space, uint32_t destination, const void *header,
                            const void *user_body, uint32_t body_size);

/* Copies `size` bytes from `source` in `space` to kernel memory. */
int copy_space_to_kernel(void *destination, struct address_space *space, uint32_t source, uint32_t size);

#endif
