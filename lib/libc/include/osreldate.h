/* The FreeBSD release of the ABI: the kernel's sys/sys/osreldate.h is the one copy. */
#include "../../../sys/sys/osreldate.h"
