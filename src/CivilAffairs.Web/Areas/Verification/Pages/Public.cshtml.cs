using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilAffairs.Web.Areas.Verification.Pages;

/// <summary>The public report check (no sign-in; rate-limited): status only, nothing personal.</summary>
[AllowAnonymous]
[EnableRateLimiting("sign-in")]
public sealed class PublicModel(PublicReportLookup lookup) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? No { get; set; }
    [BindProperty(SupportsGet = true)] public string? Last6 { get; set; }
    public PublicReportStatus? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Last6)) return; // the QR code fills in the number; the visitor types the six characters
        try
        {
            await TryAsync(async () => Status = await lookup.HandleAsync(No, Last6, ct), prefix: "");
        }
        catch (NotFoundException e)
        {
            ModelState.AddModelError("", e.Message);
        }
    }
}
