using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Pages.Calendar;

public sealed class IndexModel(AppDbContext db, WorkingDayService service, CurrentUser me, TimeProvider clock) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "days")] public int? Days_ { get; set; }
    [BindProperty] public SetInput Input { get; set; } = new();
    public List<CalendarDay> Days { get; private set; } = [];
    public bool ArrangementKnown { get; private set; }
    public DateOnly? Due { get; private set; }
    public bool DueArrangementKnown { get; private set; } = true;
    public bool IsAdmin => me.IsInRole(Roles.Admin);

    public sealed class SetInput
    {
        public DateOnly? Date { get; set; }
        public CalendarDayKind? Kind { get; set; }
        public string? Name { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (From is { } from && Days_ is { } n and >= 0 and <= 3650)
        {
            var calendar = await service.CalendarAsync(ct);
            Due = calendar.AddWorkingDays(from, n);
            DueArrangementKnown = calendar.HasArrangementFor(from.Year) && calendar.HasArrangementFor(Due.Value.Year);
        }
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(CivilAffairs.Web.Kernel.Excel.ExcelFile.Write(Days, ("日期", d => d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("星期", d => WeekdayName(d.Date)), ("类型", d => d.Kind == CalendarDayKind.Holiday ? "放假" : "调休上班"), ("名称", d => d.Name)),
            CivilAffairs.Web.Kernel.Excel.ExcelFile.ContentType, $"工作日历-{Year}.xlsx");
    }

    public async Task<IActionResult> OnPostSetAsync(CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        if (Input.Date is null) ModelState.AddModelError("Input.Date", "请选择日期");
        else if (await TryAsync(() => service.SetDayAsync(Input.Date.Value, Input.Kind ?? CalendarDayKind.Holiday, Input.Name, ct)))
        {
            TempData["Message"] = "已保存";
            return RedirectToPage(new { year = Input.Date.Value.Year });
        }
        Year = Input.Date?.Year ?? 0;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(DateOnly date, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid();
        await service.SetDayAsync(date, null, null, ct);
        TempData["Message"] = "已删除";
        return RedirectToPage(new { year = date.Year });
    }

    public string WeekdayName(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Monday => "周一", DayOfWeek.Tuesday => "周二", DayOfWeek.Wednesday => "周三", DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五", DayOfWeek.Saturday => "周六", _ => "周日",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Year is < 2000 or > 2100) Year = clock.GetLocalNow().Year;
        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
        ArrangementKnown = Days.Count > 0;
    }
}
