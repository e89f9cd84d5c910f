using System.Net;
using System.Net.Http.Json;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>Division scoping (API and pages), sign-in, lockout, roles, antiforgery and headers.</summary>
public abstract class ScopingAndSecurityTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    [SkippableFact]
    public async Task A_caseworker_cannot_list_open_or_change_a_person_of_another_community_through_the_api()
    {
        var damatou = await App.ApiAsAsync("cw.damatou");
        var household = await RegistryApiTests.CreateHouseholdAsync(damatou, 2);
        var personId = household.GetProperty("members")[0].GetProperty("personId").GetInt32();
        var idNumber = await App.QueryAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.IdNumber).FirstAsync());

        var tianfang = await App.ApiAsAsync("cw.tianfang");
        var list = await (await tianfang.GetAsync($"/api/v1/persons?q={idNumber}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var all = await (await tianfang.GetAsync("/api/v1/persons?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.All(all.GetProperty("items").EnumerateArray(), p => Assert.Equal(TestData.Tianfang, p.GetProperty("divisionCode").GetString()));

        await (await tianfang.GetAsync($"/api/v1/persons/{personId}")).JsonAsync(HttpStatusCode.NotFound);
        await (await tianfang.GetAsync($"/api/v1/persons/{personId}/personal-data")).JsonAsync(HttpStatusCode.NotFound);
        await (await tianfang.GetAsync($"/api/v1/households/{household.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.NotFound);
        var put = await tianfang.PutAsJsonAsync($"/api/v1/persons/{personId}", new { name = "越权修改", divisionCode = TestData.Tianfang, status = "Normal", version = 0 });
        await put.JsonAsync(HttpStatusCode.NotFound);
        var add = await tianfang.PostAsJsonAsync($"/api/v1/households/{household.GetProperty("id").GetInt32()}/members",
            new { relationship = "Child", person = new { idNumber = TestData.NewId(), name = "越权", divisionCode = TestData.Tianfang } });
        await add.JsonAsync(HttpStatusCode.NotFound);
        Assert.NotEqual("越权修改", await App.QueryAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.Name).FirstAsync()));

        // The street reviewer of 花湖街道 (which contains both communities) sees it; 沈家营's does not.
        var huahu = await App.ApiAsAsync("street.huahu");
        await (await huahu.GetAsync($"/api/v1/persons/{personId}")).JsonAsync(HttpStatusCode.OK);
        var shenjiaying = await App.ApiAsAsync("street.shenjiaying");
        await (await shenjiaying.GetAsync($"/api/v1/persons/{personId}")).JsonAsync(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_caseworker_cannot_find_or_open_another_communitys_person_through_the_pages()
    {
        var damatou = await App.ApiAsAsync("cw.damatou");
        var created = await (await damatou.PostAsJsonAsync("/api/v1/persons", new { idNumber = TestData.NewId(), name = "页面范围测试", divisionCode = TestData.Damatou }))
            .JsonAsync(HttpStatusCode.Created);
        var personId = created.GetProperty("id").GetInt32();

        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("cw.tianfang", AppFactory.DemoPassword);
        var list = await browser.GetStringAsync("/Persons?q=页面范围测试");
        Assert.DoesNotContain("页面范围测试", list.Replace("value=\"页面范围测试\"", ""));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Persons/Details/{personId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Persons/Edit/{personId}")).StatusCode);

        // Nor change it through the page forms (edit, move, reveal): each answers 404 and nothing changes.
        var editForm = await browser.GetStringAsync("/Persons/Create");
        var token = Http.Token(editForm);
        var edit = await browser.PostAsync($"/Persons/Edit/{personId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "越权页面修改", ["Input.DivisionCode"] = TestData.Tianfang, ["Input.Status"] = "Normal", ["Input.Version"] = "0", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var move = await browser.PostAsync($"/Persons/Move/{personId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TargetHouseholdId"] = "1", ["Input.Relationship"] = "Child", ["Input.Reason"] = "越权", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        var reveal = await browser.PostAsync($"/Persons/Details/{personId}?handler=Reveal", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        Assert.Equal("页面范围测试", await App.QueryAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.Name).FirstAsync()));

        var own = App.CreateClient(new() { AllowAutoRedirect = false });
        await own.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        Assert.Contains("页面范围测试", await own.GetStringAsync("/Persons?q=页面范围测试"));
    }

    [SkippableFact]
    public async Task Anonymous_requests_are_refused()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/persons")).StatusCode);
        var page = await client.GetAsync("/Persons");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [SkippableFact]
    public async Task Wrong_credentials_get_no_token_and_five_failures_lock_the_account()
    {
        var admin = await App.ApiAsAsync("admin");
        var userName = "lock" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName, password = "Lock#2026pw!", role = "leader", divisionCode = "420202000000" }))
            .JsonAsync(HttpStatusCode.Created);

        var client = App.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Lock#2026pw!" });
        var problem = await locked.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("锁定", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Only_administrators_create_accounts_and_read_the_audit_trail()
    {
        var leader = await App.ApiAsAsync("leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/v1/audit")).StatusCode);
        var refused = await leader.PostAsJsonAsync("/api/v1/admin/users", new { userName = "x1", password = "Abc#123456x", role = "admin", divisionCode = "420202000000" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // A read-only leader cannot register people either.
        var create = await leader.PostAsJsonAsync("/api/v1/persons", new { idNumber = TestData.NewId(), name = "领导", divisionCode = TestData.Damatou });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [SkippableFact]
    public async Task Account_creation_validates_role_division_and_password()
    {
        var admin = await App.ApiAsAsync("admin");
        var bad = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "cw.new", password = "short", role = "community-caseworker", divisionCode = "420202070000" });
        var problem = await bad.ProblemAsync("Password", "密码");
        Assert.Contains(problem.GetProperty("errors").GetProperty("DivisionCode").EnumerateArray(), m => m.GetString()!.Contains("社区"));
        var ok = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "cw." + Guid.NewGuid().ToString("N")[..6], password = "Good#2026pw", role = "community-caseworker", divisionCode = TestData.Yaguang });
        var user = await ok.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("community-caseworker", user.GetProperty("role").GetString());
    }

    [SkippableFact]
    public async Task Administrators_change_roles_reset_passwords_and_disable_accounts_and_old_tokens_stop_working()
    {
        var admin = await App.ApiAsAsync("admin");
        var userName = "mgr" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName, password = "First#2026pw", role = "community-caseworker", divisionCode = TestData.Damatou }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        var worker = await App.ApiAsAsync(userName, "First#2026pw");
        await (await worker.GetAsync("/api/v1/persons")).JsonAsync(HttpStatusCode.OK);

        // Moving the account to a street: the role/level rule is checked, then the old token is revoked.
        await (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { role = "street-reviewer", divisionCode = TestData.Damatou })).ProblemAsync("DivisionCode", "街道");
        var changed = await (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { role = "street-reviewer", divisionCode = "420202070000" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("street-reviewer", changed.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/api/v1/persons")).StatusCode);

        await (await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/password", new { password = "weak" })).ProblemAsync("Password", "密码");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/password", new { password = "Second#2026pw" })).StatusCode);
        var street = await App.ApiAsAsync(userName, "Second#2026pw");
        var tianfangPeople = await (await street.GetAsync($"/api/v1/persons?divisionCode={TestData.Tianfang}")).JsonAsync(HttpStatusCode.OK);
        Assert.True(tianfangPeople.GetProperty("total").GetInt32() > 0);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await street.GetAsync("/api/v1/persons")).StatusCode);
        var refused = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "Second#2026pw" });
        Assert.Contains("已停用", (await refused.JsonAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{id}/enable", null)).StatusCode);
        await App.ApiAsAsync(userName, "Second#2026pw");
    }

    [SkippableFact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var id = TestData.NewId();
        var response = await browser.PostAsync("/Persons/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.IdNumber"] = id, ["Input.Name"] = "无令牌", ["Input.DivisionCode"] = TestData.Damatou,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await App.QueryAsync(db => db.Persons.IgnoreQueryFilters().AnyAsync(p => p.IdNumber == id)));
    }

    [SkippableFact]
    public async Task A_page_form_with_bad_input_shows_chinese_field_errors_and_keeps_what_was_typed()
    {
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var form = await browser.GetStringAsync("/Persons/Create");
        var wrong = TestData.WithWrongCheck(TestData.NewId());
        var response = await browser.PostAsync("/Persons/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.IdNumber"] = wrong, ["Input.Name"] = "保留的姓名", ["Input.DivisionCode"] = TestData.Damatou, ["Input.Phone"] = "12345",
            ["__RequestVerificationToken"] = Http.Token(form),
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("身份证号码校验位错误", html);
        Assert.Contains("联系电话格式不正确", html);
        Assert.Contains("value=\"保留的姓名\"", html);
        Assert.Contains($"value=\"{wrong}\"", html);
    }

    [SkippableFact]
    public async Task Security_headers_health_and_openapi()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var login = await client.GetAsync("/Account/Login");
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", login.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/persons", openapi);
        Assert.Contains("/api/v1/auth/token", openapi);
    }

    [SkippableFact]
    public async Task The_language_switch_only_redirects_inside_the_site()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var bad in new[] { "//evil.example", "/\\evil.example", "https://evil.example" })
        {
            var response = await client.GetAsync("/culture?c=en&returnUrl=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    [SkippableFact]
    public async Task Bad_json_gets_a_problem_details_answer()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var response = await api.PostAsync("/api/v1/persons", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync());
    }
}

[Collection("sqlite")]
public sealed class SqliteScopingAndSecurityTests(SqliteAppFixture f) : ScopingAndSecurityTests(f);

[Collection("postgres")]
public sealed class PostgresScopingAndSecurityTests(PostgresAppFixture f) : ScopingAndSecurityTests(f);
