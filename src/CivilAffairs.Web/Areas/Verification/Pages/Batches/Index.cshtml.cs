using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.Verification.Pages.Batches;

[Authorize(Policy = VerificationModule.Verifiers)]
public sealed class IndexModel(BatchVerification batches, DivisionDirectory divisions, DivisionScope scope) : AppPageModel
{
    public List<BatchView> Batches { get; private set; } = [];
    public List<AdministrativeDivision> Divisions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? divisionCode, bool recipientsOnly, CancellationToken ct)
    {
        BatchView? batch = null;
        if (await TryAsync(async () => batch = await batches.StartAsync(divisionCode, ct, recipientsOnly), prefix: ""))
        {
            TempData["Message"] = $"批量核对 #{batch!.Id} 已开始，可在“后台任务”查看进度。";
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Batches = await batches.ListAsync(ct);
        Divisions = (await divisions.AllAsync(ct)).Values.Where(d => d.IsActive && scope.Contains(d.Code)).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }
}
