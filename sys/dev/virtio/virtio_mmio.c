/*
 * The virtio-mmio transport, modern layout (register "Version" 2; the
 * virtio 1.x spec's section 4.2.2).  Legacy devices (Version 1, which
 * need page-granular queue addresses and guest-endian fields) are
 * refused: QEMU offers modern ones when asked (tools/qemu.sh passes
 * virtio-mmio.force-legacy=false).
 *
 * The rings (virtqueue.c) live in ordinary RAM, reached through the
 * direct map; the device reads and writes them behind the CPU's back, so
 * the order in which the CPU makes its stores visible matters (see
 * vtmmio_vq_notify here, vq_publish and vq_next_used there).
 */
#include "sys/systm.h"
#include "sys/errno.h"
#include "sys/fdt.h"
#include "sys/malloc.h"
#include "sys/param.h"
#include "dev/virtio/virtio_mmio.h"
#include "vm/vm_page.h"
#include "vm/vm_phys.h"
#include "machine/cpufunc.h"
#include "machine/intr.h"
#include "machine/pmap.h"
#include "machine/vmparam.h"

/* Registers (offsets from the node's "reg" base). */
#define VTMMIO_MAGIC		0x000	/* "virt" */
#define VTMMIO_VERSION		0x004	/* 2: modern, 1: legacy */
#define VTMMIO_DEVICE_ID	0x008	/* 0: no device behind this slot */
#define VTMMIO_DEVICE_FEATURES	0x010
#define VTMMIO_DEVICE_FEATURES_SEL 0x014
#define VTMMIO_DRIVER_FEATURES	0x020
#define VTMMIO_DRIVER_FEATURES_SEL 0x024
#define VTMMIO_QUEUE_SEL	0x030
#define VTMMIO_QUEUE_NUM_MAX	0x034
#define VTMMIO_QUEUE_NUM	0x038
#define VTMMIO_QUEUE_READY	0x044
#define VTMMIO_QUEUE_NOTIFY	0x050
#define VTMMIO_INTERRUPT_STATUS	0x060
#define VTMMIO_INTERRUPT_ACK	0x064
#define VTMMIO_STATUS		0x070
#define VTMMIO_QUEUE_DESC_LOW	0x080
#define VTMMIO_QUEUE_DESC_HIGH	0x084
#define VTMMIO_QUEUE_DRIVER_LOW	0x090	/* the available ring */
#define VTMMIO_QUEUE_DRIVER_HIGH 0x094
#define VTMMIO_QUEUE_DEVICE_LOW	0x0a0	/* the used ring */
#define VTMMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VTMMIO_CONFIG_GENERATION 0x0fc
#define VTMMIO_CONFIG		0x100	/* device-specific configuration */
#define VTMMIO_REGS_SIZE	0x200

#define VTMMIO_MAGIC_VALUE	0x74726976

/* Device status bits, set in this order as initialisation proceeds. */
#define VTMMIO_S_ACKNOWLEDGE	0x01	/* the driver saw the device */
#define VTMMIO_S_DRIVER		0x02	/* and can drive it */
#define VTMMIO_S_DRIVER_OK	0x04	/* ready: the device may start */
#define VTMMIO_S_FEATURES_OK	0x08	/* the feature set is agreed */
#define VTMMIO_S_FAILED		0x80	/* the driver gave up */

static uint32_t
vtmmio_read(struct vtmmio_dev *dev, u_int reg)
{
	return (*(volatile uint32_t *)(dev->vd_regs + reg));
}

static void
vtmmio_write(struct vtmmio_dev *dev, u_int reg, uint32_t val)
{
	*(volatile uint32_t *)(dev->vd_regs + reg) = val;
}

/*
 * Agree on features: the device's set intersected with wanted, which must
 * include VIRTIO_F_VERSION_1.  Leaves the device in FEATURES_OK and
 * returns 0, or ENXIO (device marked FAILED) if it lacks VERSION_1 or
 * refuses the set.
 */
int
vtmmio_negotiate(struct vtmmio_dev *dev, uint64_t wanted)
{
	uint64_t offered, agreed;

	vtmmio_write(dev, VTMMIO_DEVICE_FEATURES_SEL, 0);
	offered = vtmmio_read(dev, VTMMIO_DEVICE_FEATURES);
	vtmmio_write(dev, VTMMIO_DEVICE_FEATURES_SEL, 1);
	offered |= (uint64_t)vtmmio_read(dev, VTMMIO_DEVICE_FEATURES) << 32;
	agreed = offered & (wanted | (1UL << VIRTIO_F_VERSION_1));
	if ((agreed & (1UL << VIRTIO_F_VERSION_1)) == 0) {
		printf("virtio: device at %#lx lacks VIRTIO_F_VERSION_1\n",
		    dev->vd_pa);
		vtmmio_fail(dev);
		return (ENXIO);
	}
	vtmmio_write(dev, VTMMIO_DRIVER_FEATURES_SEL, 0);
	vtmmio_write(dev, VTMMIO_DRIVER_FEATURES, (uint32_t)agreed);
	vtmmio_write(dev, VTMMIO_DRIVER_FEATURES_SEL, 1);
	vtmmio_write(dev, VTMMIO_DRIVER_FEATURES, (uint32_t)(agreed >> 32));
	vtmmio_write(dev, VTMMIO_STATUS,
	    vtmmio_read(dev, VTMMIO_STATUS) | VTMMIO_S_FEATURES_OK);
	if ((vtmmio_read(dev, VTMMIO_STATUS) & VTMMIO_S_FEATURES_OK) == 0) {
		printf("virtio: device at %#lx refused features %#lx\n",
		    dev->vd_pa, agreed);
		vtmmio_fail(dev);
		return (ENXIO);
	}
	dev->vd_features = agreed;
	return (0);
}

/* Tell the device the driver is ready: it may use its queues from now. */
void
vtmmio_driver_ok(struct vtmmio_dev *dev)
{
	vtmmio_write(dev, VTMMIO_STATUS,
	    vtmmio_read(dev, VTMMIO_STATUS) | VTMMIO_S_DRIVER_OK);
}

/* Give up on the device: it is left FAILED and never used. */
void
vtmmio_fail(struct vtmmio_dev *dev)
{
	vtmmio_write(dev, VTMMIO_STATUS,
	    vtmmio_read(dev, VTMMIO_STATUS) | VTMMIO_S_FAILED);
}

/* A 32-bit field of the device's configuration space at byte off. */
uint32_t
vtmmio_config_read32(struct vtmmio_dev *dev, u_int off)
{
	return (vtmmio_read(dev, VTMMIO_CONFIG + off));
}

/*
 * A 64-bit configuration field, read as two halves: the generation count
 * is read again after, and the read repeated if the device changed its
 * configuration in between (the spec's section 2.5.1).
 */
uint64_t
vtmmio_config_read64(struct vtmmio_dev *dev, u_int off)
{
	uint32_t gen, lo, hi;

	do {
		gen = vtmmio_read(dev, VTMMIO_CONFIG_GENERATION);
		lo = vtmmio_read(dev, VTMMIO_CONFIG + off);
		hi = vtmmio_read(dev, VTMMIO_CONFIG + off + 4);
	} while (gen != vtmmio_read(dev, VTMMIO_CONFIG_GENERATION));
	return ((uint64_t)hi << 32 | lo);
}

/*
 * Acknowledge the device's interrupt; returns the causes (bit 0: used
 * buffers, bit 1: configuration change).  The acknowledgement lowers the
 * interrupt line, so a used entry added after it interrupts again.
 */
uint32_t
vtmmio_intr_ack(struct vtmmio_dev *dev)
{
	uint32_t status;

	status = vtmmio_read(dev, VTMMIO_INTERRUPT_STATUS);
	if (status != 0)
		vtmmio_write(dev, VTMMIO_INTERRUPT_ACK, status);
	return (status);
}

/*
 * Set up queue index with as many entries as the device allows, at most
 * maxsize (a power of two): allocate its rings, give the device their
 * addresses and mark the queue ready.  0, ENXIO if the device has no such
 * queue, or ENOMEM.
 */
int
vtmmio_vq_init(struct vtmmio_dev *dev, struct virtqueue *vq, u_int index,
    u_int maxsize)
{
	struct vm_page *m;
	vm_paddr_t pa;
	u_int n, max;
	int order;

	vtmmio_write(dev, VTMMIO_QUEUE_SEL, index);
	if (vtmmio_read(dev, VTMMIO_QUEUE_READY) != 0)
		return (ENXIO);		/* reset leaves every queue unready */
	max = vtmmio_read(dev, VTMMIO_QUEUE_NUM_MAX);
	if (max == 0)
		return (ENXIO);
	for (n = maxsize; n > max; n >>= 1)
		;
	for (order = 0; ((size_t)PAGE_SIZE << order) < vq_ring_size(n);
	    order++)
		;
	m = vm_phys_alloc_pages(order);
	if (m == NULL)
		return (ENOMEM);
	pa = VM_PAGE_TO_PHYS(m);
	vq_setup(vq, index, n, vm_page_to_dmap(m), pa);
	vq->vq_dev = dev;

	vtmmio_write(dev, VTMMIO_QUEUE_NUM, n);
	vtmmio_write(dev, VTMMIO_QUEUE_DESC_LOW, (uint32_t)pa);
	vtmmio_write(dev, VTMMIO_QUEUE_DESC_HIGH, (uint32_t)(pa >> 32));
	pa = VM_PAGE_TO_PHYS(m) + vq_avail_offset(n);
	vtmmio_write(dev, VTMMIO_QUEUE_DRIVER_LOW, (uint32_t)pa);
	vtmmio_write(dev, VTMMIO_QUEUE_DRIVER_HIGH, (uint32_t)(pa >> 32));
	pa = VM_PAGE_TO_PHYS(m) + vq_used_offset(n);
	vtmmio_write(dev, VTMMIO_QUEUE_DEVICE_LOW, (uint32_t)pa);
	vtmmio_write(dev, VTMMIO_QUEUE_DEVICE_HIGH, (uint32_t)(pa >> 32));
	/* The zeroed rings must be visible before the device may look. */
	dsb(st);
	vtmmio_write(dev, VTMMIO_QUEUE_READY, 1);
	return (0);
}

/*
 * Tell the device the queue has new chains.  The store to the available
 * index is in normal memory and the notification a device register write:
 * the DSB completes the former before the latter is made, so the device
 * never acts on a notification before the index it announces.
 */
void
vtmmio_vq_notify(struct virtqueue *vq)
{
	dsb(st);
	vtmmio_write(vq->vq_dev, VTMMIO_QUEUE_NOTIFY, vq->vq_index);
}

/*
 * Look at one "virtio,mmio" node: map its registers, check it is a
 * modern virtio device with something behind it, reset it, acknowledge it
 * and hand it to its driver.  Empty slots (DeviceID 0) and device types
 * without a driver are left alone.
 */
static void
vtmmio_probe_node(const void *dtb, int node)
{
	struct vtmmio_dev probe, *dev;
	uint64_t addr, size;
	uint32_t version;

	if (!fdt_node_status_okay(dtb, node) ||
	    fdt_get_reg(dtb, node, 0, &addr, &size) != 0 ||
	    size < VTMMIO_REGS_SIZE)
		return;
	memset(&probe, 0, sizeof(probe));
	probe.vd_pa = addr;
	probe.vd_regs = pmap_mapdev(addr, VTMMIO_REGS_SIZE);
	if (vtmmio_read(&probe, VTMMIO_MAGIC) != VTMMIO_MAGIC_VALUE)
		return;
	probe.vd_devid = vtmmio_read(&probe, VTMMIO_DEVICE_ID);
	if (probe.vd_devid != VIRTIO_ID_BLOCK)
		return;
	version = vtmmio_read(&probe, VTMMIO_VERSION);
	if (version != 2) {
		printf("virtio: device %u at %#lx is legacy (version %u); only "
		    "virtio 1.x (version 2) is supported\n", probe.vd_devid,
		    addr, version);
		return;
	}
	probe.vd_irq = intr_dt_irq(dtb, node, 0);
	if (probe.vd_irq == 0) {
		printf("virtio: device at %#lx has no interrupt\n", addr);
		return;
	}
	dev = kmalloc(sizeof(*dev), M_WAITOK | M_ZERO);
	if (dev == NULL)
		return;
	*dev = probe;
	vtmmio_write(dev, VTMMIO_STATUS, 0);		/* reset */
	vtmmio_write(dev, VTMMIO_STATUS, VTMMIO_S_ACKNOWLEDGE);
	vtmmio_write(dev, VTMMIO_STATUS,
	    VTMMIO_S_ACKNOWLEDGE | VTMMIO_S_DRIVER);
	vtblk_attach(dev);
}

/*
 * Find every virtio-mmio device in the device tree and attach the ones
 * TagOS drives, in device-tree order.
 */
void
virtio_mmio_probe(const void *dtb)
{
	int node;

	for (node = fdt_find_compatible(dtb, -1, "virtio,mmio"); node >= 0;
	    node = fdt_find_compatible(dtb, node, "virtio,mmio"))
		vtmmio_probe_node(dtb, node);
}
