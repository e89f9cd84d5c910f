using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Data;

/// <summary>
/// A realistic, deterministic demo dataset: one staff account per role in named divisions, and a few thousand
/// residents in households in every active community (valid, synthetic ID numbers; no real person).
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, IConfiguration config)
{
    public const string DefaultDemoPassword = "Demo#2026pw";

    /// <summary>Demo accounts, listed in the README.</summary>
    public static readonly (string UserName, string DisplayName, string Role, string DivisionCode)[] Accounts =
    [
        ("district.staff", "区民政局 王科员", Roles.DistrictStaff, "420202000000"),
        ("district.approver", "区民政局 李科长", Roles.DistrictApprover, "420202000000"),
        ("leader", "区民政局 赵局长", Roles.Leader, "420202000000"),
        ("street.huahu", "花湖街道 陈审核", Roles.StreetReviewer, "420202070000"),
        ("street.shenjiaying", "沈家营街道 周审核", Roles.StreetReviewer, "420202002000"),
        ("cw.damatou", "大码头社区 刘社工", Roles.CommunityCaseworker, "420202070004"),
        ("cw.tianfang", "天方社区 孙社工", Roles.CommunityCaseworker, "420202070001"),
        ("cw.yaguang", "亚光社区 吴社工", Roles.CommunityCaseworker, "420202002001"),
        ("hospital.central", "黄石市中心医院", Roles.MedicalInstitution, "420202000000"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"];
    private static readonly string[] GivenMale = ["伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "建国", "建华", "志强", "文斌", "国庆", "海波", "俊杰", "子轩", "浩然", "宇航", "家豪", "德明"];
    private static readonly string[] GivenFemale = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀英", "桂兰", "玉梅", "春燕", "丽华", "淑珍", "晓红", "雨桐", "欣怡", "梓涵", "诗琪", "思雨", "佳怡", "美玲"];
    private static readonly string[] Streets = ["湖滨路", "交通路", "颐阳路", "南京路", "延安路", "黄石大道", "天津路", "广州路", "武汉路", "磁湖路", "花湖大道", "沿江路"];

    public async Task SeedAsync(CancellationToken ct)
    {
        var password = config["Bootstrap:DemoPassword"];
        if (string.IsNullOrEmpty(password)) password = DefaultDemoPassword;
        foreach (var (userName, displayName, role, division) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var u = new AppUser { UserName = userName, DisplayName = displayName, DivisionCode = division, CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true };
            var r = await users.CreateAsync(u, password);
            if (!r.Succeeded) throw new InvalidOperationException("Demo password rejected: " + string.Join("; ", r.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(u, role);
        }

        var communities = await db.Divisions.Where(d => d.Level == DivisionLevel.Community && d.RetiredOn == null)
            .OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        var perCommunity = config.GetValue<int?>("Bootstrap:DemoHouseholdsPerCommunity") ?? 30;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var random = new Random(20260101);
        var sequence = new Dictionary<string, int>();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var community in communities)
            {
                for (var h = 0; h < perCommunity; h++)
                {
                    var surname = Surnames[random.Next(Surnames.Length)];
                    var headMale = random.Next(100) < 60;
                    var headAge = 28 + random.Next(55);
                    var members = new List<(Person, Relationship)>
                    {
                        (NewPerson(random, sequence, today, community, surname, headMale, headAge), Relationship.Head),
                    };
                    var roll = random.Next(100);
                    if (roll >= 15 && headAge < 90)
                    {
                        var spouseAge = Math.Max(22, headAge + random.Next(-4, 5));
                        members.Add((NewPerson(random, sequence, today, community, Surnames[random.Next(Surnames.Length)], !headMale, spouseAge), Relationship.Spouse));
                    }
                    var children = roll < 15 ? 0 : headAge > 70 ? random.Next(0, 2) : random.Next(0, 3);
                    for (var c = 0; c < children; c++)
                    {
                        var childAge = Math.Max(0, headAge - 24 - random.Next(12));
                        members.Add((NewPerson(random, sequence, today, community, surname, random.Next(2) == 0, childAge), Relationship.Child));
                    }
                    if (headAge < 50 && random.Next(100) < 20)
                        members.Add((NewPerson(random, sequence, today, community, surname, random.Next(2) == 0, headAge + 26 + random.Next(8)), Relationship.Parent));

                    var address = $"黄石港区{Streets[random.Next(Streets.Length)]}{1 + random.Next(300)}号{1 + random.Next(6)}栋{1 + random.Next(3)}单元{1 + random.Next(7)}0{1 + random.Next(4)}";
                    var household = Household.Create(community, address, members);
                    foreach (var (p, _) in members)
                    {
                        p.RegisteredAddress = "湖北省黄石市" + address;
                        db.Persons.Add(p);
                    }
                    db.Households.Add(household);
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static Person NewPerson(Random random, Dictionary<string, int> sequence, DateOnly today, string community, string surname, bool male, int age)
    {
        var birth = today.AddYears(-age).AddDays(-random.Next(365));
        var key = birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        sequence.TryGetValue(key, out var n);
        // 3-digit sequence: odd for men, even for women; unique per birth date.
        var seq = n * 2 + (male ? 1 : 0);
        sequence[key] = n + 1;
        if (seq > 999) throw new InvalidOperationException("demo sequence exhausted");
        var body = "420202" + key + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        var id = CitizenId.Parse(body + CitizenId.ComputeCheckCharacter(body), today);
        var given = male ? GivenMale[random.Next(GivenMale.Length)] : GivenFemale[random.Next(GivenFemale.Length)];
        var person = new Person(id, surname + given, community)
        {
            Ethnicity = random.Next(100) < 97 ? "汉族" : "土家族",
            Phone = age >= 14 && random.Next(100) < 85 ? "1" + (3 + random.Next(7)) + random.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        if (random.Next(100) < 4)
            person.SetDisability((DisabilityCategory)(1 + random.Next(7)), 1 + random.Next(4));
        return person;
    }
}
