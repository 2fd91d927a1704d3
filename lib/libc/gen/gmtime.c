/*
 * Broken-down time, UTC only (TagOS has no time zones: localtime is
 * gmtime, and the zone is "UTC"): gmtime, localtime, timegm, mktime,
 * asctime, ctime, difftime.  The calendar is the proleptic Gregorian one.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define	SECS_PER_DAY	86400L

static const char utc_zone[] = "UTC";

/* Days from 1970-01-01 to year-month-day (month 1..12), any year. */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	/* Count from March, so the leap day ends a 400-year era's year. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* Break t down into *tm as UTC.  Returns tm. */
struct tm *
gmtime_r(const time_t *timep, struct tm *tm)
{
	long t = *timep, days, secs, era, doe, yoe, y, doy, mp;

	days = t / SECS_PER_DAY;
	secs = t % SECS_PER_DAY;
	if (secs < 0) {
		secs += SECS_PER_DAY;
		days--;
	}
	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
	/* 1970-01-01 was a Thursday. */
	tm->tm_wday = (int)((days % 7 + 11) % 7);
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	y += tm->tm_mon <= 1;
	tm->tm_year = (int)(y - 1900);
	tm->tm_yday = (int)(days_from_civil(y, tm->tm_mon + 1, tm->tm_mday) -
	    days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = (char *)(uintptr_t)utc_zone;
	return (tm);
}

/* gmtime_r into a static struct tm that the next call overwrites. */
struct tm *
gmtime(const time_t *timep)
{
	static struct tm tm;

	return (gmtime_r(timep, &tm));
}

/* The local zone is UTC. */
struct tm *
localtime_r(const time_t *timep, struct tm *tm)
{
	return (gmtime_r(timep, tm));
}

/* The local zone is UTC. */
struct tm *
localtime(const time_t *timep)
{
	return (gmtime(timep));
}

/* There is no zone to load. */
void
tzset(void)
{
}

/*
 * The time_t of *tm read as UTC; fields out of range are carried into the
 * next (61 seconds is a minute and a second) and *tm is rewritten in
 * normal form, as FreeBSD's timegm does.
 */
time_t
timegm(struct tm *tm)
{
	long mon = tm->tm_mon, y = tm->tm_year + 1900L;
	time_t t;

	y += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		y--;
	}
	t = (days_from_civil(y, (int)mon + 1, 1) + tm->tm_mday - 1) *
	    SECS_PER_DAY + tm->tm_hour * 3600L + tm->tm_min * 60L +
	    tm->tm_sec;
	gmtime_r(&t, tm);
	return (t);
}

/* The local zone is UTC. */
time_t
mktime(struct tm *tm)
{
	return (timegm(tm));
}

/* time1 - time0 in seconds. */
double
difftime(time_t time1, time_t time0)
{
	return ((double)(time1 - time0));
}

/*
 * "Thu Jan  1 00:00:00 1970\n" into buf (26 bytes), as asctime_r.
 * Returns buf.
 */
char *
asctime_r(const struct tm *tm, char *buf)
{
	static const char wday[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char mon[][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
	    tm->tm_wday >= 0 && tm->tm_wday < 7 ? wday[tm->tm_wday] : "???",
	    tm->tm_mon >= 0 && tm->tm_mon < 12 ? mon[tm->tm_mon] : "???",
	    tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
	    tm->tm_year + 1900);
	return (buf);
}

/* asctime_r into a static buffer. */
char *
asctime(const struct tm *tm)
{
	static char buf[26];

	return (asctime_r(tm, buf));
}

/* asctime_r of localtime (UTC). */
char *
ctime_r(const time_t *timep, char *buf)
{
	struct tm tm;

	return (asctime_r(localtime_r(timep, &tm), buf));
}

/* ctime_r into a static buffer. */
char *
ctime(const time_t *timep)
{
	static char buf[26];

	return (ctime_r(timep, buf));
}
