using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CivilAffairs.E2E;

[Collection("browser")]
public sealed class SocialAssistanceFlowTests(AppServer app)
{
    [SkippableFact]
    public async Task A_caseworker_applies_the_street_approves_the_notice_is_public_the_district_enrols_and_the_roster_pays()
    {
        Skip.IfNot(app.Available, "Chromium is not installed (/usr/bin/chromium)");

        // A household of one in 大码头, with 300 yuan a month of wages in the tax data, verified with an authorisation.
        var worker = await app.SignedInAsync("cw.damatou");
        // 400–499: the other browser tests use 500–979; born in the 1980s, so no classified increment (over 70, under 18) applies
        var head = TestIds.NewId(true, 400, 100, new DateOnly(1980, 1, 1), 3_600);
        var householdId = await Steps.CreateHouseholdOfOneAsync(worker, head, "救助户主");
        var staff = await app.SignedInAsync("district.staff");
        await Steps.AcceptMonthlyWagesAsync(staff, head, 300, "tax-sa.csv");
        await Steps.AuthorizeAndVerifyAsync(worker, householdId);

        // The caseworker enters the application from the household's page and takes it through intake and investigation.
        await worker.GotoAsync($"/Households/Details/{householdId}");
        await worker.Locator("a[href^='/SocialAssistance/Applications/New']").ClickAsync();
        await worker.Locator("#Input_Reason").FillAsync("失业，无其他收入");
        await worker.Locator("#Input_BankName").FillAsync("工商银行");
        await worker.Locator("#Input_BankAccount").FillAsync("6222020000001234");
        await worker.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await worker.WaitForURLAsync(new Regex("/SocialAssistance/Applications/\\d+$"));
        var applicationUrl = worker.Url;
        await Assertions.Expect(worker.Locator("#status")).ToHaveTextAsync("待受理");
        await worker.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
        await Assertions.Expect(worker.Locator("#status")).ToHaveTextAsync("调查核对中");
        await worker.Locator("#investigators").FillAsync("李四、王五");
        await worker.Locator("#findings").FillAsync("家中无劳动收入，情况属实");
        await worker.GetByRole(AriaRole.Button, new() { Name = "保存调查记录" }).ClickAsync();
        await Assertions.Expect(worker.Locator("#visits")).ToContainTextAsync("李四、王五");
        await worker.GetByRole(AriaRole.Button, new() { Name = "附上核对报告" }).ClickAsync();
        await Assertions.Expect(worker.Locator("#amount-preview")).ToHaveTextAsync("480.00"); // 780 − 300, one person
        await worker.Locator("#submit-opinion").FillAsync("情况属实，建议纳入");
        await worker.GetByRole(AriaRole.Button, new() { Name = "报街道审核" }).ClickAsync();
        await Assertions.Expect(worker.Locator("#status")).ToHaveTextAsync("待街道审核");

        // The street reviewer finds it in "waiting for me" and approves: the notice starts.
        var street = await app.SignedInAsync("street.huahu");
        await street.GotoAsync("/SocialAssistance/Applications");
        await street.Locator($"#applications a[href='{new Uri(applicationUrl).AbsolutePath}']").ClickAsync();
        await street.Locator("#review-opinion").FillAsync("同意，进入公示");
        await street.GetByRole(AriaRole.Button, new() { Name = "提交审核意见" }).ClickAsync();
        await Assertions.Expect(street.Locator("#status")).ToHaveTextAsync("公示中");

        // Anybody sees it on the public notice board, masked.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/notices");
        await Assertions.Expect(visitor.Locator("#notices")).ToContainTextAsync("救**主");
        Assert.DoesNotContain(head, await visitor.ContentAsync());

        // Seven days pass (the notice period is moved into the past); the street closes the notice.
        var applicationId = int.Parse(applicationUrl.Split('/').Last());
        await app.ExecuteSqlAsync("UPDATE sa_applications SET \"NoticeStart\" = date(\"NoticeStart\", '-8 day'), \"NoticeEnd\" = date(\"NoticeEnd\", '-8 day') WHERE \"Id\" = $id", ("$id", applicationId));
        await street.ReloadAsync();
        await street.GetByRole(AriaRole.Button, new() { Name = "公示期满，报送审批" }).ClickAsync();
        await Assertions.Expect(street.Locator("#status")).ToHaveTextAsync("待审批");

        // The district approver enrols the household.
        var approver = await app.SignedInAsync("district.approver");
        await approver.GotoAsync(applicationUrl);
        await approver.Locator("#decide-opinion").FillAsync("同意纳入最低生活保障");
        await approver.GetByRole(AriaRole.Button, new() { Name = "同意纳入" }).ClickAsync();
        await Assertions.Expect(approver.Locator("#status")).ToHaveTextAsync("已纳入");
        await Assertions.Expect(approver.Locator("#monthly-amount")).ToContainTextAsync("480.00");

        // The street generates next month's roster: the household is on it.
        await street.GotoAsync("/SocialAssistance/Rosters");
        await street.Locator("#streetCode").SelectOptionAsync("420202070000");
        await street.GetByRole(AriaRole.Button, new() { Name = "生成花名册" }).ClickAsync();
        await street.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var rosterRow = street.Locator("#rosters tbody tr").First;
        for (var i = 0; i < 40 && !(await rosterRow.InnerTextAsync()).Contains("待审核"); i++)
        {
            await Task.Delay(500);
            await street.ReloadAsync();
            rosterRow = street.Locator("#rosters tbody tr").First;
        }
        await Assertions.Expect(rosterRow.Locator(".roster-status")).ToContainTextAsync("待审核");
        await rosterRow.Locator("a").First.ClickAsync();
        await Assertions.Expect(street.Locator($"#lines a[href='/Households/Details/{householdId}']")).ToBeVisibleAsync();
        await Assertions.Expect(street.Locator($"#lines tr:has(a[href='/Households/Details/{householdId}'])")).ToContainTextAsync("480.00");

        // The household's package: the caseworker refers the head to the employment department; the street records the answer.
        await worker.GotoAsync($"/Households/Details/{householdId}");
        await worker.Locator($"a[href='/SocialAssistance/Households/{householdId}/Package']").ClickAsync();
        await Assertions.Expect(worker.Locator("#bases")).ToContainTextAsync("最低生活保障");
        await worker.Locator("#target").SelectOptionAsync(new SelectOptionValue { Label = "救助户主 · 就业救助" });
        await worker.Locator("#Input_Need").FillAsync("失业，希望安排公益性岗位");
        await worker.GetByRole(AriaRole.Button, new() { Name = "转办部门" }).ClickAsync();
        await Assertions.Expect(worker.Locator("#referrals")).ToContainTextAsync("区人力资源和社会保障局");
        await street.GotoAsync("/SocialAssistance/Referrals");
        await street.Locator("#referrals tbody tr:has-text('救助户主') a[href^='/SocialAssistance/Referrals/']").ClickAsync();
        await street.Locator("#form-outcome input[name='form']").FillAsync("公益性岗位");
        await street.Locator("#form-outcome input[name='amount']").FillAsync("1200");
        await street.GetByRole(AriaRole.Button, new() { Name = "保存结果" }).ClickAsync();
        await Assertions.Expect(street.Locator("#referral-status")).ToHaveTextAsync("已给予");
        await worker.ReloadAsync();
        await Assertions.Expect(worker.Locator("#referrals")).ToContainTextAsync("公益性岗位");

        if (Environment.GetEnvironmentVariable("CA_SCREENSHOTS") is "1" or "true")
        {
            await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServer.RepoRoot, "docs", "screenshots", "21-household-package.png"), FullPage = true });
            await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServer.RepoRoot, "docs", "screenshots", "22-referral.png") });
            var dir = Path.Combine(AppServer.RepoRoot, "docs", "screenshots");
            await approver.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "16-assistance-application.png"), FullPage = true });
            await street.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "17-assistance-roster.png") });
            await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "18-public-notices.png") });
            await worker.GotoAsync("/SocialAssistance/Applications?all=true");
            await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "19-assistance-worklist.png") });
        }
    }
}
