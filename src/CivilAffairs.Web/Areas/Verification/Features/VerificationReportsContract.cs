using System.Text.Json;
using CivilAffairs.Web.Areas.Verification.Contracts;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.Verification.Features;

/// <summary>The module's contract, over its own tables (scoped by the division query filter).</summary>
internal sealed class VerificationReportsContract(AppDbContext db) : IVerificationReports
{
    public async Task<VerificationReportSummary?> GetAsync(int reportId, CancellationToken ct = default) =>
        Summary(await db.Set<VerificationReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, ct));

    public async Task<VerificationReportSummary?> LatestForHouseholdAsync(int householdId, CancellationToken ct = default) =>
        Summary(await db.Set<VerificationReport>().AsNoTracking().Where(r => r.HouseholdId == householdId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct));

    public Task<bool> AuthorizationOnRecordAsync(int authorizationId, int householdId, CancellationToken ct = default) =>
        db.Set<VerificationAuthorization>().AnyAsync(a => a.Id == authorizationId && a.HouseholdId == householdId, ct);

    public async Task<int?> LatestAuthorizationAsync(int householdId, CancellationToken ct = default) =>
        await db.Set<VerificationAuthorization>().Where(a => a.HouseholdId == householdId).OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    private static VerificationReportSummary? Summary(VerificationReport? r)
    {
        if (r is null) return null;
        var d = JsonSerializer.Deserialize<ReportDocument>(r.ReportJson)!;
        return new VerificationReportSummary(r.Id, r.Number, r.HouseholdId, r.CreatedAt, r.AsOf, r.Verdict, VerifyHousehold.VerdictName(r.Verdict),
            d.PerCapitaMonthlyIncomeFen, d.Members, d.Reasons);
    }
}
