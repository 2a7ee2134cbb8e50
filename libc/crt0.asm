; libc/crt0.asm - _start, where every program begins.
; The kernel enters here with the System V i386 initial stack:
;
;     esp ->  argc
;             argv[0] ... argv[argc-1], NULL
;             envp[0] ... envp[n-1],    NULL
;             (the strings themselves, higher up)
;
; We hand argc, argv and envp to __libc_start_main (libc/start.c), which runs
; main and exits with its result; it never returns.

section .text

extern __libc_start_main
global _start

_start:
    xor ebp, ebp                    ; no caller frame: backtraces stop here
    mov eax, [esp]                  ; argc
    lea ebx, [esp + 4]              ; argv
    lea ecx, [ebx + eax * 4 + 4]    ; envp: just past argv's NULL
    and esp, -16                    ; the ABI wants esp 16-aligned at a call:
    sub esp, 4                      ; 4 + three arguments = 16 bytes below it
    push ecx                        ; envp
    push ebx                        ; argv
    push eax                        ; argc
    call __libc_start_main
    ud2                             ; not reached: exit() does not return

section .note.GNU-stack noalloc noexec nowrite progbits   ; the stack need not be executable
