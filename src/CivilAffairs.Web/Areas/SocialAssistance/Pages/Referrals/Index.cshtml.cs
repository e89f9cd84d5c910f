using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Referrals;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class IndexModel(AidPackages packages) : AppPageModel
{
    /// <summary>Only the referrals waiting for the department's answer (the default).</summary>
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public PagedResult<ReferralView> Result { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct) => Result = await packages.ListAsync(!All, Kind, PageNumber, 50, ct);

    public string Link(int page) => "?" + QueryWith(("p", page)).TrimStart('?');
}
