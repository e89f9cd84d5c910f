using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages;

/// <summary>The portal's online application for residents (no sign-in; rate-limited), and the status look-up.</summary>
[AllowAnonymous]
[EnableRateLimiting("sign-in")]
public sealed class ApplyModel(OnlineRequests requests, DivisionDirectory divisions) : AppPageModel
{
    [BindProperty] public OnlineInput Input { get; set; } = new(null, null, null, null, null, null);
    [BindProperty(SupportsGet = true)] public string? No { get; set; }
    [BindProperty(SupportsGet = true)] public string? Last6 { get; set; }
    public OnlineReceipt? Receipt { get; private set; }
    public OnlineReceipt? Status { get; private set; }
    public List<AdministrativeDivision> Communities { get; private set; } = [];

    private async Task LoadAsync(CancellationToken ct) =>
        Communities = (await divisions.AllAsync(ct)).Values.Where(d => d.IsActive && d.Level == DivisionLevel.Community).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (string.IsNullOrEmpty(No) || string.IsNullOrEmpty(Last6)) return;
        try { Status = await requests.StatusAsync(No, Last6, ct); }
        catch (NotFoundException e) { ModelState.AddModelError("Status", e.Message); }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await TryAsync(async () => Receipt = await requests.SubmitAsync(Input, ct));
        return Page();
    }
}
