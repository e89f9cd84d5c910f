using CivilAffairs.Verification.Feeds;
using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.Verification.Domain;

public enum SnapshotStatus
{
    /// <summary>Uploaded; the background job is reading and validating it.</summary>
    Validating = 1,
    /// <summary>Read and stored in compact form; an operator must accept it before it is used.</summary>
    AwaitingAcceptance = 2,
    /// <summary>The feed's data in use for verification (one per feed).</summary>
    Active = 3,
    /// <summary>Was active; replaced by a newer accepted snapshot; kept for comparison.</summary>
    Superseded = 4,
    /// <summary>The operator refused it; never used.</summary>
    Rejected = 5,
    /// <summary>The file could not be read (wrong header, unreadable); never used.</summary>
    Failed = 6,
}

/// <summary>
/// One import of one partner-department feed file (数据快照): what was received (file, hash, as-of date), what it held
/// (rows, records, errors), where its compact sorted form is kept (file + checksum), and who accepted it.
/// </summary>
public sealed class FeedSnapshot : IAudited, IVersioned
{
    private FeedSnapshot() { }

    public FeedSnapshot(FeedKind feed, DateOnly asOf, string sourceFileName, string sourceSha256, long sourceBytes, string importedBy, DateTime now)
    {
        Feed = feed;
        AsOf = asOf;
        SourceFileName = sourceFileName;
        SourceSha256 = sourceSha256;
        SourceBytes = sourceBytes;
        ImportedByUserName = importedBy;
        ImportedAt = now;
        Status = SnapshotStatus.Validating;
    }

    public int Id { get; private set; }
    public FeedKind Feed { get; private set; }
    /// <summary>The date the department's data describes.</summary>
    public DateOnly AsOf { get; private set; }
    public string SourceFileName { get; private set; } = "";
    /// <summary>SHA-256 of the uploaded file: re-importing the same file is detected.</summary>
    public string SourceSha256 { get; private set; } = "";
    public long SourceBytes { get; private set; }
    public long RowCount { get; private set; }
    public long RecordCount { get; private set; }
    public long ErrorCount { get; private set; }
    public string? Encoding { get; private set; }
    public SnapshotStatus Status { get; private set; }
    /// <summary>File name of the compact snapshot under the verification data directory.</summary>
    public string? SnapshotFile { get; private set; }
    public string? SnapshotSha256 { get; private set; }
    public string ImportedByUserName { get; private set; } = "";
    public DateTime ImportedAt { get; private set; }
    public string? DecidedByUserName { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? Note { get; private set; }
    public Guid? JobId { get; set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => "";

    public void Validated(long rows, long records, long errors, string encoding, string snapshotFile, string snapshotSha256)
    {
        if (Status != SnapshotStatus.Validating) throw new DomainException("快照不在校验状态");
        RowCount = rows;
        RecordCount = records;
        ErrorCount = errors;
        Encoding = encoding;
        SnapshotFile = snapshotFile;
        SnapshotSha256 = snapshotSha256;
        Status = SnapshotStatus.AwaitingAcceptance;
    }

    public void Fail(string reason)
    {
        Status = SnapshotStatus.Failed;
        Note = reason.Length > 500 ? reason[..500] : reason;
    }

    /// <summary>Makes this the feed's active data (the previously active snapshot must be superseded first).</summary>
    public void Accept(string userName, DateTime now)
    {
        if (Status != SnapshotStatus.AwaitingAcceptance) throw new DomainException("只有“待确认”的快照可以启用");
        Status = SnapshotStatus.Active;
        DecidedByUserName = userName;
        DecidedAt = now;
    }

    /// <summary>The active snapshot gives way to a newer accepted one of the same feed; it is kept for comparison.</summary>
    public void SupersedeBy(FeedSnapshot next)
    {
        if (Status != SnapshotStatus.Active) throw new DomainException("只有“使用中”的快照可以被替换");
        if (next.Feed != Feed) throw new DomainException("数据类型不一致");
        Status = SnapshotStatus.Superseded;
    }

    public void Reject(string userName, DateTime now, string? note)
    {
        if (Status != SnapshotStatus.AwaitingAcceptance) throw new DomainException("只有“待确认”的快照可以退回");
        Status = SnapshotStatus.Rejected;
        DecidedByUserName = userName;
        DecidedAt = now;
        Note = note;
    }
}
