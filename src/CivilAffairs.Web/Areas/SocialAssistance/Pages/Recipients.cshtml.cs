using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages;

/// <summary>The published list of a community's recipients (no sign-in): masked names, household sizes, amounts.</summary>
[AllowAnonymous]
public sealed class RecipientsModel(PublishedRosters published, DivisionDirectory divisions) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? Community { get; set; }
    public int? Month { get; private set; }
    public IReadOnlyList<PublishedLine> Lines { get; private set; } = [];
    public List<AdministrativeDivision> Communities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Communities = (await divisions.AllAsync(ct)).Values.Where(d => d.IsActive && d.Level == DivisionLevel.Community).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        (Month, Lines) = await published.ForCommunityAsync(Community, ct);
    }
}
