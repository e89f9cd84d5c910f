namespace CivilAffairs.Web.Areas.Verification.Contracts;

/// <summary>What another module may know of a household's verification report (the report itself stays in this module).</summary>
public sealed record VerificationReportSummary(int Id, string Number, int HouseholdId, DateTime CreatedAt, DateOnly AsOf, string Verdict, string VerdictName,
    long PerCapitaMonthlyIncomeFen, int Members, IReadOnlyList<string> Reasons);

/// <summary>The verification module's contract for other modules (social assistance uses it for applications).</summary>
public interface IVerificationReports
{
    /// <summary>A report inside the caller's division, or null.</summary>
    Task<VerificationReportSummary?> GetAsync(int reportId, CancellationToken ct = default);

    /// <summary>The household's newest report inside the caller's division, or null.</summary>
    Task<VerificationReportSummary?> LatestForHouseholdAsync(int householdId, CancellationToken ct = default);

    /// <summary>Whether the authorisation is on record for this household (inside the caller's division).</summary>
    Task<bool> AuthorizationOnRecordAsync(int authorizationId, int householdId, CancellationToken ct = default);

    /// <summary>The household's newest authorisation inside the caller's division, or null.</summary>
    Task<int?> LatestAuthorizationAsync(int householdId, CancellationToken ct = default);
}
