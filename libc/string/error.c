/* libc/string/error.c - strerror and strerror_r: the message for each
 * error number of kernel/uapi/errno.h, worded as Linux's C library words
 * it. strerror_r comes in POSIX's form (an int) and, under the name
 * __gnu_strerror_r, in GNU's (a char *), which <string.h> gives a program
 * that defines _GNU_SOURCE, as glibc does. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
    [0]               = "Success",
    [EPERM]           = "Operation not permitted",
    [ENOENT]          = "No such file or directory",
    [ESRCH]           = "No such process",
    [EINTR]           = "Interrupted system call",
    [EIO]             = "Input/output error",
    [ENXIO]           = "No such device or address",
    [E2BIG]           = "Argument list too long",
    [ENOEXEC]         = "Exec format error",
    [EBADF]           = "Bad file descriptor",
    [ECHILD]          = "No child processes",
    [EAGAIN]          = "Resource temporarily unavailable",
    [ENOMEM]          = "Cannot allocate memory",
    [EACCES]          = "Permission denied",
    [EFAULT]          = "Bad address",
    [EBUSY]           = "Device or resource busy",
    [EEXIST]          = "File exists",
    [EXDEV]           = "Invalid cross-device link",
    [ENODEV]          = "No such device",
    [ENOTDIR]         = "Not a directory",
    [EISDIR]          = "Is a directory",
    [EINVAL]          = "Invalid argument",
    [ENFILE]          = "Too many open files in system",
    [EMFILE]          = "Too many open files",
    [ENOTTY]          = "Inappropriate ioctl for device",
    [ETXTBSY]         = "Text file busy",
    [EFBIG]           = "File too large",
    [ENOSPC]          = "No space left on device",
    [ESPIPE]          = "Illegal seek",
    [EROFS]           = "Read-only file system",
    [EMLINK]          = "Too many links",
    [EPIPE]           = "Broken pipe",
    [EDOM]            = "Numerical argument out of domain",
    [ERANGE]          = "Numerical result out of range",
    [EDEADLK]         = "Resource deadlock avoided",
    [ENAMETOOLONG]    = "File name too long",
    [ENOLCK]          = "No locks available",
    [ENOSYS]          = "Function not implemented",
    [ENOTEMPTY]       = "Directory not empty",
    [ELOOP]           = "Too many levels of symbolic links",
    [ENOMSG]          = "No message of desired type",
    [EIDRM]           = "Identifier removed",
    [ETIME]           = "Timer expired",
    [ENOLINK]         = "Link has been severed",
    [EPROTO]          = "Protocol error",
    [EMULTIHOP]       = "Multihop attempted",
    [EBADMSG]         = "Bad message",
    [EOVERFLOW]       = "Value too large for defined data type",
    [EILSEQ]          = "Invalid or incomplete multibyte or wide character",
    [ENOTSOCK]        = "Socket operation on non-socket",
    [EDESTADDRREQ]    = "Destination address required",
    [EMSGSIZE]        = "Message too long",
    [EPROTOTYPE]      = "Protocol wrong type for socket",
    [ENOPROTOOPT]     = "Protocol not available",
    [EPROTONOSUPPORT] = "Protocol not supported",
    [ESOCKTNOSUPPORT] = "Socket type not supported",
    [EOPNOTSUPP]      = "Operation not supported",
    [EAFNOSUPPORT]    = "Address family not supported by protocol",
    [EADDRINUSE]      = "Address already in use",
    [EADDRNOTAVAIL]   = "Cannot assign requested address",
    [ENETDOWN]        = "Network is down",
    [ENETUNREACH]     = "Network is unreachable",
    [ENETRESET]       = "Network dropped connection on reset",
    [ECONNABORTED]    = "Software caused connection abort",
    [ECONNRESET]      = "Connection reset by peer",
    [ENOBUFS]         = "No buffer space available",
    [EISCONN]         = "Transport endpoint is already connected",
    [ENOTCONN]        = "Transport endpoint is not connected",
    [ETOOMANYREFS]    = "Too many references: cannot splice",
    [ETIMEDOUT]       = "Connection timed out",
    [ECONNREFUSED]    = "Connection refused",
    [EHOSTUNREACH]    = "No route to host",
    [EALREADY]        = "Operation already in progress",
    [EINPROGRESS]     = "Operation now in progress",
    [ESTALE]          = "Stale file handle",
    [EDQUOT]          = "Disk quota exceeded",
    [ECANCELED]       = "Operation canceled",
};

#define MESSAGE_COUNT (sizeof messages / sizeof messages[0])

/* Returns the message for `error`, or "Unknown error N" for a number
 * without one (that text lives in a buffer the next such call reuses). */
char *strerror(int error)
{
    static char unknown[32];
    if (error >= 0 && (size_t)error < MESSAGE_COUNT && messages[error])
        return (char *)messages[error];
    snprintf(unknown, sizeof unknown, "Unknown error %d", error);
    return unknown;
}

/* The message for `error`, or NULL if it has none. */
static const char *known_message(int error)
{
    if (error >= 0 && (size_t)error < MESSAGE_COUNT && messages[error])
        return messages[error];
    return NULL;
}

/* Copies `text` into `buffer` (`size` bytes), cut short if it must be;
 * returns 0, or ERANGE if it was cut. */
static int copy_message(const char *text, char *buffer, size_t size)
{
    size_t length = strlen(text);
    if (size == 0)
        return ERANGE;
    size_t copied = length < size ? length : size - 1;
    memcpy(buffer, text, copied);
    buffer[copied] = '\0';
    return copied == length ? 0 : ERANGE;
}

/* POSIX: stores the message for `error` in `buffer` (`size` bytes).
 * Returns 0; EINVAL for a number without a message ("Unknown error N" is
 * stored all the same, as glibc does); ERANGE if the buffer is too small
 * (what fits is stored). errno is left alone. Thread-safe. */
int strerror_r(int error, char *buffer, size_t size)
{
    const char *text = known_message(error);
    if (text)
        return copy_message(text, buffer, size);
    char unknown[32];
    snprintf(unknown, sizeof unknown, "Unknown error %d", error);
    int result = copy_message(unknown, buffer, size);
    return result ? result : EINVAL;
}

char *__gnu_strerror_r(int error, char *buffer, size_t size);

/* GNU: returns the message for `error`: a constant string, or for a
 * number without one "Unknown error N" in `buffer` (cut to `size`). */
char *__gnu_strerror_r(int error, char *buffer, size_t size)
{
    const char *text = known_message(error);
    if (text)
        return (char *)text;
    char unknown[32];
    snprintf(unknown, sizeof unknown, "Unknown error %d", error);
    copy_message(unknown, buffer, size);
    return buffer;
}
