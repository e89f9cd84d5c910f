using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>Edits a resident's details. The ID number (and so gender and birth date) cannot be edited.</summary>
public static class UpdatePerson
{
    public sealed class Command
    {
        public string? Name { get; set; }
        public string? Ethnicity { get; set; }
        public string? Phone { get; set; }
        public string? RegisteredAddress { get; set; }
        public string? DivisionCode { get; set; }
        public PersonStatus Status { get; set; } = PersonStatus.Normal;
        public DateOnly? DeceasedOn { get; set; }
        public DisabilityCategory? DisabilityCategory { get; set; }
        public int? DisabilityGrade { get; set; }
        public string? Notes { get; set; }
        /// <summary>The version the editor started from; a newer one in the database means someone saved in between.</summary>
        public int Version { get; set; }
    }

    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<Person> HandleAsync(int id, Command cmd, CancellationToken ct = default)
        {
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
            // A masked phone posted back unchanged (the edit form shows it masked) keeps the stored number.
            if (cmd.Phone is not null && cmd.Phone.Contains('*') && cmd.Phone == Security.PiiMask.Phone(person.Phone)) cmd.Phone = person.Phone;
            var v = new Validator();
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var name = PersonRules.ValidateCommon(v, "", cmd.Name, cmd.Ethnicity, cmd.Phone, cmd.RegisteredAddress, cmd.Notes, cmd.DisabilityCategory, cmd.DisabilityGrade);
            if (!Enum.IsDefined(cmd.Status)) v.Add(nameof(cmd.Status), "状态不正确");
            if (cmd.DivisionCode?.Trim() != person.DivisionCode)
            {
                if (await divisions.ValidateCommunityAsync(v, nameof(cmd.DivisionCode), cmd.DivisionCode, ct) && person.HouseholdId is { } hid)
                    v.Add(nameof(cmd.DivisionCode), $"此人属于户编号 {hid}，同户成员须居住在同一社区：请通过“迁移到其他户”办理（迁入新社区的家庭）");
            }
            if (v.IsValid)
            {
                try { person.SetStatus(cmd.Status, cmd.DeceasedOn, today); }
                catch (DomainException e) { v.Add(e.Field ?? nameof(cmd.Status), e.Message); }
            }
            v.ThrowIfInvalid();

            db.Entry(person).Property(p => p.Version).OriginalValue = cmd.Version;
            person.Name = name!;
            person.Ethnicity = PersonRules.Clean(cmd.Ethnicity);
            person.Phone = PersonRules.Clean(cmd.Phone);
            person.RegisteredAddress = PersonRules.Clean(cmd.RegisteredAddress);
            person.Notes = PersonRules.Clean(cmd.Notes);
            person.SetDisability(cmd.DisabilityCategory, cmd.DisabilityGrade);
            person.MoveToCommunity(cmd.DivisionCode!.Trim());
            await SaveGuardedAsync(db, ct);
            return person;
        }
    }

    /// <summary>Saves, turning a lost optimistic-concurrency race into <see cref="StaleEditException"/>.</summary>
    internal static async Task SaveGuardedAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleEditException();
        }
    }
}
