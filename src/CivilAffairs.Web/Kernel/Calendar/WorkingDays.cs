using CivilAffairs.Web.Kernel.Auditing;

namespace CivilAffairs.Web.Kernel.Calendar;

public enum CalendarDayKind
{
    /// <summary>A public holiday (day off), including weekdays off.</summary>
    Holiday = 1,
    /// <summary>A weekend day worked in exchange (调休上班).</summary>
    MakeUpWorkday = 2,
}

/// <summary>An entry of the State Council's yearly holiday arrangement, edited by administrators.</summary>
public sealed class CalendarDay : IAudited
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
    string IAudited.AuditDivisionCode => "";
}

/// <summary>
/// Working-day arithmetic: weekends are off, listed holidays are off, listed make-up workdays are worked.
/// Pure and immutable; <see cref="WorkingDayService"/> builds it from the table.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _days;
    private readonly HashSet<int> _yearsWithArrangement;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        _days = days.ToDictionary(d => d.Date, d => d.Kind);
        _yearsWithArrangement = _days.Keys.Select(d => d.Year).ToHashSet();
    }

    /// <summary>True when the State Council arrangement for the year has been entered.</summary>
    public bool HasArrangementFor(int year) => _yearsWithArrangement.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_days.TryGetValue(date, out var kind)) return kind == CalendarDayKind.MakeUpWorkday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var left = workingDays;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>Working days in (from, to]: how many working days have passed since <paramref name="from"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }
}
