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

/// <summary>
/// Moves a resident into another household (in one audited operation): they leave their current household — which
/// dissolves if they were its last member — and take the target household's community as their residence.
/// </summary>
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
                // The person is in scope; their household is theirs to leave even if it were registered elsewhere.
                source = await db.Households.IgnoreQueryFilters().Include(h => h.Members).FirstAsync(h => h.Id == sourceId, ct);
                if (person.RelationshipToHead == Relationship.Head && source.Members.Count > 1)
                    v.Add(nameof(cmd.TargetHouseholdId), "此人是原户户主，请先在原户“变更户主”再迁移");
            }
            v.ThrowIfInvalid();

            var fromId = person.HouseholdId;
            var fromCommunity = person.DivisionCode;
            source?.RemoveMember(person);
            person.MoveToCommunity(target!.DivisionCode);
            target.AddMember(person, relationship!.Value);
            if (source is { IsEmpty: true }) db.Households.Remove(source);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            db.AddAudit(AuditAction.Operation, nameof(Person), person.Id.ToString(inv), person.DivisionCode,
                $"户间迁移：从户 {fromId?.ToString(inv) ?? "（无）"} 迁入户 {target.Id}" +
                (fromCommunity != target.DivisionCode ? $"，现居住社区 {fromCommunity} → {target.DivisionCode}" : "") +
                (source is { IsEmpty: true } ? $"；原户 {fromId?.ToString(inv)} 已无成员，随之注销" : "") + $"。原因：{reason}", person.Id);
            await UpdatePerson.SaveGuardedAsync(db, ct);
            return person;
        }
    }
}

/// <summary>A member leaves the household (moving away, or registered there by mistake); the head only as the last member.</summary>
public static class RemoveHouseholdMember
{
    public sealed class Command
    {
        public string? Reason { get; set; }
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task HandleAsync(int householdId, int personId, Command cmd, CancellationToken ct = default)
        {
            var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == householdId, ct) ?? throw new NotFoundException();
            var person = household.Members.FirstOrDefault(m => m.Id == personId) ?? throw new NotFoundException("此人不是本户成员");
            var v = new Validator();
            var reason = v.Text(nameof(cmd.Reason), "原因", cmd.Reason, 200, required: true);
            v.ThrowIfInvalid();
            household.RemoveMember(person);
            var dissolved = household.IsEmpty;
            if (dissolved) db.Households.Remove(household);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            db.AddAudit(AuditAction.Operation, nameof(Person), person.Id.ToString(inv), person.DivisionCode,
                $"迁出户 {householdId}" + (dissolved ? "（该户已无成员，随之注销）" : "") + $"。原因：{reason}", person.Id);
            await UpdatePerson.SaveGuardedAsync(db, ct);
        }
    }
}

/// <summary>Another member becomes the head (the head died or moved away); one audited operation.</summary>
public static class ChangeHouseholdHead
{
    public sealed class Command
    {
        public int PersonId { get; set; }
        /// <summary>The former head's relationship to the new head.</summary>
        public string? FormerHeadRelationship { get; set; }
        public string? Reason { get; set; }
        public int Version { get; set; }
    }

    public sealed class Handler(AppDbContext db)
    {
        public async Task HandleAsync(int householdId, Command cmd, CancellationToken ct = default)
        {
            var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == householdId, ct) ?? throw new NotFoundException();
            var v = new Validator();
            var relationship = PersonRules.ParseRelationship(cmd.FormerHeadRelationship);
            if (relationship is null or (Relationship)(-1) or Relationship.Head)
                v.Add(nameof(cmd.FormerHeadRelationship), "请选择原户主与新户主的关系");
            var reason = v.Text(nameof(cmd.Reason), "原因", cmd.Reason, 200, required: true);
            var newHead = household.Members.FirstOrDefault(m => m.Id == cmd.PersonId);
            if (newHead is null) v.Add(nameof(cmd.PersonId), "新户主须是本户成员");
            else if (newHead.RelationshipToHead == Relationship.Head) v.Add(nameof(cmd.PersonId), "此人已是户主");
            v.ThrowIfInvalid();

            var former = household.Head!;
            var newHeadWas = newHead!.RelationshipToHead!.Value;
            db.Entry(household).Property(h => h.Version).OriginalValue = cmd.Version;
            household.ChangeHead(newHead, relationship!.Value);
            // The unique "one head per household" index is checked row by row: write the former head's new
            // relationship first (the new head still as before), then the new head, inside one transaction.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            newHead.SetRelationship(newHeadWas);
            db.Entry(household).State = EntityState.Modified; // bumps the version: two changes of head cannot both win
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            db.AddAudit(AuditAction.Operation, nameof(Household), household.Id.ToString(inv), household.DivisionCode,
                $"变更户主：{former.Name}（居民 {former.Id}）→ {newHead!.Name}（居民 {newHead.Id}），原户主改为“{PersonRules.RelationshipName(relationship)}”。原因：{reason}");
            await UpdatePerson.SaveGuardedAsync(db, ct);
            newHead.SetRelationship(Relationship.Head);
            await UpdatePerson.SaveGuardedAsync(db, ct);
            await tx.CommitAsync(ct);
        }
    }
}
