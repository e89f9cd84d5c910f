using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Pages.Admin;

public sealed class DivisionsModel(AppDbContext db, ManageDivisions manage) : AppPageModel
{
    public List<AdministrativeDivision> Divisions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? code, string? name, bool codeConfirmed, string? note, CancellationToken ct) =>
        await DoAsync(async () => { var d = await manage.AddAsync(code, name, codeConfirmed, note, ct); return $"已新增 {d.Name}"; }, ct);

    public async Task<IActionResult> OnPostRenameAsync(string code, string? name, bool codeConfirmed, string? note, int version, CancellationToken ct) =>
        await DoAsync(async () => { var d = await manage.RenameAsync(code, name, codeConfirmed, note, version, ct); return $"已保存 {d.Name}"; }, ct);

    public async Task<IActionResult> OnPostCodeAsync(string code, string? newCode, CancellationToken ct) =>
        await DoAsync(async () => { var moved = await manage.ChangeCodeAsync(code, newCode, ct); return $"已将 {code} 更正为 {newCode}，更新居民 {moved} 人"; }, ct);

    public async Task<IActionResult> OnPostRetireAsync(string code, string? successorCode, CancellationToken ct) =>
        await DoAsync(async () => { var moved = await manage.RetireAsync(code, successorCode, ct); return $"已撤销 {code}，迁移居民 {moved} 人"; }, ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(ExcelFile.Write(Divisions, ("代码", d => d.Code), ("名称", d => d.Name), ("层级", d => d.Level.ToString()),
            ("上级代码", d => d.ParentCode), ("代码已确认", d => d.CodeConfirmed ? "是" : "否"), ("撤销日期", d => d.RetiredOn?.ToString("yyyy-MM-dd")),
            ("承接区划", d => d.SuccessorCode), ("备注", d => d.Note)), ExcelFile.ContentType, "行政区划.xlsx");
    }

    private async Task<IActionResult> DoAsync(Func<Task<string>> action, CancellationToken ct)
    {
        string? message = null;
        if (await TryAsync(async () => message = await action(), prefix: ""))
        {
            TempData["Message"] = message;
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Divisions = (await db.Divisions.AsNoTracking().ToListAsync(ct)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
}
