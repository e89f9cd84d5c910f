using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CivilAffairs.E2E;

[Collection("browser")]
public sealed class VerificationFlowTests(AppServer app)
{
    [SkippableFact]
    public async Task Staff_import_a_feed_and_a_caseworker_verifies_a_household_and_opens_the_report()
    {
        Skip.IfNot(app.Available, "Chromium is not installed (/usr/bin/chromium)");

        // A caseworker registers a household of one.
        var worker = await app.SignedInAsync("cw.damatou");
        var head = TestIds.NewId(true, 500, 200) /* 500–699: the registry flow uses 700–979 */;
        var householdId = await Steps.CreateHouseholdOfOneAsync(worker, head, "核对户主");

        // District staff upload a tax feed with the head's wages and accept it.
        var staff = await app.SignedInAsync("district.staff");
        await Steps.AcceptMonthlyWagesAsync(staff, head, 2500, "tax.csv");

        // The caseworker records the authorisation at the counter and verifies.
        await Steps.AuthorizeAndVerifyAsync(worker, householdId);
        await Assertions.Expect(worker.Locator("#verdict")).ToContainTextAsync("不符合条件");      // 2,500 a month for one person
        await Assertions.Expect(worker.Locator("#per-capita")).ToHaveTextAsync("2,500.00");
        var number = await worker.Locator("#report-number").InnerTextAsync();
        var reportId = worker.Url.Split('/').Last().Split('?')[0];
        Assert.StartsWith("HC", number);

        // Anyone can check the report with its number and the last six characters.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/verify?no={number}");
        await visitor.Locator("#last6").FillAsync(head[^6..]);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "查验" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("#public-status")).ToContainTextAsync("真实有效");

        // The PDF of the report downloads from the report page.
        var download = await worker.RunAndWaitForDownloadAsync(() => worker.Locator("#pdf-link").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename);

        // A batch over the community lists the household's finding (income above the standard).
        await worker.GotoAsync("/Verification/Batches");
        await worker.Locator("#divisionCode").SelectOptionAsync("420202070004");
        await worker.GetByRole(AriaRole.Button, new() { Name = "开始批量核对" }).ClickAsync();
        await worker.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (await worker.Locator("#batches").CountAsync() == 0)
            Assert.Fail($"the batch page did not come back ({worker.Url}): " + app.ServerLog());
        var batchRow = worker.Locator("#batches tbody tr").First;
        for (var i = 0; i < 40 && !(await batchRow.InnerTextAsync()).Contains("已完成"); i++)
        {
            await Task.Delay(500);
            await worker.ReloadAsync();
            batchRow = worker.Locator("#batches tbody tr").First;
        }
        await Assertions.Expect(batchRow.Locator(".batch-status")).ToContainTextAsync("已完成");
        await batchRow.Locator("a").First.ClickAsync();
        await worker.Locator("select[name=kind]").SelectOptionAsync("IncomeAboveLimit");
        await worker.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var finding = worker.Locator($"#anomalies tbody tr:has(a[href='/Verification/Households/{householdId}'])");
        await Assertions.Expect(finding).ToContainTextAsync("2,500.00 元");
        await finding.Locator("input[name=note]").FillAsync("已入户核实：在外务工");
        await finding.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(worker.Locator($"#anomalies tbody tr:has(a[href='/Verification/Households/{householdId}']) .anomaly-status")).ToContainTextAsync("属实");

        if (Environment.GetEnvironmentVariable("CA_SCREENSHOTS") is "1" or "true")
        {
            var dir = Path.Combine(AppServer.RepoRoot, "docs", "screenshots");
            await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "15-verification-anomalies.png") });
            await worker.GotoAsync($"/Verification/Reports/{reportId}");
            await worker.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "13-verification-report.png"), FullPage = true });
            await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "14-verification-feeds.png") });
        }
    }
}

/// <summary>Valid synthetic ID numbers for the browser tests; each test class keeps to its own sequence range.</summary>
internal static class TestIds
{
    public static string NewId(bool male, int firstSequence, int sequences) => NewId(male, firstSequence, sequences, new DateOnly(1950, 1, 1), 18_000);

    /// <summary>Born within <paramref name="days"/> days from <paramref name="bornFrom"/> (e.g. to keep a person's age, and so their allowance, fixed).</summary>
    public static string NewId(bool male, int firstSequence, int sequences, DateOnly bornFrom, int days)
    {
        var birth = bornFrom.AddDays(Random.Shared.Next(0, days));
        var seq = firstSequence + Random.Shared.Next(0, sequences / 2) * 2 + (male ? 1 : 0);
        var body = "420202" + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * w[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
