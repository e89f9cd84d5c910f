using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

public enum CaseStatus
{
    /// <summary>在保: paid every month.</summary>
    Active = 1,
    /// <summary>暂停: not paid until resumed.</summary>
    Suspended = 2,
    /// <summary>渐退期: still paid until the exit month, then terminated.</summary>
    GradualExit = 3,
    /// <summary>已终止 (terminal)</summary>
    Terminated = 4,
}

/// <summary>
/// An enrolled household (or person, for individual inclusion / destitute support): the monthly amount, the first month
/// paid, the members it covers, and its dynamic management (review due dates, suspension, gradual exit, termination).
/// </summary>
public sealed class AssistanceCase : IDivisionScoped, IAudited, IVersioned
{
    private AssistanceCase() { }

    public AssistanceCase(Programme programme, AreaKind area, int householdId, string divisionCode, int applicationId, long monthlyAmountFen, int startMonth,
        string payeeName, string? bankName, string? bankAccount, DateOnly nextReviewDue, IEnumerable<CaseMember> members, DateTime now)
    {
        Programme = programme;
        Area = area;
        HouseholdId = householdId;
        DivisionCode = divisionCode;
        ApplicationId = applicationId;
        MonthlyAmountFen = monthlyAmountFen;
        StartMonth = startMonth;
        PayeeName = payeeName;
        BankName = bankName;
        BankAccount = bankAccount;
        NextReviewDue = nextReviewDue;
        Status = CaseStatus.Active;
        EnrolledAt = now;
        _members.AddRange(members);
    }

    public int Id { get; private set; }
    public Programme Programme { get; private set; }
    public AreaKind Area { get; private set; }
    public int HouseholdId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public int ApplicationId { get; private set; }
    public long MonthlyAmountFen { get; private set; }
    /// <summary>First month paid (yyyymm).</summary>
    public int StartMonth { get; private set; }
    /// <summary>Last month paid (yyyymm) once terminated or in gradual exit.</summary>
    public int? EndMonth { get; private set; }
    public string PayeeName { get; private set; } = "";
    public string? BankName { get; private set; }
    public string? BankAccount { get; private set; }
    public CaseStatus Status { get; private set; }
    public DateOnly NextReviewDue { get; private set; }
    public DateTime EnrolledAt { get; private set; }
    public string? StatusReason { get; private set; }
    public int Version { get; set; }

    private readonly List<CaseMember> _members = [];
    public IReadOnlyList<CaseMember> Members => _members;

    string IAudited.AuditDivisionCode => DivisionCode;

    /// <summary>Paid for a month: active (from the start month), or in gradual exit up to its end month.</summary>
    public bool IsPayableIn(int month) => month >= StartMonth && Status switch
    {
        CaseStatus.Active => true,
        CaseStatus.GradualExit => EndMonth is { } end && month <= end,
        _ => false,
    };

    public static string StatusName(CaseStatus s) => s switch
    {
        CaseStatus.Active => "在保",
        CaseStatus.Suspended => "暂停",
        CaseStatus.GradualExit => "渐退期",
        _ => "已终止",
    };
}

/// <summary>A person a case covers (for "already enrolled" checks, rosters and premium subsidies).</summary>
public sealed class CaseMember
{
    private CaseMember() { }

    public CaseMember(int personId, string idNumber, string name)
    {
        PersonId = personId;
        IdNumber = idNumber;
        Name = name;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public int PersonId { get; private set; }
    public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
}
