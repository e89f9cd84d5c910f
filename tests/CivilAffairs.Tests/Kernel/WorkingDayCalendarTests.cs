using CivilAffairs.Web.Kernel.Calendar;

namespace CivilAffairs.Tests.Kernel;

public sealed class WorkingDayCalendarTests
{
    /// <summary>The 2026 Spring Festival arrangement: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked.</summary>
    private static WorkingDayCalendar SpringFestival2026()
    {
        var days = new List<CalendarDay>();
        for (var d = new DateOnly(2026, 2, 15); d <= new DateOnly(2026, 2, 23); d = d.AddDays(1))
            days.Add(new CalendarDay { Date = d, Kind = CalendarDayKind.Holiday, Name = "春节" });
        days.Add(new CalendarDay { Date = new DateOnly(2026, 2, 14), Kind = CalendarDayKind.MakeUpWorkday, Name = "春节调休上班" });
        days.Add(new CalendarDay { Date = new DateOnly(2026, 2, 28), Kind = CalendarDayKind.MakeUpWorkday, Name = "春节调休上班" });
        return new WorkingDayCalendar(days);
    }

    [Fact]
    public void Weekends_are_off_without_an_arrangement()
    {
        var cal = new WorkingDayCalendar([]);
        // Friday 2027-03-05 + 1 working day = Monday 2027-03-08.
        Assert.Equal(new DateOnly(2027, 3, 8), cal.AddWorkingDays(new DateOnly(2027, 3, 5), 1));
        Assert.False(cal.HasArrangementFor(2027));
    }

    [Fact]
    public void A_make_up_Saturday_counts_and_the_holiday_does_not()
    {
        var cal = SpringFestival2026();
        Assert.True(cal.IsWorkingDay(new DateOnly(2026, 2, 14)));   // Saturday worked
        Assert.False(cal.IsWorkingDay(new DateOnly(2026, 2, 16)));  // Monday off
        // Friday 2026-02-13: +1 = Saturday 02-14 (make-up workday); +2 = Tuesday 02-24 (after the nine days off).
        Assert.Equal(new DateOnly(2026, 2, 14), cal.AddWorkingDays(new DateOnly(2026, 2, 13), 1));
        Assert.Equal(new DateOnly(2026, 2, 24), cal.AddWorkingDays(new DateOnly(2026, 2, 13), 2));
    }

    [Fact]
    public void Three_working_days_across_the_festival()
    {
        var cal = SpringFestival2026();
        // Thursday 2026-02-12 + 3: Fri 13, Sat 14 (make-up), Tue 24.
        Assert.Equal(new DateOnly(2026, 2, 24), cal.AddWorkingDays(new DateOnly(2026, 2, 12), 3));
        // 10 working days from 02-24: 25,26,27, Sat 28 (make-up), Mar 2,3,4,5,6,9.
        Assert.Equal(new DateOnly(2026, 3, 9), cal.AddWorkingDays(new DateOnly(2026, 2, 24), 10));
        Assert.Equal(10, cal.WorkingDaysBetween(new DateOnly(2026, 2, 24), new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void Zero_days_is_the_start_date_and_negative_is_refused()
    {
        var cal = SpringFestival2026();
        Assert.Equal(new DateOnly(2026, 2, 16), cal.AddWorkingDays(new DateOnly(2026, 2, 16), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cal.AddWorkingDays(new DateOnly(2026, 2, 16), -1));
    }
}
