using System.Text.RegularExpressions;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Areas.Verification.Contracts;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

public sealed record MemberInput(int PersonId, bool Counted = true, string? NotCountedReason = null, bool SeriousIllness = false);

public sealed record NewApplicationInput(
    string? Programme, string? Area, int HouseholdId, string? Reason, IReadOnlyList<MemberInput>? Members, bool StaffRelative = false,
    string? StaffRelativeNote = null, bool SpecialCase = false, int? IndividualPersonId = null, long RigidSpendingMonthlyFen = 0,
    string? PayeeName = null, string? BankName = null, string? BankAccount = null, int? AuthorizationId = null, int? OnlineRequestId = null,
    string? TemporaryKind = null, long RequestedAmountFen = 0);

public sealed record ApplicationListItem(int Id, string Number, string Programme, string ProgrammeName, string Status, string StatusName, int HouseholdId,
    string DivisionCode, string ApplicantName, DateTime SubmittedAt, DateOnly? DueOn, string? DueWhat, bool Overdue, bool StaffRelative, int Version);

public sealed record ApplicationMemberView(int PersonId, string Name, string IdNumberMasked, string Relationship, int Age, bool Counted, string? NotCountedReason,
    bool SevereDisability, bool OtherDisability, bool SeriousIllness);
public sealed record StepView(string Action, string ActionName, string UserName, string RoleName, DateTime At, string? Opinion, string FromStatusName, string ToStatusName);
public sealed record VisitView(int Id, DateOnly VisitedOn, string Investigators, bool ByDistrict, string Findings, string? NeighbourVisits, string RecordedBy);
public sealed record ObjectionView(int Id, DateOnly RaisedOn, string RaisedBy, string Content, string Status, string StatusName, string? Resolution, string? ResolvedBy);
public sealed record DocumentView(int Id, string Kind, string FileName, string ContentType, long Bytes, string UploadedBy, DateTime UploadedAt);

public sealed record ApplicationView(
    int Id, string Number, string Programme, string ProgrammeName, string Area, string AreaName, string Status, string StatusName, int HouseholdId,
    string DivisionCode, string DivisionName, string Channel, string ApplicantName, string Reason, DateTime SubmittedAt, bool StaffRelative, string? StaffRelativeNote,
    bool SpecialCase, int? IndividualPersonId, long RigidSpendingMonthlyFen, string? PayeeName, string? BankName, string? BankAccountMasked, int? AuthorizationId,
    int? VerificationReportId, string? VerificationReportNumber, long? VerifiedPerCapitaIncomeFen, DateOnly? AcceptedOn, DateOnly? InvestigationDue,
    DateOnly? ProcedureDue, DateOnly? NoticeStart, DateOnly? NoticeEnd, DateOnly? ApprovalDue, string? ApprovalLevel, string? StreetOpinion,
    string? DecisionOpinion, string? DecidedBy, DateOnly? DecidedOn, long? MonthlyAmountFen, IReadOnlyList<AmountLine> AmountWorking, int? StartMonth,
    int? CaseId, DateOnly? RefusalNoticeDue, DateOnly? RefusalNotifiedOn, string? TemporaryKind, long RequestedAmountFen, DateOnly? PaperworkDue,
    DateOnly? PaperworkCompletedOn, string? SelfCareLevel, SelfCareAssessment? SelfCare, IReadOnlyList<ApplicationMemberView> Members, IReadOnlyList<StepView> Timeline,
    IReadOnlyList<VisitView> Visits, IReadOnlyList<ObjectionView> Objections, IReadOnlyList<DocumentView> Documents, IReadOnlyList<string> AllowedActions,
    int Version);

/// <summary>
/// Dibao and destitute-support applications through their electronic review: one handler for the pages and the API.
/// Every action names the version the caller saw (two reviewers cannot both decide one case), checks the caller's role
/// and division, and is audited with its opinion.
/// </summary>
public sealed partial class Applications(AppDbContext db, HouseholdRoster roster, IVerificationReports verification, WorkingDayService workingDays,
    PolicyProvider policies, DivisionDirectory divisions, CurrentUser user, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    // ---- who may do what ----

    private bool Is(params string[] roles) => roles.Any(user.IsInRole);
    private bool IsCommunityLevel => Is(Roles.CommunityCaseworker, Roles.StreetReviewer, Roles.DistrictStaff, Roles.Admin);
    private bool IsStreetReviewer => Is(Roles.StreetReviewer);
    private bool IsDistrictApprover => Is(Roles.DistrictApprover);

    private Actor Me() => new(user.UserName, user.Roles.Select(Roles.DisplayName).FirstOrDefault() ?? "");

    private static readonly (string Action, Func<Applications, AssistanceApplication, bool> Allowed)[] ActionRules =
    [
        ("accept", (h, a) => a.Status == ApplicationStatus.Submitted && h.IsCommunityLevel),
        ("not-accept", (h, a) => a.Status == ApplicationStatus.Submitted && h.IsCommunityLevel),
        ("visit", (h, a) => (a.Status == ApplicationStatus.Investigating || a.PaperworkPending) && (h.IsCommunityLevel || h.IsDistrictApprover)),
        ("grant-emergency", (h, a) => a.Status == ApplicationStatus.Submitted && a.TemporaryKind == TemporaryKind.Emergency && (h.IsStreetReviewer || h.IsDistrictApprover)),
        ("complete-paperwork", (h, a) => a.PaperworkPending && h.IsCommunityLevel),
        ("verification", (h, a) => a.Status == ApplicationStatus.Investigating && h.IsCommunityLevel),
        ("self-care", (h, a) => a.Status == ApplicationStatus.Investigating && a.Programme == Programme.Destitute && h.IsCommunityLevel),
        ("submit", (h, a) => a.Status == ApplicationStatus.Investigating && h.IsCommunityLevel),
        ("street-review", (h, a) => a.Status == ApplicationStatus.StreetReview && h.IsStreetReviewer),
        ("objection", (h, a) => a.Status == ApplicationStatus.PublicNotice && h.IsCommunityLevel),
        ("resolve-objection", (h, a) => a.Status == ApplicationStatus.PublicNotice && (h.IsStreetReviewer || h.Is(Roles.DistrictStaff))),
        ("close-notice", (h, a) => a.Status == ApplicationStatus.PublicNotice && (h.IsStreetReviewer || h.Is(Roles.DistrictStaff))),
        ("decide", (h, a) => a.Status == ApplicationStatus.Approval && (a.ApprovalLevel == "Street" ? h.IsStreetReviewer : h.IsDistrictApprover)),
        ("withdraw", (h, a) => a.IsOpen && h.IsCommunityLevel),
        ("refusal-notified", (h, a) => a.Status == ApplicationStatus.Refused && a.RefusalNotifiedOn is null && h.IsCommunityLevel),
        ("document", (h, a) => (a.IsOpen || a.PaperworkPending) && (h.IsCommunityLevel || h.IsDistrictApprover)),
    ];

    private void Ensure(string action, AssistanceApplication a)
    {
        var rule = ActionRules.First(r => r.Action == action);
        if (rule.Allowed(this, a)) return;
        if (!ActionRules.Any(r => r.Action == action && StatusAllows(action, a)))
            throw new DomainException($"申请当前状态为“{AssistanceApplication.StatusName(a.Status)}”，不能进行此操作", "Status");
        throw new ForbiddenException("您的角色不能进行此操作");
    }

    /// <summary>Whether the state alone would allow the action (to tell "wrong state" from "wrong role").</summary>
    private static bool StatusAllows(string action, AssistanceApplication a) => action switch
    {
        "accept" or "not-accept" => a.Status == ApplicationStatus.Submitted,
        "visit" => a.Status == ApplicationStatus.Investigating || a.PaperworkPending,
        "verification" or "submit" => a.Status == ApplicationStatus.Investigating,
        "grant-emergency" => a.Status == ApplicationStatus.Submitted && a.TemporaryKind == TemporaryKind.Emergency,
        "complete-paperwork" => a.PaperworkPending,
        "self-care" => a.Status == ApplicationStatus.Investigating && a.Programme == Programme.Destitute,
        "street-review" => a.Status == ApplicationStatus.StreetReview,
        "objection" or "resolve-objection" or "close-notice" => a.Status == ApplicationStatus.PublicNotice,
        "decide" => a.Status == ApplicationStatus.Approval,
        "refusal-notified" => a.Status == ApplicationStatus.Refused && a.RefusalNotifiedOn is null,
        "document" => a.IsOpen || a.PaperworkPending,
        _ => a.IsOpen,
    };

    // ---- create ----

    [GeneratedRegex("^[0-9]{12,30}$")]
    private static partial Regex BankAccountPattern();

    public async Task<ApplicationView> CreateAsync(NewApplicationInput input, CancellationToken ct = default)
    {
        if (!IsCommunityLevel) throw new ForbiddenException("只有社区工作人员、街道审核人、区民政局工作人员可以录入申请");
        var household = await roster.GetAsync(input.HouseholdId, ct);
        var v = new Validator();
        if (!Enum.TryParse<Programme>(input.Programme, true, out var programme) || !Enum.IsDefined(programme))
            v.Add("Programme", "请选择救助项目：Dibao（最低生活保障）、Destitute（特困人员救助供养）、Temporary（临时救助）或 Hardship（刚性支出困难家庭认定）");
        if (programme == Programme.Hardship && input.RigidSpendingMonthlyFen <= 0) v.Add("RigidSpendingMonthlyFen", "刚性支出困难认定须填写近 12 个月平均每月的刚性支出");
        TemporaryKind? temporaryKind = null;
        if (programme == Programme.Temporary)
        {
            if (!Enum.TryParse<TemporaryKind>(input.TemporaryKind, true, out var k) || !Enum.IsDefined(k))
                v.Add("TemporaryKind", "请选择临时救助类型：Emergency（急难型）或 Expenditure（支出型）");
            else temporaryKind = k;
            if (input.RequestedAmountFen <= 0) v.Add("RequestedAmountFen", "请填写申请的临时救助金额");
        }
        if (!Enum.TryParse<AreaKind>(input.Area, true, out var area) || !Enum.IsDefined(area)) v.Add("Area", "请选择城市或农村（Urban / Rural）");
        var reason = v.Text("Reason", "申请理由", input.Reason, 1000, required: true);
        var staffNote = v.Text("StaffRelativeNote", "近亲属备案说明", input.StaffRelativeNote, 500, required: input.StaffRelative);
        var payee = v.Text("PayeeName", "收款人", input.PayeeName, 50);
        var bank = v.Text("BankName", "开户银行", input.BankName, 50);
        var account = input.BankAccount?.Replace(" ", "").Trim();
        if (!string.IsNullOrEmpty(account) && !BankAccountPattern().IsMatch(account)) v.Add("BankAccount", "银行账号应为 12–30 位数字");
        if (input.RigidSpendingMonthlyFen < 0) v.Add("RigidSpendingMonthlyFen", "刚性支出不能为负数");
        Money.CheckMax(v, "RigidSpendingMonthlyFen", input.RigidSpendingMonthlyFen);
        Money.CheckMax(v, "RequestedAmountFen", input.RequestedAmountFen);
        var chosen = input.Members is { Count: > 0 } m ? m : household.Members.Select(x => new MemberInput(x.PersonId)).ToList();
        var unknown = chosen.Where(c => household.Members.All(x => x.PersonId != c.PersonId)).ToList();
        if (unknown.Count > 0) v.Add("Members", $"人员 {string.Join("、", unknown.Select(u => u.PersonId))} 不是该户成员");
        if (chosen.Select(c => c.PersonId).Distinct().Count() != chosen.Count) v.Add("Members", "成员重复");
        if (!chosen.Any(c => c.Counted)) v.Add("Members", "至少要有一名计入家庭人口的成员");
        foreach (var c in chosen.Where(c => !c.Counted && string.IsNullOrWhiteSpace(c.NotCountedReason)))
            v.Add("Members", $"不计入家庭人口的成员须写明原因（人员 {c.PersonId}）");
        if (chosen.Any(c => c.NotCountedReason is { Length: > 200 })) v.Add("Members", "不计入原因不能超过 200 个字");
        var deceased = household.Members.Where(x => x.Status == PersonStatus.Deceased && chosen.Any(c => c.PersonId == x.PersonId && c.Counted)).ToList();
        if (deceased.Count > 0) v.Add("Members", $"{string.Join("、", deceased.Select(d => d.Name))} 已登记死亡，不能计入家庭人口");
        if (input.IndividualPersonId is { } individual && !chosen.Any(c => c.PersonId == individual && c.Counted))
            v.Add("IndividualPersonId", "单独施保的人员须是计入家庭人口的成员");
        if (input.IndividualPersonId is not null && programme != Programme.Dibao) v.Add("IndividualPersonId", "单独施保只适用于最低生活保障");
        if (input.AuthorizationId is { } auth && !await verification.AuthorizationOnRecordAsync(auth, household.HouseholdId, ct))
            v.Add("AuthorizationId", "该户没有这份核对授权");
        // a resident's online application, received by the community: the applicant must be a member of this household
        OnlineRequest? online = null;
        if (input.OnlineRequestId is { } requestId)
        {
            online = await db.Set<OnlineRequest>().FirstOrDefaultAsync(r => r.Id == requestId, ct) ?? throw new NotFoundException("网上申请不存在或不在您的管辖范围内");
            if (online.Status != OnlineRequestStatus.Pending) v.Add("OnlineRequestId", "该网上申请已处理");
            else if (household.Members.All(m => m.IdNumber != online.IdNumber)) v.Add("OnlineRequestId", "网上申请人不是该户成员");
            else if (online.Programme != programme) v.Add("Programme", $"网上申请的项目是“{AssistanceApplication.ProgrammeName(online.Programme)}”");
        }
        v.ThrowIfInvalid();

        // nobody twice: not already enrolled in the programme, not in another active case, not in another open application —
        // wherever in the district that case or application is (deliberately past the caller's division; only names and numbers come back)
        var personIds = chosen.Select(c => c.PersonId).ToList();
        var thisMonth = YearMonth.Of(Today);
        // temporary assistance stacks on any programme: it neither blocks nor is blocked by a case in force
        // (a hardship recognition is for households on neither dibao nor 特困, and one at a time)
        var enrolled = programme == Programme.Temporary ? [] : await (from cm in db.Set<CaseMember>()
                              join c in db.Set<AssistanceCase>().IgnoreQueryFilters() on cm.CaseId equals c.Id
                              where personIds.Contains(cm.PersonId) && c.Status != CaseStatus.Terminated && c.Programme != Programme.Temporary
                                  && (c.Programme != Programme.Hardship || (programme == Programme.Hardship && c.EndMonth >= thisMonth))
                              select new { cm.Name, c.Programme, c.Id }).ToListAsync(ct);
        foreach (var e in enrolled)
            v.Add("Members", e.Programme == programme
                ? $"{e.Name} 已在{AssistanceApplication.ProgrammeName(e.Programme)}保障中（案件 {e.Id}），不能重复申请"
                : $"{e.Name} 已在另一个救助案件中（{AssistanceApplication.ProgrammeName(e.Programme)}，案件 {e.Id}）");
        var pending = await (from am in db.Set<ApplicationMember>()
                             join a in db.Set<AssistanceApplication>().IgnoreQueryFilters() on am.ApplicationId equals a.Id
                             where personIds.Contains(am.PersonId) && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.Investigating
                                 || a.Status == ApplicationStatus.StreetReview || a.Status == ApplicationStatus.PublicNotice || a.Status == ApplicationStatus.Approval)
                                 && (a.Programme == Programme.Temporary) == (programme == Programme.Temporary)
                             select new { am.Name, a.Id, a.SubmittedAt }).ToListAsync(ct);
        foreach (var p in pending) v.Add("Members", $"{p.Name} 已有办理中的申请（SA{p.SubmittedAt:yyyy}{p.Id:D6}）");
        v.ThrowIfInvalid();

        var members = chosen.Select(c =>
        {
            var r = household.Members.First(x => x.PersonId == c.PersonId);
            return new ApplicationMember(r.PersonId, r.IdNumber, r.Name, PersonRules.RelationshipName(r.Relationship), r.BirthDate, c.Counted,
                c.Counted ? null : c.NotCountedReason!.Trim(), r.SevereDisability, r.DisabilityGrade is not null && !r.SevereDisability, c.SeriousIllness);
        }).ToList();
        var applicant = household.Head?.Name ?? household.Members[0].Name;
        var application = new AssistanceApplication(programme, area, household.HouseholdId, household.DivisionCode,
            online is null ? ApplicationChannel.Counter : ApplicationChannel.Online, applicant,
            reason!, members, Me(), Now)
        {
            StaffRelative = input.StaffRelative,
            StaffRelativeNote = staffNote,
            SpecialCase = input.SpecialCase,
            IndividualPersonId = input.IndividualPersonId,
            RigidSpendingMonthlyFen = input.RigidSpendingMonthlyFen,
            PayeeName = payee ?? applicant,
            BankName = bank,
            BankAccount = string.IsNullOrEmpty(account) ? null : account,
            AuthorizationId = input.AuthorizationId ?? await verification.LatestAuthorizationAsync(household.HouseholdId, ct),
            TemporaryKind = temporaryKind,
            RequestedAmountFen = programme == Programme.Temporary ? input.RequestedAmountFen : 0,
        };
        db.Add(application);
        if (online is null) await db.SaveChangesAsync(ct);
        else
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            online.Converted(application.Id, user.UserName, Now);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
            await transaction.CommitAsync(ct);
        }
        return await GetAsync(application.Id, ct);
    }

    // ---- read ----

    private IQueryable<AssistanceApplication> WithDetails() => db.Set<AssistanceApplication>()
        .Include(a => a.Members).Include(a => a.Steps).Include(a => a.Visits).Include(a => a.Objections).AsSplitQuery();

    private async Task<AssistanceApplication> LoadAsync(int id, int version, CancellationToken ct)
    {
        var a = await WithDetails().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申请不存在或不在您的管辖范围内");
        // someone acted since the caller loaded the case: their decision stands, the caller reloads (the version is
        // also a concurrency token, for two decisions at the same instant)
        if (a.Version != version) throw new StaleEditException();
        return a;
    }

    public async Task<ApplicationView> GetAsync(int id, CancellationToken ct = default)
    {
        var a = await WithDetails().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申请不存在或不在您的管辖范围内");
        var documents = await db.Set<ApplicationDocument>().AsNoTracking().Where(d => d.ApplicationId == id).OrderBy(d => d.Id)
            .Select(d => new DocumentView(d.Id, d.Kind, d.FileName, d.ContentType, d.Bytes, d.UploadedBy, d.UploadedAt)).ToListAsync(ct);
        return View(a, documents, await divisions.PathOfAsync(a.DivisionCode, ct));
    }

    private ApplicationView View(AssistanceApplication a, IReadOnlyList<DocumentView> documents, string divisionName)
    {
        var today = Today;
        var working = (a.AmountWorking ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            // the amount is after the last bar: the text may hold one (a name from the registry)
            .Select(l => new AmountLine(l[..l.LastIndexOf('|')], long.Parse(l[(l.LastIndexOf('|') + 1)..], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return new ApplicationView(a.Id, a.Number, a.Programme.ToString(), AssistanceApplication.ProgrammeName(a.Programme), a.Area.ToString(),
            a.Area == AreaKind.Urban ? "城市" : "农村", a.Status.ToString(), AssistanceApplication.StatusName(a.Status), a.HouseholdId, a.DivisionCode, divisionName,
            a.Channel.ToString(), a.ApplicantName, a.Reason, a.SubmittedAt, a.StaffRelative, a.StaffRelativeNote, a.SpecialCase, a.IndividualPersonId,
            a.RigidSpendingMonthlyFen, a.PayeeName, a.BankName, PiiMask.BankAccount(a.BankAccount), a.AuthorizationId, a.VerificationReportId, a.VerificationReportNumber,
            a.VerifiedPerCapitaIncomeFen, a.AcceptedOn, a.InvestigationDue, a.ProcedureDue, a.NoticeStart, a.NoticeEnd, a.ApprovalDue, a.ApprovalLevel,
            a.StreetOpinion, a.DecisionOpinion, a.DecidedBy, a.DecidedOn, a.MonthlyAmountFen, working, a.StartMonth, a.CaseId, a.RefusalNoticeDue, a.RefusalNotifiedOn,
            a.TemporaryKind?.ToString(), a.RequestedAmountFen, a.PaperworkDue, a.PaperworkCompletedOn,
            a.SelfCare is null ? null : SelfCareAssessment.LevelName(a.SelfCare.Level), a.SelfCare,
            a.Members.OrderBy(m => m.Id).Select(m => new ApplicationMemberView(m.PersonId, m.Name, PiiMask.IdNumber(m.IdNumber), m.Relationship, m.AgeOn(today),
                m.Counted, m.NotCountedReason, m.SevereDisability, m.OtherDisability, m.SeriousIllness)).ToList(),
            a.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new StepView(s.Action.ToString(), ActionName(s.Action), s.UserName, s.RoleName, s.At, s.Opinion,
                AssistanceApplication.StatusName(s.FromStatus), AssistanceApplication.StatusName(s.ToStatus))).ToList(),
            a.Visits.OrderBy(x => x.Id).Select(x => new VisitView(x.Id, x.VisitedOn, x.Investigators, x.ByDistrict, x.Findings, x.NeighbourVisits, x.RecordedBy)).ToList(),
            a.Objections.OrderBy(o => o.Id).Select(o => new ObjectionView(o.Id, o.RaisedOn, o.RaisedBy, o.Content, o.Status.ToString(),
                o.Status switch { ObjectionStatus.Open => "待处理", ObjectionStatus.Upheld => "成立（重新调查）", _ => "不成立" }, o.Resolution, o.ResolvedBy)).ToList(),
            documents, ActionRules.Where(r => r.Allowed(this, a)).Select(r => r.Action).ToList(), a.Version);
    }

    public static string ActionName(StepAction a) => a switch
    {
        StepAction.Submitted => "提交申请",
        StepAction.Accepted => "社区受理",
        StepAction.NotAccepted => "不予受理",
        StepAction.HomeVisitRecorded => "入户调查",
        StepAction.VerificationAttached => "经济状况核对",
        StepAction.SubmittedToStreet => "报街道审核",
        StepAction.StreetApproved => "街道审核通过",
        StepAction.StreetReturned => "街道退回补充",
        StepAction.StreetRejected => "街道审核不通过",
        StepAction.ObjectionRaised => "登记异议",
        StepAction.ObjectionUpheld => "异议成立",
        StepAction.ObjectionDismissed => "异议不成立",
        StepAction.NoticeClosed => "公示期满",
        StepAction.Approved => "审批同意",
        StepAction.Refused => "审批不同意",
        StepAction.Withdrawn => "撤回",
        StepAction.SelfCareAssessed => "生活自理能力评估",
        StepAction.RefusalNotified => "书面告知",
        StepAction.EmergencyGranted => "先行救助",
        StepAction.PaperworkCompleted => "补齐手续",
        _ => "上传材料",
    };

    /// <summary>
    /// "Waiting for me": the open applications the caller's role acts on next, inside their division, each with the
    /// deadline that applies now (working days) and whether it has passed.
    /// </summary>
    public async Task<PagedResult<ApplicationListItem>> WorklistAsync(string? status, bool mine, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        // the visits tell whether the 3-day deadline to start the investigation still applies
        var q = db.Set<AssistanceApplication>().AsNoTracking().Include(a => a.Visits).AsQueryable();
        if (Enum.TryParse<ApplicationStatus>(status, true, out var s)) q = q.Where(a => a.Status == s);
        if (mine)
        {
            var waiting = new List<ApplicationStatus>();
            if (IsCommunityLevel) waiting.AddRange([ApplicationStatus.Submitted, ApplicationStatus.Investigating]);
            var notifies = IsCommunityLevel;
            if (IsStreetReviewer || Is(Roles.DistrictStaff)) waiting.AddRange([ApplicationStatus.StreetReview, ApplicationStatus.PublicNotice]);
            var decides = IsDistrictApprover ? "District" : IsStreetReviewer ? "Street" : null;
            q = q.Where(a => waiting.Contains(a.Status) || (a.Status == ApplicationStatus.Approval && a.ApprovalLevel == decides)
                || (notifies && a.Status == ApplicationStatus.Refused && a.RefusalNotifiedOn == null)
                || (notifies && a.Status == ApplicationStatus.Enrolled && a.TemporaryKind == TemporaryKind.Emergency && a.PaperworkCompletedOn == null));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(a => a.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var today = Today;
        return new PagedResult<ApplicationListItem>(rows.Select(a =>
        {
            var (due, what) = DueOf(a);
            return new ApplicationListItem(a.Id, a.Number, a.Programme.ToString(), AssistanceApplication.ProgrammeName(a.Programme), a.Status.ToString(),
                AssistanceApplication.StatusName(a.Status), a.HouseholdId, a.DivisionCode, a.ApplicantName, a.SubmittedAt, due, what,
                due is { } d && d < today, a.StaffRelative, a.Version);
        }).ToList(), total, p, size);
    }

    /// <summary>The deadline that applies in the application's present state.</summary>
    private static (DateOnly? Due, string? What) DueOf(AssistanceApplication a) => a.Status switch
    {
        ApplicationStatus.Investigating when a.Visits.Count == 0 && a.InvestigationDue is not null => (a.InvestigationDue, "开始入户调查"),
        ApplicationStatus.Investigating or ApplicationStatus.StreetReview => (a.ProcedureDue, "办结"),
        ApplicationStatus.PublicNotice => (a.NoticeEnd, "公示结束后报送审批"),
        ApplicationStatus.Approval => (a.ApprovalDue is { } d && a.ProcedureDue is { } t && t < d ? t : a.ApprovalDue, "审批"),
        ApplicationStatus.Refused when a.RefusalNotifiedOn is null => (a.RefusalNoticeDue, "书面告知申请人"),
        ApplicationStatus.Enrolled when a.PaperworkPending => (a.PaperworkDue, "补齐入户调查和材料"),
        _ => (null, null),
    };

    // ---- actions ----

    private async Task<ApplicationView> SaveAsync(AssistanceApplication a, CancellationToken ct)
    {
        // an objection, a visit or a document changes only a child row: the application's version moves all the same, so
        // two people acting at once on one case (an objection while the notice is closed) cannot both succeed
        if (db.Entry(a).State == EntityState.Unchanged) db.Entry(a).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleEditException();
        }
        return await GetAsync(a.Id, ct);
    }

    public async Task<ApplicationView> AcceptAsync(int id, int version, string? opinion, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("accept", a);
        var policy = policies.For(a.DivisionCode, Today);
        var startDays = a.Programme == Programme.Destitute ? policy.DestituteInvestigationWorkingDays : policy.InvestigationStartWorkingDays;
        var investigationDue = await workingDays.AddWorkingDaysAsync(Today, startDays, ct);
        var procedureDue = await workingDays.AddWorkingDaysAsync(Today, a.SpecialCase ? policy.SpecialCaseWorkingDays : policy.TotalWorkingDays, ct);
        a.Accept(Me(), Now, Today, investigationDue, procedureDue, opinion);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> NotAcceptAsync(int id, int version, string? reason, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("not-accept", a);
        a.NotAccept(Me(), Now, reason);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> RecordVisitAsync(int id, int version, DateOnly? visitedOn, string? investigators, bool byDistrict, string? findings,
        string? neighbourVisits, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("visit", a);
        if (visitedOn is null) throw new DomainException("请填写入户日期", "VisitedOn");
        if (byDistrict && !Is(Roles.DistrictStaff, Roles.DistrictApprover, Roles.Admin)) throw new ForbiddenException("区级入户调查须由区民政局人员登记");
        var names = (investigators ?? "").Split([',', '，', '、', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries);
        a.RecordHomeVisit(Me(), Now, Today, visitedOn.Value, names, byDistrict, findings, neighbourVisits);
        return await SaveAsync(a, ct);
    }

    /// <summary>Attaches a verification report of this household (the given one, or its newest).</summary>
    public async Task<ApplicationView> AttachVerificationAsync(int id, int version, int? reportId, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("verification", a);
        var report = reportId is { } r ? await verification.GetAsync(r, ct) : await verification.LatestForHouseholdAsync(a.HouseholdId, ct);
        if (report is null || report.HouseholdId != a.HouseholdId)
            throw new DomainException(reportId is null ? "该户还没有家庭经济状况核对报告，请先在“经济状况核对”中核对" : "核对报告不存在或不是该户的", "ReportId");
        if (a.AcceptedOn is { } accepted && DateOnly.FromDateTime(report.CreatedAt) < accepted.AddMonths(-3))
            throw new DomainException($"核对报告 {report.Number} 出具于 {report.CreatedAt:yyyy-MM-dd}，早于受理日期三个月以上，请重新核对", "ReportId");
        a.AttachVerification(Me(), Now, report.Id, report.Number, report.PerCapitaMonthlyIncomeFen);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> AssessSelfCareAsync(int id, int version, SelfCareAssessment assessment, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("self-care", a);
        a.AssessSelfCare(Me(), Now, assessment);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> SubmitToStreetAsync(int id, int version, string? opinion, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("submit", a);
        a.SubmitToStreet(Me(), Now, opinion);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> ReviewAtStreetAsync(int id, int version, string? decision, string? opinion, int? noticeDays, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("street-review", a);
        if (!Enum.TryParse<StreetDecision>(decision, true, out var d) || !Enum.IsDefined(d))
            throw new DomainException("请选择审核结果：Approve（通过，进入公示）、Return（退回补充）或 Reject（不通过）", "Decision");
        var policy = policies.For(a.DivisionCode, Today);
        a.ReviewAtStreet(Me(), Now, Today, d, opinion, noticeDays ?? policy.NoticeDays, await workingDays.AddWorkingDaysAsync(Today, 3, ct));
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> RaiseObjectionAsync(int id, int version, string? raisedBy, string? content, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("objection", a);
        a.RaiseObjection(Me(), Now, Today, raisedBy, content);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> ResolveObjectionAsync(int id, int version, int objectionId, bool upheld, string? resolution, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("resolve-objection", a);
        a.ResolveObjection(Me(), Now, objectionId, upheld, resolution);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> CloseNoticeAsync(int id, int version, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("close-notice", a);
        var policy = policies.For(a.DivisionCode, Today);
        var days = a.Programme == Programme.Destitute ? policy.DestituteDecisionWorkingDays : policy.DecisionWorkingDays;
        a.CloseNotice(Me(), Now, Today, policy.ApprovalDelegatedToStreet, await workingDays.AddWorkingDaysAsync(a.NoticeEnd ?? Today, days, ct));
        return await SaveAsync(a, ct);
    }

    /// <summary>The amount the application would get if approved today (shown to the approver, and on the approval form).</summary>
    public AllowanceAmount Amount(AssistanceApplication a)
    {
        var policy = policies.For(a.DivisionCode, Today);
        var counted = a.Members.Where(m => m.Counted).ToList();
        if (a.VerifiedPerCapitaIncomeFen is not { } income) throw new DomainException("尚未附上经济状况核对报告，无法计算金额", "VerificationReportId");
        var members = counted.Select(m => new AllowanceMember(m.Name, m.AgeOn(Today), m.SevereDisability, m.OtherDisability, m.SeriousIllness)).ToList();
        if (a.Programme == Programme.Destitute) return AllowanceCalculator.Destitute(policy, a.Area, members, income);
        if (a.Programme == Programme.Temporary) return AllowanceCalculator.Temporary(policy, a.RequestedAmountFen, income);
        if (a.Programme == Programme.Hardship) return AllowanceCalculator.Hardship(policy, a.Area, counted.Count, income, a.RigidSpendingMonthlyFen);
        var individual = a.IndividualPersonId is { } pid ? members[counted.FindIndex(m => m.PersonId == pid)] : null;
        return AllowanceCalculator.Dibao(policy, a.Area, members, income, a.RigidSpendingMonthlyFen, individual);
    }

    public async Task<AllowanceAmount> PreviewAmountAsync(int id, CancellationToken ct = default)
    {
        var a = await WithDetails().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("申请不存在或不在您的管辖范围内");
        return Amount(a);
    }

    /// <summary>Approval: the amount is worked out now, the case is enrolled and paid from next month.</summary>
    public async Task<ApplicationView> ApproveAsync(int id, int version, string? opinion, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("decide", a);
        var amount = Amount(a);
        // checked again at the moment of enrolment, across every division: nobody is enrolled twice
        var memberIds = a.Members.Where(m => m.Counted).Select(m => m.PersonId).ToList();
        var thisMonth = YearMonth.Of(Today);
        var inForce = a.Programme == Programme.Temporary ? null : await (from cm in db.Set<CaseMember>()
                             join other in db.Set<AssistanceCase>().IgnoreQueryFilters() on cm.CaseId equals other.Id
                             where memberIds.Contains(cm.PersonId) && other.Status != CaseStatus.Terminated && other.Programme != Programme.Temporary
                                 && (other.Programme != Programme.Hardship || (a.Programme == Programme.Hardship && other.EndMonth >= thisMonth))
                             select new { cm.Name, other.Id }).FirstOrDefaultAsync(ct);
        if (inForce is not null) throw new DomainException($"{inForce.Name} 已在另一个救助案件中（案件 {inForce.Id}），不能重复纳入", "Members");
        var today = Today;
        var startMonth = YearMonth.Next(today);
        a.Approve(Me(), Now, today, opinion, amount, startMonth);
        var policy = policies.For(a.DivisionCode, today);
        // review every 6 months when someone counted could work (18–59, no disability), otherwise yearly
        var ableToWork = a.Members.Any(m => m.Counted && m.AgeOn(today) is >= 18 and < 60 && !m.SevereDisability && !m.OtherDisability && !m.SeriousIllness);
        var covered = a.IndividualPersonId is { } pid ? a.Members.Where(m => m.PersonId == pid) : a.Members.Where(m => m.Counted);
        var c = new AssistanceCase(a.Programme, a.Area, a.HouseholdId, a.DivisionCode, a.Id, amount.MonthlyFen, startMonth, a.PayeeName ?? a.ApplicantName,
            a.BankName, a.BankAccount, today.AddMonths(ableToWork ? policy.ReviewMonthsIrregular : policy.ReviewMonthsStable),
            covered.Select(m => new CaseMember(m.PersonId, m.IdNumber, m.Name)).ToList(), Now);
        if (a.Programme == Programme.Temporary) c.PayOnce("一次性临时救助");
        if (a.Programme == Programme.Hardship) c.Recognised(12, "刚性支出困难家庭认定（不发放）");
        if (a.Programme is Programme.Dibao or Programme.Destitute)
        {
            // a household on dibao or 特困 is no longer a hardship household: its recognition ends with this month
            var recognitions = await db.Set<AssistanceCase>().IgnoreQueryFilters().Include(x => x.Events)
                .Where(x => x.Programme == Programme.Hardship && x.Status != CaseStatus.Terminated && x.Members.Any(m => memberIds.Contains(m.PersonId)))
                .ToListAsync(ct);
            foreach (var r in recognitions.Where(r => r.EndMonth >= thisMonth))
                r.Terminate(user.UserName, Now, Math.Max(thisMonth, YearMonth.Before(r.StartMonth)), $"已纳入{AssistanceApplication.ProgrammeName(a.Programme)}（申请 {a.Number}），认定终止");
        }
        db.Add(c);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            a.LinkCase(c.Id);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleEditException();
        }
        catch (DbUpdateException)
        {
            // the unique index on the case's application: someone else enrolled it at the same moment
            throw new StaleEditException();
        }
        return await GetAsync(a.Id, ct);
    }

    public async Task<ApplicationView> RefuseAsync(int id, int version, string? reasons, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("decide", a);
        a.Refuse(Me(), Now, Today, reasons, await workingDays.AddWorkingDaysAsync(Today, 3, ct));
        return await SaveAsync(a, ct);
    }

    /// <summary>
    /// 急难型临时救助, help first: the street (up to its limit) or the district (up to the maximum) grants at once; the
    /// one-off amount is paid in next month's roster; the home visit and documents follow within 10 working days.
    /// </summary>
    public async Task<ApplicationView> GrantEmergencyAsync(int id, int version, long amountFen, string? opinion, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("grant-emergency", a);
        var today = Today;
        var policy = policies.For(a.DivisionCode, today);
        var limit = IsDistrictApprover ? policy.TemporaryMaxFen : policy.TemporaryStreetLimitFen;
        var payMonth = YearMonth.Next(today);
        a.GrantEmergency(Me(), Now, today, opinion, amountFen, limit, payMonth, await workingDays.AddWorkingDaysAsync(today, 10, ct));
        if (string.IsNullOrWhiteSpace(a.BankAccount) || string.IsNullOrWhiteSpace(a.PayeeName))
            throw new DomainException("先行救助须有收款人和银行账号（用于发放）", "BankAccount");
        var c = new AssistanceCase(a.Programme, a.Area, a.HouseholdId, a.DivisionCode, a.Id, amountFen, payMonth, a.PayeeName!, a.BankName, a.BankAccount,
            today, a.Members.Where(m => m.Counted).Select(m => new CaseMember(m.PersonId, m.IdNumber, m.Name)).ToList(), Now);
        c.PayOnce("急难型临时救助（先行救助）");
        db.Add(c);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            a.LinkCase(c.Id);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new StaleEditException();
        }
        return await GetAsync(a.Id, ct);
    }

    public async Task<ApplicationView> CompletePaperworkAsync(int id, int version, string? opinion, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("complete-paperwork", a);
        a.CompletePaperwork(Me(), Now, Today, opinion);
        return await SaveAsync(a, ct);
    }

    /// <summary>Records that the written refusal reached the applicant (due within 3 working days of the decision).</summary>
    public async Task<ApplicationView> RefusalNotifiedAsync(int id, int version, DateOnly? deliveredOn, string? how, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("refusal-notified", a);
        a.RefusalDelivered(Me(), Now, deliveredOn ?? Today, Today, how);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> WithdrawAsync(int id, int version, string? reason, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("withdraw", a);
        a.Withdraw(Me(), Now, reason);
        return await SaveAsync(a, ct);
    }

    public async Task<ApplicationView> AddDocumentAsync(int id, int version, string? kind, IFormFile? file, CancellationToken ct = default)
    {
        var a = await LoadAsync(id, version, ct);
        Ensure("document", a);
        var v = new Validator();
        var k = v.Text("Kind", "材料名称", kind, 50, required: true);
        if (file is null || file.Length == 0) v.Add("File", "请选择要上传的文件（PDF、JPG 或 PNG）");
        else if (file.Length > Kernel.Web.UploadedFiles.MaxDocumentBytes) v.Add("File", "文件不能超过 10 MB");
        v.ThrowIfInvalid();
        using var ms = new MemoryStream();
        await file!.CopyToAsync(ms, ct);
        var content = ms.ToArray();
        var type = Kernel.Web.UploadedFiles.Sniff(content) ?? throw new DomainException("文件内容不是有效的 PDF、JPG 或 PNG 文件", "File");
        a.AddDocument(Me(), Now, k!, Path.GetFileName(file.FileName), type, content);
        return await SaveAsync(a, ct);
    }

    public async Task<(byte[] Content, string ContentType, string FileName)> DocumentAsync(int id, int documentId, CancellationToken ct = default)
    {
        if (!await db.Set<AssistanceApplication>().AnyAsync(a => a.Id == id, ct)) throw new NotFoundException("申请不存在或不在您的管辖范围内");
        var d = await db.Set<ApplicationDocument>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == documentId && x.ApplicationId == id, ct)
            ?? throw new NotFoundException("材料不存在");
        return (d.Content, d.ContentType, d.FileName);
    }
}
