; arch/x86/memory.asm - memcpy, memmove and memset for the kernel and the libc.
; `rep movsd` copies four bytes per counted step (QEMU's -icount counts each
; iteration of a rep instruction), a byte loop would cost four times as much.
; cdecl: arguments on the stack, eax/ecx/edx free, esi/edi/ebx saved.

section .text

; void *memcpy(void *dst, const void *src, size_t n)
global memcpy
memcpy:
    push esi
    push edi
    mov edi, [esp + 12]     ; dst
    mov esi, [esp + 16]     ; src
    mov ecx, [esp + 20]     ; n
    mov eax, edi            ; return dst
    mov edx, ecx
    shr ecx, 2              ; whole double words
    rep movsd
    mov ecx, edx
    and ecx, 3              ; the 0-3 bytes left
    rep movsb
    pop edi
    pop esi
    ret

; void *memmove(void *dst, const void *src, size_t n): copies backwards when
; dst lies inside the source, so overlapping regions come out right.
global memmove
memmove:
    mov eax, [esp + 4]      ; dst
    mov edx, [esp + 8]      ; src
    cmp eax, edx
    jbe memcpy              ; dst below src: a forward copy is safe
    add edx, [esp + 12]
    cmp eax, edx
    jae memcpy              ; no overlap
    push esi
    push edi
    mov ecx, [esp + 20]
    mov edi, eax
    mov esi, [esp + 16]
    lea edi, [edi + ecx - 1]
    lea esi, [esi + ecx - 1]
    std                     ; copy from the last byte down
    rep movsb
    cld
    pop edi
    pop esi
    ret

; void *memset(void *dst, int c, size_t n)
global memset
memset:
    push edi
    mov edi, [esp + 8]      ; dst
    movzx eax, byte [esp + 12]
    mov ecx, [esp + 16]     ; n
    imul eax, eax, 0x01010101 ; the byte in all four lanes
    mov edx, ecx
    shr ecx, 2
    rep stosd
    mov ecx, edx
    and ecx, 3
    rep stosb
    mov eax, [esp + 8]
    pop edi
    ret
