using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.Verification.Api;

/// <summary>/api/v1/verification: partner-department feed snapshots.</summary>
internal static class VerificationEndpoints
{
    public sealed record DecisionInput(int Version, string? Note);

    public static void MapVerificationApi(this RouteGroupBuilder api)
    {
        var v = api.MapGroup("/verification").WithTags("verification");
        var feeds = v.MapGroup("").RequireAuthorization(VerificationModule.FeedManagers);

        feeds.MapGet("/feeds", (ManageSnapshots m, CancellationToken ct) => m.OverviewAsync(ct))
            .WithSummary("各类核对数据及其使用中的快照");
        feeds.MapGet("/snapshots", (ManageSnapshots m, string? feed, string? status, int? page, int? pageSize, CancellationToken ct) =>
            m.ListAsync(feed, status, page, pageSize, ct));
        feeds.MapGet("/snapshots/{id:int}", (ManageSnapshots m, int id, CancellationToken ct) => m.GetAsync(id, ct));
        feeds.MapPost("/snapshots", async (ImportFeed.Handler h, ManageSnapshots m, [FromForm] string? feed, [FromForm] DateOnly? asOf, IFormFile? file, CancellationToken ct) =>
        {
            await using var stream = file?.OpenReadStream();
            var snapshot = await h.HandleAsync(feed, asOf, stream, file?.FileName, ct);
            return TypedResults.Accepted($"/api/v1/verification/snapshots/{snapshot.Id}", ManageSnapshots.View(snapshot));
        }).WithMetadata(new RequestSizeLimitAttribute(ImportFeed.MaxBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportFeed.MaxBytes })
          .WithSummary("上传一类数据的 CSV 文件（feed、asOf、file）：后台校验后“待确认”");
        feeds.MapPost("/snapshots/{id:int}/accept", (ManageSnapshots m, int id, DecisionInput input, CancellationToken ct) => m.AcceptAsync(id, input.Version, ct))
            .WithSummary("确认启用：成为该类数据的使用中快照，原快照保留为“已被替换”");
        feeds.MapPost("/snapshots/{id:int}/reject", (ManageSnapshots m, int id, DecisionInput input, CancellationToken ct) => m.RejectAsync(id, input.Note, input.Version, ct));
        feeds.MapGet("/snapshots/{id:int}/compare", (ManageSnapshots m, int id, int with, CancellationToken ct) => m.CompareAsync(with, id, 200, ct))
            .WithSummary("与另一快照比较：哪些人新增、不再出现或数据有变化");
        feeds.MapGet("/snapshots/{id:int}/errors", async (ManageSnapshots m, JobQueue jobs, int id, CancellationToken ct) =>
        {
            var s = await m.GetAsync(id, ct);
            if (s.JobId is null) return Results.NotFound();
            var f = await jobs.OutputAsync(s.JobId.Value, ct);
            return Results.File(f.Content, f.ContentType, f.FileName);
        }).WithSummary("逐行错误报告（Excel）");
    }
}
