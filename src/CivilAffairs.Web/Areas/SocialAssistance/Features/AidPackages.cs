using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

public sealed record ReferralInput(int? CaseId, int? PersonId, string? Kind, string? SchoolStage, string? Need);
public sealed record ReferralOutcomeInput(int Version, bool Granted, string? Form, long AmountFen, int? FromMonth, int? ToMonth, DateOnly? DecidedOn, string? Outcome);
public sealed record ReferralWithdrawInput(int Version, string? Reason);

public sealed record ReferralView(int Id, string Kind, string KindName, int HouseholdId, string DivisionCode, int CaseId, string BaseProgrammeName, int PersonId,
    string Name, string IdNumberMasked, string? SchoolStage, string? SchoolStageName, string Need, string Department, DateOnly ReferredOn, DateOnly DueOn,
    bool Overdue, string ReferredBy, string Status, string StatusName, string? Form, long AmountFen, int? FromMonth, int? ToMonth, DateOnly? DecidedOn,
    string? Outcome, string? RecordedBy, int Version);

/// <summary>A programme the household is in (a base programme or a temporary grant).</summary>
public sealed record PackageCase(int CaseId, string Programme, string ProgrammeName, string Status, string StatusName, long MonthlyAmountFen, int StartMonth, int? EndMonth);

/// <summary>An add-on aid a member may still be referred for, on which base case.</summary>
public sealed record PackageSuggestion(string Kind, string KindName, int CaseId);

public sealed record PackageMember(int PersonId, string Name, string IdNumberMasked, int Age, long MedicalUsedFen, long MedicalCapFen, long PremiumSubsidyFen,
    IReadOnlyList<PackageSuggestion> CanBeReferredFor);

/// <summary>
/// The household's assistance package for a year (救助套餐): base programmes in force, temporary grants, each member's
/// medical assistance used against the annual cap and the premium subsidy, the add-on aid referrals and their outcomes,
/// the add-on aids each member may still be referred for, and what the household received in the year.
/// </summary>
public sealed record HouseholdPackage(int HouseholdId, string DivisionName, string? Address, int Year, IReadOnlyList<PackageCase> Bases,
    IReadOnlyList<PackageCase> TemporaryGrants, IReadOnlyList<PackageMember> Members, IReadOnlyList<ReferralView> Referrals,
    long PaidThisYearFen, long MedicalThisYearFen, long PremiumThisYearFen, long AddOnGrantedThisYearFen, long TotalThisYearFen);

/// <summary>
/// Add-on aids stacked on a base programme (保基本、可叠加、可组合): a member of a household in a base programme is referred
/// to the partner department (education, housing, employment) with the need; the department's answer is recorded
/// (granted — form, amount, period — or declined with its reason); the household's whole package is one view.
/// Referrals are made by the community, the street or the district; answers are recorded by the street or the district.
/// </summary>
public sealed class AidPackages(AppDbContext db, HouseholdRoster roster, PolicyProvider policies, WorkingDayService workingDays, CurrentUser user, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private int ThisMonth => YearMonth.Of(Today);

    private ReferralView View(AidReferral r) => new(r.Id, r.Kind.ToString(), AidReferral.KindName(r.Kind), r.HouseholdId, r.DivisionCode, r.CaseId,
        AssistanceApplication.ProgrammeName(r.BaseProgramme), r.PersonId, r.Name, PiiMask.IdNumber(r.IdNumber), r.SchoolStage?.ToString(),
        r.SchoolStage is { } s ? AidReferral.StageName(s) : null, r.Need, r.Department, r.ReferredOn, r.DueOn,
        r.Status == ReferralStatus.Referred && r.DueOn < Today, r.ReferredBy, r.Status.ToString(), AidReferral.StatusName(r.Status), r.Form, r.AmountFen,
        r.FromMonth, r.ToMonth, r.DecidedOn, r.Outcome, r.RecordedBy, r.Version);

    public async Task<ReferralView> ReferAsync(ReferralInput input, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.CommunityCaseworker) && !user.IsInRole(Roles.StreetReviewer) && !user.IsInRole(Roles.DistrictStaff))
            throw new ForbiddenException("专项救助转办由社区、街道或区民政局经办人员办理");
        var v = new Validator();
        if (!Enum.TryParse<AidKind>(input.Kind, true, out var kind) || !Enum.IsDefined(kind))
            v.Add("Kind", "请选择专项救助类别：Education（教育救助）、Housing（住房救助）或 Employment（就业救助）");
        SchoolStage? stage = null;
        if (!string.IsNullOrWhiteSpace(input.SchoolStage))
        {
            if (Enum.TryParse<SchoolStage>(input.SchoolStage, true, out var st) && Enum.IsDefined(st)) stage = st;
            else v.Add("SchoolStage", "学段应为 Preschool、Compulsory、HighSchool、Vocational 或 Higher");
        }
        var need = v.Text("Need", "救助需求", input.Need, 1000, required: true);
        if (input.CaseId is null) v.Add("CaseId", "请选择作为基础的救助案件");
        if (input.PersonId is null) v.Add("PersonId", "请选择救助对象");
        v.ThrowIfInvalid();

        var baseCase = await db.Set<AssistanceCase>().AsNoTracking().Include(c => c.Members).FirstOrDefaultAsync(c => c.Id == input.CaseId, ct)
            ?? throw new NotFoundException("案件不存在或不在您的管辖范围内");
        var covered = baseCase.Members.FirstOrDefault(m => m.PersonId == input.PersonId)
            ?? throw new DomainException($"该人员不是案件 {baseCase.Id} 的保障成员", "PersonId");
        var household = await roster.GetAsync(baseCase.HouseholdId, ct);
        var person = household.Members.FirstOrDefault(m => m.PersonId == covered.PersonId);
        if (person is null || person.Status != PersonStatus.Normal)
            throw new DomainException($"{covered.Name} 已不在该户或已注销户籍，不能转办", "PersonId");
        var why = AidEligibility.WhyNot(kind, baseCase, new AidCandidate(person.PersonId, person.Name, CitizenId.AgeOn(person.BirthDate, Today), person.SevereDisability), stage, ThisMonth);
        if (why is not null) throw new DomainException(why, kind == AidKind.Education && stage is null ? "SchoolStage" : "CaseId");
        // one open referral per person and kind; housing is the household's, so one per household
        await RequireNoneOpenAsync(kind, baseCase.HouseholdId, person.PersonId, person.Name, ct);

        var policy = policies.For(baseCase.DivisionCode, Today);
        var referral = new AidReferral(kind, baseCase, person.PersonId, person.IdNumber, person.Name, kind == AidKind.Education ? stage : null, need!,
            policy.DepartmentFor(kind), Today, await workingDays.AddWorkingDaysAsync(Today, policy.ReferralWorkingDays, ct), user.UserName, Now);
        db.Add(referral);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // the unique indexes on open referrals: someone referred the same at the same moment
            db.Entry(referral).State = EntityState.Detached;
            await RequireNoneOpenAsync(kind, baseCase.HouseholdId, person.PersonId, person.Name, ct);
            // the other one is out of the caller's sight (e.g. left open in the community the person moved from)
            throw new DomainException($"{(kind == AidKind.Housing ? "该户" : person.Name + " ")}已有办理中的{AidReferral.KindName(kind)}转办（可能在原所在社区），请联系区民政局", "Kind");
        }
        return View(referral);
    }

    /// <summary>
    /// One open referral per person and kind (housing: per household), and none while a granted aid of the kind still runs
    /// (no end month, or ending this month or later).
    /// </summary>
    private async Task RequireNoneOpenAsync(AidKind kind, int householdId, int personId, string name, CancellationToken ct)
    {
        var thisMonth = ThisMonth;
        var same = db.Set<AidReferral>().Where(r => r.Kind == kind && (kind == AidKind.Housing ? r.HouseholdId == householdId : r.PersonId == personId));
        var who = kind == AidKind.Housing ? "该户" : name + " ";
        if (await same.AnyAsync(r => r.Status == ReferralStatus.Referred, ct))
            throw new DomainException($"{who}已有办理中的{AidReferral.KindName(kind)}转办", "Kind");
        var running = await same.Where(r => r.Status == ReferralStatus.Granted && (r.ToMonth == null || r.ToMonth >= thisMonth))
            .Select(r => new { r.Form, r.ToMonth }).FirstOrDefaultAsync(ct);
        if (running is not null)
            throw new DomainException($"{who}正在享受{AidReferral.KindName(kind)}（{running.Form}{(running.ToMonth is { } to ? $"，至 {to / 100} 年 {to % 100} 月" : "")}），期满后再转办", "Kind");
    }

    public async Task<ReferralView> GetAsync(int id, CancellationToken ct = default) =>
        View(await db.Set<AidReferral>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("转办记录不存在或不在您的管辖范围内"));

    /// <summary>Referrals in the caller's division; <paramref name="open"/>: only those waiting for an answer (overdue first).</summary>
    public async Task<PagedResult<ReferralView>> ListAsync(bool open, string? kind, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<AidReferral>().AsNoTracking();
        if (open) q = q.Where(r => r.Status == ReferralStatus.Referred);
        if (Enum.TryParse<AidKind>(kind, true, out var k)) q = q.Where(r => r.Kind == k);
        var total = await q.CountAsync(ct);
        var rows = await (open ? q.OrderBy(r => r.DueOn).ThenBy(r => r.Id) : q.OrderByDescending(r => r.Id)).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<ReferralView>(rows.Select(View).ToList(), total, p, size);
    }

    private async Task<AidReferral> LoadAsync(int id, int version, CancellationToken ct)
    {
        var r = await db.Set<AidReferral>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("转办记录不存在或不在您的管辖范围内");
        if (r.Version != version) throw new StaleEditException();
        return r;
    }

    private async Task<ReferralView> SaveAsync(AidReferral r, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return View(r);
    }

    /// <summary>The department's answer, recorded by the street or the district (who receive it).</summary>
    public async Task<ReferralView> RecordOutcomeAsync(int id, ReferralOutcomeInput input, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.StreetReviewer) && !user.IsInRole(Roles.DistrictStaff))
            throw new ForbiddenException("部门办理结果由街道或区民政局登记");
        var r = await LoadAsync(id, input.Version, ct);
        r.RecordOutcome(input.Granted, input.Form, input.AmountFen, input.FromMonth, input.ToMonth, input.DecidedOn ?? Today, input.Outcome, user.UserName, Today);
        return await SaveAsync(r, ct);
    }

    public async Task<ReferralView> WithdrawAsync(int id, ReferralWithdrawInput input, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.CommunityCaseworker) && !user.IsInRole(Roles.StreetReviewer) && !user.IsInRole(Roles.DistrictStaff))
            throw new ForbiddenException("您的角色不能撤回转办");
        var r = await LoadAsync(id, input.Version, ct);
        r.Withdraw(input.Reason, user.UserName);
        return await SaveAsync(r, ct);
    }

    public async Task<HouseholdPackage> PackageAsync(int householdId, int? year, CancellationToken ct = default)
    {
        var y = year ?? Today.Year;
        if (y is < 2000 or > 2100) throw new DomainException("年份不正确", "Year");
        var household = await roster.GetAsync(householdId, ct); // scoped: another division's household is not found
        var firstMonth = y * 100 + 1;
        var lastMonth = y * 100 + 12;
        // a household has a handful of cases: all of them, then those of the year (for the figures) and those in force now
        // (the bases for a referral — a case enrolled in December is paid from January and is a base already)
        var allCases = await db.Set<AssistanceCase>().AsNoTracking().Include(c => c.Members).Where(c => c.HouseholdId == householdId)
            .OrderBy(c => c.StartMonth).ThenBy(c => c.Id).ToListAsync(ct);
        var cases = allCases.Where(c => c.StartMonth <= lastMonth && (c.EndMonth == null || c.EndMonth >= firstMonth)).ToList();
        // the household's own lines (scoped to its community, which the caller may see); the roster is the street's, read
        // only for its status — a community caseworker cannot see the street's roster itself
        var paid = await db.Set<RosterLine>().Where(l => l.HouseholdId == householdId && l.Month >= firstMonth && l.Month <= lastMonth)
            .Join(db.Set<PaymentRoster>().IgnoreQueryFilters().Where(r => r.Status == RosterStatus.Locked), l => l.RosterId, r => r.Id, (l, r) => l.AmountFen)
            .SumAsync(a => (long?)a, ct) ?? 0;
        var personIds = household.Members.Select(m => m.PersonId).ToList();
        var used = await db.Set<MedicalCapUsage>().AsNoTracking().Where(u => personIds.Contains(u.PersonId) && u.Year == y)
            .ToDictionaryAsync(u => u.PersonId, u => u.UsedFen, ct);
        var referrals = await db.Set<AidReferral>().AsNoTracking().Where(r => r.HouseholdId == householdId).OrderByDescending(r => r.Id).ToListAsync(ct);

        var thisMonth = ThisMonth;
        var today = Today;
        var inYear = cases.Where(c => c.Programme != Programme.Temporary).ToList();
        var inForce = allCases.Where(c => AidEligibility.InForce(c, thisMonth)).ToList();
        // members living in the household, and those who died or moved out but were covered in the year (their figures count)
        var members = household.Members.Where(m => m.Status == PersonStatus.Normal || inYear.Any(c => c.Members.Any(x => x.PersonId == m.PersonId))).Select(m =>
        {
            var age = CitizenId.AgeOn(m.BirthDate, today);
            // the base programme that covers the member in the year: 特困 before dibao (premium and medical type)
            var cover = inYear.Where(c => c.Members.Any(x => x.PersonId == m.PersonId) && c.Programme is Programme.Destitute or Programme.Dibao)
                .OrderBy(c => c.Programme == Programme.Destitute ? 0 : 1).FirstOrDefault();
            var policy = policies.ForOrEarliest(household.DivisionCode, new DateOnly(y, 1, 1));
            var premium = cover is null ? 0 : cover.Programme == Programme.Destitute ? policy.ResidentPremiumFen : policy.DibaoPremiumSubsidyFen;
            var cap = cover is null ? 0 : policies.MedicalRates(y, cover.Programme == Programme.Destitute ? MedicalAssistanceType.Destitute : MedicalAssistanceType.Dibao).AnnualCapFen;
            var candidate = new AidCandidate(m.PersonId, m.Name, age, m.SevereDisability);
            var suggestions = new List<PackageSuggestion>();
            foreach (var kind in m.Status == PersonStatus.Normal ? Enum.GetValues<AidKind>() : [])
            {
                if (kind == AidKind.Education && age >= 25) continue; // students, in practice
                if (referrals.Any(r => r.Kind == kind && (kind == AidKind.Housing || r.PersonId == m.PersonId)
                        && (r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.Granted && (r.ToMonth is not { } to || to >= thisMonth))))
                    continue; // asked for already, or granted and still running
                var on = inForce.FirstOrDefault(c => c.Members.Any(x => x.PersonId == m.PersonId)
                    && AidEligibility.WhyNot(kind, c, candidate, SchoolStage.Compulsory, thisMonth) is null);
                if (on is not null) suggestions.Add(new PackageSuggestion(kind.ToString(), AidReferral.KindName(kind), on.Id));
            }
            return new PackageMember(m.PersonId, m.Name, PiiMask.IdNumber(m.IdNumber), age, used.GetValueOrDefault(m.PersonId), cap, premium, suggestions);
        }).ToList();
        var addOns = referrals.Where(r => r.Status == ReferralStatus.Granted && r.DecidedOn?.Year == y).Sum(r => r.AmountFen);
        var medical = members.Sum(m => m.MedicalUsedFen);
        var premiums = members.Sum(m => m.PremiumSubsidyFen);
        PackageCase Case(AssistanceCase c) => new(c.Id, c.Programme.ToString(), AssistanceApplication.ProgrammeName(c.Programme), c.Status.ToString(),
            c.DisplayStatus(thisMonth), c.MonthlyAmountFen, c.StartMonth, c.EndMonth);
        return new HouseholdPackage(household.HouseholdId, household.DivisionName, household.Address, y,
            inYear.Union(inForce).OrderBy(c => c.StartMonth).ThenBy(c => c.Id).Select(Case).ToList(), cases.Where(c => c.Programme == Programme.Temporary).Select(Case).ToList(), members,
            referrals.Select(View).ToList(), paid, medical, premiums, addOns, paid + medical + premiums + addOns);
    }
}
