; libc/setjmp/setjmp.asm - setjmp, _setjmp, sigsetjmp and the jump back
; (setjmp(3)). Assembly because C cannot name its caller's registers or
; return address. i386 cdecl: a function must keep ebx, esi, edi, ebp and
; esp for its caller; eax, ecx, edx are free. So those five and the return
; address are all a jump back needs: when setjmp "returns again", every
; other register is one the caller did not expect to survive a call.
;
;   struct __jmp_buf_tag (libc/include/setjmp.h):
;     +0 ebx  +4 esi  +8 edi  +12 ebp  +16 esp  +20 eip  +24 mask saved?  +28 the mask

section .text

global setjmp
global _setjmp
global sigsetjmp
global __longjmp_registers
extern __sigsetjmp_save_mask

; Saves the caller's registers into the jmp_buf whose address is in eax.
; esp is the caller's after our return: 4 above the return address.
%macro SAVE_REGISTERS 0
    mov [eax + 0], ebx
    mov [eax + 4], esi
    mov [eax + 8], edi
    mov [eax + 12], ebp
    lea ecx, [esp + 4]              ; the stack pointer once we have returned
    mov [eax + 16], ecx
    mov ecx, [esp]                  ; the return address: where to come back
    mov [eax + 20], ecx
%endmacro

; int setjmp(jmp_buf env), int _setjmp(jmp_buf env): registers only.
setjmp:
_setjmp:
    mov eax, [esp + 4]              ; env
    SAVE_REGISTERS
    mov dword [eax + 24], 0         ; no mask kept: longjmp leaves the mask alone
    xor eax, eax                    ; the first return: 0
    ret

; int sigsetjmp(sigjmp_buf env, int save_mask): registers, then the mask
; in C (libc/setjmp/jump.c), which keeps ebx, esi, edi, ebp as any C
; function does, so what we saved stays true.
sigsetjmp:
    mov eax, [esp + 4]              ; env
    SAVE_REGISTERS
    push dword [esp + 8]            ; save_mask
    push eax                        ; env
    call __sigsetjmp_save_mask
    add esp, 8
    xor eax, eax
    ret

; void __longjmp_registers(jmp_buf env, int value): back into the setjmp
; call that filled env, returning value (1 if value is 0). Never returns.
__longjmp_registers:
    mov edx, [esp + 4]              ; env
    mov eax, [esp + 8]              ; value
    test eax, eax
    jnz .nonzero
    inc eax                         ; longjmp(env, 0) makes setjmp return 1
.nonzero:
    mov ebx, [edx + 0]
    mov esi, [edx + 4]
    mov edi, [edx + 8]
    mov ebp, [edx + 12]
    mov esp, [edx + 16]             ; the caller's stack, as after setjmp returned
    jmp [edx + 20]                  ; to the instruction after its call

section .note.GNU-stack noalloc noexec nowrite progbits   ; the stack need not be executable
