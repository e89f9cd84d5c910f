using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

public sealed record HouseholdSummary(int Id, string DivisionCode, string DivisionName, string? Address, string HeadName, string HeadIdNumberMasked, int MemberCount);

public sealed record HouseholdMemberView(int PersonId, string Name, string IdNumberMasked, string Gender, int Age, string Relationship, string Status, string? PhoneMasked);

public sealed record HouseholdDetail(int Id, string DivisionCode, string DivisionName, string? Address, IReadOnlyList<HouseholdMemberView> Members, int Version);

/// <summary>Lists households in the caller's division: by a member's ID number or name, or by community.</summary>
public static class SearchHouseholds
{
    public sealed class Query
    {
        /// <summary>A member's ID number (exact) or part of a member's name.</summary>
        public string? Q { get; set; }
        public string? DivisionCode { get; set; }
        public string? Sort { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed class Handler(AppDbContext db, DivisionDirectory divisions)
    {
        public async Task<PagedResult<HouseholdSummary>> HandleAsync(Query query, CancellationToken ct = default)
        {
            var (page, size) = Paging.Normalize(query.Page, query.PageSize);
            var items = Filter(query);
            var total = await items.CountAsync(ct);
            var list = await ProjectAsync(Sort(items, query.Sort).Skip((page - 1) * size).Take(size), ct);
            return new PagedResult<HouseholdSummary>(list, total, page, size);
        }

        public async Task<List<HouseholdSummary>> AllAsync(Query query, int max, CancellationToken ct = default) =>
            await ProjectAsync(Sort(Filter(query), query.Sort).Take(max), ct);

        private IQueryable<Household> Filter(Query query)
        {
            var items = db.Households.AsNoTracking();
            var q = query.Q?.Trim().ToUpperInvariant();
            if (!string.IsNullOrEmpty(q))
            {
                if (q.Length is 18 or 15 && q[..6].All(char.IsAsciiDigit))
                {
                    var id = q.Length == 15 && CitizenId.TryParse(q, DateOnly.MaxValue, out var c, out _) ? c.Value : q;
                    items = items.Where(h => h.Members.Any(m => m.IdNumber == id));
                }
                else
                {
                    var name = query.Q!.Trim();
                    items = items.Where(h => h.Members.Any(m => m.Name.Contains(name)));
                }
            }
            if (!string.IsNullOrWhiteSpace(query.DivisionCode) && DivisionCode.IsWellFormed(query.DivisionCode.Trim()))
            {
                var prefix = DivisionCode.ScopePrefix(query.DivisionCode.Trim());
                items = items.Where(h => h.DivisionCode.StartsWith(prefix));
            }
            return items;
        }

        private static IQueryable<Household> Sort(IQueryable<Household> items, string? sort) => sort switch
        {
            "-id" => items.OrderByDescending(h => h.Id),
            "community" => items.OrderBy(h => h.DivisionCode).ThenBy(h => h.Id),
            _ => items.OrderBy(h => h.Id),
        };

        private async Task<List<HouseholdSummary>> ProjectAsync(IQueryable<Household> items, CancellationToken ct)
        {
            var rows = await items.Select(h => new
            {
                h.Id,
                h.DivisionCode,
                h.Address,
                Head = h.Members.Where(m => m.RelationshipToHead == Relationship.Head).Select(m => new { m.Name, m.IdNumber }).FirstOrDefault(),
                Count = h.Members.Count,
            }).ToListAsync(ct);
            var list = new List<HouseholdSummary>(rows.Count);
            foreach (var r in rows)
                list.Add(new HouseholdSummary(r.Id, r.DivisionCode, await divisions.NameOfAsync(r.DivisionCode, ct), r.Address,
                    r.Head?.Name ?? "（无户主）", PiiMask.IdNumber(r.Head?.IdNumber), r.Count));
            return list;
        }
    }
}

public static class GetHousehold
{
    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<HouseholdDetail> HandleAsync(int id, CancellationToken ct = default)
        {
            var h = await db.Households.AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException();
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var members = h.Members.OrderBy(m => m.RelationshipToHead).ThenBy(m => m.BirthDate)
                .Select(m => new HouseholdMemberView(m.Id, m.Name, PiiMask.IdNumber(m.IdNumber), PersonRules.GenderName(m.Gender), m.AgeOn(today),
                    PersonRules.RelationshipName(m.RelationshipToHead), PersonRules.StatusName(m.Status), PiiMask.Phone(m.Phone)))
                .ToList();
            return new HouseholdDetail(h.Id, h.DivisionCode, await divisions.PathOfAsync(h.DivisionCode, ct), h.Address, members, h.Version);
        }
    }
}
