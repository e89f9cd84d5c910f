using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

public enum RosterStatus
{
    /// <summary>生成中 (the background job is writing its lines)</summary>
    Generating = 1,
    /// <summary>待审核: lines can be adjusted</summary>
    Draft = 2,
    /// <summary>已审核: waiting to be locked</summary>
    Reviewed = 3,
    /// <summary>已锁定: the bank file can be exported; nothing changes any more</summary>
    Locked = 4,
    /// <summary>生成失败</summary>
    Failed = 5,
}

public enum LineKind
{
    /// <summary>The month's regular payment: at most one per case and month, across all rosters.</summary>
    Regular = 1,
    /// <summary>补发</summary>
    BackPay = 2,
    /// <summary>扣减 (negative)</summary>
    Deduction = 3,
}

/// <summary>
/// A street's monthly payment roster (发放花名册): generated in the background from the cases payable that month,
/// reviewed by the street, locked, then exported as the bank's payment file. Adjustments are explicit lines with a reason.
/// </summary>
public sealed class PaymentRoster : IDivisionScoped, IAudited, IVersioned
{
    private PaymentRoster() { }

    public PaymentRoster(string streetCode, string streetName, int month, string createdBy, DateTime now)
    {
        DivisionCode = streetCode;
        StreetName = streetName;
        Month = month;
        CreatedBy = createdBy;
        CreatedAt = now;
        Status = RosterStatus.Generating;
    }

    public int Id { get; private set; }
    /// <summary>The street (12-digit code).</summary>
    public string DivisionCode { get; private set; } = "";
    public string StreetName { get; private set; } = "";
    /// <summary>yyyymm</summary>
    public int Month { get; private set; }
    public RosterStatus Status { get; private set; }
    public Guid? JobId { get; set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? GeneratedAt { get; private set; }
    public int Lines { get; private set; }
    public int Households { get; private set; }
    public long TotalFen { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public string? LockedBy { get; private set; }
    public DateTime? LockedAt { get; private set; }
    public string? Error { get; private set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    public string MonthText => Kernel.Calendar.YearMonth.ChineseText(Month);

    public void Generated(int lines, int households, long total, DateTime now)
    {
        if (Status != RosterStatus.Generating) throw new DomainException("花名册不在生成中", "Status");
        Lines = lines;
        Households = households;
        TotalFen = total;
        GeneratedAt = now;
        Status = RosterStatus.Draft;
    }

    public void Fail(string error)
    {
        Status = RosterStatus.Failed;
        Error = error.Length > 500 ? error[..500] : error;
    }

    /// <summary>An adjustment line changed the totals (only while the roster is a draft); it may bring a household not on it yet.</summary>
    public void Adjusted(long amountFen, bool newHousehold)
    {
        if (Status != RosterStatus.Draft) throw new DomainException($"花名册当前为“{StatusName(Status)}”，不能再调整", "Status");
        Lines++;
        TotalFen += amountFen;
        if (newHousehold) Households++;
    }

    public void Review(string userName, DateTime now)
    {
        if (Status != RosterStatus.Draft) throw new DomainException($"花名册当前为“{StatusName(Status)}”，不能审核", "Status");
        ReviewedBy = userName;
        ReviewedAt = now;
        Status = RosterStatus.Reviewed;
    }

    /// <summary>Back to draft for a correction (before it is locked).</summary>
    public void Reopen()
    {
        if (Status != RosterStatus.Reviewed) throw new DomainException($"花名册当前为“{StatusName(Status)}”，不能退回修改", "Status");
        ReviewedBy = null;
        ReviewedAt = null;
        Status = RosterStatus.Draft;
    }

    public void Lock(string userName, DateTime now)
    {
        if (Status != RosterStatus.Reviewed) throw new DomainException($"花名册当前为“{StatusName(Status)}”，须先审核再锁定", "Status");
        LockedBy = userName;
        LockedAt = now;
        Status = RosterStatus.Locked;
    }

    public static string StatusName(RosterStatus s) => s switch
    {
        RosterStatus.Generating => "生成中",
        RosterStatus.Draft => "待审核",
        RosterStatus.Reviewed => "已审核",
        RosterStatus.Locked => "已锁定",
        _ => "生成失败",
    };
}

/// <summary>One payment of a roster: a case's regular monthly amount, or an adjustment with its reason.</summary>
public sealed class RosterLine : IDivisionScoped, IBulkCreated
{
    private RosterLine() { }

    public RosterLine(int rosterId, int caseId, int householdId, string divisionCode, Programme programme, int month, LineKind kind, string payeeName,
        string? bankName, string? bankAccount, long amountFen, string? reason, int persons)
    {
        RosterId = rosterId;
        CaseId = caseId;
        HouseholdId = householdId;
        DivisionCode = divisionCode;
        Programme = programme;
        Month = month;
        Kind = kind;
        PayeeName = payeeName;
        BankName = bankName;
        BankAccount = bankAccount;
        AmountFen = amountFen;
        Reason = reason;
        Persons = persons;
    }

    public long Id { get; private set; }
    public int RosterId { get; private set; }
    public int CaseId { get; private set; }
    public int HouseholdId { get; private set; }
    /// <summary>The household's community.</summary>
    public string DivisionCode { get; private set; } = "";
    public Programme Programme { get; private set; }
    public int Month { get; private set; }
    public LineKind Kind { get; private set; }
    public string PayeeName { get; private set; } = "";
    public string? BankName { get; private set; }
    public string? BankAccount { get; private set; }
    public long AmountFen { get; private set; }
    public string? Reason { get; private set; }
    public int Persons { get; private set; }

    string IAudited.AuditDivisionCode => DivisionCode;
}
