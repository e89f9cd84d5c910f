using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Areas.SocialAssistance.Features;
using Microsoft.AspNetCore.Mvc;

namespace CivilAffairs.Web.Areas.SocialAssistance.Api;

/// <summary>/api/v1/social-assistance: applications and their electronic review; /api/v1/public/notices: the notice board.</summary>
public static class SocialAssistanceEndpoints
{
    public sealed record VersionInput(int Version, string? Opinion = null);
    public sealed record VisitInput(int Version, DateOnly? VisitedOn, string? Investigators, bool ByDistrict, string? Findings, string? NeighbourVisits);
    public sealed record VerificationInput(int Version, int? ReportId);
    public sealed record SelfCareInput(int Version, bool Eat, bool Dress, bool Transfer, bool Toilet, bool WalkIndoors, bool Bathe);
    public sealed record StreetReviewInput(int Version, string? Decision, string? Opinion, int? NoticeDays);
    public sealed record ObjectionInput(int Version, string? RaisedBy, string? Content);
    public sealed record ResolveInput(int Version, bool Upheld, string? Resolution);
    public sealed record NotifiedInput(int Version, DateOnly? DeliveredOn, string? How);
    public sealed record EmergencyInput(int Version, long AmountFen, string? Opinion);

    public static void MapSocialAssistanceApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/social-assistance/applications").WithTags("social-assistance").RequireAuthorization(SocialAssistanceModule.Staff);

        g.MapPost("", async (Applications h, NewApplicationInput input, CancellationToken ct) =>
        {
            var a = await h.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/social-assistance/applications/{a.Id}", a);
        }).WithSummary("录入申请（低保 Dibao / 特困 Destitute）：家庭、计入的成员、申请理由、收款账户、核对授权");
        g.MapGet("", (Applications h, string? status, bool? mine, int? page, int? pageSize, CancellationToken ct) =>
            h.WorklistAsync(status, mine ?? true, page, pageSize, ct)).WithSummary("待我办理（mine=true，默认）或管辖范围内全部申请，附当前时限与是否超期");
        g.MapGet("/{id:int}", (Applications h, int id, CancellationToken ct) => h.GetAsync(id, ct)).WithSummary("申请详情与全过程记录");
        g.MapGet("/{id:int}/amount", (Applications h, int id, CancellationToken ct) => h.PreviewAmountAsync(id, ct)).WithSummary("按现行标准试算保障金额");

        g.MapPost("/{id:int}/accept", (Applications h, int id, VersionInput i, CancellationToken ct) => h.AcceptAsync(id, i.Version, i.Opinion, ct))
            .WithSummary("社区受理（须已登记核对授权）");
        g.MapPost("/{id:int}/not-accept", (Applications h, int id, VersionInput i, CancellationToken ct) => h.NotAcceptAsync(id, i.Version, i.Opinion, ct));
        g.MapPost("/{id:int}/visits", (Applications h, int id, VisitInput i, CancellationToken ct) =>
            h.RecordVisitAsync(id, i.Version, i.VisitedOn, i.Investigators, i.ByDistrict, i.Findings, i.NeighbourVisits, ct)).WithSummary("登记入户调查（至少两名调查人员）");
        g.MapPost("/{id:int}/verification", (Applications h, int id, VerificationInput i, CancellationToken ct) => h.AttachVerificationAsync(id, i.Version, i.ReportId, ct))
            .WithSummary("附上该户的经济状况核对报告（不填 reportId 时取最新一份）");
        g.MapPost("/{id:int}/self-care", (Applications h, int id, SelfCareInput i, CancellationToken ct) =>
            h.AssessSelfCareAsync(id, i.Version, new SelfCareAssessment(i.Eat, i.Dress, i.Transfer, i.Toilet, i.WalkIndoors, i.Bathe), ct))
            .WithSummary("特困：生活自理能力评估（六项，true = 能够完成）");
        g.MapPost("/{id:int}/submit", (Applications h, int id, VersionInput i, CancellationToken ct) => h.SubmitToStreetAsync(id, i.Version, i.Opinion, ct))
            .WithSummary("报街道审核（社区意见）");
        g.MapPost("/{id:int}/street-review", (Applications h, int id, StreetReviewInput i, CancellationToken ct) =>
            h.ReviewAtStreetAsync(id, i.Version, i.Decision, i.Opinion, i.NoticeDays, ct)).WithSummary("街道审核：Approve（进入公示）/ Return（退回补充）/ Reject（不通过）");
        g.MapPost("/{id:int}/objections", (Applications h, int id, ObjectionInput i, CancellationToken ct) => h.RaiseObjectionAsync(id, i.Version, i.RaisedBy, i.Content, ct))
            .WithSummary("登记公示期内的异议");
        g.MapPost("/{id:int}/objections/{objectionId:int}/resolve", (Applications h, int id, int objectionId, ResolveInput i, CancellationToken ct) =>
            h.ResolveObjectionAsync(id, i.Version, objectionId, i.Upheld, i.Resolution, ct)).WithSummary("处理异议：成立则退回重新调查");
        g.MapPost("/{id:int}/close-notice", (Applications h, int id, VersionInput i, CancellationToken ct) => h.CloseNoticeAsync(id, i.Version, ct))
            .WithSummary("公示期满（无未处理异议）报送审批");
        g.MapPost("/{id:int}/approve", (Applications h, int id, VersionInput i, CancellationToken ct) => h.ApproveAsync(id, i.Version, i.Opinion, ct))
            .WithSummary("审批同意：计算金额、纳入保障，自下月起发放");
        g.MapPost("/{id:int}/refuse", (Applications h, int id, VersionInput i, CancellationToken ct) => h.RefuseAsync(id, i.Version, i.Opinion, ct))
            .WithSummary("审批不同意（须写明理由，书面告知）");
        g.MapPost("/{id:int}/grant-emergency", (Applications h, int id, EmergencyInput i, CancellationToken ct) => h.GrantEmergencyAsync(id, i.Version, i.AmountFen, i.Opinion, ct))
            .WithSummary("急难型临时救助先行救助：街道（小额以内）或区级审批人立即批准一次性金额，下月发放，10 个工作日内补齐手续");
        g.MapPost("/{id:int}/complete-paperwork", (Applications h, int id, VersionInput i, CancellationToken ct) => h.CompletePaperworkAsync(id, i.Version, i.Opinion, ct))
            .WithSummary("先行救助后补齐手续（须已登记入户调查）");
        g.MapPost("/{id:int}/refusal-notified", (Applications h, int id, NotifiedInput i, CancellationToken ct) => h.RefusalNotifiedAsync(id, i.Version, i.DeliveredOn, i.How, ct))
            .WithSummary("登记已书面告知申请人不予批准（决定后 3 个工作日内）");
        g.MapPost("/{id:int}/withdraw", (Applications h, int id, VersionInput i, CancellationToken ct) => h.WithdrawAsync(id, i.Version, i.Opinion, ct));
        g.MapPost("/{id:int}/documents", (Applications h, int id, [FromForm] int version, [FromForm] string? kind, IFormFile? file, CancellationToken ct) =>
            h.AddDocumentAsync(id, version, kind, file, ct))
            .WithMetadata(new RequestSizeLimitAttribute(Kernel.Web.UploadedFiles.MaxDocumentBytes + 64 * 1024))
            .WithSummary("上传申请材料（PDF、JPG 或 PNG，10 MB 以内）");
        g.MapGet("/{id:int}/documents/{documentId:int}", async (Applications h, int id, int documentId, CancellationToken ct) =>
        {
            var (content, type, name) = await h.DocumentAsync(id, documentId, ct);
            return Results.File(content, type, name);
        });
    }

    public sealed record GenerateInput(string? StreetCode, int? Month);
    public sealed record AdjustInput(int Version, int CaseId, string? Kind, long AmountFen, string? Reason);

    public static void MapRostersApi(this RouteGroupBuilder api)
    {
        var r = api.MapGroup("/social-assistance/rosters").WithTags("social-assistance").RequireAuthorization(SocialAssistanceModule.Staff);
        r.MapPost("", async (Rosters h, GenerateInput i, CancellationToken ct) =>
        {
            var roster = await h.GenerateAsync(i.StreetCode, i.Month, ct);
            return TypedResults.Accepted($"/api/v1/social-assistance/rosters/{roster.Id}", roster);
        }).WithSummary("生成一个街道某月（yyyymm）的发放花名册（后台任务；同一街道同一月份只能生成一次）");
        r.MapGet("", (Rosters h, CancellationToken ct) => h.ListAsync(ct));
        r.MapGet("/{id:int}", (Rosters h, int id, CancellationToken ct) => h.GetAsync(id, ct));
        r.MapGet("/{id:int}/lines", (Rosters h, int id, string? community, int? page, int? pageSize, CancellationToken ct) => h.LinesAsync(id, community, page, pageSize, ct));
        r.MapPost("/{id:int}/adjustments", (Rosters h, int id, AdjustInput i, CancellationToken ct) => h.AdjustAsync(id, i.Version, i.CaseId, i.Kind, i.AmountFen, i.Reason, ct))
            .WithSummary("调整：BackPay（补发）或 Deduction（扣减），须写明原因；仅限待审核的花名册");
        r.MapPost("/{id:int}/review", (Rosters h, int id, VersionInput i, CancellationToken ct) => h.ReviewAsync(id, i.Version, ct)).WithSummary("街道审核");
        r.MapPost("/{id:int}/reopen", (Rosters h, int id, VersionInput i, CancellationToken ct) => h.ReopenAsync(id, i.Version, ct)).WithSummary("退回修改（锁定前）");
        r.MapPost("/{id:int}/lock", (Rosters h, int id, VersionInput i, CancellationToken ct) => h.LockAsync(id, i.Version, ct)).WithSummary("区民政局锁定");
        r.MapGet("/{id:int}/bank-file", async (Rosters h, int id, string? format, CancellationToken ct) =>
        {
            var (content, type, name) = await h.BankFileAsync(id, format, ct);
            return Results.File(content, type, name);
        }).WithSummary("银行代发文件（format=csv 或 xlsx：账号、户名、金额），仅限已锁定的花名册");
        r.MapGet("/{id:int}/export", async (Rosters h, int id, CancellationToken ct) =>
            Results.File(await h.ExportLinesAsync(id, ct), Kernel.Excel.ExcelFile.ContentType, $"花名册{id}.xlsx"));
    }

    public sealed record ReverseInput(string? Reason);
    public sealed record CaseActionInput(int Version, string? Reason, int? Months = null, long? NewMonthlyAmountFen = null, bool Irregular = false);

    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        var c = api.MapGroup("/social-assistance/cases").WithTags("social-assistance").RequireAuthorization(SocialAssistanceModule.Staff);
        c.MapGet("", (Cases h, string? status, bool? attention, int? page, int? pageSize, CancellationToken ct) => h.ListAsync(status, attention ?? false, page, pageSize, ct))
            .WithSummary("保障案件（attention=true：定期复核将到期或已超期、成员死亡须复核）");
        c.MapGet("/{id:int}", (Cases h, int id, CancellationToken ct) => h.GetAsync(id, ct));
        c.MapPost("/{id:int}/review", (Cases h, int id, CaseActionInput i, CancellationToken ct) => h.ReviewAsync(id, i.Version, i.Reason, i.NewMonthlyAmountFen, i.Irregular, ct))
            .WithSummary("登记定期复核（reason = 复核结论；可调整金额；irregular = 收入不稳定或有劳动能力成员，6 个月后再复核）");
        c.MapPost("/{id:int}/suspend", (Cases h, int id, CaseActionInput i, CancellationToken ct) => h.SuspendAsync(id, i.Version, i.Reason, ct));
        c.MapPost("/{id:int}/resume", (Cases h, int id, CaseActionInput i, CancellationToken ct) => h.ResumeAsync(id, i.Version, i.Reason, ct));
        c.MapPost("/{id:int}/gradual-exit", (Cases h, int id, CaseActionInput i, CancellationToken ct) => h.GradualExitAsync(id, i.Version, i.Months ?? 0, i.Reason, ct))
            .WithSummary("渐退：自下月起继续发放 months（1–6）个月后终止");
        c.MapPost("/{id:int}/terminate", (Cases h, int id, CaseActionInput i, CancellationToken ct) => h.TerminateAsync(id, i.Version, i.Reason, ct))
            .WithSummary("终止保障（本月为最后发放月份）");
    }

    /// <summary>/api/v1/social-assistance/referrals and …/households/{id}/package: add-on aids stacked on a base programme.</summary>
    public static void MapAidPackagesApi(this RouteGroupBuilder api)
    {
        var r = api.MapGroup("/social-assistance/referrals").WithTags("social-assistance").RequireAuthorization(SocialAssistanceModule.Staff);
        r.MapPost("", async (AidPackages h, ReferralInput input, CancellationToken ct) =>
        {
            var view = await h.ReferAsync(input, ct);
            return TypedResults.Created($"/api/v1/social-assistance/referrals/{view.Id}", view);
        }).WithSummary("专项救助转办：案件的保障成员转介到教育（Education）、住房（Housing）或就业（Employment）部门；教育救助须填学段 schoolStage");
        r.MapGet("", (AidPackages h, bool? open, string? kind, int? page, int? pageSize, CancellationToken ct) => h.ListAsync(open ?? false, kind, page, pageSize, ct))
            .WithSummary("转办记录（open=true：等待部门答复的，按答复期限排序，标明超期）");
        r.MapGet("/{id:int}", (AidPackages h, int id, CancellationToken ct) => h.GetAsync(id, ct));
        r.MapPost("/{id:int}/outcome", (AidPackages h, int id, ReferralOutcomeInput i, CancellationToken ct) => h.RecordOutcomeAsync(id, i, ct))
            .WithSummary("登记部门办理结果：granted=true（救助方式 form、金额 amountFen（实物为 0）、起止月份 yyyyMM）或 false（outcome = 未给予的理由）");
        r.MapPost("/{id:int}/withdraw", (AidPackages h, int id, ReferralWithdrawInput i, CancellationToken ct) => h.WithdrawAsync(id, i, ct));
        api.MapGet("/social-assistance/households/{id:int}/package", (AidPackages h, int id, int? year, CancellationToken ct) => h.PackageAsync(id, year, ct))
            .WithTags("social-assistance").RequireAuthorization(SocialAssistanceModule.Staff)
            .WithSummary("家庭救助套餐：在保项目、临时救助、各成员医疗救助额度与资助参保、专项救助转办及结果、可叠加的专项救助、本年合计");
    }

    /// <summary>/api/v1/medical-assistance (hospitals' billing systems and district staff).</summary>
    public static void MapMedicalAssistanceApi(this RouteGroupBuilder m)
    {
        m.WithTags("medical-assistance");
        m.MapPost("/settlements", async (MedicalSettlements h, SettlementInput input, CancellationToken ct) =>
        {
            var (view, created) = await h.SettleAsync(input, ct);
            return created ? Results.Created($"/api/v1/medical-assistance/settlements/{view.Id}", view) : Results.Ok(view);
        }).WithSummary("同步结算：提交一张住院/门诊结算单（金额单位：分），立即返回医疗救助金额和个人负担；同一结算单号重复提交返回原结算");
        m.MapGet("/settlements", (MedicalSettlements h, string? idNumber, int? page, int? pageSize, CancellationToken ct) => h.ListAsync(idNumber, page, pageSize, ct));
        m.MapGet("/settlements/{id:long}", (MedicalSettlements h, long id, CancellationToken ct) => h.GetAsync(id, ct));
        m.MapPost("/settlements/{id:long}/reverse", (MedicalSettlements h, long id, ReverseInput i, CancellationToken ct) => h.ReverseAsync(id, i.Reason, ct))
            .WithSummary("冲销（退费）：恢复年度救助额度");
        m.MapGet("/premium-subsidies", (MedicalSettlements h, int? year, CancellationToken ct) => h.PremiumSubsidiesAuditedAsync(year, ct))
            .WithSummary("资助参保名单（特困全额、低保定额）");
        m.MapGet("/premium-subsidies/export", async (MedicalSettlements h, int? year, CancellationToken ct) =>
            Results.File(await h.PremiumSubsidyExcelAsync(year, ct), Kernel.Excel.ExcelFile.ContentType, $"资助参保名单-{year}.xlsx"));
    }

    public static void MapOnlineRequestsApi(this RouteGroupBuilder api)
    {
        var o = api.MapGroup("/social-assistance/online-requests").WithTags("social-assistance").RequireAuthorization(SocialAssistanceModule.Staff);
        o.MapGet("", (OnlineRequests h, CancellationToken ct) => h.PendingAsync(ct)).WithSummary("待受理的网上申请（管辖范围内）；householdId 为申请人在登记系统中的家庭");
        o.MapGet("/{id:int}", (OnlineRequests h, int id, CancellationToken ct) => h.GetAsync(id, ct));
        o.MapPost("/{id:int}/decline", (OnlineRequests h, int id, VersionInput i, CancellationToken ct) => h.DeclineAsync(id, i.Version, i.Opinion, ct))
            .WithSummary("不予受理网上申请（opinion = 原因，将告知申请人）；受理则 POST applications 时带 onlineRequestId");
        api.MapPost("/public/applications", async (OnlineRequests h, OnlineInput input, CancellationToken ct) =>
        {
            var receipt = await h.SubmitAsync(input, ct);
            return Results.Created($"/api/v1/public/applications/{receipt.Number}", receipt);
        }).AllowAnonymous().RequireRateLimiting("sign-in").WithTags("public").WithSummary("居民网上申请低保或特困供养（无需登录）");
        api.MapGet("/public/applications/{number}", (OnlineRequests h, string number, string? last6, CancellationToken ct) => h.StatusAsync(number, last6, ct))
            .AllowAnonymous().RequireRateLimiting("sign-in").WithTags("public").WithSummary("查询网上申请的办理状态（编号 + 身份证号码后六位）");
    }

    public static void MapPublicNoticesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/public/notices", (PublicNotices n, CancellationToken ct) => n.CurrentAsync(ct)).AllowAnonymous().WithTags("public")
            .WithSummary("公示中的救助申请（姓名、身份证号码已遮蔽）");
        api.MapGet("/public/recipients", async (PublishedRosters p, string? community, CancellationToken ct) =>
        {
            var (month, lines) = await p.ForCommunityAsync(community, ct);
            return new { month, lines };
        }).AllowAnonymous().WithTags("public").WithSummary("社区救助对象公开名单（最近一个已锁定月份；姓名遮蔽、人数、金额）");
    }
}
