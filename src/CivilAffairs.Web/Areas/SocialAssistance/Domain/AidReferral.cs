using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

/// <summary>The add-on aids (专项救助) that partner departments grant on top of a base programme.</summary>
public enum AidKind
{
    /// <summary>教育救助 (education department): a student member of a dibao, 特困 or hardship household</summary>
    Education = 1,
    /// <summary>住房救助 (housing department): a dibao or 特困 household with housing difficulty</summary>
    Housing = 2,
    /// <summary>就业救助 (human-resources department): an unemployed member of a dibao household able to work</summary>
    Employment = 3,
}

public enum SchoolStage
{
    /// <summary>学前教育</summary>
    Preschool = 1,
    /// <summary>义务教育</summary>
    Compulsory = 2,
    /// <summary>普通高中</summary>
    HighSchool = 3,
    /// <summary>中等职业教育</summary>
    Vocational = 4,
    /// <summary>高等教育</summary>
    Higher = 5,
}

public enum ReferralStatus
{
    /// <summary>已转办: waiting for the department's answer</summary>
    Referred = 1,
    /// <summary>已给予: the department granted the aid (form, amount, period recorded)</summary>
    Granted = 2,
    /// <summary>未给予: the department declined, with its reason</summary>
    Declined = 3,
    /// <summary>已撤回</summary>
    Withdrawn = 4,
}

/// <summary>
/// A referral of a household member in a base programme to a partner department for an add-on aid (一门受理、协同办理):
/// who, which aid, what is needed, the department and the date its answer is due; then the answer as the department
/// gives it (granted with form, amount and period, or declined with the reason). The eligibility is checked against the
/// base case when the referral is made (<see cref="AidEligibility"/>).
/// </summary>
public sealed class AidReferral : IDivisionScoped, IAudited, IVersioned
{
    private AidReferral() { }

    public AidReferral(AidKind kind, AssistanceCase baseCase, int personId, string idNumber, string name, SchoolStage? stage, string need,
        string department, DateOnly referredOn, DateOnly dueOn, string referredBy, DateTime now)
    {
        Kind = kind;
        HouseholdId = baseCase.HouseholdId;
        DivisionCode = baseCase.DivisionCode;
        CaseId = baseCase.Id;
        BaseProgramme = baseCase.Programme;
        PersonId = personId;
        IdNumber = idNumber;
        Name = name;
        SchoolStage = stage;
        Need = need;
        Department = department;
        ReferredOn = referredOn;
        DueOn = dueOn;
        ReferredBy = referredBy;
        CreatedAt = now;
        Status = ReferralStatus.Referred;
    }

    public int Id { get; private set; }
    public AidKind Kind { get; private set; }
    public int HouseholdId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public int CaseId { get; private set; }
    public Programme BaseProgramme { get; private set; }
    public int PersonId { get; private set; }
    public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public SchoolStage? SchoolStage { get; private set; }
    public string Need { get; private set; } = "";
    public string Department { get; private set; } = "";
    public DateOnly ReferredOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string ReferredBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public ReferralStatus Status { get; private set; }
    /// <summary>What was granted (助学金, 公租房实物配租, 租赁补贴, 公益性岗位, …) or, when declined, empty.</summary>
    public string? Form { get; private set; }
    /// <summary>Money granted (fen) in total for the period; 0 for aid in kind (a flat, a job, a training place).</summary>
    public long AmountFen { get; private set; }
    /// <summary>Period the aid covers, first and last month (yyyymm).</summary>
    public int? FromMonth { get; private set; }
    public int? ToMonth { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public string? Outcome { get; private set; }
    public string? RecordedBy { get; private set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    /// <summary>The department's answer: granted (form, amount — 0 for aid in kind — and period) or declined (reason).</summary>
    public void RecordOutcome(bool granted, string? form, long amountFen, int? fromMonth, int? toMonth, DateOnly decidedOn, string? note, string userName, DateOnly today)
    {
        if (Status != ReferralStatus.Referred) throw new DomainException($"该转办已{StatusName(Status)}，不能再登记结果", "Status");
        if (decidedOn > today) throw new DomainException("部门决定日期不能晚于今天", "DecidedOn");
        if (decidedOn < ReferredOn) throw new DomainException("部门决定日期不能早于转办日期", "DecidedOn");
        if (granted)
        {
            if (string.IsNullOrWhiteSpace(form)) throw new DomainException("请填写给予的救助方式（如：助学金、租赁补贴、公益性岗位）", "Form");
            if (amountFen < 0) throw new DomainException("救助金额不能为负数", "AmountFen");
            if (amountFen > 100_000_000) throw new DomainException("救助金额过大（不超过 100 万元）", "AmountFen");
            if (fromMonth is { } f && !ValidMonth(f) || toMonth is { } t && !ValidMonth(t)) throw new DomainException("起止月份应为 yyyyMM 格式", "FromMonth");
            if (fromMonth is { } a && toMonth is { } b && b < a) throw new DomainException("截止月份不能早于起始月份", "ToMonth");
            Form = form.Trim();
            AmountFen = amountFen;
            FromMonth = fromMonth;
            ToMonth = toMonth;
            Outcome = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            Status = ReferralStatus.Granted;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(note)) throw new DomainException("部门未给予救助时须写明理由", "Outcome");
            Outcome = note.Trim();
            Status = ReferralStatus.Declined;
        }
        DecidedOn = decidedOn;
        RecordedBy = userName;
    }

    public void Withdraw(string? reason, string userName)
    {
        if (Status != ReferralStatus.Referred) throw new DomainException($"该转办已{StatusName(Status)}，不能撤回", "Status");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写撤回原因", "Outcome");
        Outcome = reason.Trim();
        RecordedBy = userName;
        Status = ReferralStatus.Withdrawn;
    }

    private static bool ValidMonth(int m) => m / 100 is >= 2000 and <= 2100 && m % 100 is >= 1 and <= 12;

    public static string KindName(AidKind k) => k switch
    {
        AidKind.Education => "教育救助",
        AidKind.Housing => "住房救助",
        _ => "就业救助",
    };

    public static string StatusName(ReferralStatus s) => s switch
    {
        ReferralStatus.Referred => "已转办",
        ReferralStatus.Granted => "已给予",
        ReferralStatus.Declined => "未给予",
        _ => "已撤回",
    };

    public static string StageName(SchoolStage s) => s switch
    {
        Domain.SchoolStage.Preschool => "学前教育",
        Domain.SchoolStage.Compulsory => "义务教育",
        Domain.SchoolStage.HighSchool => "普通高中",
        Domain.SchoolStage.Vocational => "中等职业教育",
        _ => "高等教育",
    };
}

/// <summary>A member of the base case as the eligibility rules see them.</summary>
public sealed record AidCandidate(int PersonId, string Name, int Age, bool SevereDisability);

/// <summary>
/// Which add-on aid a member of a base case may be referred for ("保基本、可叠加"): the base case must be in force (for a
/// hardship recognition: within its validity); education — a dibao, 特困 or hardship household's member of 3 or older
/// with a school stage; housing — a dibao or 特困 household; employment — a dibao household's member of working age
/// (16–59) who is not severely disabled. Temporary assistance is no base for add-on aids.
/// </summary>
public static class AidEligibility
{
    public static IReadOnlyList<Programme> BasesFor(AidKind kind) => kind switch
    {
        AidKind.Education => [Programme.Dibao, Programme.Destitute, Programme.Hardship],
        AidKind.Housing => [Programme.Dibao, Programme.Destitute],
        _ => [Programme.Dibao],
    };

    /// <summary>Why the member cannot be referred for the aid, or null when they can.</summary>
    public static string? WhyNot(AidKind kind, AssistanceCase baseCase, AidCandidate member, SchoolStage? stage, int thisMonth)
    {
        if (!InForce(baseCase, thisMonth))
            return $"{AssistanceApplication.ProgrammeName(baseCase.Programme)}案件 {baseCase.Id} 不在保障期内（{AssistanceCase.StatusName(baseCase.Status)}），不能叠加专项救助";
        if (!BasesFor(kind).Contains(baseCase.Programme))
            return $"{AidReferral.KindName(kind)}须以{string.Join("、", BasesFor(kind).Select(AssistanceApplication.ProgrammeName))}为基础，{AssistanceApplication.ProgrammeName(baseCase.Programme)}不能叠加{AidReferral.KindName(kind)}";
        return kind switch
        {
            AidKind.Education when stage is null => "教育救助须选择学段",
            AidKind.Education when member.Age < 3 => $"{member.Name}（{member.Age} 岁）未到入学年龄，不能申请教育救助",
            AidKind.Employment when member.Age is < 16 or >= 60 || member.SevereDisability =>
                $"就业救助的对象应为有劳动能力的成员（16–59 岁、非重度残疾）：{member.Name}（{member.Age} 岁{(member.SevereDisability ? "，重度残疾" : "")}）不符合",
            _ => null,
        };
    }

    /// <summary>Active or in gradual exit; a hardship recognition up to its last month.</summary>
    public static bool InForce(AssistanceCase c, int thisMonth) =>
        c.Programme != Programme.Temporary
        && (c.Status == CaseStatus.Active || c.Status == CaseStatus.GradualExit)
        && (c.EndMonth is not { } end || end >= thisMonth);
}
