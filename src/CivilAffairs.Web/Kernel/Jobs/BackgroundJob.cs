namespace CivilAffairs.Web.Kernel.Jobs;

public enum JobStatus
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
    Cancelled = 5,
}

/// <summary>A persisted long-running task: progress, cancellation and result survive a restart.</summary>
public sealed class BackgroundJob : Data.IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>What the handler needs to find its input (for example the id of the row it works on).</summary>
    public string? Argument { get; set; }
    public JobStatus Status { get; set; } = JobStatus.Queued;
    public int Total { get; set; }
    public int Processed { get; set; }
    public bool CancelRequested { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public string CreatedByUserName { get; set; } = "";
    /// <summary>The scope of the user who started the job; the job runs with that scope.</summary>
    public string DivisionCode { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>A short human-readable outcome (zh-CN).</summary>
    public string? Summary { get; set; }
    public string? Error { get; set; }
    public int Version { get; set; }

    public int Percent => Total <= 0 ? (Status == JobStatus.Succeeded ? 100 : 0) : (int)Math.Min(100, Processed * 100L / Total);
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}

/// <summary>A file attached to a job: its input (an uploaded workbook) or its output (an error report).</summary>
public sealed class JobFile
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public string Role { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
