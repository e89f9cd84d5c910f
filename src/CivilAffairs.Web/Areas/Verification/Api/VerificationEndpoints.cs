using CivilAffairs.Web.Areas.Verification.Features;
using CivilAffairs.Web.Kernel.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.Verification.Api;

/// <summary>/api/v1/verification: partner-department feed snapshots.</summary>
public static class VerificationEndpoints
{
    public sealed record DecisionInput(int Version, string? Note);
    public sealed record RequestInput(int HouseholdId, int? AuthorizationId);
    public sealed record BatchInput(string? DivisionCode, bool RecipientsOnly = false);
    public sealed record AnomalyDecision(string? Status, string? Note, int Version);

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

        v.MapPost("/authorizations", (RecordAuthorization h, [FromForm] int householdId, [FromForm] string? kind, [FromForm] DateOnly? givenOn,
                [FromForm] string? note, IFormFile? scan, CancellationToken ct) => h.HandleAsync(householdId, kind, givenOn, note, scan, ct))
            .RequireAuthorization(VerificationModule.Verifiers)
            .WithSummary("登记核对授权：kind = SignedForm（须附扫描件 scan）或 AtCounter；givenOn 授权日期");
        v.MapGet("/authorizations/{id:int}/scan", async (RecordAuthorization h, int id, CancellationToken ct) =>
        {
            var (content, type, name) = await h.ScanAsync(id, ct);
            return Results.File(content, type, name);
        }).RequireAuthorization(VerificationModule.Verifiers).WithSummary("授权书扫描件");
        v.MapGet("/households/{id:int}/authorizations", (RecordAuthorization h, int id, CancellationToken ct) => h.ListAsync(id, ct));
        v.MapPost("/requests", async (VerifyHousehold h, RequestInput input, CancellationToken ct) =>
        {
            var report = await h.HandleAsync(input.HouseholdId, input.AuthorizationId, ct);
            return TypedResults.Created($"/api/v1/verification/requests/{report.Id}", report);
        }).RequireAuthorization(VerificationModule.Verifiers).WithSummary("核对一户（须有授权）：返回核对报告");
        v.MapGet("/requests/{id:int}", (VerifyHousehold h, int id, CancellationToken ct) => h.GetAsync(id, ct));
        v.MapGet("/requests/{id:int}/pdf", async (VerifyHousehold h, ReportPdf pdf, HttpContext http, int id, CancellationToken ct) =>
        {
            var report = await h.GetAsync(id, ct, "下载核对报告 PDF");
            var bytes = pdf.Render(report, PublicUrl(http, report.Number));
            return Results.File(bytes, "application/pdf", $"核对报告-{report.Number}.pdf");
        }).WithSummary("核对报告 PDF（A4，含查验二维码）");
        v.MapGet("/households/{id:int}/requests", (VerifyHousehold h, int id, CancellationToken ct) => h.ListForHouseholdAsync(id, ct));

        var batches = v.MapGroup("/batches").RequireAuthorization(VerificationModule.Verifiers);
        batches.MapPost("", async (BatchVerification b, BatchInput input, CancellationToken ct) =>
        {
            var batch = await b.StartAsync(input.DivisionCode, ct, input.RecipientsOnly);
            return TypedResults.Accepted($"/api/v1/verification/batches/{batch.Id}", batch);
        }).WithSummary("批量核对一个区划（区、街道或社区）的全部家庭，或 recipientsOnly=true 时只核对在保的低保、特困家庭（后台任务；同一范围同时只能有一个）");
        batches.MapGet("", (BatchVerification b, CancellationToken ct) => b.ListAsync(ct));
        batches.MapGet("/{id:int}", (BatchVerification b, int id, CancellationToken ct) => b.GetAsync(id, ct));
        batches.MapGet("/{id:int}/anomalies", (BatchVerification b, int id, string? kind, string? status, int? page, int? pageSize, CancellationToken ct) =>
            b.AnomaliesAsync(id, kind, status, page, pageSize, ct)).WithSummary("疑点清单（可按类型、核实结果筛选）");
        batches.MapGet("/{id:int}/anomalies/export", async (BatchVerification b, int id, string? kind, string? status, CancellationToken ct) =>
            Results.File(await b.ExportAsync(id, kind, status, ct), Kernel.Excel.ExcelFile.ContentType, $"批量核对{id}-疑点清单.xlsx"));
        v.MapPost("/anomalies/{id:long}/decision", (BatchVerification b, long id, AnomalyDecision input, CancellationToken ct) =>
            b.DecideAsync(id, input.Status, input.Note, input.Version, ct)).RequireAuthorization(VerificationModule.Verifiers)
            .WithSummary("核实疑点：Confirmed（属实）或 Explained（已说明），须填写说明");
    }

    /// <summary>
    /// The public check address printed as the QR code: Verification:PublicBaseUrl (the portal's official address) when
    /// set — never a Host header a caller could choose — otherwise this request's own address (fine for the demo).
    /// </summary>
    public static string PublicUrl(HttpContext http, string number)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["Verification:PublicBaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured) ? $"{http.Request.Scheme}://{http.Request.Host}" : configured.TrimEnd('/');
        return $"{baseUrl}/verify?no={Uri.EscapeDataString(number)}";
    }

    /// <summary>The public status check (no sign-in): report number + last six ID characters.</summary>
    public static void MapPublicVerification(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/public/verification-reports/{number}", (PublicReportLookup h, string number, string? last6, CancellationToken ct) => h.HandleAsync(number, last6, ct))
            .AllowAnonymous().RequireRateLimiting("sign-in").AddEndpointFilter(Kernel.Web.ApiProblems.Filter).WithTags("public")
            .WithSummary("公开查验核对报告：报告编号 + 户主身份证号码后六位 → 报告状态（不含个人信息）");
}
