using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;

namespace CivilAffairs.Web.Areas.Verification.Pages.Feeds;

[Authorize(Policy = VerificationModule.FeedManagers)]
public sealed class CompareModel(ManageSnapshots manage) : AppPageModel
{
    /// <summary>Null when the two snapshots cannot be compared (the reason is on the page).</summary>
    public SnapshotComparison? Comparison { get; private set; }

    public async Task OnGetAsync(int id, int with, CancellationToken ct) =>
        await TryAsync(async () => Comparison = await manage.CompareAsync(with, id, 500, ct), prefix: "");
}
