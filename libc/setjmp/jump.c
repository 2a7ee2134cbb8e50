/* libc/setjmp/jump.c - the C half of sigsetjmp and the jumps back
 * (setjmp.asm holds the registers' half). The mask is kept and put back
 * with sigprocmask, as a whole sigset_t: nothing here knows its size. */
#include <setjmp.h>
#include <signal.h>

void __longjmp_registers(struct __jmp_buf_tag *env, int value) __attribute__((noreturn));
void __sigsetjmp_save_mask(struct __jmp_buf_tag *env, int save_mask);

/* sigsetjmp's second half: keeps the mask if asked to. */
void __sigsetjmp_save_mask(struct __jmp_buf_tag *env, int save_mask)
{
    env->__mask_was_saved = save_mask != 0 && sigprocmask(SIG_BLOCK, 0, &env->__saved_mask) == 0;
}

/* Every jump back: the mask first, if sigsetjmp kept one, then the
 * registers. longjmp and siglongjmp are the same, as in Linux's libc. */
void siglongjmp(sigjmp_buf env, int value)
{
    if (env->__mask_was_saved)
        sigprocmask(SIG_SETMASK, &env->__saved_mask, 0);
    __longjmp_registers(env, value);
}

void longjmp(jmp_buf env, int value)
{
    siglongjmp(env, value);
}

void _longjmp(jmp_buf env, int value)
{
    siglongjmp(env, value);
}
