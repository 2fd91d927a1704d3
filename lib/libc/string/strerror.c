/* Error messages: strerror(3) and strerror_r(3), FreeBSD's texts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[ELAST + 1] = {
	[0] =			"No error: 0",
	[EPERM] =		"Operation not permitted",
	[ENOENT] =		"No such file or directory",
	[ESRCH] =		"No such process",
	[EINTR] =		"Interrupted system call",
	[EIO] =			"Input/output error",
	[ENXIO] =		"Device not configured",
	[E2BIG] =		"Argument list too long",
	[ENOEXEC] =		"Exec format error",
	[EBADF] =		"Bad file descriptor",
	[ECHILD] =		"No child processes",
	[EDEADLK] =		"Resource deadlock avoided",
	[ENOMEM] =		"Cannot allocate memory",
	[EACCES] =		"Permission denied",
	[EFAULT] =		"Bad address",
	[ENOTBLK] =		"Block device required",
	[EBUSY] =		"Device busy",
	[EEXIST] =		"File exists",
	[EXDEV] =		"Cross-device link",
	[ENODEV] =		"Operation not supported by device",
	[ENOTDIR] =		"Not a directory",
	[EISDIR] =		"Is a directory",
	[EINVAL] =		"Invalid argument",
	[ENFILE] =		"Too many open files in system",
	[EMFILE] =		"Too many open files",
	[ENOTTY] =		"Inappropriate ioctl for device",
	[ETXTBSY] =		"Text file busy",
	[EFBIG] =		"File too large",
	[ENOSPC] =		"No space left on device",
	[ESPIPE] =		"Illegal seek",
	[EROFS] =		"Read-only file system",
	[EMLINK] =		"Too many links",
	[EPIPE] =		"Broken pipe",
	[EDOM] =		"Numerical argument out of domain",
	[ERANGE] =		"Result too large",
	[EAGAIN] =		"Resource temporarily unavailable",
	[EINPROGRESS] =		"Operation now in progress",
	[EALREADY] =		"Operation already in progress",
	[ENOTSOCK] =		"Socket operation on non-socket",
	[EDESTADDRREQ] =	"Destination address required",
	[EMSGSIZE] =		"Message too long",
	[EPROTOTYPE] =		"Protocol wrong type for socket",
	[ENOPROTOOPT] =		"Protocol not available",
	[EPROTONOSUPPORT] =	"Protocol not supported",
	[ESOCKTNOSUPPORT] =	"Socket type not supported",
	[EOPNOTSUPP] =		"Operation not supported",
	[EPFNOSUPPORT] =	"Protocol family not supported",
	[EAFNOSUPPORT] =	"Address family not supported by protocol family",
	[EADDRINUSE] =		"Address already in use",
	[EADDRNOTAVAIL] =	"Can't assign requested address",
	[ENETDOWN] =		"Network is down",
	[ENETUNREACH] =		"Network is unreachable",
	[ENETRESET] =		"Network dropped connection on reset",
	[ECONNABORTED] =	"Software caused connection abort",
	[ECONNRESET] =		"Connection reset by peer",
	[ENOBUFS] =		"No buffer space available",
	[EISCONN] =		"Socket is already connected",
	[ENOTCONN] =		"Socket is not connected",
	[ESHUTDOWN] =		"Can't send after socket shutdown",
	[ETOOMANYREFS] =	"Too many references: can't splice",
	[ETIMEDOUT] =		"Operation timed out",
	[ECONNREFUSED] =	"Connection refused",
	[ELOOP] =		"Too many levels of symbolic links",
	[ENAMETOOLONG] =	"File name too long",
	[EHOSTDOWN] =		"Host is down",
	[EHOSTUNREACH] =	"No route to host",
	[ENOTEMPTY] =		"Directory not empty",
	[EPROCLIM] =		"Too many processes",
	[EUSERS] =		"Too many users",
	[EDQUOT] =		"Disc quota exceeded",
	[ESTALE] =		"Stale NFS file handle",
	[EREMOTE] =		"Too many levels of remote in path",
	[EBADRPC] =		"RPC struct is bad",
	[ERPCMISMATCH] =	"RPC version wrong",
	[EPROGUNAVAIL] =	"RPC prog. not avail",
	[EPROGMISMATCH] =	"Program version wrong",
	[EPROCUNAVAIL] =	"Bad procedure for program",
	[ENOLCK] =		"No locks available",
	[ENOSYS] =		"Function not implemented",
	[EFTYPE] =		"Inappropriate file type or format",
	[EAUTH] =		"Authentication error",
	[ENEEDAUTH] =		"Need authenticator",
	[EIDRM] =		"Identifier removed",
	[ENOMSG] =		"No message of desired type",
	[EOVERFLOW] =		"Value too large to be stored in data type",
	[ECANCELED] =		"Operation canceled",
	[EILSEQ] =		"Illegal byte sequence",
	[ENOATTR] =		"Attribute not found",
	[EDOOFUS] =		"Programming error",
	[EBADMSG] =		"Bad message",
	[EMULTIHOP] =		"Multihop attempted",
	[ENOLINK] =		"Link has been severed",
	[EPROTO] =		"Protocol error",
	[ENOTCAPABLE] =		"Capabilities insufficient",
	[ECAPMODE] =		"Not permitted in capability mode",
	[ENOTRECOVERABLE] =	"State not recoverable",
	[EOWNERDEAD] =		"Previous owner died",
	[EINTEGRITY] =		"Integrity check failed",
};

/*
 * The message for errnum into buf (size bytes, cut to fit).  Returns 0,
 * or EINVAL (after writing "Unknown error: N") for no such error, or
 * ERANGE if the message was cut.
 */
int
strerror_r(int errnum, char *buf, size_t size)
{

	if (errnum < 0 || errnum > ELAST) {
		snprintf(buf, size, "Unknown error: %d", errnum);
		return (EINVAL);
	}
	return (strlcpy(buf, messages[errnum], size) >= size ? ERANGE : 0);
}

/*
 * The message for errnum.  Known errors give a constant string; unknown
 * ones are formatted into a static buffer, so only those are not
 * thread-safe.
 */
char *
strerror(int errnum)
{
	static char unknown[32];

	if (errnum >= 0 && errnum <= ELAST)
		return ((char *)messages[errnum]);
	snprintf(unknown, sizeof(unknown), "Unknown error: %d", errnum);
	return (unknown);
}
