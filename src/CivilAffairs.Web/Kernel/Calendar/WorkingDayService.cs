using CivilAffairs.Web.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Calendar;

/// <summary>Builds the working-day calendar from the administrator-edited table (per request; the table is small).</summary>
public sealed class WorkingDayService(AppDbContext db)
{
    private WorkingDayCalendar? _calendar;

    public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken ct = default) =>
        _calendar ??= new WorkingDayCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(ct));

    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly start, int days, CancellationToken ct = default) =>
        (await CalendarAsync(ct)).AddWorkingDays(start, days);

    /// <summary>Adds or replaces one day of the arrangement (administrators).</summary>
    public async Task SetDayAsync(DateOnly date, CalendarDayKind? kind, string? name, CancellationToken ct = default)
    {
        var v = new Validator();
        var n = v.Text("Name", "名称", name, 50, required: kind is not null);
        if (kind is { } k && !Enum.IsDefined(k)) v.Add("Kind", "类型不正确");
        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            v.Add("Date", "调休上班日应为周六或周日");
        v.ThrowIfInvalid();
        var existing = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct);
        if (kind is null)
        {
            if (existing is not null) db.CalendarDays.Remove(existing);
        }
        else if (existing is null)
        {
            db.CalendarDays.Add(new CalendarDay { Date = date, Kind = kind.Value, Name = n! });
        }
        else
        {
            existing.Kind = kind.Value;
            existing.Name = n!;
        }
        await db.SaveChangesAsync(ct);
        _calendar = null;
    }
}
