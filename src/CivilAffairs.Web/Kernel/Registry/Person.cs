using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Data;

namespace CivilAffairs.Web.Kernel.Registry;

public enum PersonStatus
{
    Normal = 1,
    Deceased = 2,
    MovedOut = 3,
}

/// <summary>Disability categories as on the disability certificate (残疾人证).</summary>
public enum DisabilityCategory
{
    Visual = 1,
    Hearing = 2,
    Speech = 3,
    Physical = 4,
    Intellectual = 5,
    Mental = 6,
    Multiple = 7,
}

public enum Relationship
{
    Head = 0,
    Spouse = 1,
    Child = 2,
    Parent = 3,
    Grandchild = 4,
    Grandparent = 5,
    Sibling = 6,
    ChildInLaw = 7,
    Other = 9,
}

/// <summary>A resident (居民). One row per ID number across the whole system.</summary>
public sealed class Person : IAudited, IVersioned, IDivisionScoped
{
    private Person() { }

    public Person(CitizenId id, string name, string divisionCode)
    {
        IdNumber = id.Value;
        Gender = id.Gender;
        BirthDate = id.BirthDate;
        Name = name;
        DivisionCode = divisionCode;
        Status = PersonStatus.Normal;
    }

    public int Id { get; private set; }
    public string IdNumber { get; private set; } = "";
    public string Name { get; set; } = "";
    public Gender Gender { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public string? Ethnicity { get; set; }
    public string? Phone { get; set; }
    /// <summary>户籍地址: the household-registration address.</summary>
    public string? RegisteredAddress { get; set; }
    /// <summary>The community of current residence (12-digit code); the scoping key.</summary>
    public string DivisionCode { get; private set; } = "";
    public PersonStatus Status { get; private set; }
    public DateOnly? DeceasedOn { get; private set; }
    public DisabilityCategory? DisabilityCategory { get; private set; }
    public int? DisabilityGrade { get; private set; }
    public string? Notes { get; set; }
    public int? HouseholdId { get; private set; }
    public Relationship? RelationshipToHead { get; private set; }
    public Household? Household { get; private set; }
    public int Version { get; set; }

    string IAudited.AuditDivisionCode => DivisionCode;

    public int AgeOn(DateOnly date) => CitizenId.AgeOn(BirthDate, date);

    public void MoveToCommunity(string divisionCode) => DivisionCode = divisionCode;

    public void SetDisability(DisabilityCategory? category, int? grade)
    {
        if (category is null != grade is null)
            throw new DomainException("残疾类别和残疾等级须同时填写或同时留空", nameof(DisabilityGrade));
        if (grade is < 1 or > 4)
            throw new DomainException("残疾等级只能是 1–4 级", nameof(DisabilityGrade));
        DisabilityCategory = category;
        DisabilityGrade = grade;
    }

    public void SetStatus(PersonStatus status, DateOnly? deceasedOn, DateOnly today)
    {
        if (status == PersonStatus.Deceased)
        {
            if (deceasedOn is null) throw new DomainException("请填写死亡日期", nameof(DeceasedOn));
            if (deceasedOn > today) throw new DomainException("死亡日期不能晚于今天", nameof(DeceasedOn));
            if (deceasedOn < BirthDate) throw new DomainException("死亡日期不能早于出生日期", nameof(DeceasedOn));
        }
        else if (deceasedOn is not null)
        {
            throw new DomainException("只有状态为“死亡”时才能填写死亡日期", nameof(DeceasedOn));
        }
        Status = status;
        DeceasedOn = deceasedOn;
    }

    internal void JoinHousehold(Household household, Relationship relationship)
    {
        if (HouseholdId is not null && HouseholdId != household.Id || Household is not null && Household != household)
            throw new DomainException($"{Name} 已属于另一户，请先办理户间迁移", nameof(HouseholdId));
        Household = household;
        RelationshipToHead = relationship;
    }

    internal void SetRelationship(Relationship relationship) => RelationshipToHead = relationship;

    internal void LeaveHousehold()
    {
        Household = null;
        HouseholdId = null;
        RelationshipToHead = null;
    }
}
