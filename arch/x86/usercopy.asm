; arch/x86/usercopy.asm - copying to and from user memory, with a way out.
;
; The C wrappers in kernel/mm/uaccess.c check that a range lies in the user
; half; these routines then copy, and the page-fault handler
; (kernel/mm/page_fault.c) knows them: a fault whose eip lies between
; user_access_start and user_access_end is first resolved as the process's
; own fault would be (copy-on-write, a fresh stack page); if it cannot be,
; the handler resumes at user_access_fault, which makes the routine return
; -EFAULT. So a bad pointer never crashes the kernel, and no page tables
; need walking on the fast path.

%define EFAULT 14

section .text
global user_access_start, user_access_end, user_access_fault

user_access_start:

; int user_copy(void *dst, const void *src, uint32_t n): 0 or -EFAULT
global user_copy
user_copy:
    push esi
    push edi
    mov edi, [esp + 12]
    mov esi, [esp + 16]
    mov ecx, [esp + 20]
    mov edx, ecx
    shr ecx, 2
    rep movsd
    mov ecx, edx
    and ecx, 3
    rep movsb
    xor eax, eax
    pop edi
    pop esi
    ret

; int user_string_copy(char *dst, const char *src, uint32_t max)
; Copies up to max bytes including the terminating NUL. Returns the length
; (without the NUL), max when no NUL came within max bytes, or -EFAULT.
global user_string_copy
user_string_copy:
    push esi
    push edi
    mov edi, [esp + 12]
    mov esi, [esp + 16]
    mov ecx, [esp + 20]
    xor eax, eax
.next:
    cmp eax, ecx
    je .done
    mov dl, [esi + eax]
    mov [edi + eax], dl
    test dl, dl
    jz .done
    inc eax
    jmp .next
.done:
    pop edi
    pop esi
    ret

; Every routine above pushes esi and edi first, so one exit fits them all.
user_access_fault:
    mov eax, -EFAULT
    pop edi
    pop esi
    ret

user_access_end:
