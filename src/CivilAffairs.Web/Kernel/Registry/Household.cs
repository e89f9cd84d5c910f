using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Kernel.Registry;

/// <summary>A household (家庭/户): exactly one head and members with a relationship to the head.</summary>
public sealed class Household : IAudited, IVersioned, IDivisionScoped
{
    private readonly List<Person> _members = [];

    private Household() { }

    public Household(string divisionCode, string? address)
    {
        DivisionCode = divisionCode;
        Address = address;
    }

    public int Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string? Address { get; set; }
    public int Version { get; set; }
    public IReadOnlyList<Person> Members => _members;

    string IAudited.AuditDivisionCode => DivisionCode;

    /// <summary>Used when the community is merged into a successor.</summary>
    public void MoveToCommunity(string divisionCode) => DivisionCode = divisionCode;

    public Person? Head => _members.FirstOrDefault(m => m.RelationshipToHead == Relationship.Head);

    /// <summary>Creates a household from its members; exactly one must be the head.</summary>
    public static Household Create(string divisionCode, string? address, IReadOnlyList<(Person Person, Relationship Relationship)> members)
    {
        var heads = members.Count(m => m.Relationship == Relationship.Head);
        if (heads == 0) throw new DomainException("一户必须有一名户主", "Members");
        if (heads > 1) throw new DomainException("一户只能有一名户主", "Members");
        if (members.Select(m => m.Person.IdNumber).Distinct().Count() != members.Count)
            throw new DomainException("同一人不能在一户中登记两次", "Members");
        var household = new Household(divisionCode, address);
        foreach (var (person, relationship) in members) household.Add(person, relationship);
        return household;
    }

    public void AddMember(Person person, Relationship relationship)
    {
        if (relationship == Relationship.Head)
            throw new DomainException("该户已有户主；如需更换户主请使用“变更户主”", "Relationship");
        if (person.DivisionCode != DivisionCode)
            throw new DomainException($"{person.Name} 现居住社区与本户所在社区不同，不能登记为本户成员", "PersonId");
        if (_members.Any(m => m.Id == person.Id && person.Id != 0))
            throw new DomainException($"{person.Name} 已是本户成员", "Relationship");
        Add(person, relationship);
    }

    /// <summary>Takes a member out of the household. The head can leave only as the last member (the household then dissolves).</summary>
    public void RemoveMember(Person person)
    {
        if (!_members.Contains(person)) throw new DomainException("此人不是本户成员", "PersonId");
        if (person.RelationshipToHead == Relationship.Head && _members.Count > 1)
            throw new DomainException("户主不能单独迁出；请先通过“变更户主”指定新户主", "PersonId");
        _members.Remove(person);
        person.LeaveHousehold();
    }

    public bool IsEmpty => _members.Count == 0;

    /// <summary>Makes another member the head; the former head takes the given relationship to the new head.</summary>
    public void ChangeHead(Person newHead, Relationship formerHeadRelationship)
    {
        if (!_members.Contains(newHead)) throw new DomainException("新户主须是本户成员", "PersonId");
        if (newHead.RelationshipToHead == Relationship.Head) throw new DomainException("此人已是户主", "PersonId");
        if (formerHeadRelationship == Relationship.Head) throw new DomainException("请填写原户主与新户主的关系", "FormerHeadRelationship");
        var former = Head ?? throw new DomainException("本户没有户主", "PersonId");
        former.SetRelationship(formerHeadRelationship);
        newHead.SetRelationship(Relationship.Head);
    }

    private void Add(Person person, Relationship relationship)
    {
        if (person.DivisionCode != DivisionCode)
            throw new DomainException($"{person.Name} 现居住社区与本户所在社区不同", "Members");
        person.JoinHousehold(this, relationship);
        _members.Add(person);
    }
}
