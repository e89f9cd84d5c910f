using System.Security.Cryptography;
using System.Text.Json;
using CivilAffairs.Verification;
using CivilAffairs.Verification.Engine;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Verification.Rules;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.Verification.Features;

/// <summary>The verification rules in force: Verification:Rules from configuration (with effective dates), else the documented defaults.</summary>
public sealed class RuleBookProvider(IConfiguration config)
{
    public RuleBook Rules { get; } = Build(config);

    private static RuleBook Build(IConfiguration config)
    {
        var configured = config.GetSection("Verification:Rules").Get<List<VerificationRules>>();
        return configured is { Count: > 0 } ? new RuleBook(configured) : RuleBook.Default;
    }
}

// ---- the report as kept (JSON) and shown ----
public sealed record ReportItem(string Feed, string Kind, string Date, long AmountFen, string Description, bool Counted);
public sealed record ReportMember(string Name, string Relationship, string IdNumberMasked, string Gender, int Age, string Status,
    long CountedIncomeFen, long ExcludedIncomeFen, long FinancialAssetsFen, IReadOnlyList<string> Flags, IReadOnlyList<ReportItem> Items);
public sealed record ReportFeed(string Feed, string FeedName, int SnapshotId, DateOnly AsOf);
public sealed record ReportDocument(
    string Number, int HouseholdId, string Community, string? Address, DateOnly AsOf, string WindowFrom, string WindowTo,
    long MonthlyStandardFen, int FinancialAssetMonths, int Members, long CountedIncomeFen, long MonthlyIncomeFen, long PerCapitaMonthlyIncomeFen,
    long ExcludedIncomeFen, long FinancialAssetsFen, long FinancialAssetLimitFen, int Homes, int CommercialProperties, int Vehicles,
    int DisabilityVehicles, int Businesses, string Verdict, string VerdictName, IReadOnlyList<string> Reasons, IReadOnlyList<ReportMember> MemberReports,
    IReadOnlyList<ReportFeed> FeedsUsed, IReadOnlyList<string> FeedsWithoutData, string AuthorizationText, string RequestedBy, DateTime CreatedAt,
    IReadOnlyList<string>? WindowNotes = null);

public sealed record ReportView(int Id, string Number, int HouseholdId, string Verdict, string VerdictName, DateOnly AsOf, DateTime CreatedAt, string RequestedBy,
    ReportDocument Document);

/// <summary>
/// Verifies one household against the active partner-department data — only with an authorisation on record — and
/// keeps the report unchanged. "The check reports; it does not decide."
/// </summary>
public sealed class VerifyHousehold(AppDbContext db, HouseholdRoster roster, ActiveFeeds active, RuleBookProvider rules, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string VerdictName(string verdict) => verdict switch
    {
        nameof(Verdict.Meets) => "符合条件",
        nameof(Verdict.DoesNotMeet) => "不符合条件",
        _ => "需人工核实",
    };

    public async Task<ReportView> HandleAsync(int householdId, int? authorizationId, CancellationToken ct = default)
    {
        var household = await roster.GetAsync(householdId, ct);
        var v = new Validator();
        VerificationAuthorization? authorization = null;
        if (authorizationId is null) v.Add("AuthorizationId", "没有核对授权，不能核对：请先登记该户签字的授权书（或柜台当面授权）");
        else
        {
            authorization = await db.Set<VerificationAuthorization>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == authorizationId && a.HouseholdId == householdId, ct);
            if (authorization is null) v.Add("AuthorizationId", "该授权不存在或不属于此户");
            else if (authorization.GivenOn < DateOnly.FromDateTime(clock.GetLocalNow().DateTime).AddYears(-1))
                v.Add("AuthorizationId", "该授权已超过一年，请重新取得授权");
        }
        if (household.Members.Count == 0) v.Add("HouseholdId", "该户没有成员");
        v.ThrowIfInvalid();

        var set = await active.GetAsync(db, ct);
        if (!set.Feeds.Tables.Any()) throw new DomainException("尚无启用的部门共享数据，无法核对：请区民政局先导入并确认启用数据");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        RulesInForce(rules.Rules, today);
        var keys = household.Members.Select(m => PersonKey.Pack(m.IdNumber)).ToArray();
        var result = Verifier.VerifyHousehold(new HouseholdInput(householdId, keys), set.Feeds, rules.Rules, today);
        var number = NewNumber(today);
        var now = clock.GetUtcNow().UtcDateTime;
        var document = ToDocument(number, household, result, set, authorization!, now, today);
        var head = household.Head ?? household.Members[0];
        var report = new VerificationReport(number, householdId, household.DivisionCode, authorization!.Id, user.UserName, now, today,
            result.Summary.Verdict.ToString(), head.IdNumber[^6..], JsonSerializer.Serialize(document, Json),
            string.Join(",", set.Snapshots.Select(s => s.Id)));
        db.Add(report);
        await db.SaveChangesAsync(ct);
        return View(report, document);
    }

    /// <summary>A clear message (not a server error) when the configured rules start after the date.</summary>
    internal static VerificationRules RulesInForce(RuleBook book, DateOnly date)
    {
        try
        {
            return book.For(date);
        }
        catch (InvalidOperationException)
        {
            throw new DomainException($"{date:yyyy-MM-dd} 没有生效的核对规则：请检查配置 Verification:Rules 的生效日期");
        }
    }

    /// <summary>Opens a report; every opening (page, API, PDF) is written to the audit trail, like a view of personal data.</summary>
    public async Task<ReportView> GetAsync(int id, CancellationToken ct = default, string how = "查看核对报告")
    {
        var report = await db.Set<VerificationReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("核对报告不存在");
        db.AddAudit(Kernel.Auditing.AuditAction.ViewPersonalData, nameof(VerificationReport), report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            report.DivisionCode, $"{how} {report.Number}（户 {report.HouseholdId}）");
        await db.SaveChangesAsync(ct);
        return View(report, JsonSerializer.Deserialize<ReportDocument>(report.ReportJson, Json)!);
    }

    public async Task<List<ReportView>> ListForHouseholdAsync(int householdId, CancellationToken ct = default)
    {
        await roster.GetAsync(householdId, ct);
        var reports = await db.Set<VerificationReport>().AsNoTracking().Where(r => r.HouseholdId == householdId).OrderByDescending(r => r.Id).ToListAsync(ct);
        return reports.Select(r => View(r, JsonSerializer.Deserialize<ReportDocument>(r.ReportJson, Json)!)).ToList();
    }

    private static ReportView View(VerificationReport r, ReportDocument d) =>
        new(r.Id, r.Number, r.HouseholdId, r.Verdict, VerdictName(r.Verdict), r.AsOf, r.CreatedAt, r.RequestedByUserName, d);

    /// <summary>HC + date + 8 unguessable characters: the public page needs it together with the last six ID characters.</summary>
    private static string NewNumber(DateOnly today)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<char> random = stackalloc char[8];
        for (var i = 0; i < random.Length; i++) random[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"HC{today:yyyyMMdd}-{random}";
    }

    private ReportDocument ToDocument(string number, Roster household, HouseholdReport result, ActiveFeeds.ActiveSet set,
        VerificationAuthorization authorization, DateTime now, DateOnly today)
    {
        var s = result.Summary;
        var members = household.Members.Select((m, i) =>
        {
            var mr = result.Members[i];
            return new ReportMember(m.Name, PersonRules.RelationshipName(m.Relationship), PiiMask.IdNumber(m.IdNumber), m.Gender,
                CivilAffairs.Web.Kernel.Registry.CitizenId.AgeOn(m.BirthDate, today), PersonRules.StatusName(m.Status),
                mr.Facts.CountedIncome, mr.Facts.ExcludedIncome, mr.Facts.FinancialAssets, mr.Flags,
                mr.Items.Select(it => new ReportItem(FeedSchema.DisplayName(it.Feed), it.Kind.ToString(), FeedSchema.IsMonthly(it.Feed) ? FormatDate(it.Date)[..Math.Min(7, FormatDate(it.Date).Length)] : FormatDate(it.Date), it.Amount, it.Description, it.Counted)).ToList());
        }).ToList();
        string Month(int yyyymm) => $"{yyyymm / 100}-{yyyymm % 100:00}";
        var authorizationText = authorization.Kind == AuthorizationKind.SignedForm
            ? $"签字授权书（{authorization.GivenOn:yyyy-MM-dd}，{authorization.OperatorUserName} 登记）"
            : $"柜台当面授权（{authorization.GivenOn:yyyy-MM-dd}，经办人 {authorization.OperatorUserName}）";
        return new ReportDocument(number, household.HouseholdId, household.DivisionName, household.Address, result.AsOf, Month(result.WindowFrom), Month(result.WindowTo),
            result.Rules.MonthlyStandardFen, result.Rules.FinancialAssetMonthsPerPerson, s.Members, s.CountedIncomeFen, s.MonthlyIncomeFen,
            s.PerCapitaMonthlyIncomeFen, s.ExcludedIncomeFen, s.FinancialAssetsFen, s.FinancialAssetLimitFen, s.ResidentialProperties,
            s.CommercialProperties, s.OrdinaryVehicles, s.DisabilityVehicles, s.ActiveBusinesses, s.Verdict.ToString(), VerdictName(s.Verdict.ToString()),
            result.ReasonTexts, members,
            set.Snapshots.Select(x => new ReportFeed(x.Feed.ToString(), FeedSchema.DisplayName(x.Feed), x.Id, x.AsOf)).OrderBy(x => x.Feed).ToList(),
            result.FeedsWithoutData.Select(FeedSchema.DisplayName).ToList(), authorizationText, user.UserName, now,
            result.FeedWindows.Where(w => (w.From, w.To) != (result.WindowFrom, result.WindowTo))
                .Select(w => $"{FeedSchema.DisplayName(w.Feed)}：数据截至 {w.DataAsOf:yyyy-MM-dd}，按 {Month(w.From)} — {Month(w.To)} 统计").ToList());
    }

    private static string FormatDate(int d) => d == 0 ? "" : $"{d / 10000}-{d / 100 % 100:00}-{d % 100:00}";
}

public sealed record AuthorizationView(int Id, int HouseholdId, string Kind, string KindName, DateOnly GivenOn, string Operator, DateTime RecordedAt, string? Note, bool HasScan);

/// <summary>Records a household's authorisation (signed form scan, or given at the counter). Audited.</summary>
public sealed class RecordAuthorization(AppDbContext db, HouseholdRoster roster, CurrentUser user, TimeProvider clock)
{
    public static AuthorizationView View(VerificationAuthorization a) => new(a.Id, a.HouseholdId, a.Kind.ToString(),
        a.Kind == AuthorizationKind.SignedForm ? "签字授权书（扫描件）" : "柜台当面授权", a.GivenOn, a.OperatorUserName, a.RecordedAt, a.Note, a.ScanFileName is not null);

    public async Task<AuthorizationView> HandleAsync(int householdId, string? kind, DateOnly? givenOn, string? note, IFormFile? scan, CancellationToken ct = default)
    {
        var household = await roster.GetAsync(householdId, ct);
        var v = new Validator();
        AuthorizationKind k = default;
        if (!Enum.TryParse(kind, true, out k) || !Enum.IsDefined(k)) v.Add("Kind", "请选择授权方式：SignedForm（签字授权书）或 AtCounter（柜台当面授权）");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (givenOn is null) v.Add("GivenOn", "请填写授权日期");
        else if (givenOn > today) v.Add("GivenOn", "授权日期不能晚于今天");
        else if (givenOn < today.AddYears(-1)) v.Add("GivenOn", "授权已超过一年，请重新取得授权");
        var text = v.Text("Note", "备注", note, 500);
        byte[]? content = null;
        string? scanType = null;
        if (k == AuthorizationKind.SignedForm)
        {
            if (scan is null || scan.Length == 0) v.Add("Scan", "签字授权书须上传扫描件（PDF、JPG 或 PNG）");
            else if (scan.Length > Kernel.Web.UploadedFiles.MaxDocumentBytes) v.Add("Scan", "扫描件不能超过 10 MB");
        }
        if (v.IsValid && scan is not null && k == AuthorizationKind.SignedForm)
        {
            using var ms = new MemoryStream();
            await scan.CopyToAsync(ms, ct);
            content = ms.ToArray();
            // the file's own signature decides (a browser may declare a scan as application/octet-stream or image/pjpeg)
            scanType = Kernel.Web.UploadedFiles.Sniff(content);
            if (scanType is null) v.Add("Scan", "扫描件内容不是有效的 PDF、JPG 或 PNG 文件");
        }
        v.ThrowIfInvalid();
        var a = new VerificationAuthorization(household.HouseholdId, household.DivisionCode, k, givenOn!.Value, user.UserName, clock.GetUtcNow().UtcDateTime,
            text, scan is null || content is null ? null : Path.GetFileName(scan.FileName), content is null ? null : scanType, content);
        db.Add(a);
        await db.SaveChangesAsync(ct);
        return View(a);
    }

    /// <summary>The scanned form of an authorisation (inside the caller's division).</summary>
    public async Task<(byte[] Content, string ContentType, string FileName)> ScanAsync(int id, CancellationToken ct = default, int? householdId = null)
    {
        var a = await db.Set<VerificationAuthorization>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (householdId == null || x.HouseholdId == householdId), ct)
            ?? throw new NotFoundException("授权不存在");
        if (a.Scan is null) throw new NotFoundException("该授权没有扫描件");
        return (a.Scan, a.ScanContentType ?? "application/octet-stream", a.ScanFileName ?? $"authorization-{a.Id}");
    }

    public async Task<List<AuthorizationView>> ListAsync(int householdId, CancellationToken ct = default)
    {
        await roster.GetAsync(householdId, ct);
        return (await db.Set<VerificationAuthorization>().AsNoTracking().Where(a => a.HouseholdId == householdId).OrderByDescending(a => a.Id).ToListAsync(ct))
            .Select(View).ToList();
    }
}

public sealed record PublicReportStatus(string Number, DateOnly AsOf, string Message);

/// <summary>The public verification page: report number + last six ID characters → the report's status, nothing personal.</summary>
public sealed class PublicReportLookup(AppDbContext db)
{
    public async Task<PublicReportStatus> HandleAsync(string? number, string? last6, CancellationToken ct = default)
    {
        var v = new Validator();
        var n = v.Text("Number", "报告编号", number, 32, required: true)?.ToUpperInvariant();
        var l = v.Text("Last6", "身份证号码后六位", last6, 6, required: true)?.ToUpperInvariant();
        if (l is not null && l.Length != 6) v.Add("Last6", "请填写户主身份证号码的后六位");
        v.ThrowIfInvalid();
        var report = await db.Set<VerificationReport>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Number == n && r.HeadIdLast6 == l).Select(r => new { r.Number, r.AsOf }).FirstOrDefaultAsync(ct);
        if (report is null) throw new NotFoundException("没有找到该报告：请核对报告编号和身份证号码后六位");
        // status only: the report exists and when it was made — never its content (the verdict is personal too)
        return new PublicReportStatus(report.Number, report.AsOf, "该核对报告真实有效，由黄石港区民政局居民家庭经济状况核对系统出具。");
    }
}
