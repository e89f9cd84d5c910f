using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

public sealed record CaseMemberView(int PersonId, string Name, string IdNumberMasked, DateOnly? DeceasedOn);
public sealed record CaseEventView(string Action, string UserName, DateTime At, string Text);

public sealed record CaseView(int Id, string Programme, string ProgrammeName, string Area, int HouseholdId, string DivisionCode, int ApplicationId,
    long MonthlyAmountFen, int StartMonth, int? EndMonth, string PayeeName, string? BankName, string? BankAccountMasked, string Status, string StatusName,
    string? StatusReason, DateOnly NextReviewDue, bool ReviewOverdue, DateOnly? RecheckDue, string? Attention, IReadOnlyList<CaseMemberView> Members,
    IReadOnlyList<CaseEventView> Events, int Version);

/// <summary>
/// Dynamic management of enrolled cases (动态管理): periodic reviews (yearly, or every 6 months where someone could
/// work), suspension and resumption, a gradual exit of at most 6 months, termination with its reason — each audited and
/// on the case's own record — and the list of cases that need attention: a review due within 30 days or overdue, and a
/// re-check within 3 months of a member's death (from the registry).
/// </summary>
public sealed class Cases(AppDbContext db, PersonStatusLookup registry, PolicyProvider policies, CurrentUser user, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<CaseView>> ListAsync(string? status, bool attentionOnly, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<AssistanceCase>().AsNoTracking().Include(c => c.Members).AsQueryable();
        if (Enum.TryParse<CaseStatus>(status, true, out var s)) q = q.Where(c => c.Status == s);
        if (attentionOnly)
        {
            // due within 30 days, or a member registered dead (worked out below for the page shown)
            var soon = Today.AddDays(30);
            var dead = await DeceasedAmongCasesAsync(q, ct);
            var deceasedIds = dead.Keys.ToList();
            var candidates = await q.Where(c => c.Status != CaseStatus.Terminated
                    && ((c.NextReviewDue <= soon && (c.Programme == Programme.Dibao || c.Programme == Programme.Destitute)) || c.Members.Any(m => deceasedIds.Contains(m.PersonId))))
                .Select(c => new { c.Id, c.NextReviewDue, c.Programme, c.LastReviewedOn, People = c.Members.Select(m => m.PersonId).ToList() }).ToListAsync(ct);
            // a death reviewed since no longer asks for attention
            var ids = candidates.Where(c => (c.NextReviewDue <= soon && c.Programme is Programme.Dibao or Programme.Destitute)
                    || c.People.Any(p => dead.TryGetValue(p, out var d) && (c.LastReviewedOn is not { } r || d > r)))
                .Select(c => c.Id).ToList();
            q = q.Where(c => ids.Contains(c.Id));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(c => c.NextReviewDue).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var deceased = await registry.DeceasedAsync(rows.SelectMany(c => c.Members.Select(m => m.PersonId)).Distinct().ToList(), ct);
        return new PagedResult<CaseView>(rows.Select(c => View(c, deceased)).ToList(), total, p, size);
    }

    private async Task<IReadOnlyDictionary<int, DateOnly>> DeceasedAmongCasesAsync(IQueryable<AssistanceCase> q, CancellationToken ct)
    {
        var ids = await q.Where(c => c.Status != CaseStatus.Terminated).SelectMany(c => c.Members.Select(m => m.PersonId)).Distinct().ToListAsync(ct);
        return await registry.DeceasedAsync(ids, ct);
    }

    public async Task<CaseView> GetAsync(int id, CancellationToken ct = default)
    {
        var c = await db.Set<AssistanceCase>().AsNoTracking().Include(x => x.Members).Include(x => x.Events).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("案件不存在或不在您的管辖范围内");
        return View(c, await registry.DeceasedAsync(c.Members.Select(m => m.PersonId).ToList(), ct));
    }

    private CaseView View(AssistanceCase c, IReadOnlyDictionary<int, DateOnly> deceased)
    {
        var today = Today;
        DateOnly? recheck = null;
        // a death not yet followed by a review asks for a re-check within 3 months
        var died = c.Members.Where(m => deceased.ContainsKey(m.PersonId)).Select(m => deceased[m.PersonId])
            .Where(d => c.LastReviewedOn is not { } reviewed || d > reviewed).ToList();
        if (died.Count > 0 && c.Status != CaseStatus.Terminated) recheck = died.Min().AddMonths(3);
        var attention = new List<string>();
        if (recheck is { } r) attention.Add($"有成员已死亡，须在 {r:yyyy-MM-dd} 前复核");
        var thisMonth = YearMonth.Of(today);
        // a one-off grant has nothing to review; a recognition lapses at the end of its 12 months instead of being reviewed
        var reviewed = c.Status != CaseStatus.Terminated && c.Programme is Programme.Dibao or Programme.Destitute;
        if (reviewed && c.NextReviewDue < today) attention.Add("定期复核已超期");
        else if (reviewed && c.NextReviewDue <= today.AddDays(30)) attention.Add("定期复核将到期");
        if (c.Programme == Programme.Hardship && c.Status == CaseStatus.Active && c.EndMonth == thisMonth) attention.Add("认定本月底到期");
        return new CaseView(c.Id, c.Programme.ToString(), AssistanceApplication.ProgrammeName(c.Programme), c.Area.ToString(), c.HouseholdId, c.DivisionCode,
            c.ApplicationId, c.MonthlyAmountFen, c.StartMonth, c.EndMonth, c.PayeeName, c.BankName, PiiMask.BankAccount(c.BankAccount), c.Status.ToString(),
            c.DisplayStatus(thisMonth), c.StatusReason, c.NextReviewDue, reviewed && c.NextReviewDue < today, recheck,
            attention.Count == 0 ? null : string.Join("；", attention),
            c.Members.OrderBy(m => m.Id).Select(m => new CaseMemberView(m.PersonId, m.Name, PiiMask.IdNumber(m.IdNumber), deceased.TryGetValue(m.PersonId, out var d) ? d : null)).ToList(),
            c.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new CaseEventView(e.Action, e.UserName, e.At, e.Text)).ToList(), c.Version);
    }

    private async Task<AssistanceCase> LoadAsync(int id, int version, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.StreetReviewer) && !user.IsInRole(Roles.DistrictStaff) && !user.IsInRole(Roles.DistrictApprover) && !user.IsInRole(Roles.CommunityCaseworker))
            throw new ForbiddenException("您的角色不能办理案件的动态管理");
        var c = await db.Set<AssistanceCase>().Include(x => x.Members).Include(x => x.Events).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("案件不存在或不在您的管辖范围内");
        if (c.Version != version) throw new StaleEditException();
        return c;
    }

    private async Task<CaseView> SaveAsync(AssistanceCase c, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return await GetAsync(c.Id, ct);
    }

    /// <summary>Decisions that stop or end payment are the street's or the district's (a caseworker records reviews).</summary>
    private void RequireDecider()
    {
        if (!user.IsInRole(Roles.StreetReviewer) && !user.IsInRole(Roles.DistrictStaff) && !user.IsInRole(Roles.DistrictApprover))
            throw new ForbiddenException("暂停、渐退和终止由街道或区民政局决定");
    }

    public async Task<CaseView> SuspendAsync(int id, int version, string? reason, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, version, ct);
        RequireDecider();
        c.Suspend(user.UserName, Now, reason);
        return await SaveAsync(c, ct);
    }

    public async Task<CaseView> ResumeAsync(int id, int version, string? reason, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, version, ct);
        RequireDecider();
        c.Resume(user.UserName, Now, reason);
        return await SaveAsync(c, ct);
    }

    /// <summary>A gradual exit from next month, for 1–6 months.</summary>
    public async Task<CaseView> GradualExitAsync(int id, int version, int months, string? reason, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, version, ct);
        RequireDecider();
        c.StartGradualExit(user.UserName, Now, YearMonth.Next(Today), months, reason);
        return await SaveAsync(c, ct);
    }

    /// <summary>Terminates from next month: this month is the last one paid (for a suspended case, the month before).</summary>
    public async Task<CaseView> TerminateAsync(int id, int version, string? reason, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, version, ct);
        RequireDecider();
        // this month is the last one paid — unless payment was suspended, then the month before
        var last = c.Status == CaseStatus.Suspended ? Today.AddMonths(-1) : Today;
        c.Terminate(user.UserName, Now, YearMonth.Of(last), reason);
        return await SaveAsync(c, ct);
    }

    /// <summary>Records a periodic review; the next one is due in 6 or 12 months by the case's type.</summary>
    public async Task<CaseView> ReviewAsync(int id, int version, string? outcome, long? newMonthlyAmountFen, bool irregular, CancellationToken ct = default)
    {
        var c = await LoadAsync(id, version, ct);
        if (newMonthlyAmountFen is { } amount && amount != c.MonthlyAmountFen) RequireDecider(); // a caseworker records a review; a new amount is decided above
        var policy = policies.For(c.DivisionCode, Today);
        c.Reviewed(user.UserName, Now, Today, Today.AddMonths(irregular ? policy.ReviewMonthsIrregular : policy.ReviewMonthsStable), newMonthlyAmountFen, outcome);
        return await SaveAsync(c, ct);
    }
}
