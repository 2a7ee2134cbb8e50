/* libc/include/libgen.h - the last part and the directory part of a path,
 * POSIX's forms (libc/string/path_names.c): they may write into `path`. */
#ifndef LIBC_INCLUDE_LIBGEN_H
#define LIBC_INCLUDE_LIBGEN_H

char *basename(char *path);
char *dirname(char *path);

#endif
