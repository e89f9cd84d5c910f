using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.SocialAssistance.Domain;

public enum OnlineRequestStatus
{
    /// <summary>待社区受理</summary>
    Pending = 1,
    /// <summary>已受理，转为申请</summary>
    Converted = 2,
    /// <summary>未受理（附原因）</summary>
    Declined = 3,
}

/// <summary>
/// An application a resident made online through the public portal (网上申请). The community receives it, checks who
/// the applicant is and turns it into an application of their household (channel "online"), or declines it with the
/// reason; the resident follows its status with the number and the last six characters of their ID number.
/// </summary>
public sealed class OnlineRequest : IDivisionScoped, IAudited, IVersioned
{
    private OnlineRequest() { }

    public OnlineRequest(Programme programme, string communityCode, string idNumber, string name, string phone, string reason, DateTime now)
    {
        Programme = programme;
        DivisionCode = communityCode;
        IdNumber = idNumber;
        Name = name;
        Phone = phone;
        Reason = reason;
        SubmittedAt = now;
        Status = OnlineRequestStatus.Pending;
        Code = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    }

    public int Id { get; private set; }
    /// <summary>Random part of the number the resident gets (the number is not guessable from the id).</summary>
    public string Code { get; private set; } = "";
    public Programme Programme { get; private set; }
    /// <summary>The community the resident chose (where they live).</summary>
    public string DivisionCode { get; private set; } = "";
    public string IdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTime SubmittedAt { get; private set; }
    public OnlineRequestStatus Status { get; private set; }
    public int? ApplicationId { get; private set; }
    public string? HandledBy { get; private set; }
    public DateTime? HandledAt { get; private set; }
    public string? DeclineReason { get; private set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    public string Number => $"WS{SubmittedAt:yyyyMMdd}-{Id}-{Code}";

    public void Converted(int applicationId, string by, DateTime now)
    {
        if (Status != OnlineRequestStatus.Pending) throw new DomainException("该网上申请已处理", "Status");
        ApplicationId = applicationId;
        HandledBy = by;
        HandledAt = now;
        Status = OnlineRequestStatus.Converted;
    }

    public void Decline(string? reason, string by, DateTime now)
    {
        if (Status != OnlineRequestStatus.Pending) throw new DomainException("该网上申请已处理", "Status");
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException("请填写未受理的原因（将告知申请人）", "Reason");
        DeclineReason = text.Length > 500 ? text[..500] : text;
        HandledBy = by;
        HandledAt = now;
        Status = OnlineRequestStatus.Declined;
    }

    public static string StatusName(OnlineRequestStatus s) => s switch
    {
        OnlineRequestStatus.Pending => "待社区受理",
        OnlineRequestStatus.Converted => "已受理",
        _ => "未受理",
    };
}
