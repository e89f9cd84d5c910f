using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Applications;

/// <summary>"Waiting for me" (or every application in the division), with the deadline that applies and overdue warnings.</summary>
[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class IndexModel(Features.Applications applications, OnlineRequests online, Kernel.Security.CurrentUser me) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public PagedResult<ApplicationListItem> Result { get; private set; } = new([], 0, 1, 50);
    public List<OnlineRequestView> Online { get; private set; } = [];
    public bool ReceivesOnline => me.IsInRole(Kernel.Security.Roles.CommunityCaseworker) || me.IsInRole(Kernel.Security.Roles.StreetReviewer) || me.IsInRole(Kernel.Security.Roles.DistrictStaff);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await applications.WorklistAsync(Status, !All, PageNumber, 50, ct);
        if (ReceivesOnline) Online = await online.PendingAsync(ct);
    }

    /// <summary>Declines a resident's online application, with the reason the resident will see.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(int requestId, int version, string? reason, CancellationToken ct)
    {
        if (await TryAsync(async () => await online.DeclineAsync(requestId, version, reason, ct), prefix: ""))
        {
            TempData["Message"] = "已记录未受理的原因，申请人可在网上查询。";
            return RedirectToPage();
        }
        await OnGetAsync(ct);
        return Page();
    }

    public string Link(int page) => "?" + QueryWith(("p", page)).TrimStart('?');
}
