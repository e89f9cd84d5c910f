using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Applications;

/// <summary>"Waiting for me" (or every application in the division), with the deadline that applies and overdue warnings.</summary>
[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class IndexModel(Features.Applications applications) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public PagedResult<ApplicationListItem> Result { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct) => Result = await applications.WorklistAsync(Status, !All, PageNumber, 50, ct);

    public string Link(int page) => "?" + QueryWith(("p", page)).TrimStart('?');
}
