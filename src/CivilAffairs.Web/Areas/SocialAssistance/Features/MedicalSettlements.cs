using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

public sealed record SettlementInput(string? IdNumber, string? Visit, string? BillNumber, DateOnly? VisitDate, long TotalFen, long InCatalogueFen,
    long BasicInsuranceFen, long CriticalIllnessFen, long OtherAidFen, string? Institution = null);

public sealed record SettlementView(long Id, string IdNumberMasked, string Name, string Type, string TypeName, int Year, string Visit, string Institution,
    string BillNumber, DateOnly VisitDate, long TotalFen, long InCatalogueFen, long BasicInsuranceFen, long CriticalIllnessFen, long OtherAidFen,
    long SelfPayInCatalogueFen, long ThresholdFen, long AssistanceFen, long PatientPaysFen, long AnnualCapFen, long UsedThisYearFen,
    IReadOnlyList<string> Working, string Status, string SubmittedBy, DateTime SettledAt, string? ReversalReason, bool Repeated);

public sealed record PremiumSubsidyLine(string Community, string Name, string IdNumber, string Programme, long SubsidyFen);

/// <summary>
/// Medical assistance settled together with medical insurance (同步结算): a hospital's billing system (or district
/// staff) submits a bill; the platform answers at once with the assistance and the patient's share, never letting a
/// person's annual cap be exceeded — two settlements at the same instant included (optimistic concurrency on the
/// person's cap row, retried). A settlement can be reversed, which restores the cap. Also the yearly premium-subsidy list.
/// </summary>
public sealed class MedicalSettlements(AppDbContext db, PolicyProvider policies, CurrentUser user, TimeProvider clock,
    Microsoft.AspNetCore.Identity.UserManager<AppUser> users)
{
    private const int Attempts = 8;

    private bool IsHospital => user.IsInRole(Roles.MedicalInstitution);

    public static string TypeName(MedicalAssistanceType t) => t == MedicalAssistanceType.Destitute ? "特困人员" : "低保对象";

    public async Task<(SettlementView View, bool Created)> SettleAsync(SettlementInput input, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var v = new Validator();
        var id = input.IdNumber?.Trim().ToUpperInvariant();
        if (!CitizenId.TryParse(id, today, out _, out var idError)) v.Add("IdNumber", idError);
        if (!Enum.TryParse<VisitKind>(input.Visit, true, out var visit) || !Enum.IsDefined(visit)) v.Add("Visit", "请选择就诊类型：Inpatient（住院）或 Outpatient（门诊）");
        var bill = v.Text("BillNumber", "结算单号", input.BillNumber, 50, required: true);
        if (input.VisitDate is not { } visitDate) v.Add("VisitDate", "请填写就诊（出院）日期");
        else if (visitDate > today) v.Add("VisitDate", "就诊日期不能晚于今天");
        else if (visitDate < today.AddYears(-1)) v.Add("VisitDate", "就诊日期早于一年前，不能再结算");
        var amounts = new MedicalBill(input.TotalFen, input.InCatalogueFen, input.BasicInsuranceFen, input.CriticalIllnessFen, input.OtherAidFen);
        MedicalSettlementCalculator.Validate(amounts, v);
        // staff settle on behalf of a registered hospital (its account's user name), so the same bill cannot be settled
        // once by the hospital's system and again by hand under another spelling of the hospital's name
        var institution = IsHospital ? user.UserName : v.Text("Institution", "医疗机构", input.Institution, 100, required: true);
        if (!IsHospital && institution is not null && !(await InstitutionsAsync(ct)).Any(i => i.UserName == institution))
            v.Add("Institution", "请选择已登记的定点医疗机构");
        v.ThrowIfInvalid();

        // the same bill twice (a retried request): the first settlement answers
        var repeated = await db.Set<MedicalSettlement>().AsNoTracking().FirstOrDefaultAsync(s => s.Institution == institution && s.BillNumber == bill, ct);
        if (repeated is not null) return (await ViewAsync(repeated, true, ct), false);

        var member = await (from m in db.Set<CaseMember>()
                            join c in db.Set<AssistanceCase>() on m.CaseId equals c.Id
                            where m.IdNumber == id && c.Programme != Programme.Temporary && c.Programme != Programme.Hardship
                                && (c.Status == CaseStatus.Active || c.Status == CaseStatus.GradualExit || c.Status == CaseStatus.Suspended)
                            orderby c.Programme == Programme.Destitute descending
                            select new { m.PersonId, m.Name, c.Id, c.DivisionCode, c.Programme, c.StartMonth }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("该人员不是医疗救助对象（不在低保或特困人员保障中）", "IdNumber");
        var visitMonth = YearMonth.Of(input.VisitDate!.Value);
        if (visitMonth < member.StartMonth) throw new DomainException($"就诊时该人员尚未纳入保障（自 {member.StartMonth / 100} 年 {member.StartMonth % 100} 月起）", "VisitDate");
        var type = member.Programme == Programme.Destitute ? MedicalAssistanceType.Destitute : MedicalAssistanceType.Dibao;
        var year = input.VisitDate!.Value.Year;
        var table = policies.MedicalRates(year, type);

        for (var attempt = 1; ; attempt++)
        {
            var usage = await db.Set<MedicalCapUsage>().FirstOrDefaultAsync(u => u.PersonId == member.PersonId && u.Year == year, ct);
            if (usage is null)
            {
                usage = new MedicalCapUsage(member.PersonId, year);
                db.Add(usage);
            }
            var result = MedicalSettlementCalculator.Compute(amounts, table, usage.UsedFen);
            if (result.ComputedFen > 0 && result.RemainingCapBeforeFen == 0)
                throw new DomainException($"该人员 {year} 年的医疗救助已达年度封顶线 {Money.YuanText(table.AnnualCapFen)}，本次不能再救助", "IdNumber");
            usage.Use(result.AssistanceFen);
            if (db.Entry(usage).State == EntityState.Unchanged) db.Entry(usage).State = EntityState.Modified; // bump the version even for 0
            var settlement = new MedicalSettlement(member.PersonId, id!, member.Name, member.DivisionCode, member.Id, type, year, visit, institution!, bill!,
                input.VisitDate.Value, amounts, table.ThresholdFen, result, user.UserName, clock.GetUtcNow().UtcDateTime);
            db.Add(settlement);
            try
            {
                await db.SaveChangesAsync(ct);
                return (await ViewAsync(settlement, false, ct), true);
            }
            catch (DbUpdateException)
            {
                // another settlement of this person changed (or created) the cap row first: start again from the new figure;
                // the same bill submitted twice at once ends here too, and the next round finds the first one
                if (attempt >= Attempts) throw new StaleEditException();
                db.ChangeTracker.Clear();
                var first = await db.Set<MedicalSettlement>().AsNoTracking().FirstOrDefaultAsync(s => s.Institution == institution && s.BillNumber == bill, ct);
                if (first is not null) return (await ViewAsync(first, true, ct), false);
            }
        }
    }

    /// <summary>The designated hospitals: every account with the hospital role.</summary>
    public async Task<IReadOnlyList<(string UserName, string DisplayName)>> InstitutionsAsync(CancellationToken ct = default) =>
        (await users.GetUsersInRoleAsync(Roles.MedicalInstitution)).OrderBy(u => u.UserName).Select(u => (u.UserName!, u.DisplayName ?? u.UserName!)).ToList();

    public async Task<SettlementView> ReverseAsync(long id, string? reason, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var s = await Visible().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("结算记录不存在");
            s.Reverse(user.UserName, clock.GetUtcNow().UtcDateTime, reason);
            var usage = await db.Set<MedicalCapUsage>().FirstAsync(u => u.PersonId == s.PersonId && u.Year == s.Year, ct);
            usage.Restore(s.AssistanceFen);
            db.Entry(usage).State = EntityState.Modified;
            try
            {
                await db.SaveChangesAsync(ct);
                return await ViewAsync(s, false, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                if (attempt >= Attempts) throw new StaleEditException();
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A hospital sees the settlements it submitted; staff see those of their division.</summary>
    private IQueryable<MedicalSettlement> Visible()
    {
        var q = db.Set<MedicalSettlement>().AsQueryable();
        return IsHospital ? q.Where(s => s.Institution == user.UserName) : q;
    }

    public async Task<SettlementView> GetAsync(long id, CancellationToken ct = default) =>
        await ViewAsync(await Visible().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("结算记录不存在"), false, ct);

    public async Task<PagedResult<SettlementView>> ListAsync(string? idNumber, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = Visible().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(idNumber)) q = q.Where(s => s.IdNumber == idNumber.Trim().ToUpperInvariant());
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(s => s.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        // the cap used by each person of the page, in one query
        var people = rows.Select(s => s.PersonId).Distinct().ToList();
        var years = rows.Select(s => s.Year).Distinct().ToList();
        var used = (await db.Set<MedicalCapUsage>().AsNoTracking().Where(u => people.Contains(u.PersonId) && years.Contains(u.Year))
            .Select(u => new { u.PersonId, u.Year, u.UsedFen }).ToListAsync(ct)).ToDictionary(u => (u.PersonId, u.Year), u => u.UsedFen);
        return new PagedResult<SettlementView>(rows.Select(s => View(s, false, used.GetValueOrDefault((s.PersonId, s.Year)))).ToList(), total, p, size);
    }

    private async Task<SettlementView> ViewAsync(MedicalSettlement s, bool repeated, CancellationToken ct) =>
        View(s, repeated, await db.Set<MedicalCapUsage>().AsNoTracking().Where(u => u.PersonId == s.PersonId && u.Year == s.Year).Select(u => u.UsedFen).FirstOrDefaultAsync(ct));

    private SettlementView View(MedicalSettlement s, bool repeated, long used)
    {
        var table = policies.MedicalRates(s.Year, s.Type);
        return new SettlementView(s.Id, PiiMask.IdNumber(s.IdNumber), s.Name, s.Type.ToString(), TypeName(s.Type), s.Year, s.Visit.ToString(), s.Institution,
            s.BillNumber, s.VisitDate, s.TotalFen, s.InCatalogueFen, s.BasicInsuranceFen, s.CriticalIllnessFen, s.OtherAidFen, s.SelfPayInCatalogueFen,
            s.ThresholdFen, s.AssistanceFen, s.PatientPaysFen, table.AnnualCapFen, used, s.Working.Split('\n'), s.Status.ToString(), s.SubmittedBy, s.SettledAt,
            s.ReversalReason, repeated);
    }

    /// <summary>
    /// The premium subsidies of a year (资助参保): everyone covered by a case in force at some time that year —
    /// destitute persons get the whole premium, dibao members the fixed subsidy.
    /// </summary>
    public async Task<List<PremiumSubsidyLine>> PremiumSubsidiesAsync(int? year, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.DistrictStaff) && !user.IsInRole(Roles.Admin))
            throw new ForbiddenException("资助参保名单由区民政局导出");
        var y = year ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime).Year;
        if (y is < 2000 or > 2100) throw new DomainException("年份不正确", "Year");
        var firstMonth = y * 100 + 1;
        var lastMonth = y * 100 + 12;
        var rows = await (from m in db.Set<CaseMember>()
                          join c in db.Set<AssistanceCase>() on m.CaseId equals c.Id
                          // in force at some time in the year: started by its end, and not ended (terminated or gradual exit over) before it began
                          where c.Programme != Programme.Temporary && c.Programme != Programme.Hardship && c.StartMonth <= lastMonth && (c.EndMonth == null || c.EndMonth >= firstMonth)
                          select new { c.DivisionCode, m.Name, m.IdNumber, c.Programme, m.PersonId }).ToListAsync(ct);
        return rows.GroupBy(r => r.PersonId)
            .Select(g => g.OrderBy(r => r.Programme == Programme.Destitute ? 0 : 1).First())
            .OrderBy(r => r.DivisionCode).ThenBy(r => r.Name)
            .Select(r =>
            {
                var policy = policies.ForOrEarliest(r.DivisionCode, new DateOnly(y, 1, 1));
                return new PremiumSubsidyLine(r.DivisionCode, r.Name, r.IdNumber, AssistanceApplication.ProgrammeName(r.Programme),
                    r.Programme == Programme.Destitute ? policy.ResidentPremiumFen : policy.DibaoPremiumSubsidyFen);
            }).ToList();
    }

    /// <summary>The list as JSON (full ID numbers): audited like the Excel export.</summary>
    public async Task<List<PremiumSubsidyLine>> PremiumSubsidiesAuditedAsync(int? year, CancellationToken ct = default)
    {
        var lines = await PremiumSubsidiesAsync(year, ct);
        db.AddAudit(Kernel.Auditing.AuditAction.ViewPersonalData, "PremiumSubsidyList", (year ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            user.DivisionCode, $"查看资助参保名单（{lines.Count} 人，含完整身份证号码）");
        await db.SaveChangesAsync(ct);
        return lines;
    }

    public async Task<byte[]> PremiumSubsidyExcelAsync(int? year, CancellationToken ct = default)
    {
        var lines = await PremiumSubsidiesAsync(year, ct);
        db.AddAudit(Kernel.Auditing.AuditAction.ViewPersonalData, "PremiumSubsidyList", (year ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            user.DivisionCode, $"导出资助参保名单（{lines.Count} 人，含完整身份证号码）");
        await db.SaveChangesAsync(ct);
        return ExcelFile.Write(lines, ("社区代码", l => l.Community), ("姓名", l => l.Name), ("身份证号码", l => l.IdNumber), ("救助类别", l => l.Programme),
            ("资助金额（元）", l => l.SubsidyFen / 100m));
    }
}
