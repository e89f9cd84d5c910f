using System.Text.RegularExpressions;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;

namespace CivilAffairs.Web.Kernel.Registry.Features;

/// <summary>The fields a caseworker enters for a new person (page form, API body and import row alike).</summary>
public sealed class NewPersonInput
{
    public string? IdNumber { get; set; }
    public string? Name { get; set; }
    /// <summary>Optional: when given it must agree with the ID number ("Male"/"Female" or 男/女).</summary>
    public string? Gender { get; set; }
    public string? Ethnicity { get; set; }
    public string? Phone { get; set; }
    public string? RegisteredAddress { get; set; }
    /// <summary>12-digit code of the community of current residence.</summary>
    public string? DivisionCode { get; set; }
    public DisabilityCategory? DisabilityCategory { get; set; }
    public int? DisabilityGrade { get; set; }
    public string? Notes { get; set; }
}

/// <summary>Validation rules shared by every way a person is entered or edited.</summary>
public static partial class PersonRules
{
    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$")]
    private static partial Regex PhonePattern();

    public static Gender? ParseGender(string? s) => s?.Trim() switch
    {
        null or "" => null,
        "Male" or "male" or "M" or "男" => Registry.Gender.Male,
        "Female" or "female" or "F" or "女" => Registry.Gender.Female,
        _ => (Gender)(-1),
    };

    public static string GenderName(Gender g) => g == Registry.Gender.Male ? "男" : "女";

    /// <summary>Validates everything except uniqueness and community existence (which need the database).</summary>
    public static (CitizenId? Id, string? Name) ValidateNew(Validator v, string prefix, NewPersonInput input, DateOnly today)
    {
        CitizenId? id = null;
        if (string.IsNullOrWhiteSpace(input.IdNumber)) v.Add(prefix + nameof(input.IdNumber), "请填写身份证号码");
        else if (!CitizenId.TryParse(input.IdNumber, today, out var parsed, out var error)) v.Add(prefix + nameof(input.IdNumber), error);
        else id = parsed;

        var gender = ParseGender(input.Gender);
        if (gender is (Gender)(-1)) v.Add(prefix + nameof(input.Gender), "性别只能是“男”或“女”");
        else if (gender is not null && id is not null && gender != id.Value.Gender)
            v.Add(prefix + nameof(input.Gender), $"性别与身份证号码不符：号码显示为{GenderName(id.Value.Gender)}性");

        var name = ValidateCommon(v, prefix, input.Name, input.Ethnicity, input.Phone, input.RegisteredAddress, input.Notes, input.DisabilityCategory, input.DisabilityGrade);
        return (id, name);
    }

    public static string? ValidateCommon(Validator v, string prefix, string? name, string? ethnicity, string? phone, string? address, string? notes,
        DisabilityCategory? category, int? grade)
    {
        var n = v.Text(prefix + "Name", "姓名", name, 50, required: true);
        v.Text(prefix + "Ethnicity", "民族", ethnicity, 20);
        var p = v.Text(prefix + "Phone", "联系电话", phone, 20);
        if (p is not null && !v.HasError(prefix + "Phone") && !PhonePattern().IsMatch(p))
            v.Add(prefix + "Phone", "联系电话格式不正确（手机 11 位，或带区号的固定电话）");
        v.Text(prefix + "RegisteredAddress", "户籍地址", address, 200);
        v.Text(prefix + "Notes", "备注", notes, 1000);
        if (category is not null && !Enum.IsDefined(category.Value)) v.Add(prefix + "DisabilityCategory", "残疾类别不正确");
        if (category is null != grade is null) v.Add(prefix + "DisabilityGrade", "残疾类别和残疾等级须同时填写或同时留空");
        else if (grade is < 1 or > 4) v.Add(prefix + "DisabilityGrade", "残疾等级只能是 1–4 级");
        return n;
    }

    public static Person Build(CitizenId id, string name, NewPersonInput input)
    {
        var person = new Person(id, name, input.DivisionCode!.Trim())
        {
            Ethnicity = Clean(input.Ethnicity),
            Phone = Clean(input.Phone),
            RegisteredAddress = Clean(input.RegisteredAddress),
            Notes = Clean(input.Notes),
        };
        person.SetDisability(input.DisabilityCategory, input.DisabilityGrade);
        return person;
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string DisabilityName(DisabilityCategory c) => c switch
    {
        Registry.DisabilityCategory.Visual => "视力残疾",
        Registry.DisabilityCategory.Hearing => "听力残疾",
        Registry.DisabilityCategory.Speech => "言语残疾",
        Registry.DisabilityCategory.Physical => "肢体残疾",
        Registry.DisabilityCategory.Intellectual => "智力残疾",
        Registry.DisabilityCategory.Mental => "精神残疾",
        _ => "多重残疾",
    };

    public static string StatusName(PersonStatus s) => s switch
    {
        PersonStatus.Normal => "正常",
        PersonStatus.Deceased => "死亡",
        _ => "迁出",
    };

    public static string RelationshipName(Relationship? r) => r switch
    {
        null => "",
        Relationship.Head => "户主",
        Relationship.Spouse => "配偶",
        Relationship.Child => "子女",
        Relationship.Parent => "父母",
        Relationship.Grandchild => "孙子女/外孙子女",
        Relationship.Grandparent => "祖父母/外祖父母",
        Relationship.Sibling => "兄弟姐妹",
        Relationship.ChildInLaw => "儿媳/女婿",
        _ => "其他",
    };

    public static Relationship? ParseRelationship(string? s)
    {
        s = s?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        if (Enum.TryParse<Relationship>(s, true, out var r) && Enum.IsDefined(r)) return r;
        foreach (var value in Enum.GetValues<Relationship>())
        {
            if (RelationshipName(value) == s || RelationshipName(value).Split('/').Contains(s)) return value;
        }
        return s switch { "本人" => Relationship.Head, "儿子" or "女儿" => Relationship.Child, "父亲" or "母亲" => Relationship.Parent, "妻" or "夫" => Relationship.Spouse, _ => (Relationship)(-1) };
    }
}
