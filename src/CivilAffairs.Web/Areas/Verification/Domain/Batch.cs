using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.Verification.Domain;

public enum BatchStatus
{
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}

/// <summary>A batch re-verification (批量核对) of every household of a division against the active snapshots.</summary>
public sealed class VerificationBatch : IAudited, IVersioned
{
    private VerificationBatch() { }

    public VerificationBatch(string divisionCode, string scopeName, string createdBy, DateTime now, bool recipientsOnly = false)
    {
        DivisionCode = divisionCode;
        RecipientsOnly = recipientsOnly;
        ScopeName = scopeName;
        CreatedByUserName = createdBy;
        CreatedAt = now;
        Status = BatchStatus.Queued;
    }

    public int Id { get; private set; }
    /// <summary>
    /// The division whose households are verified. Visible to users inside it and to users of every division within it
    /// (a community's caseworker sees a district batch; its anomalies are scoped to each household's community).
    /// </summary>
    public string DivisionCode { get; private set; } = "";
    public string ScopeName { get; private set; } = "";
    /// <summary>Only the households with a social-assistance case in force (低保、特困), not every household of the division.</summary>
    public bool RecipientsOnly { get; private set; }
    public BatchStatus Status { get; private set; }
    public Guid? JobId { get; set; }
    public string CreatedByUserName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int Households { get; private set; }
    public int Meets { get; private set; }
    public int DoesNotMeet { get; private set; }
    public int NeedsReview { get; private set; }
    public int AnomalyCount { get; private set; }
    public string? SnapshotIds { get; private set; }
    /// <summary>The batch over the same division this one compares incomes with ("sudden change since the last batch").</summary>
    public int? PreviousBatchId { get; private set; }
    /// <summary>File name of the per-household results (compact binary) under the verification data directory.</summary>
    public string? ResultsFile { get; private set; }
    public string? Error { get; private set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    public bool IsRunning => Status is BatchStatus.Queued or BatchStatus.Running;

    public void Start() => Status = BatchStatus.Running;

    public void Complete(int households, int meets, int doesNotMeet, int review, int anomalies, string snapshotIds, int? previousBatchId, string resultsFile, DateTime now)
    {
        Households = households;
        Meets = meets;
        DoesNotMeet = doesNotMeet;
        NeedsReview = review;
        AnomalyCount = anomalies;
        SnapshotIds = snapshotIds;
        PreviousBatchId = previousBatchId;
        ResultsFile = resultsFile;
        FinishedAt = now;
        Status = BatchStatus.Completed;
    }

    public void Stop(BatchStatus status, string? error, DateTime now)
    {
        Status = status;
        Error = error is { Length: > 500 } ? error[..500] : error;
        FinishedAt = now;
    }
}

public enum AnomalyKind
{
    Vehicle = 1,
    Business = 2,
    MultipleHomes = 3,
    CommercialProperty = 4,
    IncomeAboveLimit = 5,
    AssetsAboveLimit = 6,
    DeceasedMember = 7,
    MemberInTwoHouseholds = 8,
    NotInRegistration = 9,
    SuddenIncomeChange = 10,
    MovedOutMember = 11,
}

public enum AnomalyStatus
{
    Open = 1,
    /// <summary>Checked and true: the case must be acted on.</summary>
    Confirmed = 2,
    /// <summary>Checked and explained (for example the vehicle was sold): no action.</summary>
    Explained = 3,
}

/// <summary>One finding of a batch (疑点), with its evidence; caseworkers mark it confirmed or explained, with a note.</summary>
public sealed class VerificationAnomaly : IBulkCreated, IDivisionScoped, IVersioned
{
    private VerificationAnomaly() { }

    public VerificationAnomaly(int batchId, int householdId, string divisionCode, AnomalyKind kind, string evidence)
    {
        BatchId = batchId;
        HouseholdId = householdId;
        DivisionCode = divisionCode;
        Kind = kind;
        Evidence = evidence.Length > 500 ? evidence[..500] : evidence;
        Status = AnomalyStatus.Open;
    }

    public long Id { get; private set; }
    public int BatchId { get; private set; }
    public int HouseholdId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public AnomalyKind Kind { get; private set; }
    public string Evidence { get; private set; } = "";
    public AnomalyStatus Status { get; private set; }
    public string? Note { get; private set; }
    public string? DecidedByUserName { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    public void Decide(AnomalyStatus status, string note, string userName, DateTime now)
    {
        if (status == AnomalyStatus.Open) throw new DomainException("请选择“属实”或“已说明”", "Status");
        Status = status;
        Note = note;
        DecidedByUserName = userName;
        DecidedAt = now;
    }
}
