using CivilAffairs.Web.Kernel.Calendar;
using System.Text;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

public sealed record RosterView(int Id, string DivisionCode, string StreetName, int Month, string MonthText, string Status, string StatusName, Guid? JobId,
    int Lines, int Households, long TotalFen, string CreatedBy, DateTime CreatedAt, string? ReviewedBy, DateTime? ReviewedAt, string? LockedBy, DateTime? LockedAt,
    string? Error, int Version);

public sealed record RosterLineView(long Id, int CaseId, int HouseholdId, string DivisionCode, string Programme, string Kind, string KindName, string PayeeName,
    string? BankName, string? BankAccountMasked, long AmountFen, int Persons, string? Reason);

/// <summary>One line of the published list (公开): masked name, household size, amount.</summary>
public sealed record PublishedLine(string Community, string NameMasked, int Persons, long AmountFen, string Programme);

/// <summary>
/// Monthly payment rosters per street: generated as a background job from the cases payable that month, adjusted with
/// explicit lines, reviewed by the street, locked by the district, exported as the bank's payment file, and published
/// per community with masked names.
/// </summary>
public sealed class Rosters(AppDbContext db, DivisionDirectory divisions, DivisionScope scope, JobQueue jobs, CurrentUser user, TimeProvider clock)
{
    private bool Is(params string[] roles) => roles.Any(user.IsInRole);

    public static RosterView View(PaymentRoster r) => new(r.Id, r.DivisionCode, r.StreetName, r.Month, r.MonthText, r.Status.ToString(),
        PaymentRoster.StatusName(r.Status), r.JobId, r.Lines, r.Households, r.TotalFen, r.CreatedBy, r.CreatedAt, r.ReviewedBy, r.ReviewedAt, r.LockedBy,
        r.LockedAt, r.Error, r.Version);

    public static string KindName(LineKind k) => k switch { LineKind.Regular => "当月保障金", LineKind.BackPay => "补发", _ => "扣减" };

    /// <summary>Starts the background generation of a street's roster for a month (yyyymm); a second one for the same street and month is refused.</summary>
    public async Task<RosterView> GenerateAsync(string? streetCode, int? month, CancellationToken ct = default)
    {
        if (!Is(Roles.StreetReviewer, Roles.DistrictStaff, Roles.Admin)) throw new ForbiddenException("只有街道审核人或区民政局工作人员可以生成花名册");
        var v = new Validator();
        var all = await divisions.AllAsync(ct);
        if (streetCode is null || !all.TryGetValue(streetCode, out var street) || street.Level != DivisionLevel.Street || !street.IsActive)
            v.Add("StreetCode", "请选择街道");
        else if (!scope.Contains(streetCode)) v.Add("StreetCode", $"{street.Name}不在您的管辖范围内");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (month is not { } m || m / 100 < 2000 || m % 100 is < 1 or > 12) v.Add("Month", "请填写发放月份（yyyymm）");
        else if (m > YearMonth.Next(today)) v.Add("Month", "最多只能生成下个月的花名册");
        v.ThrowIfInvalid();
        var existing = await db.Set<PaymentRoster>().FirstOrDefaultAsync(r => r.DivisionCode == streetCode && r.Month == month, ct);
        if (existing is { Status: RosterStatus.Failed })
        {
            // a failed generation left no lines (its transaction rolled back): it makes way for a new one (and, to be
            // sure, takes any line bearing its number with it)
            await db.Set<RosterLine>().IgnoreQueryFilters().Where(l => l.RosterId == existing.Id).ExecuteDeleteAsync(ct);
            db.Remove(existing);
            await db.SaveChangesAsync(ct);
            existing = null;
        }
        if (existing is not null)
            throw new DomainException($"{existing.StreetName} {existing.MonthText}的花名册已生成（#{existing.Id}，{PaymentRoster.StatusName(existing.Status)}），不能重复生成", "Month");
        var roster = new PaymentRoster(streetCode!, await divisions.PathOfAsync(streetCode, ct), month!.Value, user.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(roster);
        await jobs.EnqueueForAsync(RosterJob.JobKind, $"生成花名册：{roster.StreetName} {roster.MonthText}", async t =>
        {
            try { await db.SaveChangesAsync(t); }
            catch (DbUpdateException) { throw new DomainException("该街道该月的花名册已生成，不能重复生成", "Month"); }
        }, () => roster.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), j => roster.JobId = j.Id, ct);
        return View(roster);
    }

    public async Task<List<RosterView>> ListAsync(CancellationToken ct = default) =>
        (await db.Set<PaymentRoster>().AsNoTracking().OrderByDescending(r => r.Month).ThenBy(r => r.DivisionCode).Take(200).ToListAsync(ct)).Select(View).ToList();

    public async Task<RosterView> GetAsync(int id, CancellationToken ct = default) =>
        View(await db.Set<PaymentRoster>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("花名册不存在"));

    public async Task<PagedResult<RosterLineView>> LinesAsync(int id, string? community, int? page, int? pageSize, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<RosterLine>().AsNoTracking().Where(l => l.RosterId == id);
        if (!string.IsNullOrEmpty(community)) q = q.Where(l => l.DivisionCode == community);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(l => l.DivisionCode).ThenBy(l => l.CaseId).ThenBy(l => l.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<RosterLineView>(rows.Select(LineView).ToList(), total, p, size);
    }

    private static RosterLineView LineView(RosterLine l) => new(l.Id, l.CaseId, l.HouseholdId, l.DivisionCode, AssistanceApplication.ProgrammeName(l.Programme), l.Kind.ToString(),
        KindName(l.Kind), l.PayeeName, l.BankName, PiiMask.BankAccount(l.BankAccount), l.AmountFen, l.Persons, l.Reason);

    private async Task<PaymentRoster> LoadAsync(int id, int version, CancellationToken ct)
    {
        var r = await db.Set<PaymentRoster>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("花名册不存在");
        if (r.Version != version) throw new StaleEditException();
        return r;
    }

    private async Task<RosterView> SaveAsync(PaymentRoster r, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return View(r);
    }

    /// <summary>A back payment or a deduction for one case, with its reason (draft rosters only; a case's month never goes below zero).</summary>
    public async Task<RosterView> AdjustAsync(int id, int version, int caseId, string? kind, long amountFen, string? reason, CancellationToken ct = default)
    {
        if (!Is(Roles.StreetReviewer, Roles.DistrictStaff, Roles.Admin)) throw new ForbiddenException("只有街道审核人或区民政局工作人员可以调整花名册");
        var r = await LoadAsync(id, version, ct);
        var v = new Validator();
        if (!Enum.TryParse<LineKind>(kind, true, out var k) || k == LineKind.Regular || !Enum.IsDefined(k)) v.Add("Kind", "请选择调整类型：BackPay（补发）或 Deduction（扣减）");
        if (amountFen <= 0) v.Add("AmountFen", "调整金额须大于 0（扣减也填正数）");
        Money.CheckMax(v, "AmountFen", amountFen);
        var text = v.Text("Reason", "调整原因", reason, 500, required: true);
        v.ThrowIfInvalid();
        var c = await db.Set<AssistanceCase>().AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !c.DivisionCode.StartsWith(DivisionCode.ScopePrefix(r.DivisionCode), StringComparison.Ordinal))
            throw new DomainException("案件不存在或不属于该街道", "CaseId");
        if (c.Programme == Programme.Hardship) throw new DomainException("刚性支出困难家庭认定不发放资金，不能补发或扣减", "CaseId");
        var signed = k == LineKind.Deduction ? -amountFen : amountFen;
        var current = await db.Set<RosterLine>().Where(l => l.RosterId == id && l.CaseId == caseId).SumAsync(l => (long?)l.AmountFen, ct) ?? 0;
        if (current + signed < 0)
            throw new DomainException($"扣减后该户本月金额为 {Money.YuanText(current + signed)}，不能为负数", "AmountFen");
        r.Adjusted(signed, !await db.Set<RosterLine>().AnyAsync(l => l.RosterId == id && l.HouseholdId == c.HouseholdId, ct));
        db.Add(new RosterLine(r.Id, c.Id, c.HouseholdId, c.DivisionCode, c.Programme, r.Month, k, c.PayeeName, c.BankName, c.BankAccount, signed, text, c.Members.Count));
        db.AddAudit(Kernel.Auditing.AuditAction.Operation, nameof(PaymentRoster), r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.DivisionCode,
            $"花名册 {r.StreetName} {r.MonthText}：案件 {c.Id} {KindName(k)} {Money.YuanText(signed)}，原因：{text}");
        return await SaveAsync(r, ct);
    }

    public async Task<RosterView> ReviewAsync(int id, int version, CancellationToken ct = default)
    {
        if (!Is(Roles.StreetReviewer)) throw new ForbiddenException("花名册由街道审核人审核");
        var r = await LoadAsync(id, version, ct);
        r.Review(user.UserName, clock.GetUtcNow().UtcDateTime);
        return await SaveAsync(r, ct);
    }

    public async Task<RosterView> ReopenAsync(int id, int version, CancellationToken ct = default)
    {
        if (!Is(Roles.StreetReviewer, Roles.DistrictStaff)) throw new ForbiddenException("只有街道审核人或区民政局工作人员可以退回修改");
        var r = await LoadAsync(id, version, ct);
        r.Reopen();
        return await SaveAsync(r, ct);
    }

    public async Task<RosterView> LockAsync(int id, int version, CancellationToken ct = default)
    {
        if (!Is(Roles.DistrictStaff, Roles.DistrictApprover)) throw new ForbiddenException("花名册由区民政局锁定");
        var r = await LoadAsync(id, version, ct);
        r.Lock(user.UserName, clock.GetUtcNow().UtcDateTime);
        return await SaveAsync(r, ct);
    }

    /// <summary>The bank's payment file of a locked roster: one line per payee (regular amount plus adjustments).</summary>
    public async Task<(byte[] Content, string ContentType, string FileName)> BankFileAsync(int id, string? format, CancellationToken ct = default)
    {
        if (!Is(Roles.StreetReviewer, Roles.DistrictStaff, Roles.Admin)) throw new ForbiddenException("银行代发文件由街道审核人或区民政局导出");
        var r = await GetAsync(id, ct);
        if (r.Status != nameof(RosterStatus.Locked)) throw new DomainException("花名册锁定后才能导出银行代发文件", "Status");
        var rows = await db.Set<RosterLine>().AsNoTracking().Where(l => l.RosterId == id)
            .GroupBy(l => new { l.CaseId, l.PayeeName, l.BankName, l.BankAccount })
            .Select(g => new { g.Key.CaseId, g.Key.PayeeName, g.Key.BankName, g.Key.BankAccount, Amount = g.Sum(l => l.AmountFen) })
            .ToListAsync(ct);
        rows = rows.Where(x => x.Amount > 0).OrderBy(x => x.CaseId).ToList();
        db.AddAudit(Kernel.Auditing.AuditAction.ViewPersonalData, nameof(PaymentRoster), id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.DivisionCode,
            $"导出银行代发文件（{rows.Count} 户，含完整账号）");
        await db.SaveChangesAsync(ct);
        var name = $"银行代发-{r.StreetName.Split(' ').Last()}-{r.Month}";
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
            return (ExcelFile.Write(rows, ("账号", x => x.BankAccount), ("户名", x => x.PayeeName), ("金额（元）", x => (x.Amount / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
                ("开户行", x => x.BankName), ("摘要", x => $"{r.MonthText}社会救助金")), ExcelFile.ContentType, name + ".xlsx");
        var csv = new StringBuilder("账号,户名,金额,开户行,摘要\r\n");
        foreach (var x in rows)
            csv.Append(Csv(x.BankAccount)).Append(',').Append(Csv(x.PayeeName)).Append(',')
                .Append((x.Amount / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(Csv(x.BankName)).Append(',')
                .Append(Csv($"{r.MonthText}社会救助金")).Append("\r\n");
        return ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name + ".csv");
    }

    /// <summary>A CSV field: quoted where needed, and never read by a spreadsheet as a formula (=, +, -, @ at the start).</summary>
    private static string Csv(string? s)
    {
        if (s is null) return "";
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@') s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }

    public async Task<byte[]> ExportLinesAsync(int id, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        var rows = await db.Set<RosterLine>().AsNoTracking().Where(l => l.RosterId == id).OrderBy(l => l.DivisionCode).ThenBy(l => l.CaseId).ToListAsync(ct);
        return ExcelFile.Write(rows.Select(LineView), ("社区", l => l.DivisionCode), ("案件", l => l.CaseId), ("户编号", l => l.HouseholdId), ("项目", l => l.Programme),
            ("类型", l => l.KindName), ("收款人", l => l.PayeeName), ("开户行", l => l.BankName), ("账号", l => l.BankAccountMasked), ("人数", l => l.Persons),
            ("金额（元）", l => l.AmountFen / 100m), ("原因", l => l.Reason));
    }
}

/// <summary>
/// The published list per community (公开): the newest locked roster month, masked names, household sizes and amounts.
/// Public by rule; only masked fields leave the query.
/// </summary>
public sealed class PublishedRosters(AppDbContext db, DivisionDirectory divisions)
{
    public async Task<(int? Month, IReadOnlyList<PublishedLine> Lines)> ForCommunityAsync(string? community, CancellationToken ct = default)
    {
        var all = await divisions.AllAsync(ct);
        if (community is null || !all.TryGetValue(community, out var division) || division.Level != DivisionLevel.Community) return (null, []);
        var street = DivisionCode.ParentOf(community);
        var month = await db.Set<PaymentRoster>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.DivisionCode == street && r.Status == RosterStatus.Locked).OrderByDescending(r => r.Month).Select(r => (int?)r.Month).FirstOrDefaultAsync(ct);
        if (month is null) return (null, []);
        var rows = await (from l in db.Set<RosterLine>().IgnoreQueryFilters().AsNoTracking()
                          join r in db.Set<PaymentRoster>().IgnoreQueryFilters() on l.RosterId equals r.Id
                          where r.DivisionCode == street && r.Month == month && l.DivisionCode == community
                          group l by new { l.CaseId, l.PayeeName, l.Programme } into g
                          select new { g.Key.CaseId, g.Key.PayeeName, g.Key.Programme, Persons = g.Max(x => x.Persons), Amount = g.Sum(x => x.AmountFen) })
            .ToListAsync(ct);
        return (month, rows.OrderBy(x => x.CaseId).Select(x => new PublishedLine(division.Name, PiiMask.PublicName(x.PayeeName), x.Persons, x.Amount,
            AssistanceApplication.ProgrammeName(x.Programme))).ToList());
    }
}
