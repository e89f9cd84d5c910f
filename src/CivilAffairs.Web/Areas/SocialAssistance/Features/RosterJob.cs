using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

/// <summary>
/// Writes a roster's lines: every case of the street payable that month (active from its start month, or in gradual
/// exit up to its end month) gets its regular amount — unless some roster already pays it for that month (the database
/// refuses a second regular line too). Written in chunks without change tracking; all-or-nothing.
/// </summary>
public sealed class RosterJob(TimeProvider clock) : IJobHandler
{
    public const string JobKind = "sa-roster";
    public string Kind => JobKind;
    private const int Chunk = 5_000;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var db = context.Db;
        var id = int.Parse(context.Job.Argument ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var roster = await db.Set<PaymentRoster>().FirstAsync(r => r.Id == id, ct);
        try
        {
            var month = roster.Month;
            var prefix = DivisionCode.ScopePrefix(roster.DivisionCode);
            var cases = await db.Set<AssistanceCase>().AsNoTracking()
                .Where(c => c.DivisionCode.StartsWith(prefix) && c.StartMonth <= month
                    && (c.Status == CaseStatus.Active || (c.Status == CaseStatus.GradualExit && c.EndMonth >= month)))
                .Where(c => !db.Set<RosterLine>().Any(l => l.CaseId == c.Id && l.Month == month && l.Kind == LineKind.Regular))
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.HouseholdId, c.DivisionCode, c.Programme, c.PayeeName, c.BankName, c.BankAccount, c.MonthlyAmountFen, Persons = c.Members.Count() })
                .ToListAsync(ct);
            await context.ReportAsync(0, cases.Count, ct);
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                for (var start = 0; start < cases.Count; start += Chunk)
                {
                    foreach (var c in cases.Skip(start).Take(Chunk))
                        db.Add(new RosterLine(roster.Id, c.Id, c.HouseholdId, c.DivisionCode, c.Programme, month, LineKind.Regular, c.PayeeName, c.BankName,
                            c.BankAccount, c.MonthlyAmountFen, null, c.Persons));
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    await context.ReportAsync(Math.Min(cases.Count, start + Chunk), cases.Count, ct);
                }
                roster = await db.Set<PaymentRoster>().FirstAsync(r => r.Id == id, ct);
                roster.Generated(cases.Count, cases.Select(c => c.HouseholdId).Distinct().Count(), cases.Sum(c => c.MonthlyAmountFen), clock.GetUtcNow().UtcDateTime);
                db.AddAudit(Kernel.Auditing.AuditAction.Operation, nameof(PaymentRoster), roster.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    roster.DivisionCode, $"生成花名册 {roster.StreetName} {roster.MonthText}：{cases.Count} 户，合计 {roster.TotalFen / 100m:N2} 元");
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }
            context.Job.Summary = $"{roster.StreetName} {roster.MonthText}：{roster.Households:N0} 户，合计 {roster.TotalFen / 100m:N2} 元。请审核。";
        }
        catch (Exception e)
        {
            // nothing of a failed run stays: the transaction rolled the lines back; the roster row says why
            db.ChangeTracker.Clear();
            var row = await db.Set<PaymentRoster>().FirstAsync(r => r.Id == id, CancellationToken.None);
            row.Fail(e is OperationCanceledException ? "已取消" : e.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }
}
