using CivilAffairs.Web.Areas.SocialAssistance.Contracts;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.SocialAssistance.Features;

internal sealed class AssistanceRecipientsContract(AppDbContext db) : IAssistanceRecipients
{
    public async Task<IReadOnlySet<int>> HouseholdsInForceAsync(string divisionCode, CancellationToken ct = default)
    {
        var prefix = DivisionCode.ScopePrefix(divisionCode);
        return (await db.Set<AssistanceCase>().AsNoTracking()
            .Where(c => c.DivisionCode.StartsWith(prefix) && c.Status != CaseStatus.Terminated && c.Programme != Programme.Temporary && c.Programme != Programme.Hardship)
            .Select(c => c.HouseholdId).Distinct().ToListAsync(ct)).ToHashSet();
    }
}
