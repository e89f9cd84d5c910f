using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>A member to put in a household: an existing resident (PersonId) or a new one (Person).</summary>
public sealed class MemberInput
{
    public int? PersonId { get; set; }
    public NewPersonInput? Person { get; set; }
    /// <summary>Relationship to the head: Head, Spouse, Child, Parent, Grandchild, Grandparent, Sibling, ChildInLaw, Other (or 户主, 配偶, 子女…).</summary>
    public string? Relationship { get; set; }
}

/// <summary>Creates a household with its head and members in one all-or-nothing operation.</summary>
public static class CreateHousehold
{
    public sealed class Command
    {
        public string? DivisionCode { get; set; }
        public string? Address { get; set; }
        public List<MemberInput> Members { get; set; } = [];
    }

    public sealed class Handler(AppDbContext db, DivisionDirectory divisions, TimeProvider clock)
    {
        public async Task<Household> HandleAsync(Command cmd, CancellationToken ct = default)
        {
            var v = new Validator();
            await divisions.ValidateCommunityAsync(v, nameof(cmd.DivisionCode), cmd.DivisionCode, ct);
            var address = v.Text(nameof(cmd.Address), "家庭住址", cmd.Address, 200);
            cmd.Members ??= [];
            if (cmd.Members.Count == 0) v.Add(nameof(cmd.Members), "请至少登记户主一人");
            if (cmd.Members.Count > 30) v.Add(nameof(cmd.Members), "一户成员不能超过 30 人");

            var resolved = await MemberResolver.ResolveAsync(db, divisions, v, cmd.Members, cmd.DivisionCode, "Members", clock, ct);
            var heads = resolved.Count(m => m.Relationship == Relationship.Head);
            if (v.IsValid && heads == 0) v.Add(nameof(cmd.Members), "一户必须有一名户主（与户主关系为“户主”）");
            if (v.IsValid && heads > 1) v.Add(nameof(cmd.Members), "一户只能有一名户主");
            v.ThrowIfInvalid();

            var household = Household.Create(cmd.DivisionCode!.Trim(), address, resolved);
            foreach (var (person, _) in resolved.Where(m => m.Person.Id == 0)) db.Persons.Add(person);
            db.Households.Add(household);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new DomainException("保存失败：成员已被他人登记到其他户或身份证号码已被登记，请刷新后重试", nameof(cmd.Members));
            }
            return household;
        }
    }
}

/// <summary>Turns member inputs into people (new or existing) with their relationship, collecting every error.</summary>
internal static class MemberResolver
{
    public static async Task<List<(Person Person, Relationship Relationship)>> ResolveAsync(
        AppDbContext db, DivisionDirectory divisions, Validator v, IReadOnlyList<MemberInput> members, string? defaultCommunity,
        string fieldPrefix, TimeProvider clock, CancellationToken ct, int? targetHouseholdId = null)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var result = new List<(Person, Relationship)>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenPersons = new HashSet<int>();
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var prefix = $"{fieldPrefix}[{i}].";
            if (m is null)
            {
                v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：内容为空");
                continue;
            }
            var relationship = PersonRules.ParseRelationship(m.Relationship);
            if (relationship is null) v.Add(prefix + "Relationship", $"第 {i + 1} 位成员：请选择与户主关系");
            else if (relationship == (Relationship)(-1)) v.Add(prefix + "Relationship", $"第 {i + 1} 位成员：与户主关系“{m.Relationship}”不正确");

            Person? person = null;
            if (m.PersonId is { } pid)
            {
                person = await db.Persons.Include(p => p.Household).FirstOrDefaultAsync(p => p.Id == pid, ct);
                if (person is null) v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：居民 {pid} 不存在或不在您的管辖范围内");
                else if (person.HouseholdId is not null && person.HouseholdId != targetHouseholdId)
                    v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：{person.Name} 已属于另一户（户编号 {person.HouseholdId}），一人只能属于一户；如需迁移请使用“迁移到其他户”");
                else if (person.HouseholdId is not null && person.HouseholdId == targetHouseholdId)
                    v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：{person.Name} 已是本户成员");
                else if (!seenPersons.Add(pid)) v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：同一人不能重复登记");
                else if (person.DivisionCode != defaultCommunity?.Trim())
                    v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：{person.Name} 现居住社区与本户所在社区不同；同户成员须居住在同一社区");
            }
            else if (m.Person is { } input)
            {
                if (string.IsNullOrWhiteSpace(input.DivisionCode)) input.DivisionCode = defaultCommunity;
                var (id, name) = PersonRules.ValidateNew(v, prefix + "Person.", input, today);
                if (input.DivisionCode?.Trim() != defaultCommunity?.Trim())
                    v.Add(prefix + "Person.DivisionCode", $"第 {i + 1} 位成员：现居住社区须与本户所在社区一致");
                if (id is not null)
                {
                    if (!seenIds.Add(id.Value.Value))
                        v.Add(prefix + "Person.IdNumber", $"第 {i + 1} 位成员：身份证号码与本户另一成员重复");
                    else
                        await CreatePerson.Handler.EnsureIdIsNewAsync(db, v, prefix + "Person.IdNumber", id.Value.Value, ct);
                }
                if (id is not null && name is not null && !string.IsNullOrWhiteSpace(input.DivisionCode))
                {
                    try { person = PersonRules.Build(id.Value, name, input); }
                    catch (DomainException) { /* already reported by the validator */ }
                }
            }
            else
            {
                v.Add(prefix + "PersonId", $"第 {i + 1} 位成员：请选择已登记的居民或填写新居民信息");
            }
            if (person is not null && relationship is { } r && r != (Relationship)(-1)) result.Add((person, r));
        }
        return result;
    }
}
