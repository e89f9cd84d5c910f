using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Cases;

[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class IndexModel(Features.Cases cases) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Attention { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public PagedResult<CaseView> Result { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct) => Result = await cases.ListAsync(Status, Attention, PageNumber, 50, ct);

    public string Link(int page) => "?" + QueryWith(("p", page)).TrimStart('?');
}
