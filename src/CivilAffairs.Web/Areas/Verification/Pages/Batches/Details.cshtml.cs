using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.Verification.Pages.Batches;

[Authorize(Policy = VerificationModule.Verifiers)]
public sealed class DetailsModel(BatchVerification batches) : AppPageModel
{
    public BatchView Batch { get; private set; } = null!;
    public PagedResult<AnomalyView> Anomalies { get; private set; } = new([], 0, 1, 50);
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? P { get; set; }

    public string PageLink(int page) => Request.Path + QueryWith(("p", page));

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct) =>
        File(await batches.ExportAsync(id, Kind, Status, ct), ExcelFile.ContentType, $"批量核对{id}-疑点清单.xlsx");

    public async Task<IActionResult> OnPostDecideAsync(int id, long anomalyId, string? decision, string? note, int version, CancellationToken ct)
    {
        if (await TryAsync(() => batches.DecideAsync(anomalyId, decision, note, version, ct), prefix: ""))
        {
            TempData["Message"] = "已保存核实结果";
            return RedirectToPage(new { id, Kind, Status, P });
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Batch = await batches.GetAsync(id, ct);
        Anomalies = await batches.AnomaliesAsync(id, Kind, Status, P, 50, ct);
    }
}
