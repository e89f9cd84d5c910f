using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CivilAffairs.E2E;

[Collection("browser")]
public sealed class RegistryFlowTests(AppServer app)
{
    private static string NewId(bool male) => TestIds.NewId(male, 700, 280);

    [SkippableFact]
    public async Task Admin_creates_a_household_of_three_finds_it_by_id_and_another_community_cannot()
    {
        Skip.IfNot(app.Available, "Chromium is not installed (/usr/bin/chromium)");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin", AppServer.AdminPassword);
        await Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync("系统管理员");

        var head = NewId(true);
        var spouse = NewId(false);
        var child = NewId(true);
        await page.GotoAsync("/Households/Create");
        await page.GetByLabel("所属社区").SelectOptionAsync("420202070004");
        await page.GetByLabel("家庭住址").FillAsync("黄石港区湖滨路 18 号");
        await page.Locator("#m0-id").FillAsync(head);
        await page.Locator("#m0-name").FillAsync("端到端户主");
        await page.Locator("#m1-rel").SelectOptionAsync("Spouse");
        await page.Locator("#m1-id").FillAsync(spouse);
        await page.Locator("#m1-name").FillAsync("端到端配偶");
        await page.Locator("#m2-rel").SelectOptionAsync("Child");
        await page.Locator("#m2-id").FillAsync(child);
        await page.Locator("#m2-name").FillAsync("端到端子女");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Households/Details/\\d+"));
        await Assertions.Expect(page.Locator("#members-table tbody tr")).ToHaveCountAsync(3);

        // Find it by a member's ID number: the list shows the number masked.
        await page.GotoAsync("/Households");
        await page.GetByPlaceholder("成员身份证号码或姓名").FillAsync(spouse);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        var rows = page.Locator("#households tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("端到端户主");
        await Assertions.Expect(rows.First).ToContainTextAsync(head[..6] + "********" + head[14..]);
        Assert.DoesNotContain(head, await rows.First.InnerTextAsync());

        await page.GotoAsync($"/Persons?q={child}");
        await Assertions.Expect(page.Locator("#persons tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#persons tbody tr").First).ToContainTextAsync(child[..6] + "********" + child[14..]);

        // A caseworker of 天方社区 cannot find it.
        var other = await app.NewPageAsync();
        await app.SignInAsync(other, "cw.tianfang", AppServer.DemoPassword);
        await other.GotoAsync("/Households");
        await other.GetByPlaceholder("成员身份证号码或姓名").FillAsync(spouse);
        await other.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await Assertions.Expect(other.Locator("#households tbody")).ToContainTextAsync("没有符合条件的家庭");
        await other.GotoAsync($"/Persons?q={head}");
        await Assertions.Expect(other.Locator("#persons tbody")).ToContainTextAsync("没有符合条件的居民");
    }

    [SkippableFact]
    public async Task Revealing_a_full_id_number_is_explicit_and_the_form_keeps_input_on_error()
    {
        Skip.IfNot(app.Available, "Chromium is not installed (/usr/bin/chromium)");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "cw.damatou", AppServer.DemoPassword);
        var id = NewId(false);
        await page.GotoAsync("/Persons/Create");
        await page.GetByLabel("身份证号码 *").FillAsync(id[..17] + (id[17] == '1' ? '2' : '1'));
        await page.GetByLabel("姓名 *").FillAsync("表单保留");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("text=身份证号码校验位错误")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("姓名 *")).ToHaveValueAsync("表单保留");

        await page.GetByLabel("身份证号码 *").FillAsync(id);
        await page.GetByLabel("性别（核对用）").SelectOptionAsync("女");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Persons/Details/\\d+"));
        await Assertions.Expect(page.Locator("#personal-data")).ToContainTextAsync("********");
        await page.GetByRole(AriaRole.Button, new() { Name = "显示完整号码（将记录审计）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#full-id")).ToHaveTextAsync(id);
    }

    [SkippableFact]
    public async Task The_interface_switches_to_english()
    {
        Skip.IfNot(app.Available, "Chromium is not installed (/usr/bin/chromium)");
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "cw.damatou", AppServer.DemoPassword);
        await page.GotoAsync("/Persons");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Residents", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "居民", Exact = true })).ToBeVisibleAsync();
    }
}
