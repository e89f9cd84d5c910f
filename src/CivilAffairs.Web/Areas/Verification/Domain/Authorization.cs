using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Areas.Verification.Domain;

public enum AuthorizationKind
{
    /// <summary>The household's signed authorisation form, scanned and attached.</summary>
    SignedForm = 1,
    /// <summary>Given in person at the counter, recorded by the caseworker.</summary>
    AtCounter = 2,
}

/// <summary>
/// A household's authorisation to check its economic situation (核对授权书). "Authorise first, then verify":
/// no verification without one on record.
/// </summary>
public sealed class VerificationAuthorization : IAudited, IDivisionScoped
{
    private VerificationAuthorization() { }

    public VerificationAuthorization(int householdId, string divisionCode, AuthorizationKind kind, DateOnly givenOn, string operatorUserName,
        DateTime now, string? note, string? scanFileName, string? scanContentType, byte[]? scan)
    {
        HouseholdId = householdId;
        DivisionCode = divisionCode;
        Kind = kind;
        GivenOn = givenOn;
        OperatorUserName = operatorUserName;
        RecordedAt = now;
        Note = note;
        ScanFileName = scanFileName;
        ScanContentType = scanContentType;
        Scan = scan;
    }

    public int Id { get; private set; }
    public int HouseholdId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public AuthorizationKind Kind { get; private set; }
    public DateOnly GivenOn { get; private set; }
    public string OperatorUserName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public string? Note { get; private set; }
    public string? ScanFileName { get; private set; }
    public string? ScanContentType { get; private set; }
    public byte[]? Scan { get; private set; }

    string IAudited.AuditDivisionCode => DivisionCode;
}

/// <summary>
/// A verification report (核对报告): kept unchanged once made; re-verification makes a new one. The number and the
/// last six characters of the head's ID number let anyone check its status on the public page — nothing personal.
/// </summary>
public sealed class VerificationReport : IAudited, IDivisionScoped
{
    private VerificationReport() { }

    public VerificationReport(string number, int householdId, string divisionCode, int authorizationId, string requestedBy, DateTime createdAt,
        DateOnly asOf, string verdict, string headIdLast6, string reportJson, string snapshotIds)
    {
        Number = number;
        HouseholdId = householdId;
        DivisionCode = divisionCode;
        AuthorizationId = authorizationId;
        RequestedByUserName = requestedBy;
        CreatedAt = createdAt;
        AsOf = asOf;
        Verdict = verdict;
        HeadIdLast6 = headIdLast6;
        ReportJson = reportJson;
        SnapshotIds = snapshotIds;
    }

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int HouseholdId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public int AuthorizationId { get; private set; }
    public string RequestedByUserName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateOnly AsOf { get; private set; }
    /// <summary>Meets / DoesNotMeet / NeedsManualReview.</summary>
    public string Verdict { get; private set; } = "";
    public string HeadIdLast6 { get; private set; } = "";
    /// <summary>The whole report as it was made (JSON): members, evidence, figures, reasons, rules, feeds used.</summary>
    public string ReportJson { get; private set; } = "";
    /// <summary>The snapshots the report was made from (comma-separated ids).</summary>
    public string SnapshotIds { get; private set; } = "";

    string IAudited.AuditDivisionCode => DivisionCode;
}
