using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Pages.Jobs;

public sealed class IndexModel(JobQueue queue, AppDbContext db) : AppPageModel
{
    public List<BackgroundJob> Jobs { get; private set; } = [];
    public HashSet<Guid> HasOutput { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public Guid? Highlight { get; set; }
    public bool AnyRunning => Jobs.Any(j => !j.IsFinished);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>htmx polling: the table alone, refreshed every 2 s while a job runs.</summary>
    public async Task<IActionResult> OnGetListAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_JobList", this);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(CivilAffairs.Web.Kernel.Excel.ExcelFile.Write(Jobs, ("任务", j => j.Title), ("提交人", j => j.CreatedByUserName),
            ("提交时间（北京时间）", j => CivilAffairs.Web.Kernel.Auditing.AuditExport.LocalTime(j.CreatedAt)), ("状态", j => StatusName(j.Status)),
            ("进度 %", j => j.Percent), ("结果", j => j.Summary ?? j.Error)), CivilAffairs.Web.Kernel.Excel.ExcelFile.ContentType, "后台任务.xlsx");
    }

    public async Task<IActionResult> OnGetResultAsync(Guid id, CancellationToken ct)
    {
        var file = await queue.OutputAsync(id, ct);
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (await TryAsync(() => queue.CancelAsync(id, ct))) TempData["Message"] = "已请求取消";
        else TempData["Error"] = string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Jobs = await queue.Visible().OrderByDescending(j => j.CreatedAt).Take(100).ToListAsync(ct);
        var ids = Jobs.Select(j => j.Id).ToList();
        HasOutput = (await db.JobFiles.Where(f => ids.Contains(f.JobId) && f.Role == JobFiles.Output).Select(f => f.JobId).ToListAsync(ct)).ToHashSet();
    }

    public static string StatusName(JobStatus s) => s switch
    {
        JobStatus.Queued => "排队中",
        JobStatus.Running => "运行中",
        JobStatus.Succeeded => "已完成",
        JobStatus.Failed => "失败",
        _ => "已取消",
    };
}
