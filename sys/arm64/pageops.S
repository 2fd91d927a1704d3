/*
 * Whole-page zeroing and copying through the direct map, the work of
 * every first touch and every copy on write, and a page's tags saved for
 * page-out and restored at page-in (machine/pageops.h says who calls
 * what).  Written out in assembly because their instruction count
 * is most of those paths: each block-zeroing instruction (DC ZVA, STZGM)
 * takes its address from a register, with no offset form, so a step is
 * two instructions, and a page of 64-byte blocks is one straight run of
 * 64 with one loop test, whether one page is zeroed or a 2 MiB run (the
 * same routine serves both, and memset's whole blocks); a copy moves 512
 * bytes per loop step with LDP/STP pairs of general registers (the kernel
 * keeps the FP/SIMD registers off), clearing a page's tags takes one STGM
 * per GMID_EL1 block the same way, and a tagged copy moves the tags of
 * each 256 bytes with one LDGM/STGM pair in the same step.
 *
 * None of them ends with a barrier: the callers that publish tags
 * (vm_page_tags.c through md_tags.h) issue DSB ISH once after them.
 */

/* One block zeroed at x0: DC ZVA (data), or STZGM (data and tags). */
.macro	zero_block tags
.if \tags
	stzgm	xzr, [x0]
.else
	dc	zva, x0
.endif
.endm

/*
 * The body of pagezero_blocks (tags 0) and pagezero_tags_blocks (tags 1):
 * x0 va, x1 len, x2 bs.  With 64-byte blocks and whole pages, the common
 * case whether it is one page or a 2 MiB run, a loop step zeroes a page
 * as a straight run of 64 blocks, each with the add that moves the
 * address, and the loop test is two instructions a page.  Any other
 * block size or length: eight blocks a step while eight remain, then one
 * at a time.
 */
.macro	zero_blocks_body tags
	cmp	x2, #64
	b.ne	2f
	tst	x1, #4095
	b.ne	2f
1:	.rept	64
	zero_block \tags
	add	x0, x0, #64
	.endr
	subs	x1, x1, #4096
	b.ne	1b
	ret
2:	add	x3, x0, x1		/* end */
	lsl	x4, x2, #3
	sub	x4, x4, #1
	bic	x4, x1, x4
	add	x4, x0, x4		/* end of the eight-block steps */
	cmp	x0, x4
	b.hs	4f
3:	.rept	8
	zero_block \tags
	add	x0, x0, x2
	.endr
	cmp	x0, x4
	b.lo	3b
4:	cmp	x0, x3
	b.hs	6f
5:	zero_block \tags
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	5b
6:	ret
.endm

/*
 * void pagezero_blocks(void *va, size_t len, size_t bs)
 * Zero len bytes at va with DC ZVA, bs bytes at a time (DCZID_EL0's block
 * size, a power of two): one page, a 2 MiB run of them, or memset's whole
 * blocks (cpu_zero_blocks).  va and len are multiples of bs, len is not 0.
 */
	.text
	.globl	pagezero_blocks
	.type	pagezero_blocks, %function
pagezero_blocks:
	zero_blocks_body 0
	.size	pagezero_blocks, . - pagezero_blocks

/*
 * void pagezero_tags_blocks(void *va, size_t len, size_t bs)
 * As pagezero_blocks, zeroing the allocation tags of the granules too, in
 * the same instruction: STZGM, whose block is DCZID_EL0's.  va must be
 * mapped Tagged (the direct map is).
 */
	.globl	pagezero_tags_blocks
	.type	pagezero_tags_blocks, %function
pagezero_tags_blocks:
	zero_blocks_body 1
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
1:	.rept	8
	stgm	xzr, [x0]
	add	x0, x0, x2
	.endr
	cmp	x0, x3
	b.lo	1b
	ret
	.size	pagetags_clear_blocks, . - pagetags_clear_blocks

/*
 * void pagetags_save(const void *va, void *dst)
 * The allocation tags of the page at va as 16 LDGM words, one per 256
 * bytes in address order, stored at dst (128 bytes, any alignment: the
 * swap pager's tag block packs records end to end).  LDGM has no offset
 * form, so each word costs its LDGM and the add that moves the address;
 * two words share one STP.  Only for a GMID_EL1 block of 256 bytes
 * (mte_gm_bytes; the caller checks), where one LDGM fills a whole word.
 */
	.globl	pagetags_save
	.type	pagetags_save, %function
pagetags_save:
	.rept	8
	ldgm	x2, [x0]
	add	x0, x0, #256
	ldgm	x3, [x0]
	add	x0, x0, #256
	stp	x2, x3, [x1], #16
	.endr
	ret
	.size	pagetags_save, . - pagetags_save

/*
 * void pagetags_restore(void *va, const void *src)
 * The inverse: the page at va takes the tags of the 16 words at src (any
 * alignment), one STGM per 256 bytes, its data kept.  Same condition on
 * the GMID_EL1 block; no barrier (the caller issues DSB ISH).
 */
	.globl	pagetags_restore
	.type	pagetags_restore, %function
pagetags_restore:
	.rept	8
	ldp	x2, x3, [x1], #16
	stgm	x2, [x0]
	add	x0, x0, #256
	stgm	x3, [x0]
	add	x0, x0, #256
	.endr
	ret
	.size	pagetags_restore, . - pagetags_restore

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
 * Copy the 4096 bytes at src to dst (both page-aligned, not overlapping):
 * a straight run of eight 512-byte steps, each 64 LDP/STP at offsets
 * from the two bases and the two adds that move them (LDP's offsets
 * reach 504), with no loop test.
 */
	.globl	pagecopy
	.type	pagecopy, %function
pagecopy:
	.rept	8
	copy512
	add	x0, x0, #512
	add	x1, x1, #512
	.endr
	ret
	.size	pagecopy, . - pagecopy

/*
 * Move the 256 bytes at x1 to x0 and their tags (one LDGM/STGM pair),
 * and advance both bases by 256: LDGM and STGM have no offset form, so
 * the tags go first, at the bases, and the first LDP and STP of the
 * data advance the bases (post-index), the rest reaching back from
 * them; no add is left.
 */
.macro	copy256_tags
	ldgm	x2, [x1]
	stgm	x2, [x0]
	ldp	x2, x3, [x1], #256
	ldp	x4, x5, [x1, #-240]
	ldp	x6, x7, [x1, #-224]
	ldp	x8, x9, [x1, #-208]
	stp	x2, x3, [x0], #256
	stp	x4, x5, [x0, #-240]
	stp	x6, x7, [x0, #-224]
	stp	x8, x9, [x0, #-208]
	copy64	-192
	copy64	-128
	copy64	-64
.endm

/*
 * void pagecopy_tags(void *dst, const void *src)
 * pagecopy, and the allocation tags of src's granules to dst's: one LDGM
 * and one STGM per 256 bytes (they have no offset form, so the bases
 * move 256 bytes a step, by the post-index of a data LDP/STP), so only
 * for a GMID_EL1 block of 256 bytes (mte_gm_bytes; the caller checks).
 * A straight run of sixteen steps.
 */
	.globl	pagecopy_tags
	.type	pagecopy_tags, %function
pagecopy_tags:
	.rept	16
	copy256_tags
	.endr
	ret
	.size	pagecopy_tags, . - pagecopy_tags
