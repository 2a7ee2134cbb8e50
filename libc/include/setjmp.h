/* libc/include/setjmp.h - non-local jumps (setjmp(3)): setjmp keeps the
 * registers a C function must preserve, where it will return to and its
 * stack pointer; longjmp goes back there, and setjmp returns a second time
 * with the value given (1 for 0). sigsetjmp(env, 1) keeps the signal mask
 * too and siglongjmp puts it back; setjmp and _setjmp do not keep it, so
 * longjmp out of a signal handler leaves the handler's mask, as with
 * Linux's libc.
 *
 * A jmp_buf is valid only while the function that called setjmp has not
 * returned. Locals it changed after setjmp must be volatile to be read
 * after the jump. */
#ifndef LIBC_INCLUDE_SETJMP_H
#define LIBC_INCLUDE_SETJMP_H

#include <signal.h>

/* The layout libc/setjmp/setjmp.asm writes: offsets 0 .. 20 the registers
 * ebx, esi, edi, ebp, esp (as after the return) and eip (the return
 * address); then whether a mask was kept, and the mask (a whole sigset_t,
 * whatever its size). */
struct __jmp_buf_tag {
    unsigned long __registers[6];
    int __mask_was_saved;
    sigset_t __saved_mask;
};

typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
int _setjmp(jmp_buf env) __attribute__((returns_twice));
int sigsetjmp(sigjmp_buf env, int save_mask) __attribute__((returns_twice));
void longjmp(jmp_buf env, int value) __attribute__((noreturn));
void _longjmp(jmp_buf env, int value) __attribute__((noreturn));
void siglongjmp(sigjmp_buf env, int value) __attribute__((noreturn));

#endif
