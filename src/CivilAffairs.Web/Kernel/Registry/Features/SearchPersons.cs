using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>A person as shown in lists and returned by the API: ID number and phone always masked.</summary>
public sealed record PersonSummary(
    int Id, string IdNumberMasked, string Name, string Gender, DateOnly BirthDate, int Age, string? PhoneMasked,
    string DivisionCode, string DivisionName, string Status, int? HouseholdId, string? RelationshipToHead);

/// <summary>Searches residents by ID number, name or phone within the caller's division; server-side paging and sorting.</summary>
public static class SearchPersons
{
    public sealed class Query
    {
        /// <summary>An ID number (exact), a phone number (exact) or part of a name.</summary>
        public string? Q { get; set; }
        /// <summary>Limit to a division subtree (street or community code).</summary>
        public string? DivisionCode { get; set; }
        public PersonStatus? Status { get; set; }
        /// <summary>name | birthDate | -birthDate | id (default).</summary>
        public string? Sort { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }
    }

    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<PagedResult<PersonSummary>> HandleAsync(Query query, CancellationToken ct = default)
        {
            var (page, size) = Paging.Normalize(query.Page, query.PageSize);
            var items = Filter(query);
            var total = await items.CountAsync(ct);
            var rows = await Sort(items, query.Sort).Skip((page - 1) * size).Take(size).ToListAsync(ct);
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var list = new List<PersonSummary>(rows.Count);
            foreach (var p in rows) list.Add(await ToSummaryAsync(p, divisions, today, ct));
            return new PagedResult<PersonSummary>(list, total, page, size);
        }

        /// <summary>All matching rows (for export), in the same order, capped to protect the server.</summary>
        public async Task<List<PersonSummary>> AllAsync(Query query, int max, CancellationToken ct = default)
        {
            var rows = await Sort(Filter(query), query.Sort).Take(max).ToListAsync(ct);
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var list = new List<PersonSummary>(rows.Count);
            foreach (var p in rows) list.Add(await ToSummaryAsync(p, divisions, today, ct));
            return list;
        }

        private IQueryable<Person> Filter(Query query)
        {
            var items = db.Persons.AsNoTracking();
            var q = query.Q?.Trim();
            if (!string.IsNullOrEmpty(q))
            {
                var upper = q.ToUpperInvariant();
                if (upper.Length is 18 or 15 && upper[..6].All(char.IsAsciiDigit))
                {
                    var id = upper.Length == 15 && CitizenId.TryParse(upper, DateOnly.MaxValue, out var c, out _) ? c.Value : upper;
                    items = items.Where(p => p.IdNumber == id);
                }
                else if (q.All(ch => char.IsAsciiDigit(ch) || ch == '-') && q.Length >= 7)
                {
                    items = items.Where(p => p.Phone == q);
                }
                else
                {
                    items = items.Where(p => p.Name.Contains(q));
                }
            }
            if (!string.IsNullOrWhiteSpace(query.DivisionCode) && DivisionCode.IsWellFormed(query.DivisionCode.Trim()))
            {
                var prefix = DivisionCode.ScopePrefix(query.DivisionCode.Trim());
                items = items.Where(p => p.DivisionCode.StartsWith(prefix));
            }
            if (query.Status is { } status) items = items.Where(p => p.Status == status);
            return items;
        }

        private static IQueryable<Person> Sort(IQueryable<Person> items, string? sort) => sort switch
        {
            "name" => items.OrderBy(p => p.Name).ThenBy(p => p.Id),
            "-name" => items.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            "birthDate" => items.OrderBy(p => p.BirthDate).ThenBy(p => p.Id),
            "-birthDate" => items.OrderByDescending(p => p.BirthDate).ThenBy(p => p.Id),
            "-id" => items.OrderByDescending(p => p.Id),
            _ => items.OrderBy(p => p.Id),
        };
    }

    internal static async Task<PersonSummary> ToSummaryAsync(Person p, DivisionDirectory divisions, DateOnly today, CancellationToken ct) =>
        new(p.Id, PiiMask.IdNumber(p.IdNumber), p.Name, PersonRules.GenderName(p.Gender), p.BirthDate, p.AgeOn(today),
            PiiMask.Phone(p.Phone), p.DivisionCode, await divisions.NameOfAsync(p.DivisionCode, ct), PersonRules.StatusName(p.Status),
            p.HouseholdId, p.RelationshipToHead is null ? null : PersonRules.RelationshipName(p.RelationshipToHead));
}
