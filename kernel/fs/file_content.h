/* kernel/fs/file_content.h - the bytes of a regular file. */
#ifndef KERNEL_FS_FILE_CONTENT_H
#define KERNEL_FS_FILE_CONTENT_H

#include <stdint.h>

struct inode;
struct memory_object;

/* Copies up to `size` bytes from `offset` to user memory / to kernel
 * memory; returns the count (0 at or past the end) or -EFAULT. */
int file_content_read(struct inode *inode, uint32_t offset, void *user_buffer, uint32_t size);
int file_content_read_kernel(struct inode *inode, uint32_t offset, void *buffer, uint32_t size);

/* Copies `size` bytes from user memory to `offset`, growing the file.
 * Returns `size` or -EFAULT / -ENOMEM / -EFBIG. */
int file_content_write(struct inode *inode, uint32_t offset, const void *user_buffer, uint32_t size);

/* Sets the size; new bytes read as zeros. 0 or -ENOMEM / -EFBIG. */
int file_content_truncate(struct inode *inode, uint32_t size);

/* The file's pages as a memory object (for mmap), made from the boot image
 * if needed; NULL when memory is short. The caller takes a reference. */
struct memory_object *file_content_object(struct inode *inode);

/* A process wrote the bytes of `object` through a MAP_SHARED mapping (a
 * first write to a page, or msync finding written pages): if they are a
 * file's, its modification and change times move (file_times.h), as POSIX
 * asks by the next msync and Linux does at the write. Context: kernel
 * lock held; never sleeps. */
void file_content_written_through_mapping(struct memory_object *object);

#endif
