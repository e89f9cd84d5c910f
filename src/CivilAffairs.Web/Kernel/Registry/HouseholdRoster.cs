using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry;

public sealed record RosterMember(int PersonId, string IdNumber, string Name, string Gender, DateOnly BirthDate, Relationship Relationship, PersonStatus Status,
    DisabilityCategory? DisabilityCategory = null, int? DisabilityGrade = null)
{
    /// <summary>Disability grade 1–2, or grade 3 intellectual or mental (the "severe" categories of assistance rules).</summary>
    public bool SevereDisability => DisabilityGrade is 1 or 2
        || (DisabilityGrade == 3 && DisabilityCategory is Registry.DisabilityCategory.Intellectual or Registry.DisabilityCategory.Mental);
}

public sealed record Roster(int HouseholdId, string DivisionCode, string DivisionName, string? Address, IReadOnlyList<RosterMember> Members)
{
    public RosterMember? Head => Members.FirstOrDefault(m => m.Relationship == Relationship.Head);
}

/// <summary>
/// The registry's contract for business modules: a household with its members' full identity data, inside the
/// caller's division (outside it: not found). Modules use this instead of querying the registry's tables.
/// </summary>
public sealed class HouseholdRoster(AppDbContext db, DivisionDirectory divisions)
{
    public async Task<Roster> GetAsync(int householdId, CancellationToken ct = default)
    {
        var h = await db.Households.AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == householdId, ct)
            ?? throw new NotFoundException();
        var members = h.Members.OrderBy(m => m.RelationshipToHead).ThenBy(m => m.BirthDate)
            .Select(m => new RosterMember(m.Id, m.IdNumber, m.Name, Features.PersonRules.GenderName(m.Gender), m.BirthDate, m.RelationshipToHead ?? Relationship.Other, m.Status,
                m.DisabilityCategory, m.DisabilityGrade))
            .ToList();
        return new Roster(h.Id, h.DivisionCode, await divisions.PathOfAsync(h.DivisionCode, ct), h.Address, members);
    }
}

/// <summary>A household's members as the batch needs them: identity numbers only.</summary>
public sealed record RosterHousehold(int HouseholdId, string DivisionCode, IReadOnlyList<string> MemberIdNumbers);

/// <summary>Every household inside a division (and the caller's scope), for batch work, read in one projection.</summary>
public sealed class HouseholdRosterList(AppDbContext db)
{
    public async Task<List<RosterHousehold>> ListAsync(string divisionCode, CancellationToken ct = default)
    {
        var prefix = Divisions.DivisionCode.ScopePrefix(divisionCode);
        var rows = await db.Persons.AsNoTracking()
            .Where(p => p.HouseholdId != null && p.DivisionCode.StartsWith(prefix))
            .OrderBy(p => p.HouseholdId).ThenBy(p => p.RelationshipToHead)
            .Select(p => new { HouseholdId = p.HouseholdId!.Value, p.DivisionCode, p.IdNumber })
            .ToListAsync(ct);
        var result = new List<RosterHousehold>();
        foreach (var g in rows.GroupBy(r => r.HouseholdId))
            result.Add(new RosterHousehold(g.Key, g.First().DivisionCode, g.Select(x => x.IdNumber).ToList()));
        return result;
    }
}
