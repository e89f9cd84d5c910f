using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>Registers one resident. Page and API call the same handler.</summary>
public static class CreatePerson
{
    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<Person> HandleAsync(NewPersonInput input, CancellationToken ct = default)
        {
            var v = new Validator();
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var (id, name) = PersonRules.ValidateNew(v, "", input, today);
            await divisions.ValidateCommunityAsync(v, nameof(input.DivisionCode), input.DivisionCode, ct);
            if (id is not null) await EnsureIdIsNewAsync(db, v, nameof(input.IdNumber), id.Value.Value, ct);
            v.ThrowIfInvalid();

            var person = PersonRules.Build(id!.Value, name!, input);
            db.Persons.Add(person);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone registered the same ID number in between (the unique index caught it).
                throw new ValidationFailedException(new Dictionary<string, string[]> { [nameof(input.IdNumber)] = ["身份证号码刚刚已被登记，请查找已有记录"] });
            }
            return person;
        }

        /// <summary>One person per ID number across the whole system — checked across every division, not just the caller's.</summary>
        internal static async Task EnsureIdIsNewAsync(AppDbContext db, Validator v, string field, string idNumber, CancellationToken ct)
        {
            var existing = await db.Persons.IgnoreQueryFilters().Where(p => p.IdNumber == idNumber)
                .Select(p => new { p.Id, p.DivisionCode }).FirstOrDefaultAsync(ct);
            if (existing is null) return;
            // Say where it is only when the caller may see it: a record of another division stays invisible.
            var visible = db.ScopePrefix == "" || existing.DivisionCode.StartsWith(db.ScopePrefix, StringComparison.Ordinal);
            v.Add(field, visible
                ? $"身份证号码已登记（居民编号 {existing.Id}），请打开已有记录，不要重复登记"
                : "身份证号码已在其他社区登记，不能重复登记；如此人已迁入本社区，请联系区民政局办理迁移");
        }
    }
}
