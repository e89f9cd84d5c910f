using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.Verification.Pages.Households;

[Authorize(Policy = VerificationModule.Verifiers)]
public sealed class IndexModel(HouseholdRoster roster, RecordAuthorization authorizations, VerifyHousehold verify, TimeProvider clock) : AppPageModel
{
    public Roster Household { get; private set; } = null!;
    public List<AuthorizationView> Authorizations { get; private set; } = [];
    public List<ReportView> Reports { get; private set; } = [];
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAuthorizeAsync(int id, string? kind, DateOnly? givenOn, IFormFile? scan, CancellationToken ct)
    {
        if (await TryAsync(() => authorizations.HandleAsync(id, kind, givenOn, null, scan, ct), prefix: ""))
        {
            TempData["Message"] = "已登记授权";
            return RedirectToPage(new { id });
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetScanAsync(int id, int authorizationId, CancellationToken ct)
    {
        await roster.GetAsync(id, ct);
        var (content, type, name) = await authorizations.ScanAsync(authorizationId, ct, householdId: id);
        return File(content, type, name);
    }

    public async Task<IActionResult> OnPostVerifyAsync(int id, int? authorizationId, CancellationToken ct)
    {
        ReportView? report = null;
        if (await TryAsync(async () => report = await verify.HandleAsync(id, authorizationId, ct), prefix: ""))
            return Redirect($"/Verification/Reports/{report!.Id}");
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Household = await roster.GetAsync(id, ct);
        Authorizations = await authorizations.ListAsync(id, ct);
        Reports = await verify.ListForHouseholdAsync(id, ct);
    }
}
