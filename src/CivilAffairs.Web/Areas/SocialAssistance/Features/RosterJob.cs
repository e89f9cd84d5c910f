using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

/// <summary>
/// Writes a roster's lines: every case of the street payable that month (active from its start month, or in gradual
/// exit or terminated up to its last month paid) gets its regular amount — unless some roster already pays it for that month (the database
/// refuses a second regular line too). One set-based INSERT … SELECT in a transaction: all-or-nothing.
/// </summary>
public sealed class RosterJob(TimeProvider clock) : IJobHandler
{
    public const string JobKind = "sa-roster";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var db = context.Db;
        var id = int.Parse(context.Job.Argument ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var roster = await db.Set<PaymentRoster>().FirstAsync(r => r.Id == id, ct);
        try
        {
            var month = roster.Month;
            var prefix = DivisionCode.ScopePrefix(roster.DivisionCode) + "%";
            await context.ReportAsync(0, 1, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // One set-based statement, on the database: every payable case of the street that no roster pays yet for the
            // month (the unique index on regular lines refuses a second one in any case). The street was checked
            // against the user's scope when the roster was requested.
            // (the cases some roster already pays for the month are read once, before the insert: a check against the
            // table being written would, on PostgreSQL, rescan its growing heap for every row)
            var written = await db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH paid AS MATERIALIZED (SELECT "CaseId" FROM sa_roster_lines WHERE "Month" = {month} AND "Kind" = 'Regular')
                INSERT INTO sa_roster_lines ("RosterId", "CaseId", "HouseholdId", "DivisionCode", "Programme", "Month", "Kind", "PayeeName", "BankName",
                    "BankAccount", "AmountFen", "Reason", "Persons")
                SELECT {roster.Id}, c."Id", c."HouseholdId", c."DivisionCode", c."Programme", {month}, 'Regular', c."PayeeName", c."BankName",
                    c."BankAccount", c."MonthlyAmountFen", NULL, COALESCE(m."Persons", 0)
                FROM sa_cases c
                LEFT JOIN (SELECT "CaseId", COUNT(*) AS "Persons" FROM sa_case_members GROUP BY "CaseId") m ON m."CaseId" = c."Id"
                WHERE c."DivisionCode" LIKE {prefix} AND c."StartMonth" <= {month} AND c."Programme" <> 'Hardship' 
                    AND (c."Status" = 'Active' OR (c."Status" IN ('GradualExit', 'Terminated') AND c."EndMonth" >= {month}))
                    AND NOT EXISTS (SELECT 1 FROM paid WHERE paid."CaseId" = c."Id")
                """, ct);
            var totals = await db.Set<RosterLine>().Where(l => l.RosterId == roster.Id)
                .GroupBy(l => 1).Select(g => new { Households = g.Select(l => l.HouseholdId).Distinct().Count(), Total = g.Sum(l => l.AmountFen) })
                .FirstOrDefaultAsync(ct);
            roster.Generated(written, totals?.Households ?? 0, totals?.Total ?? 0, clock.GetUtcNow().UtcDateTime);
            db.AddAudit(Kernel.Auditing.AuditAction.Operation, nameof(PaymentRoster), roster.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                roster.DivisionCode, $"生成花名册 {roster.StreetName} {roster.MonthText}：{written} 户，合计 {Money.YuanText(roster.TotalFen)}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            context.Job.Summary = $"{roster.StreetName} {roster.MonthText}：{roster.Households:N0} 户，合计 {Money.YuanText(roster.TotalFen)}。请审核。";
        }
        catch (Exception e)
        {
            // nothing of a failed run stays: the transaction rolled the lines back; the roster row says why
            db.ChangeTracker.Clear();
            var row = await db.Set<PaymentRoster>().FirstAsync(r => r.Id == id, CancellationToken.None);
            if (row.Status == RosterStatus.Generating)
            {
                row.Fail(e is OperationCanceledException ? "已取消" : e.Message);
                await db.SaveChangesAsync(CancellationToken.None);
            }
            throw;
        }
    }
}
