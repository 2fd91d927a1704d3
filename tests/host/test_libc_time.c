/*
 * Host tests of lib/libc's broken-down time (gmtime, timegm, asctime,
 * ctime) and strftime, renamed tagos_* by libc_rename.h, checked against
 * known dates and against the host's own gmtime over a range of times.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hosttest.h"

#undef gmtime_r
struct tm *gmtime_r(const time_t *, struct tm *);	/* the host's */
#define	tagos_gmtime_r_name	tagos_gmtime_r
struct tm *tagos_gmtime_r(const time_t *, struct tm *);

/* strftime of t (UTC) with fmt must give want. */
#define	CHECK_FMT(t, fmt, want) do {					\
	char ck_buf[128];						\
	time_t ck_t = (t);						\
	struct tm ck_tm;						\
									\
	tagos_gmtime_r(&ck_t, &ck_tm);					\
	HT_ASSERT_EQ(strftime(ck_buf, sizeof(ck_buf), (fmt), &ck_tm),	\
	    strlen(want));						\
	if (strcmp(ck_buf, (want)) != 0) {				\
		printf("  strftime(%s) of %lld: got \"%s\", want \"%s\"\n", \
		    (fmt), (long long)ck_t, ck_buf, (want));		\
		HT_ASSERT(0);						\
	}								\
} while (0)

HT_TEST(gmtime_known_dates)
{
	struct tm tm;
	time_t t = 0;

	tagos_gmtime_r(&t, &tm);
	HT_ASSERT_EQ(tm.tm_year, 70);
	HT_ASSERT_EQ(tm.tm_mon, 0);
	HT_ASSERT_EQ(tm.tm_mday, 1);
	HT_ASSERT_EQ(tm.tm_wday, 4);		/* a Thursday */
	HT_ASSERT_EQ(tm.tm_yday, 0);
	t = 951782400;				/* 2000-02-29 00:00:00 */
	tagos_gmtime_r(&t, &tm);
	HT_ASSERT_EQ(tm.tm_year, 100);
	HT_ASSERT_EQ(tm.tm_mon, 1);
	HT_ASSERT_EQ(tm.tm_mday, 29);
	HT_ASSERT_EQ(tm.tm_yday, 59);
	t = -1;					/* 1969-12-31 23:59:59 */
	tagos_gmtime_r(&t, &tm);
	HT_ASSERT_EQ(tm.tm_year, 69);
	HT_ASSERT_EQ(tm.tm_mday, 31);
	HT_ASSERT_EQ(tm.tm_hour, 23);
	HT_ASSERT_EQ(tm.tm_sec, 59);
	HT_ASSERT_EQ(tm.tm_wday, 3);
}

HT_TEST(gmtime_and_timegm_agree_with_host)
{
	struct tm mine, host;
	time_t t, back;

	for (t = -5000000000LL; t < 5000000000LL; t += 7777777) {
		tagos_gmtime_r(&t, &mine);
		gmtime_r(&t, &host);
		HT_ASSERT_EQ(mine.tm_year, host.tm_year);
		HT_ASSERT_EQ(mine.tm_mon, host.tm_mon);
		HT_ASSERT_EQ(mine.tm_mday, host.tm_mday);
		HT_ASSERT_EQ(mine.tm_hour, host.tm_hour);
		HT_ASSERT_EQ(mine.tm_min, host.tm_min);
		HT_ASSERT_EQ(mine.tm_sec, host.tm_sec);
		HT_ASSERT_EQ(mine.tm_wday, host.tm_wday);
		HT_ASSERT_EQ(mine.tm_yday, host.tm_yday);
		back = timegm(&mine);
		HT_ASSERT_EQ(back, t);
	}
}

HT_TEST(timegm_normalises)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 99;
	tm.tm_mon = 11;
	tm.tm_mday = 31;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 60;			/* one past: 2000-01-01 00:00:00 */
	HT_ASSERT_EQ(timegm(&tm), 946684800);
	HT_ASSERT_EQ(tm.tm_year, 100);
	HT_ASSERT_EQ(tm.tm_mon, 0);
	HT_ASSERT_EQ(tm.tm_mday, 1);
	HT_ASSERT_EQ(tm.tm_sec, 0);
	tm.tm_mon = -1;			/* December of the year before */
	tm.tm_mday = 1;
	HT_ASSERT_EQ(timegm(&tm), 946684800 - 31 * 86400);
}

HT_TEST(asctime_and_ctime)
{
	char buf[26];
	time_t t = 0;

	HT_ASSERT(strcmp(ctime_r(&t, buf), "Thu Jan  1 00:00:00 1970\n") == 0);
	t = 1234567890;
	HT_ASSERT(strcmp(ctime(&t), "Fri Feb 13 23:31:30 2009\n") == 0);
	HT_ASSERT(strcmp(asctime(gmtime(&t)), "Fri Feb 13 23:31:30 2009\n") ==
	    0);
	HT_ASSERT(localtime(&t)->tm_gmtoff == 0);
}

HT_TEST(strftime_conversions)
{
	time_t t = 1234567890;		/* Fri 2009-02-13 23:31:30 UTC */

	CHECK_FMT(t, "%Y-%m-%d %H:%M:%S", "2009-02-13 23:31:30");
	CHECK_FMT(t, "%F %T", "2009-02-13 23:31:30");
	CHECK_FMT(t, "%a %A %b %B %h", "Fri Friday Feb February Feb");
	CHECK_FMT(t, "%c", "Fri Feb 13 23:31:30 2009");
	CHECK_FMT(t, "%C %y %D %e %j", "20 09 02/13/09 13 044");
	CHECK_FMT(t, "%I %l %p %r %R", "11 11 PM 11:31:30 PM 23:31");
	CHECK_FMT(t, "%u %w %U %W %V %G %g", "5 5 06 06 07 2009 09");
	CHECK_FMT(t, "%s", "1234567890");
	CHECK_FMT(t, "%z %Z %%%n%t", "+0000 UTC %\n\t");
	CHECK_FMT(t, "%Ey %Od", "09 13");
	CHECK_FMT(0, "%+", "Thu Jan  1 00:00:00 UTC 1970");
	/* ISO weeks at year ends: 2008-12-29 is in week 1 of 2009, and
	   2010-01-03 in week 53 of 2009. */
	CHECK_FMT(1230508800, "%G-W%V-%u", "2009-W01-1");
	CHECK_FMT(1262476800, "%G-W%V-%u", "2009-W53-7");
	CHECK_FMT(1262476800, "%U %W", "01 00");
}

HT_TEST(strftime_too_small)
{
	struct tm tm;
	time_t t = 0;
	char buf[8];

	tagos_gmtime_r(&t, &tm);
	HT_ASSERT_EQ(strftime(buf, sizeof(buf), "%Y-%m-%d", &tm), 0);
	HT_ASSERT_EQ(strftime(buf, 0, "x", &tm), 0);
	HT_ASSERT_EQ(strftime(buf, sizeof(buf), "%Y-%m", &tm), 7);
	HT_ASSERT(strcmp(buf, "1970-01") == 0);
	HT_ASSERT_EQ(strftime(buf, sizeof(buf), "", &tm), 0);
}
