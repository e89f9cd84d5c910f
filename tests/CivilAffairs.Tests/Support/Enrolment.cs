using CivilAffairs.Tests.Integration;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Support;

/// <summary>A dibao case set up directly (for tests of what follows enrolment; the enrolment path has its own tests).</summary>
public static class Enrolment
{
    public static async Task<(int CaseId, int HouseholdId, List<(int Id, string IdNumber)> People)> EnrolAsync(this AppFactory app, int size, long monthlyFen = 48_000)
    {
        var caseworker = await app.ApiAsAsync("cw.damatou");
        var household = await RegistryApiTests.CreateHouseholdAsync(caseworker, size);
        var householdId = household.GetProperty("id").GetInt32();
        var people = await app.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId).OrderBy(p => p.RelationshipToHead)
            .Select(p => new { p.Id, p.IdNumber, p.Name }).ToListAsync());
        var caseId = await app.QueryAsync(async db =>
        {
            var c = new AssistanceCase(Programme.Dibao, AreaKind.Urban, householdId, TestData.Damatou, -householdId, monthlyFen, 202601, people[0].Name, "工商银行",
                "6222020000000099", DateOnly.FromDateTime(DateTime.Today).AddMonths(12), people.Select(p => new CaseMember(p.Id, p.IdNumber, p.Name)).ToList(), DateTime.UtcNow);
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        return (caseId, householdId, people.Select(p => (p.Id, p.IdNumber)).ToList());
    }
}
