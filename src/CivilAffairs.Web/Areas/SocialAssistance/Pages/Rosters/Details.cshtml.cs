using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Rosters;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class DetailsModel(Features.Rosters rosters) : AppPageModel
{
    public RosterView Roster { get; private set; } = null!;
    public PagedResult<RosterLineView> Lines { get; private set; } = new([], 0, 1, 100);
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Roster = await rosters.GetAsync(id, ct);
        Lines = await rosters.LinesAsync(id, null, PageNumber, 100, ct);
    }

    public async Task<IActionResult> OnPostAsync(int id, string step, int version, int? caseId, string? kind, decimal? amount, string? reason, CancellationToken ct)
    {
        var ok = await TryAsync(async () =>
        {
            _ = step switch
            {
                "adjust" => await rosters.AdjustAsync(id, version, caseId ?? 0, kind, Money.FenOf(amount, "AmountFen"), reason, ct),
                "review" => await rosters.ReviewAsync(id, version, ct),
                "reopen" => await rosters.ReopenAsync(id, version, ct),
                "lock" => await rosters.LockAsync(id, version, ct),
                _ => throw new DomainException("未知的操作"),
            };
        }, prefix: "");
        if (ok)
        {
            TempData["Message"] = "已保存。";
            return Redirect($"/SocialAssistance/Rosters/{id}");
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetBankFileAsync(int id, string? format, CancellationToken ct)
    {
        try
        {
            var (content, type, name) = await rosters.BankFileAsync(id, format, ct);
            return File(content, type, name);
        }
        catch (DomainException e)
        {
            TempData["Message"] = e.Message;
            return Redirect($"/SocialAssistance/Rosters/{id}");
        }
    }

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct) =>
        File(await rosters.ExportLinesAsync(id, ct), Kernel.Excel.ExcelFile.ContentType, $"花名册{id}.xlsx");
}
