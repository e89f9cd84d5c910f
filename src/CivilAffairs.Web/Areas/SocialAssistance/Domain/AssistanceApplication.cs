using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

public enum Programme
{
    /// <summary>城乡最低生活保障</summary>
    Dibao = 1,
    /// <summary>特困人员救助供养</summary>
    Destitute = 2,
    /// <summary>临时救助: a one-off grant; it stacks on any other programme</summary>
    Temporary = 3,
    /// <summary>刚性支出困难家庭认定: a recognition valid for at most 12 months, not a payment</summary>
    Hardship = 4,
}

public enum TemporaryKind
{
    /// <summary>急难型: help first (the street or district grants at once), paperwork after.</summary>
    Emergency = 1,
    /// <summary>支出型: the full procedure.</summary>
    Expenditure = 2,
}

public enum ApplicationChannel
{
    /// <summary>A caseworker entered it at the counter (窗口).</summary>
    Counter = 1,
    /// <summary>The resident applied online through the public portal.</summary>
    Online = 2,
}

public enum ApplicationStatus
{
    /// <summary>已申请: waiting for community intake.</summary>
    Submitted = 1,
    /// <summary>调查核对中: accepted; home visit and economic verification.</summary>
    Investigating = 2,
    /// <summary>街道审核</summary>
    StreetReview = 3,
    /// <summary>公示中</summary>
    PublicNotice = 4,
    /// <summary>审批 (district, or street where delegated)</summary>
    Approval = 5,
    /// <summary>已纳入 (terminal)</summary>
    Enrolled = 6,
    /// <summary>不予批准 (terminal)</summary>
    Refused = 7,
    /// <summary>不予受理 (terminal)</summary>
    NotAccepted = 8,
    /// <summary>已撤回 (terminal)</summary>
    Withdrawn = 9,
}

/// <summary>What the person on each step did; the timeline shows them in order.</summary>
public enum StepAction
{
    Submitted = 1,
    Accepted = 2,
    NotAccepted = 3,
    HomeVisitRecorded = 4,
    VerificationAttached = 5,
    SubmittedToStreet = 6,
    StreetApproved = 7,
    StreetReturned = 8,
    StreetRejected = 9,
    ObjectionRaised = 10,
    ObjectionUpheld = 11,
    ObjectionDismissed = 12,
    NoticeClosed = 13,
    Approved = 14,
    Refused = 15,
    Withdrawn = 16,
    DocumentAdded = 17,
    SelfCareAssessed = 18,
    RefusalNotified = 19,
    EmergencyGranted = 20,
    PaperworkCompleted = 21,
}

public enum StreetDecision
{
    Approve = 1,
    Return = 2,
    Reject = 3,
}

/// <summary>
/// An application for dibao or destitute support and its electronic review (DOMAIN.md, 审核确认办法 2021): community
/// intake → investigation (home visit by at least two investigators) and economic verification → street review
/// (approve / return / reject, with an opinion) → public notice of at least 7 days with objections → approval by the
/// district (or the street where delegated) → enrolment, or refusal in writing with reasons. The state machine lives
/// here: every transition checks the state it starts from and records who, when and the opinion on the timeline.
/// </summary>
public sealed class AssistanceApplication : IDivisionScoped, IAudited, IVersioned
{
    private AssistanceApplication() { }

    public AssistanceApplication(Programme programme, AreaKind area, int householdId, string divisionCode, ApplicationChannel channel,
        string applicantName, string reason, IEnumerable<ApplicationMember> members, Actor actor, DateTime now)
    {
        Programme = programme;
        Area = area;
        HouseholdId = householdId;
        DivisionCode = divisionCode;
        Channel = channel;
        ApplicantName = applicantName;
        Reason = reason;
        Status = ApplicationStatus.Submitted;
        SubmittedAt = now;
        _members.AddRange(members);
        AddStep(StepAction.Submitted, actor, now, channel == ApplicationChannel.Online ? "居民网上申请" : "社区窗口代为录入");
    }

    public int Id { get; private set; }
    public Programme Programme { get; private set; }
    public AreaKind Area { get; private set; }
    public int HouseholdId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public ApplicationChannel Channel { get; private set; }
    public string ApplicantName { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public ApplicationStatus Status { get; private set; }
    public DateTime SubmittedAt { get; private set; }

    /// <summary>Close relatives of case staff or committee members: registered separately, always a district home visit.</summary>
    public bool StaffRelative { get; set; }
    public string? StaffRelativeNote { get; set; }
    /// <summary>Special case: the whole procedure may take 45 working days instead of 30.</summary>
    public bool SpecialCase { get; set; }
    /// <summary>Individual inclusion (单独施保): the one person enrolled alone.</summary>
    public int? IndividualPersonId { get; set; }
    /// <summary>Rigid medical/education spending per month declared for an expenditure-based case (deducted from income).</summary>
    public long RigidSpendingMonthlyFen { get; set; }

    public string? PayeeName { get; set; }
    public string? BankName { get; set; }
    public string? BankAccount { get; set; }

    /// <summary>The household's verification authorisation (required at intake).</summary>
    public int? AuthorizationId { get; set; }
    public int? VerificationReportId { get; private set; }
    public string? VerificationReportNumber { get; private set; }
    public long? VerifiedPerCapitaIncomeFen { get; private set; }

    public DateOnly? AcceptedOn { get; private set; }
    /// <summary>When the case last came back for more investigation (a street return, an upheld objection): a new home visit is needed after it.</summary>
    public DateTime? ReinvestigateSince { get; private set; }
    public DateOnly? InvestigationDue { get; private set; }
    public DateOnly? ProcedureDue { get; private set; }
    public DateOnly? NoticeStart { get; private set; }
    public DateOnly? NoticeEnd { get; private set; }
    public DateOnly? ApprovalDue { get; private set; }
    /// <summary>Who approves after the notice: "District", or "Street" where approval is delegated.</summary>
    public string? ApprovalLevel { get; private set; }

    public string? StreetOpinion { get; private set; }
    public string? DecisionOpinion { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    /// <summary>A refusal is notified in writing within 3 working days: the due date, and when it was delivered.</summary>
    public DateOnly? RefusalNoticeDue { get; private set; }
    public DateOnly? RefusalNotifiedOn { get; private set; }
    public long? MonthlyAmountFen { get; private set; }
    /// <summary>The amount's working, one line each ("text|fen").</summary>
    public string? AmountWorking { get; private set; }
    /// <summary>First month paid, yyyymm.</summary>
    public int? StartMonth { get; private set; }
    public int? CaseId { get; private set; }

    // Temporary assistance: its kind, the one-off amount asked for, and for the emergency kind the paperwork that follows the grant.
    public TemporaryKind? TemporaryKind { get; set; }
    public long RequestedAmountFen { get; set; }
    public DateOnly? PaperworkDue { get; private set; }
    public DateOnly? PaperworkCompletedOn { get; private set; }
    public bool PaperworkPending => TemporaryKind == Domain.TemporaryKind.Emergency && Status == ApplicationStatus.Enrolled && PaperworkCompletedOn is null;

    // Destitute support: the six-activity self-care assessment (true = can do it).
    public SelfCareAssessment? SelfCare { get; set; }

    public int Version { get; set; }

    private readonly List<ApplicationMember> _members = [];
    private readonly List<ApplicationStep> _steps = [];
    private readonly List<HomeVisit> _visits = [];
    private readonly List<Objection> _objections = [];
    private readonly List<ApplicationDocument> _documents = [];
    public IReadOnlyList<ApplicationMember> Members => _members;
    public IReadOnlyList<ApplicationStep> Steps => _steps;
    public IReadOnlyList<HomeVisit> Visits => _visits;
    public IReadOnlyList<Objection> Objections => _objections;
    public IReadOnlyList<ApplicationDocument> Documents => _documents;

    string IAudited.AuditDivisionCode => DivisionCode;

    public string Number => $"SA{SubmittedAt:yyyy}{Id:D6}";
    public bool IsOpen => Status is ApplicationStatus.Submitted or ApplicationStatus.Investigating or ApplicationStatus.StreetReview
        or ApplicationStatus.PublicNotice or ApplicationStatus.Approval;

    private void Require(params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new DomainException($"申请当前状态为“{StatusName(Status)}”，不能进行此操作", "Status");
    }

    private static string RequireOpinion(string? opinion, string what, string field = "Opinion")
    {
        var text = opinion?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException($"请填写{what}", field);
        if (text.Length > 1000) throw new DomainException($"{what}不能超过 1000 个字", field);
        return text;
    }

    private void AddStep(StepAction action, Actor actor, DateTime now, string? opinion, ApplicationStatus? from = null) =>
        _steps.Add(new ApplicationStep(action, actor.UserName, actor.RoleName, now, opinion, from ?? Status, Status));

    private void Move(ApplicationStatus to, StepAction action, Actor actor, DateTime now, string? opinion)
    {
        var from = Status;
        Status = to;
        AddStep(action, actor, now, opinion, from);
    }

    /// <summary>The six-activity self-care assessment of destitute support, on the timeline with its result.</summary>
    public void AssessSelfCare(Actor actor, DateTime now, SelfCareAssessment assessment)
    {
        Require(ApplicationStatus.Investigating);
        if (Programme != Programme.Destitute) throw new DomainException("生活自理能力评估只适用于特困人员救助供养", "SelfCare");
        SelfCare = assessment;
        AddStep(StepAction.SelfCareAssessed, actor, now, $"{SelfCareAssessment.LevelName(assessment.Level)}（{assessment.Impossible} 项不能完成）");
    }

    /// <summary>Community intake (受理): the authorisation must be on record; the investigation deadline starts.</summary>
    public void Accept(Actor actor, DateTime now, DateOnly today, DateOnly investigationDue, DateOnly procedureDue, string? opinion)
    {
        Require(ApplicationStatus.Submitted);
        if (AuthorizationId is null) throw new DomainException("受理前须登记家庭经济状况核对授权", "AuthorizationId");
        // a hardship recognition is never paid: no account needed
        if (Programme != Programme.Hardship && (string.IsNullOrWhiteSpace(BankAccount) || string.IsNullOrWhiteSpace(PayeeName)))
            throw new DomainException("受理前须填写收款人和银行账号（用于发放）", "BankAccount");
        AcceptedOn = today;
        InvestigationDue = investigationDue;
        ProcedureDue = procedureDue;
        Move(ApplicationStatus.Investigating, StepAction.Accepted, actor, now, opinion?.Trim() is { Length: > 0 } o ? o : "材料齐全，予以受理");
    }

    public void NotAccept(Actor actor, DateTime now, string? reason)
    {
        Require(ApplicationStatus.Submitted);
        DecisionOpinion = RequireOpinion(reason, "不予受理的理由");
        Move(ApplicationStatus.NotAccepted, StepAction.NotAccepted, actor, now, DecisionOpinion);
    }

    public HomeVisit RecordHomeVisit(Actor actor, DateTime now, DateOnly today, DateOnly visitedOn, IReadOnlyList<string> investigators, bool byDistrict,
        string? findings, string? neighbourVisits)
    {
        if (!PaperworkPending) Require(ApplicationStatus.Investigating);
        var names = investigators.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (names.Count < 2) throw new DomainException("入户调查须至少两名调查人员（并均签字）", "Investigators");
        if (names.Any(n => n.Length > 50)) throw new DomainException("调查人员姓名不能超过 50 个字", "Investigators");
        if (visitedOn > today) throw new DomainException("入户日期不能晚于今天", "VisitedOn");
        if (AcceptedOn is { } accepted && visitedOn < accepted) throw new DomainException("入户日期不能早于受理日期", "VisitedOn");
        var text = RequireOpinion(findings, "调查情况", "Findings");
        var visit = new HomeVisit(visitedOn, string.Join("、", names), byDistrict, text, neighbourVisits?.Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, 1000)] : null, actor.UserName, now);
        _visits.Add(visit);
        AddStep(StepAction.HomeVisitRecorded, actor, now, $"{visitedOn:yyyy-MM-dd} 入户调查（{visit.Investigators}{(byDistrict ? "，区级" : "")}）");
        return visit;
    }

    /// <summary>The economic verification report of this household (from the verification module).</summary>
    public void AttachVerification(Actor actor, DateTime now, int reportId, string reportNumber, long perCapitaIncomeFen)
    {
        Require(ApplicationStatus.Investigating);
        VerificationReportId = reportId;
        VerificationReportNumber = reportNumber;
        VerifiedPerCapitaIncomeFen = perCapitaIncomeFen;
        AddStep(StepAction.VerificationAttached, actor, now, $"核对报告 {reportNumber}：人均月收入 {Money.YuanText(perCapitaIncomeFen)}");
    }

    public void SubmitToStreet(Actor actor, DateTime now, string? opinion)
    {
        Require(ApplicationStatus.Investigating);
        if (_visits.Count == 0) throw new DomainException("须先登记入户调查", "Visits");
        if (ReinvestigateSince is { } since && !_visits.Any(v => v.RecordedAt >= since))
            throw new DomainException("退回或异议成立后须重新入户调查，再报街道审核", "Visits");
        if (StaffRelative && !_visits.Any(v => v.ByDistrict)) throw new DomainException("近亲属备案的申请须由区级入户调查", "Visits");
        if (VerificationReportId is null) throw new DomainException("须先附上家庭经济状况核对报告", "VerificationReportId");
        if (Programme == Programme.Destitute && SelfCare is null) throw new DomainException("特困供养申请须先完成生活自理能力评估", "SelfCare");
        Move(ApplicationStatus.StreetReview, StepAction.SubmittedToStreet, actor, now, RequireOpinion(opinion, "社区意见"));
    }

    /// <summary>The street's review: approve (the notice starts today), return for more information, or reject.</summary>
    public void ReviewAtStreet(Actor actor, DateTime now, DateOnly today, StreetDecision decision, string? opinion, int noticeDays, DateOnly? refusalNoticeDue = null)
    {
        Require(ApplicationStatus.StreetReview);
        var text = RequireOpinion(opinion, "街道审核意见");
        switch (decision)
        {
            case StreetDecision.Approve:
                if (noticeDays < 7) throw new DomainException($"公示期不得少于 7 天（填写的是 {noticeDays} 天）", "NoticeDays");
                if (noticeDays > 30) throw new DomainException($"公示期最长 30 天（填写的是 {noticeDays} 天）", "NoticeDays");
                StreetOpinion = text;
                NoticeStart = today;
                NoticeEnd = today.AddDays(noticeDays - 1);
                Move(ApplicationStatus.PublicNotice, StepAction.StreetApproved, actor, now, $"{text}（公示 {NoticeStart:yyyy-MM-dd} 至 {NoticeEnd:yyyy-MM-dd}）");
                break;
            case StreetDecision.Return:
                ReinvestigateSince = now;
                Move(ApplicationStatus.Investigating, StepAction.StreetReturned, actor, now, text);
                break;
            default:
                StreetOpinion = text;
                DecisionOpinion = text;
                DecidedBy = actor.UserName;
                DecidedOn = today;
                RefusalNoticeDue = refusalNoticeDue ?? today;
                Move(ApplicationStatus.Refused, StepAction.StreetRejected, actor, now, text);
                break;
        }
    }

    public Objection RaiseObjection(Actor actor, DateTime now, DateOnly today, string? raisedBy, string? content)
    {
        Require(ApplicationStatus.PublicNotice);
        if (NoticeEnd is { } end && today > end) throw new DomainException("公示期已结束，不能再登记异议", "Content");
        var text = RequireOpinion(content, "异议内容", "Content");
        var objection = new Objection(today, raisedBy?.Trim() is { Length: > 0 } r ? r[..Math.Min(r.Length, 100)] : "匿名", text, actor.UserName, now);
        _objections.Add(objection);
        AddStep(StepAction.ObjectionRaised, actor, now, text);
        return objection;
    }

    /// <summary>An objection upheld sends the case back to investigation (the notice starts again after a new street review); dismissed, it is closed with the reason.</summary>
    public void ResolveObjection(Actor actor, DateTime now, int objectionId, bool upheld, string? resolution)
    {
        Require(ApplicationStatus.PublicNotice);
        var objection = _objections.FirstOrDefault(o => o.Id == objectionId) ?? throw new NotFoundException("异议不存在");
        if (objection.Status != ObjectionStatus.Open) throw new DomainException("该异议已处理", "ObjectionId");
        var text = RequireOpinion(resolution, "处理意见", "Resolution");
        objection.Resolve(upheld, text, actor.UserName, now);
        if (upheld)
        {
            NoticeStart = NoticeEnd = null;
            ReinvestigateSince = now;
            Move(ApplicationStatus.Investigating, StepAction.ObjectionUpheld, actor, now, text);
        }
        else AddStep(StepAction.ObjectionDismissed, actor, now, text);
    }

    /// <summary>After the whole notice period, with no objection open, the case goes to approval.</summary>
    public void CloseNotice(Actor actor, DateTime now, DateOnly today, bool delegatedToStreet, DateOnly approvalDue)
    {
        Require(ApplicationStatus.PublicNotice);
        if (NoticeEnd is not { } end || today <= end) throw new DomainException($"公示期到 {NoticeEnd:yyyy-MM-dd} 结束，期满后才能报送审批", "NoticeEnd");
        if (_objections.Any(o => o.Status == ObjectionStatus.Open)) throw new DomainException("还有未处理的异议", "Objections");
        ApprovalLevel = delegatedToStreet ? "Street" : "District";
        ApprovalDue = approvalDue;
        Move(ApplicationStatus.Approval, StepAction.NoticeClosed, actor, now, $"公示期满，{(_objections.Count == 0 ? "无异议" : $"异议 {_objections.Count} 件均已处理")}，报{(delegatedToStreet ? "街道" : "区民政局")}审批");
    }

    public void Approve(Actor actor, DateTime now, DateOnly today, string? opinion, AllowanceAmount amount, int startMonth)
    {
        Require(ApplicationStatus.Approval);
        DecisionOpinion = RequireOpinion(opinion, "审批意见");
        if (amount.MonthlyFen <= 0 && Programme != Programme.Hardship) throw new DomainException("保障金额必须大于 0", "Amount");
        MonthlyAmountFen = amount.MonthlyFen;
        AmountWorking = string.Join("\n", amount.Lines.Select(l => $"{l.Text}|{l.AmountFen}"));
        StartMonth = startMonth;
        DecidedBy = actor.UserName;
        DecidedOn = today;
        Move(ApplicationStatus.Enrolled, StepAction.Approved, actor, now, Programme == Programme.Hardship
            ? $"{DecisionOpinion}（认定为刚性支出困难家庭，有效期自 {startMonth / 100} 年 {startMonth % 100} 月起 12 个月）"
            : $"{DecisionOpinion}（每月 {Money.YuanText(amount.MonthlyFen)}，自 {startMonth / 100} 年 {startMonth % 100} 月起发放）");
    }

    public void LinkCase(int caseId) => CaseId = caseId;

    public void Refuse(Actor actor, DateTime now, DateOnly today, string? reasons, DateOnly noticeDue)
    {
        Require(ApplicationStatus.Approval);
        DecisionOpinion = RequireOpinion(reasons, "不予批准的理由");
        DecidedBy = actor.UserName;
        DecidedOn = today;
        RefusalNoticeDue = noticeDue;
        Move(ApplicationStatus.Refused, StepAction.Refused, actor, now, DecisionOpinion);
    }

    /// <summary>
    /// 急难型临时救助 "help first": granted at once from the application (before intake and investigation), paid once;
    /// the home visit and documents follow by <paramref name="paperworkDue"/>.
    /// </summary>
    public void GrantEmergency(Actor actor, DateTime now, DateOnly today, string? opinion, long amountFen, long limitFen, int payMonth, DateOnly paperworkDue)
    {
        Require(ApplicationStatus.Submitted);
        if (Programme != Programme.Temporary || TemporaryKind != Domain.TemporaryKind.Emergency)
            throw new DomainException("先行救助只适用于急难型临时救助", "Programme");
        if (amountFen <= 0) throw new DomainException("救助金额须大于 0", "AmountFen");
        if (amountFen > limitFen) throw new DomainException($"救助金额 {Money.YuanText(amountFen)} 超过您可以批准的上限 {Money.YuanText(limitFen)}", "AmountFen");
        DecisionOpinion = RequireOpinion(opinion, "先行救助意见");
        MonthlyAmountFen = amountFen;
        AmountWorking = $"急难型临时救助（一次性）|{amountFen}";
        StartMonth = payMonth;
        DecidedBy = actor.UserName;
        DecidedOn = today;
        PaperworkDue = paperworkDue;
        Move(ApplicationStatus.Enrolled, StepAction.EmergencyGranted, actor, now,
            $"{DecisionOpinion}（一次性 {Money.YuanText(amountFen)}，{payMonth / 100} 年 {payMonth % 100} 月发放；{paperworkDue:yyyy-MM-dd} 前补齐入户调查和材料）");
    }

    /// <summary>The emergency grant's paperwork is complete: the home visit (and the documents) after the grant.</summary>
    public void CompletePaperwork(Actor actor, DateTime now, DateOnly today, string? opinion)
    {
        if (!PaperworkPending) throw new DomainException("该申请没有待补齐的手续", "Status");
        if (_visits.Count == 0) throw new DomainException("须先登记入户调查", "Visits");
        PaperworkCompletedOn = today;
        AddStep(StepAction.PaperworkCompleted, actor, now, RequireOpinion(opinion, "补办意见"));
    }

    /// <summary>The written refusal (不予批准通知书) was delivered to the applicant.</summary>
    public void RefusalDelivered(Actor actor, DateTime now, DateOnly deliveredOn, DateOnly today, string? how)
    {
        Require(ApplicationStatus.Refused);
        if (RefusalNotifiedOn is not null) throw new DomainException("已登记书面告知", "Status");
        if (deliveredOn > today) throw new DomainException("告知日期不能晚于今天", "DeliveredOn");
        if (DecidedOn is { } decided && deliveredOn < decided) throw new DomainException("告知日期不能早于决定日期", "DeliveredOn");
        RefusalNotifiedOn = deliveredOn;
        AddStep(StepAction.RefusalNotified, actor, now, $"{deliveredOn:yyyy-MM-dd} 书面告知申请人" + (how?.Trim() is { Length: > 0 } h ? $"（{h[..Math.Min(h.Length, 200)]}）" : ""));
    }

    public void Withdraw(Actor actor, DateTime now, string? reason)
    {
        if (!IsOpen) throw new DomainException($"申请当前状态为“{StatusName(Status)}”，不能撤回", "Status");
        Move(ApplicationStatus.Withdrawn, StepAction.Withdrawn, actor, now, RequireOpinion(reason, "撤回原因"));
    }

    public ApplicationDocument AddDocument(Actor actor, DateTime now, string kind, string fileName, string contentType, byte[] content)
    {
        // open applications, and an emergency grant whose paperwork is still to be completed
        if (!IsOpen && !PaperworkPending) throw new DomainException($"申请当前状态为“{StatusName(Status)}”，不能再上传材料", "Status");
        var document = new ApplicationDocument(kind, fileName, contentType, content, actor.UserName, now);
        _documents.Add(document);
        AddStep(StepAction.DocumentAdded, actor, now, $"{kind}：{fileName}");
        return document;
    }

    public static string StatusName(ApplicationStatus s) => s switch
    {
        ApplicationStatus.Submitted => "待受理",
        ApplicationStatus.Investigating => "调查核对中",
        ApplicationStatus.StreetReview => "待街道审核",
        ApplicationStatus.PublicNotice => "公示中",
        ApplicationStatus.Approval => "待审批",
        ApplicationStatus.Enrolled => "已纳入",
        ApplicationStatus.Refused => "不予批准",
        ApplicationStatus.NotAccepted => "不予受理",
        _ => "已撤回",
    };

    public static string ProgrammeName(Programme p) => p switch
    {
        Programme.Dibao => "最低生活保障",
        Programme.Destitute => "特困人员救助供养",
        Programme.Temporary => "临时救助",
        _ => "刚性支出困难家庭认定",
    };
}

/// <summary>Who acts, as the timeline records them.</summary>
public sealed record Actor(string UserName, string RoleName);

/// <summary>A household member as declared on the application (counted in the household size or not, with the reason).</summary>
public sealed class ApplicationMember
{
    private ApplicationMember() { }

    public ApplicationMember(int personId, string idNumber, string name, string relationship, DateOnly birthDate, bool counted, string? notCountedReason,
        bool severeDisability, bool otherDisability, bool seriousIllness)
    {
        PersonId = personId;
        IdNumber = idNumber;
        Name = name;
        Relationship = relationship;
        BirthDate = birthDate;
        Counted = counted;
        NotCountedReason = notCountedReason;
        SevereDisability = severeDisability;
        OtherDisability = otherDisability;
        SeriousIllness = seriousIllness;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public int PersonId { get; private set; }
    public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Relationship { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public bool Counted { get; private set; }
    public string? NotCountedReason { get; private set; }
    public bool SevereDisability { get; private set; }
    public bool OtherDisability { get; private set; }
    public bool SeriousIllness { get; private set; }

    public int AgeOn(DateOnly date) => Kernel.Registry.CitizenId.AgeOn(BirthDate, date);
}

public sealed class ApplicationStep
{
    private ApplicationStep() { }

    public ApplicationStep(StepAction action, string userName, string roleName, DateTime at, string? opinion, ApplicationStatus from, ApplicationStatus to)
    {
        Action = action;
        UserName = userName;
        RoleName = roleName;
        At = at;
        Opinion = opinion;
        FromStatus = from;
        ToStatus = to;
    }

    public long Id { get; private set; }
    public int ApplicationId { get; private set; }
    public StepAction Action { get; private set; }
    public string UserName { get; private set; } = "";
    public string RoleName { get; private set; } = "";
    public DateTime At { get; private set; }
    public string? Opinion { get; private set; }
    public ApplicationStatus FromStatus { get; private set; }
    public ApplicationStatus ToStatus { get; private set; }
}

public sealed class HomeVisit
{
    private HomeVisit() { }

    public HomeVisit(DateOnly visitedOn, string investigators, bool byDistrict, string findings, string? neighbourVisits, string recordedBy, DateTime recordedAt)
    {
        VisitedOn = visitedOn;
        Investigators = investigators;
        ByDistrict = byDistrict;
        Findings = findings;
        NeighbourVisits = neighbourVisits;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public DateOnly VisitedOn { get; private set; }
    /// <summary>The investigators (at least two), who all signed the visit record.</summary>
    public string Investigators { get; private set; } = "";
    public bool ByDistrict { get; private set; }
    public string Findings { get; private set; } = "";
    public string? NeighbourVisits { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
}

public enum ObjectionStatus
{
    Open = 1,
    Upheld = 2,
    Dismissed = 3,
}

public sealed class Objection
{
    private Objection() { }

    public Objection(DateOnly raisedOn, string raisedBy, string content, string recordedBy, DateTime recordedAt)
    {
        RaisedOn = raisedOn;
        RaisedBy = raisedBy;
        Content = content;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        Status = ObjectionStatus.Open;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public DateOnly RaisedOn { get; private set; }
    public string RaisedBy { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public ObjectionStatus Status { get; private set; }
    public string? Resolution { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? ResolvedAt { get; private set; }

    internal void Resolve(bool upheld, string resolution, string by, DateTime at)
    {
        Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
        Resolution = resolution;
        ResolvedBy = by;
        ResolvedAt = at;
    }
}

public sealed class ApplicationDocument
{
    private ApplicationDocument() { }

    public ApplicationDocument(string kind, string fileName, string contentType, byte[] content, string uploadedBy, DateTime uploadedAt)
    {
        Kind = kind;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Bytes = content.LongLength;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string Kind { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    /// <summary>The file itself (kept with the application; lists never load it).</summary>
    public byte[] Content { get; private set; } = [];
    public long Bytes { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }
}

/// <summary>
/// The self-care assessment of destitute support over six activities (eat, dress, bed transfer, toilet, walk indoors,
/// bathe): all possible = self-care; up to 3 impossible = partly lost; 4 or more impossible = fully lost.
/// </summary>
public sealed record SelfCareAssessment(bool Eat, bool Dress, bool Transfer, bool Toilet, bool WalkIndoors, bool Bathe)
{
    public int Impossible => new[] { Eat, Dress, Transfer, Toilet, WalkIndoors, Bathe }.Count(x => !x);

    public SelfCareLevel Level => Impossible switch
    {
        0 => SelfCareLevel.SelfCare,
        <= 3 => SelfCareLevel.PartlyLost,
        _ => SelfCareLevel.FullyLost,
    };

    public static string LevelName(SelfCareLevel level) => level switch
    {
        SelfCareLevel.SelfCare => "生活能够自理",
        SelfCareLevel.PartlyLost => "生活部分不能自理",
        _ => "生活完全不能自理",
    };
}

public enum SelfCareLevel
{
    SelfCare = 1,
    PartlyLost = 2,
    FullyLost = 3,
}
