using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Calendar;
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
    private readonly List<CaseEvent> _events = [];
    public IReadOnlyList<CaseEvent> Events => _events;

    private static string Required(string? reason, string what)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException($"请填写{what}", "Reason");
        return text.Length > 500 ? throw new DomainException($"{what}不能超过 500 个字", "Reason") : text;
    }

    private void Record(string action, string by, DateTime now, string text) => _events.Add(new CaseEvent(action, by, now, text));

    /// <summary>Steps about payment do not apply to a recognition (never paid) or a one-off grant.</summary>
    private void RequirePaid(string step)
    {
        if (Programme == Programme.Hardship)
            throw new DomainException($"刚性支出困难家庭认定不发放资金，不能{step}；不再符合条件的请终止认定", "Status");
        if (Programme == Programme.Temporary) throw new DomainException($"临时救助为一次性发放，不能{step}", "Status");
    }

    /// <summary>A hardship recognition whose 12 months are over (it simply lapses; nothing to review).</summary>
    public bool Lapsed(int thisMonth) => Programme == Programme.Hardship && EndMonth is { } end && end < thisMonth;

    /// <summary>Payment stops until resumed (e.g. pending a re-check).</summary>
    public void Suspend(string by, DateTime now, string? reason)
    {
        RequirePaid("暂停");
        if (Status != CaseStatus.Active) throw new DomainException($"案件当前为“{StatusName(Status)}”，不能暂停", "Status");
        StatusReason = Required(reason, "暂停原因");
        Status = CaseStatus.Suspended;
        Record("暂停发放", by, now, StatusReason);
    }

    public void Resume(string by, DateTime now, string? reason)
    {
        if (Status != CaseStatus.Suspended) throw new DomainException($"案件当前为“{StatusName(Status)}”，不能恢复", "Status");
        StatusReason = Required(reason, "恢复原因");
        Status = CaseStatus.Active;
        Record("恢复发放", by, now, StatusReason);
    }

    /// <summary>渐退: after a member finds work the household is still paid for at most 6 months, from <paramref name="fromMonth"/>.</summary>
    public void StartGradualExit(string by, DateTime now, int fromMonth, int months, string? reason)
    {
        RequirePaid("渐退");
        if (Status != CaseStatus.Active) throw new DomainException($"案件当前为“{StatusName(Status)}”，不能进入渐退期", "Status");
        if (months is < 1 or > 6) throw new DomainException("渐退期为 1 至 6 个月", "Months");
        var text = Required(reason, "渐退原因");
        EndMonth = YearMonth.Add(fromMonth, months - 1);
        StatusReason = text;
        Status = CaseStatus.GradualExit;
        Record("进入渐退期", by, now, $"{text}（发放至 {YearMonth.ChineseText(EndMonth.Value)}）");
    }

    /// <summary>Ends the case: <paramref name="lastPaidMonth"/> is the last month paid (yyyymm).</summary>
    public void Terminate(string by, DateTime now, int lastPaidMonth, string? reason)
    {
        if (Status == CaseStatus.Terminated) throw new DomainException("案件已终止", "Status");
        var text = Required(reason, "终止原因");
        if (lastPaidMonth < YearMonth.Before(StartMonth) || lastPaidMonth % 100 is < 1 or > 12) throw new DomainException("最后发放月份不正确", "LastPaidMonth");
        // never later than an end already set (a one-off grant, a gradual exit, a recognition's validity): ending a case
        // must not pay it again
        EndMonth = EndMonth is { } end ? Math.Min(end, lastPaidMonth) : lastPaidMonth;
        StatusReason = text;
        Status = CaseStatus.Terminated;
        Record("终止保障", by, now, $"{text}（最后发放 {lastPaidMonth / 100} 年 {lastPaidMonth % 100} 月）");
    }

    /// <summary>A periodic review (定期核查) done: the amount stays or changes (with the new working), the next review is due.</summary>
    public void Reviewed(string by, DateTime now, DateOnly today, DateOnly nextDue, long? newMonthlyAmountFen, string? outcome)
    {
        if (Status is CaseStatus.Terminated) throw new DomainException("案件已终止", "Status");
        var text = Required(outcome, "复核结论");
        if (newMonthlyAmountFen is not null && Programme == Programme.Hardship)
            throw new DomainException("刚性支出困难家庭认定不发放资金，复核时不能设定金额", "MonthlyAmountFen");
        if (newMonthlyAmountFen is <= 0) throw new DomainException("保障金额必须大于 0；不再符合条件的请终止保障", "MonthlyAmountFen");
        if (newMonthlyAmountFen > Money.MaxFen) throw new DomainException("金额过大（每项不超过 1,000 万元）", "MonthlyAmountFen");
        var change = newMonthlyAmountFen is { } amount && amount != MonthlyAmountFen
            ? $"，金额由 {Money.YuanText(MonthlyAmountFen)} 调整为 {Money.YuanText(amount)}" : "";
        if (newMonthlyAmountFen is { } n) MonthlyAmountFen = n;
        NextReviewDue = nextDue;
        LastReviewedOn = today;
        Record("定期复核", by, now, $"{text}{change}；下次复核 {nextDue:yyyy-MM-dd}");
    }

    string IAudited.AuditDivisionCode => DivisionCode;

    /// <summary>A recognition (expenditure-based hardship): valid for <paramref name="months"/> months from the start month, never paid.</summary>
    public void Recognised(int months, string reason)
    {
        EndMonth = YearMonth.Add(StartMonth, months - 1);
        StatusReason = reason;
    }

    /// <summary>A one-off grant (temporary assistance): paid in its start month only.</summary>
    public void PayOnce(string reason)
    {
        EndMonth = StartMonth;
        Status = CaseStatus.GradualExit;
        StatusReason = reason;
    }

    /// <summary>Paid for a month: active (from the start month), or in gradual exit or terminated up to the last month paid.</summary>
    public bool IsPayableIn(int month) => Programme != Programme.Hardship && month >= StartMonth && Status switch
    {
        CaseStatus.Active => true,
        CaseStatus.GradualExit or CaseStatus.Terminated => EndMonth is { } end && month <= end,
        _ => false,
    };

    /// <summary>The last periodic review (a death before it has been re-checked).</summary>
    public DateOnly? LastReviewedOn { get; private set; }

    /// <summary>The status as a caseworker reads it: a one-off grant and a recognition have their own words.</summary>
    public string DisplayStatus(int thisMonth) => (Programme, Status) switch
    {
        (Programme.Temporary, not CaseStatus.Terminated) => "一次性发放",
        (Programme.Hardship, CaseStatus.Active) => Lapsed(thisMonth) ? "认定已到期" : "认定有效",
        _ => StatusName(Status),
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

/// <summary>Something done to a case after enrolment (dynamic management), with who, when and why.</summary>
public sealed class CaseEvent
{
    private CaseEvent() { }

    public CaseEvent(string action, string userName, DateTime at, string text)
    {
        Action = action;
        UserName = userName;
        At = at;
        Text = text;
    }

    public long Id { get; private set; }
    public int CaseId { get; private set; }
    public string Action { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public DateTime At { get; private set; }
    public string Text { get; private set; } = "";
}
