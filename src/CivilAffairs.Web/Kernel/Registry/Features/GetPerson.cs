using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

public sealed record PersonDetail(
    int Id, string IdNumberMasked, string Name, string Gender, DateOnly BirthDate, int Age, string? Ethnicity, string? PhoneMasked,
    string? RegisteredAddress, string DivisionCode, string DivisionName, PersonStatus Status, string StatusName, DateOnly? DeceasedOn,
    DisabilityCategory? DisabilityCategory, int? DisabilityGrade, string? Notes, int? HouseholdId, Relationship? RelationshipToHead,
    string? RelationshipName, int Version);

public sealed record PersonalData(int Id, string IdNumber, string? Phone);

/// <summary>Opens one resident (masked). A record outside the caller's division is "not found".</summary>
public static class GetPerson
{
    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<PersonDetail> HandleAsync(int id, CancellationToken ct = default)
        {
            var p = await db.Persons.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            return new PersonDetail(p.Id, PiiMask.IdNumber(p.IdNumber), p.Name, PersonRules.GenderName(p.Gender), p.BirthDate, p.AgeOn(today),
                p.Ethnicity, PiiMask.Phone(p.Phone), p.RegisteredAddress, p.DivisionCode, await divisions.PathOfAsync(p.DivisionCode, ct),
                p.Status, PersonRules.StatusName(p.Status), p.DeceasedOn, p.DisabilityCategory, p.DisabilityGrade, p.Notes, p.HouseholdId,
                p.RelationshipToHead, p.RelationshipToHead is null ? null : PersonRules.RelationshipName(p.RelationshipToHead), p.Version);
        }
    }
}

/// <summary>Shows a resident's full ID and phone number to an allowed role; every view is written to the audit trail.</summary>
public static class RevealPersonalData
{
    public sealed class Handler(AppDbContext db, CurrentUser user)
    {
        public async Task<PersonalData> HandleAsync(int id, CancellationToken ct = default)
        {
            var p = await db.Persons.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
            if (!user.MayRevealPersonalData) throw new ForbiddenException("您的角色无权查看完整的身份证号码和电话");
            db.AddAudit(AuditAction.ViewPersonalData, nameof(Person), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                p.DivisionCode, "查看完整身份证号码和联系电话", p.Id);
            await db.SaveChangesAsync(ct);
            return new PersonalData(p.Id, p.IdNumber, p.Phone);
        }
    }
}
