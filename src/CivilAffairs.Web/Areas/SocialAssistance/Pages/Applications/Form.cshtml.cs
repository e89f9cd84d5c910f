using CivilAffairs.Web.Areas.SocialAssistance.Features;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;

namespace CivilAffairs.Web.Areas.SocialAssistance.Pages.Applications;

/// <summary>The approval form (审批表) on one A4 page, and for a refused application the written refusal notice.</summary>
[Authorize(Policy = SocialAssistanceModule.Staff)]
public sealed class FormModel(Features.Applications applications) : AppPageModel
{
    public ApplicationView Application { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct) => Application = await applications.GetAsync(id, ct);

    public StepView? StepOf(string action) => Application.Timeline.LastOrDefault(s => s.Action == action);
}
