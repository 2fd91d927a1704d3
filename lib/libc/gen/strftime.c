/*
 * strftime(3): FreeBSD's conversions in the C/POSIX locale, UTC only
 * (%Z is "UTC", %z "+0000").  E and O modifiers are accepted and ignored.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const weekday_names[] = { "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

/* The output so far: buf[0..len) of size bytes; overflow remembered. */
struct strftime_out {
	char	*buf;
	size_t	size;
	size_t	len;
	int	full;
};

static void
out_str(struct strftime_out *o, const char *s)
{
	for (; *s != '\0'; s++) {
		if (o->len + 1 >= o->size) {
			o->full = 1;
			return;
		}
		o->buf[o->len++] = *s;
	}
}

/* n in at least width digits, padded with pad ('0' or ' '). */
static void
out_num(struct strftime_out *o, long n, int width, char pad)
{
	char tmp[24], fmt[8];

	snprintf(fmt, sizeof(fmt), pad == '0' ? "%%0%dld" : "%%%dld", width);
	snprintf(tmp, sizeof(tmp), fmt, n);
	out_str(o, tmp);
}

static int
is_leap(long y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

/*
 * The ISO 8601 week-based year and week (1..53) of tm: weeks start on
 * Monday and week 1 holds the year's first Thursday.
 */
static void
iso_week(const struct tm *tm, long *yearp, int *weekp)
{
	long year = tm->tm_year + 1900L;
	int wday = (tm->tm_wday + 6) % 7;	/* Monday 0 */
	int yday = tm->tm_yday, week, days;

	week = (yday - wday + 10) / 7;
	if (week < 1) {
		year--;
		days = 365 + is_leap(year);
		week = (yday + days - wday + 10) / 7;
	} else {
		days = 365 + is_leap(year);
		if (week == 53 && yday - wday + 3 >= days) {
			week = 1;
			year++;
		}
	}
	*yearp = year;
	*weekp = week;
}

/* Expand fmt into o (recursively for the composite conversions). */
static void
expand(struct strftime_out *o, const char *fmt, const struct tm *tm)
{
	char c;
	long y;
	int w, hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
	time_t t;
	struct tm copy;

	for (; *fmt != '\0' && !o->full; fmt++) {
		if (*fmt != '%') {
			char one[2] = { *fmt, '\0' };

			out_str(o, one);
			continue;
		}
		c = *++fmt;
		if (c == 'E' || c == 'O')
			c = *++fmt;
		switch (c) {
		case '\0':
			return;
		case 'a':
			if (tm->tm_wday >= 0 && tm->tm_wday < 7) {
				char a[4];

				snprintf(a, sizeof(a), "%.3s",
				    weekday_names[tm->tm_wday]);
				out_str(o, a);
			} else
				out_str(o, "?");
			break;
		case 'A':
			out_str(o, tm->tm_wday >= 0 && tm->tm_wday < 7 ?
			    weekday_names[tm->tm_wday] : "?");
			break;
		case 'b': case 'h':
			if (tm->tm_mon >= 0 && tm->tm_mon < 12) {
				char b[4];

				snprintf(b, sizeof(b), "%.3s",
				    month_names[tm->tm_mon]);
				out_str(o, b);
			} else
				out_str(o, "?");
			break;
		case 'B':
			out_str(o, tm->tm_mon >= 0 && tm->tm_mon < 12 ?
			    month_names[tm->tm_mon] : "?");
			break;
		case 'c':
			expand(o, "%a %b %e %H:%M:%S %Y", tm);
			break;
		case 'C':
			out_num(o, (tm->tm_year + 1900L) / 100, 2, '0');
			break;
		case 'd':
			out_num(o, tm->tm_mday, 2, '0');
			break;
		case 'D':
			expand(o, "%m/%d/%y", tm);
			break;
		case 'e':
			out_num(o, tm->tm_mday, 2, ' ');
			break;
		case 'F':
			expand(o, "%Y-%m-%d", tm);
			break;
		case 'g':
			iso_week(tm, &y, &w);
			out_num(o, y % 100, 2, '0');
			break;
		case 'G':
			iso_week(tm, &y, &w);
			out_num(o, y, 1, '0');
			break;
		case 'H':
			out_num(o, tm->tm_hour, 2, '0');
			break;
		case 'I':
			out_num(o, hour12, 2, '0');
			break;
		case 'j':
			out_num(o, tm->tm_yday + 1, 3, '0');
			break;
		case 'k':
			out_num(o, tm->tm_hour, 2, ' ');
			break;
		case 'l':
			out_num(o, hour12, 2, ' ');
			break;
		case 'm':
			out_num(o, tm->tm_mon + 1, 2, '0');
			break;
		case 'M':
			out_num(o, tm->tm_min, 2, '0');
			break;
		case 'n':
			out_str(o, "\n");
			break;
		case 'p':
			out_str(o, tm->tm_hour < 12 ? "AM" : "PM");
			break;
		case 'r':
			expand(o, "%I:%M:%S %p", tm);
			break;
		case 'R':
			expand(o, "%H:%M", tm);
			break;
		case 's':
			copy = *tm;
			t = timegm(&copy);
			out_num(o, (long)t, 1, '0');
			break;
		case 'S':
			out_num(o, tm->tm_sec, 2, '0');
			break;
		case 't':
			out_str(o, "\t");
			break;
		case 'T': case 'X':
			expand(o, "%H:%M:%S", tm);
			break;
		case 'u':
			out_num(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0');
			break;
		case 'U':
			out_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0');
			break;
		case 'V':
			iso_week(tm, &y, &w);
			out_num(o, w, 2, '0');
			break;
		case 'w':
			out_num(o, tm->tm_wday, 1, '0');
			break;
		case 'W':
			w = (tm->tm_wday + 6) % 7;	/* Monday 0 */
			out_num(o, (tm->tm_yday + 7 - w) / 7, 2, '0');
			break;
		case 'x':
			expand(o, "%m/%d/%y", tm);
			break;
		case 'y':
			out_num(o, ((tm->tm_year + 1900L) % 100 + 100) % 100, 2,
			    '0');
			break;
		case 'Y':
			out_num(o, tm->tm_year + 1900L, 1, '0');
			break;
		case 'z':
			out_str(o, "+0000");
			break;
		case 'Z':
			out_str(o, "UTC");
			break;
		case '+':
			expand(o, "%a %b %e %H:%M:%S %Z %Y", tm);
			break;
		case '%':
			out_str(o, "%");
			break;
		default:		/* unknown: copied as it is */
			{
				char bad[3] = { '%', c, '\0' };

				out_str(o, bad);
			}
			break;
		}
	}
}

/*
 * Format tm per fmt into buf (maxsize bytes with the NUL).  Returns the
 * length without the NUL, or 0 (buf's contents unspecified) if it did not
 * fit.
 */
size_t
strftime(char * __restrict buf, size_t maxsize, const char * __restrict fmt,
    const struct tm * __restrict tm)
{
	struct strftime_out o = { buf, maxsize, 0, 0 };

	if (maxsize == 0)
		return (0);
	expand(&o, fmt, tm);
	if (o.full)
		return (0);
	buf[o.len] = '\0';
	return (o.len);
}
