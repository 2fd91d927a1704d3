/*
 * Whole-page zeroing and copying through the direct map, the work of
 * every first touch and every copy on write (machine/pageops.h says who
 * calls what).  Written out in assembly because their instruction count
 * is most of those paths: each block-zeroing instruction (DC ZVA, STZGM)
 * takes its address from a register, with no offset form, so a step is
 * two instructions and eight steps share one loop test (a whole page in
 * one run of 64 when the block is 64 bytes); a copy moves 512
 * bytes per loop step with LDP/STP pairs of general registers (the kernel
 * keeps the FP/SIMD registers off), clearing a page's tags takes one
 * STGM per GMID_EL1 block the same way, and a tagged copy moves the tags of
 * each 256 bytes with one LDGM/STGM pair in the same step.
 *
 * None of them ends with a barrier: the callers that publish tags
 * (vm_page_tags.c through md_tags.h) issue DSB ISH once after them.
 */

/*
 * void pagezero_blocks(void *va, size_t len, size_t bs)
 * Zero len bytes at va with DC ZVA, bs bytes at a time (DCZID_EL0's block
 * size); va and len are multiples of bs, len a multiple of 8 * bs.  One
 * page of 64-byte blocks, the common case, takes a straight run of 64.
 */
	.text
	.globl	pagezero_blocks
	.type	pagezero_blocks, %function
pagezero_blocks:
	cmp	x1, #4096
	b.ne	0f
	cmp	x2, #64
	b.ne	0f
	.rept	63
	dc	zva, x0
	add	x0, x0, #64
	.endr
	dc	zva, x0
	ret
0:	add	x3, x0, x1
1:	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	dc	zva, x0
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	1b
	ret
	.size	pagezero_blocks, . - pagezero_blocks

/*
 * void pagezero_tags_blocks(void *va, size_t len, size_t bs)
 * As pagezero_blocks, zeroing the allocation tags of the granules too, in
 * the same instruction: STZGM, whose block is DCZID_EL0's.
 */
	.globl	pagezero_tags_blocks
	.type	pagezero_tags_blocks, %function
pagezero_tags_blocks:
	cmp	x1, #4096
	b.ne	0f
	cmp	x2, #64
	b.ne	0f
	.rept	63
	stzgm	xzr, [x0]
	add	x0, x0, #64
	.endr
	stzgm	xzr, [x0]
	ret
0:	add	x3, x0, x1
1:	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	stzgm	xzr, [x0]
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	1b
	ret
	.size	pagezero_tags_blocks, . - pagezero_tags_blocks

/*
 * void pagetags_clear_blocks(void *va, size_t len, size_t gm)
 * Set the allocation tag of every granule of len bytes at va to 0, the
 * data kept: STGM of zero tags, gm bytes (GMID_EL1's block) at a time;
 * va and len multiples of gm, len a multiple of 8 * gm.
 */
	.globl	pagetags_clear_blocks
	.type	pagetags_clear_blocks, %function
pagetags_clear_blocks:
	add	x3, x0, x1
1:	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	stgm	xzr, [x0]
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	1b
	ret
	.size	pagetags_clear_blocks, . - pagetags_clear_blocks

/* Move the 64 bytes at x1 + off to x0 + off through x2-x9. */
.macro	copy64 off
	ldp	x2, x3, [x1, #\off]
	ldp	x4, x5, [x1, #\off + 16]
	ldp	x6, x7, [x1, #\off + 32]
	ldp	x8, x9, [x1, #\off + 48]
	stp	x2, x3, [x0, #\off]
	stp	x4, x5, [x0, #\off + 16]
	stp	x6, x7, [x0, #\off + 32]
	stp	x8, x9, [x0, #\off + 48]
.endm

/* Move the 512 bytes at x1 to x0 (LDP/STP offsets reach 504). */
.macro	copy512
	copy64	0
	copy64	64
	copy64	128
	copy64	192
	copy64	256
	copy64	320
	copy64	384
	copy64	448
.endm

/*
 * void pagecopy(void *dst, const void *src)
 * Copy the 4096 bytes at src to dst (both page-aligned, not overlapping).
 */
	.globl	pagecopy
	.type	pagecopy, %function
pagecopy:
	add	x10, x1, #4096
1:	copy512
	add	x0, x0, #512
	add	x1, x1, #512
	cmp	x1, x10
	b.lo	1b
	ret
	.size	pagecopy, . - pagecopy

/*
 * void pagecopy_tags(void *dst, const void *src)
 * pagecopy, and the allocation tags of src's granules to dst's: one LDGM
 * and one STGM per 256 bytes (they have no offset form), so only for a
 * GMID_EL1 block of 256 bytes (mte_gm_bytes; the caller checks).
 */
	.globl	pagecopy_tags
	.type	pagecopy_tags, %function
pagecopy_tags:
	add	x10, x1, #4096
1:	copy512
	ldgm	x2, [x1]
	stgm	x2, [x0]
	add	x11, x1, #256
	add	x12, x0, #256
	ldgm	x2, [x11]
	stgm	x2, [x12]
	add	x0, x0, #512
	add	x1, x1, #512
	cmp	x1, x10
	b.lo	1b
	ret
	.size	pagecopy_tags, . - pagecopy_tags
