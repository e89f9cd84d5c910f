using CivilAffairs.Web.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry;

/// <summary>The registry's contract for "who of these people has died, and when" (a module never queries the registry's tables).</summary>
public sealed class PersonStatusLookup(AppDbContext db)
{
    public async Task<IReadOnlyDictionary<int, DateOnly>> DeceasedAsync(IReadOnlyCollection<int> personIds, CancellationToken ct = default)
    {
        if (personIds.Count == 0) return new Dictionary<int, DateOnly>();
        var rows = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id) && p.Status == PersonStatus.Deceased)
            .Select(p => new { p.Id, p.DeceasedOn }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.DeceasedOn ?? DateOnly.MinValue);
    }

    /// <summary>The household of the person with this ID number, inside the caller's division (null: not registered there, or in no household).</summary>
    public async Task<int?> HouseholdOfAsync(string idNumber, CancellationToken ct = default) =>
        (await HouseholdsOfAsync([idNumber], ct)).GetValueOrDefault(idNumber);

    /// <summary>The households of the persons with these ID numbers, inside the caller's division, in one query.</summary>
    public async Task<IReadOnlyDictionary<string, int?>> HouseholdsOfAsync(IReadOnlyCollection<string> idNumbers, CancellationToken ct = default)
    {
        if (idNumbers.Count == 0) return new Dictionary<string, int?>();
        var rows = await db.Persons.AsNoTracking().Where(p => idNumbers.Contains(p.IdNumber)).Select(p => new { p.IdNumber, p.HouseholdId }).ToListAsync(ct);
        return rows.GroupBy(r => r.IdNumber).ToDictionary(g => g.Key, g => g.First().HouseholdId);
    }
}
