using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;

namespace CivilAffairs.Web.Areas.Verification.Pages.Feeds;

[Authorize(Policy = VerificationModule.FeedManagers)]
public sealed class CompareModel(ManageSnapshots manage) : AppPageModel
{
    public SnapshotComparison Comparison { get; private set; } = null!;

    public async Task OnGetAsync(int id, int with, CancellationToken ct) => Comparison = await manage.CompareAsync(with, id, 500, ct);
}
