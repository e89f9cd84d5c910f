using System.Net;
using System.Net.Http.Json;
using CivilAffairs.Tests.Support;
using CivilAffairs.Web.Kernel.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>People and households over the API: every bad input of the issue gets a clear error and saves nothing.</summary>
public abstract class RegistryApiTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private static object NewPerson(string id, string name = "测试居民", string community = TestData.Damatou, string? gender = null) =>
        new { idNumber = id, name, gender, divisionCode = community, phone = "13800138000", ethnicity = "汉族" };

    private Task<int> CountPersonsAsync(string id) => App.QueryAsync(db => db.Persons.IgnoreQueryFilters().CountAsync(p => p.IdNumber == id));

    [SkippableFact]
    public async Task Create_and_read_a_person_masked()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var id = TestData.NewId(male: false);
        var created = await (await api.PostJsonAsync("/api/v1/persons", NewPerson(id, gender: "女"))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id[..6] + "********" + id[14..], created.GetProperty("idNumberMasked").GetString());
        Assert.Equal("138****8000", created.GetProperty("phoneMasked").GetString());
        Assert.Equal("女", created.GetProperty("gender").GetString());

        var personId = created.GetProperty("id").GetInt32();
        var full = await (await api.GetAsync($"/api/v1/persons/{personId}/personal-data")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, full.GetProperty("idNumber").GetString());
        var viewed = await App.QueryAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == personId && a.Action == AuditAction.ViewPersonalData));
        Assert.Equal(1, viewed);
    }

    [SkippableFact]
    public async Task Wrong_check_character_is_refused()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var id = TestData.WithWrongCheck(TestData.NewId());
        await (await api.PostJsonAsync("/api/v1/persons", NewPerson(id))).ProblemAsync("IdNumber", "校验位");
        Assert.Equal(0, await CountPersonsAsync(id));
    }

    [SkippableTheory]
    [InlineData("420202209901010011", "晚于今天")]
    [InlineData("420202199002300012", "不存在")]
    public async Task Future_or_impossible_birth_dates_are_refused(string body17PlusAny, string message)
    {
        var body = body17PlusAny[..17];
        var id = body + CivilAffairs.Web.Kernel.Registry.CitizenId.ComputeCheckCharacter(body);
        var api = await App.ApiAsAsync("cw.damatou");
        await (await api.PostJsonAsync("/api/v1/persons", NewPerson(id))).ProblemAsync("IdNumber", message);
        Assert.Equal(0, await CountPersonsAsync(id));
    }

    [SkippableFact]
    public async Task A_gender_contradicting_the_id_is_refused()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var id = TestData.NewId(male: true);
        await (await api.PostJsonAsync("/api/v1/persons", NewPerson(id, gender: "女"))).ProblemAsync("Gender", "不符");
        Assert.Equal(0, await CountPersonsAsync(id));
    }

    [SkippableFact]
    public async Task A_second_person_with_the_same_id_is_refused_even_across_divisions()
    {
        var id = TestData.NewId();
        var damatou = await App.ApiAsAsync("cw.damatou");
        await (await damatou.PostJsonAsync("/api/v1/persons", NewPerson(id))).JsonAsync(HttpStatusCode.Created);
        var yaguang = await App.ApiAsAsync("cw.yaguang");
        var problem = await (await yaguang.PostJsonAsync("/api/v1/persons", NewPerson(id, community: TestData.Yaguang))).ProblemAsync("IdNumber", "已在其他社区登记");
        Assert.DoesNotContain("居民编号", problem.ToString()); // the other division's record stays invisible
        Assert.Equal(1, await CountPersonsAsync(id));
        await (await damatou.PostJsonAsync("/api/v1/persons", NewPerson(id))).ProblemAsync("IdNumber", "居民编号");
    }

    [SkippableTheory]
    [InlineData("420202999001", "不存在")]
    [InlineData("420202070001", "不在您的管辖范围内")]
    [InlineData("420202070000", "不是社区")]
    public async Task Unknown_or_out_of_scope_community_is_refused(string community, string message)
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var id = TestData.NewId();
        await (await api.PostJsonAsync("/api/v1/persons", NewPerson(id, community: community))).ProblemAsync("DivisionCode", message);
        Assert.Equal(0, await CountPersonsAsync(id));
    }

    [SkippableTheory]
    [InlineData("这是一个非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常非常长的名字", "不能超过")]
    [InlineData("张\u0000三", "控制字符")]
    [InlineData("张\n三", "换行")]
    [InlineData("张\u202E三", "控制字符")]
    [InlineData("张\u200B三", "控制字符")]
    public async Task Over_long_or_control_character_text_is_refused(string name, string message)
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var id = TestData.NewId();
        await (await api.PostJsonAsync("/api/v1/persons", NewPerson(id, name: name))).ProblemAsync("Name", message);
        Assert.Equal(0, await CountPersonsAsync(id));
    }

    [SkippableFact]
    public async Task Household_without_a_head_or_with_two_heads_saves_nothing()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var a = TestData.NewId();
        var b = TestData.NewId(male: false);
        var noHead = new
        {
            divisionCode = TestData.Damatou,
            members = new object[]
            {
                new { relationship = "Spouse", person = NewPerson(a) },
                new { relationship = "Child", person = NewPerson(b) },
            },
        };
        await (await api.PostJsonAsync("/api/v1/households", noHead)).ProblemAsync("Members", "户主");
        var twoHeads = new
        {
            divisionCode = TestData.Damatou,
            members = new object[]
            {
                new { relationship = "Head", person = NewPerson(a) },
                new { relationship = "户主", person = NewPerson(b) },
            },
        };
        await (await api.PostJsonAsync("/api/v1/households", twoHeads)).ProblemAsync("Members", "只能有一名户主");
        Assert.Equal(0, await CountPersonsAsync(a));
        Assert.Equal(0, await CountPersonsAsync(b));
    }

    [SkippableFact]
    public async Task A_person_cannot_join_a_second_household_but_can_be_moved()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var first = await CreateHouseholdAsync(api, 2);
        var second = await CreateHouseholdAsync(api, 1);
        var child = first.GetProperty("members").EnumerateArray().First(m => m.GetProperty("relationship").GetString() != "户主").GetProperty("personId").GetInt32();
        var secondId = second.GetProperty("id").GetInt32();

        await (await api.PostJsonAsync($"/api/v1/households/{secondId}/members", new { personId = child, relationship = "Child" }))
            .ProblemAsync("Members[0].PersonId", "已属于另一户");
        Assert.Equal(first.GetProperty("id").GetInt32(), await App.QueryAsync(db => db.Persons.Where(p => p.Id == child).Select(p => p.HouseholdId).FirstAsync()));

        var moved = await (await api.PostJsonAsync($"/api/v1/persons/{child}/move", new { targetHouseholdId = secondId, relationship = "Sibling", reason = "投靠兄长" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(secondId, moved.GetProperty("householdId").GetInt32());
        var audit = await App.QueryAsync(db => db.AuditEntries.Where(a => a.PersonId == child && a.Action == AuditAction.Operation).Select(a => a.Description).ToListAsync());
        Assert.Contains(audit, d => d!.Contains("户间迁移") && d.Contains("投靠兄长"));
    }

    [SkippableFact]
    public async Task Moving_into_another_communitys_household_changes_residence_and_dissolves_an_emptied_household()
    {
        var street = await App.ApiAsAsync("street.huahu");
        var single = await CreateHouseholdAsync(street, 1, TestData.Damatou);
        var target = await CreateHouseholdAsync(street, 2, TestData.Tianfang);
        var personId = single.GetProperty("members")[0].GetProperty("personId").GetInt32();
        var moved = await (await street.PostJsonAsync($"/api/v1/persons/{personId}/move",
            new { targetHouseholdId = target.GetProperty("id").GetInt32(), relationship = "Parent", reason = "随子女居住" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(TestData.Tianfang, moved.GetProperty("divisionCode").GetString());
        await (await street.GetAsync($"/api/v1/households/{single.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.NotFound);
        var after = await (await street.GetAsync($"/api/v1/households/{target.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, after.GetProperty("members").GetArrayLength());
    }

    [SkippableFact]
    public async Task Members_of_a_household_live_in_its_community()
    {
        var street = await App.ApiAsAsync("street.huahu");
        var household = await CreateHouseholdAsync(street, 1, TestData.Damatou);
        var elsewhere = await (await street.PostJsonAsync("/api/v1/persons", NewPerson(TestData.NewId(), "天方居民", TestData.Tianfang))).JsonAsync(HttpStatusCode.Created);
        await (await street.PostJsonAsync($"/api/v1/households/{household.GetProperty("id").GetInt32()}/members",
            new { personId = elsewhere.GetProperty("id").GetInt32(), relationship = "Child" })).ProblemAsync("Members[0].PersonId", "同一社区");
        var mixed = new
        {
            divisionCode = TestData.Damatou,
            members = new object[] { new { relationship = "Head", person = NewPerson(TestData.NewId()) }, new { relationship = "Child", person = NewPerson(TestData.NewId(), "混合", TestData.Tianfang) } },
        };
        await (await street.PostJsonAsync("/api/v1/households", mixed)).ProblemAsync("Members[1].Person.DivisionCode", "一致");
        var headId = household.GetProperty("members")[0].GetProperty("personId").GetInt32();
        var head = await (await street.GetAsync($"/api/v1/persons/{headId}")).JsonAsync(HttpStatusCode.OK);
        await (await street.PutAsJsonAsync($"/api/v1/persons/{headId}", new { name = "户主甲", divisionCode = TestData.Tianfang, status = "Normal", version = head.GetProperty("version").GetInt32() }))
            .ProblemAsync("DivisionCode", "同一社区");
    }

    [SkippableFact]
    public async Task The_head_can_be_changed_and_a_last_member_leaving_dissolves_the_household()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var household = await CreateHouseholdAsync(api, 2);
        var id = household.GetProperty("id").GetInt32();
        var members = household.GetProperty("members").EnumerateArray().ToList();
        var head = members.Single(m => m.GetProperty("relationship").GetString() == "户主").GetProperty("personId").GetInt32();
        var spouse = members.Single(m => m.GetProperty("relationship").GetString() != "户主").GetProperty("personId").GetInt32();

        await (await api.PostJsonAsync($"/api/v1/households/{id}/members/{head}/leave", new { reason = "试图迁出户主" })).ProblemAsync("PersonId", "变更户主");
        var changed = await (await api.PostJsonAsync($"/api/v1/households/{id}/head",
            new { personId = spouse, formerHeadRelationship = "Spouse", reason = "原户主去世", version = household.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("户主", changed.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("personId").GetInt32() == spouse).GetProperty("relationship").GetString());
        Assert.Equal("配偶", changed.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("personId").GetInt32() == head).GetProperty("relationship").GetString());
        // A second change from the same (now stale) version loses.
        await (await api.PostJsonAsync($"/api/v1/households/{id}/head",
            new { personId = head, formerHeadRelationship = "Spouse", reason = "重复提交", version = household.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostJsonAsync($"/api/v1/households/{id}/members/{head}/leave", new { reason = "迁往外地" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostJsonAsync($"/api/v1/households/{id}/members/{spouse}/leave", new { reason = "迁往外地" })).StatusCode);
        await (await api.GetAsync($"/api/v1/households/{id}")).JsonAsync(HttpStatusCode.NotFound);
        var person = await (await api.GetAsync($"/api/v1/persons/{spouse}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, person.GetProperty("householdId").ValueKind);
    }

    [SkippableFact]
    public async Task A_stale_edit_is_refused_with_409()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var created = await (await api.PostJsonAsync("/api/v1/persons", NewPerson(TestData.NewId()))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var version = created.GetProperty("version").GetInt32();
        object Edit(string name) => new { name, divisionCode = TestData.Damatou, status = "Normal", phone = "13800138000", version };

        await (await api.PutAsJsonAsync($"/api/v1/persons/{id}", Edit("第一人保存"))).JsonAsync(HttpStatusCode.OK);
        var stale = await (await api.PutAsJsonAsync($"/api/v1/persons/{id}", Edit("第二人保存"))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("刷新", stale.GetProperty("detail").GetString());
        Assert.Equal("第一人保存", await App.QueryAsync(db => db.Persons.Where(p => p.Id == id).Select(p => p.Name).FirstAsync()));
    }

    [SkippableFact]
    public async Task The_audit_trail_records_old_and_new_values()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var created = await (await api.PostJsonAsync("/api/v1/persons", NewPerson(TestData.NewId(), name: "改名前"))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await (await api.PutAsJsonAsync($"/api/v1/persons/{id}", new
        {
            name = "改名后", divisionCode = TestData.Damatou, status = "Normal", phone = "13900139000", version = created.GetProperty("version").GetInt32(),
        })).JsonAsync(HttpStatusCode.OK);

        var admin = await App.ApiAsAsync("admin");
        var trail = await (await admin.GetAsync($"/api/v1/audit?personId={id}")).JsonAsync(HttpStatusCode.OK);
        var update = trail.GetProperty("items").EnumerateArray().First(a => a.GetProperty("action").GetString() == "Update");
        Assert.Equal("cw.damatou", update.GetProperty("userName").GetString());
        Assert.Equal(TestData.Damatou, update.GetProperty("divisionCode").GetString());
        var changes = update.GetProperty("changes").GetString()!;
        Assert.Contains("\"Name\":[\"改名前\",\"改名后\"]", changes);
        // Shown masked like every list; stored as they were.
        Assert.Contains("\"Phone\":[\"138****8000\",\"139****9000\"]", changes);
        var stored = await App.QueryAsync(db => db.AuditEntries.Where(a => a.PersonId == id && a.Action == AuditAction.Update).Select(a => a.Changes).FirstAsync());
        Assert.Contains("\"Phone\":[\"13800138000\",\"13900139000\"]", stored);
        Assert.Contains(trail.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "Create");
    }

    [SkippableFact]
    public async Task The_audit_trail_cannot_be_changed_even_in_the_database()
    {
        await App.QueryAsync(async db =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE kernel_audit_entries SET \"UserName\" = 'x'"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM kernel_audit_entries"));
            return 0;
        });
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync()));
    }

    [SkippableFact]
    public async Task Html_in_a_name_is_stored_as_text_and_shown_escaped()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var created = await (await api.PostJsonAsync("/api/v1/persons", NewPerson(TestData.NewId(), name: "<b>王</b>"))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        await client.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var html = await client.GetStringAsync($"/Persons/Details/{id}");
        Assert.Contains("&lt;b&gt;王&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>王</b>", html);
    }

    [SkippableFact]
    public async Task Households_are_found_by_a_members_id_number()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var household = await CreateHouseholdAsync(api, 3);
        var memberId = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == household.GetProperty("id").GetInt32()).Select(p => p.IdNumber).FirstAsync());
        var found = await (await api.GetAsync($"/api/v1/households?q={memberId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(3, found.GetProperty("items")[0].GetProperty("memberCount").GetInt32());
        Assert.Contains("********", found.GetProperty("items")[0].GetProperty("headIdNumberMasked").GetString());
    }

    internal static async Task<System.Text.Json.JsonElement> CreateHouseholdAsync(HttpClient api, int size, string community = TestData.Damatou)
    {
        var members = new List<object> { new { relationship = "Head", person = NewPerson(TestData.NewId(), "户主甲", community) } };
        for (var i = 1; i < size; i++) members.Add(new { relationship = i == 1 ? "Spouse" : "Child", person = NewPerson(TestData.NewId(i % 2 == 0), "成员" + i, community) });
        return await (await api.PostJsonAsync("/api/v1/households", new { divisionCode = community, address = "湖滨路 1 号", members })).JsonAsync(HttpStatusCode.Created);
    }
}

[Collection("sqlite")]
public sealed class SqliteRegistryApiTests(SqliteAppFixture f) : RegistryApiTests(f);

[Collection("postgres")]
public sealed class PostgresRegistryApiTests(PostgresAppFixture f) : RegistryApiTests(f);
