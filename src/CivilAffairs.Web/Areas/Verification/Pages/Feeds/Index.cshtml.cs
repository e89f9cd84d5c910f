using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.Verification.Pages.Feeds;

[Authorize(Policy = VerificationModule.FeedManagers)]
[RequestSizeLimit(ImportFeed.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFeed.MaxBytes)]
public sealed class IndexModel(ManageSnapshots manage, ImportFeed.Handler import) : AppPageModel
{
    public List<FeedOverview> Overview { get; private set; } = [];
    public PagedResult<SnapshotView> Snapshots { get; private set; } = new([], 0, 1, 20);
    public string? Feed { get; private set; }
    public DateOnly? AsOf { get; private set; }

    public int? ActiveIdOf(string feed) => Overview.FirstOrDefault(o => o.Feed == feed)?.Active?.Id;

    public async Task OnGetAsync(int? p, CancellationToken ct) => await LoadAsync(p, ct);

    public async Task<IActionResult> OnPostAsync(string? feed, DateOnly? asOf, IFormFile? file, CancellationToken ct)
    {
        await using var stream = file?.OpenReadStream();
        if (await TryAsync(async () =>
            {
                var s = await import.HandleAsync(feed, asOf, stream, file?.FileName, ct);
                TempData["Message"] = $"已上传（快照 #{s.Id}），正在后台校验；完成后请在下方确认启用。";
            }, prefix: ""))
            return RedirectToPage();
        Feed = feed;
        AsOf = asOf;
        await LoadAsync(1, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(int id, int version, CancellationToken ct) =>
        DecideAsync(() => manage.AcceptAsync(id, version, ct), $"快照 #{id} 已启用", ct);

    public Task<IActionResult> OnPostRejectAsync(int id, int version, string? note, CancellationToken ct) =>
        DecideAsync(() => manage.RejectAsync(id, note, version, ct), $"快照 #{id} 已退回", ct);

    private async Task<IActionResult> DecideAsync(Func<Task> action, string message, CancellationToken ct)
    {
        if (await TryAsync(action, prefix: ""))
        {
            TempData["Message"] = message;
            return RedirectToPage();
        }
        await LoadAsync(1, ct);
        return Page();
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        Overview = await manage.OverviewAsync(ct);
        Snapshots = await manage.ListAsync(null, null, page, 20, ct);
    }
}
