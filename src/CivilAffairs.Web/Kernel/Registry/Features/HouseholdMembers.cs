using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>Adds a member (existing or new resident) to a household.</summary>
public static class AddHouseholdMember
{
    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<Person> HandleAsync(int householdId, MemberInput input, CancellationToken ct = default)
        {
            var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == householdId, ct)
                ?? throw new NotFoundException();
            var v = new Validator();
            var resolved = await MemberResolver.ResolveAsync(db, divisions, v, [input], household.DivisionCode, "Members", clock, ct, householdId);
            if (v.IsValid && resolved.Single().Relationship == Relationship.Head)
                v.Add("Members[0].Relationship", "该户已有户主，不能再登记第二名户主");
            v.ThrowIfInvalid();
            var (person, relationship) = resolved.Single();
            if (person.Id == 0) db.Persons.Add(person);
            household.AddMember(person, relationship);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new DomainException("保存失败：该居民已被他人登记到其他户，请刷新后重试", "Members");
            }
            return person;
        }
    }
}

/// <summary>Moves a resident from their household to another in one audited operation.</summary>
public static class MovePersonToHousehold
{
    public sealed class Command
    {
        public int TargetHouseholdId { get; set; }
        public string? Relationship { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Person> HandleAsync(int personId, Command cmd, CancellationToken ct = default)
        {
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct) ?? throw new NotFoundException();
            var v = new Validator();
            var relationship = PersonRules.ParseRelationship(cmd.Relationship);
            if (relationship is null or (Relationship)(-1)) v.Add(nameof(cmd.Relationship), "请选择在新户中与户主的关系");
            else if (relationship == Relationship.Head) v.Add(nameof(cmd.Relationship), "迁入户已有户主，不能作为户主迁入");
            var reason = v.Text(nameof(cmd.Reason), "迁移原因", cmd.Reason, 200, required: true);
            var target = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == cmd.TargetHouseholdId, ct);
            if (target is null) v.Add(nameof(cmd.TargetHouseholdId), "迁入户不存在或不在您的管辖范围内");
            else if (target.Id == person.HouseholdId) v.Add(nameof(cmd.TargetHouseholdId), "此人已在该户中");
            Household? source = null;
            if (person.HouseholdId is { } sourceId)
            {
                source = await db.Households.Include(h => h.Members).FirstAsync(h => h.Id == sourceId, ct);
                if (person.RelationshipToHead == Relationship.Head && source.Members.Count > 1)
                    v.Add(nameof(cmd.TargetHouseholdId), "此人是原户户主，请先变更原户户主再迁移");
            }
            v.ThrowIfInvalid();

            var fromId = person.HouseholdId;
            if (source is not null)
            {
                if (person.RelationshipToHead == Relationship.Head) person.LeaveHousehold();
                else source.RemoveMember(person);
            }
            target!.AddMember(person, relationship!.Value);
            db.AddAudit(AuditAction.Operation, nameof(Person), person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                person.DivisionCode, $"户间迁移：从户 {fromId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "（无）"} 迁入户 {target.Id}，原因：{reason}", person.Id);
            await UpdatePerson.SaveGuardedAsync(db, ct);
            return person;
        }
    }
}
