using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CivilAffairs.E2E;

/// <summary>Steps several browser flows share, taken through the pages as a person would.</summary>
internal static class Steps
{
    /// <summary>A signed-in page that accepts the confirmation dialogs of buttons.</summary>
    public static async Task<IPage> SignedInAsync(this AppServer app, string userName)
    {
        var page = await app.NewPageAsync();
        page.Dialog += (_, d) => d.AcceptAsync();
        await app.SignInAsync(page, userName, AppServer.DemoPassword);
        return page;
    }

    /// <summary>Registers a household of one on the household form; returns its id.</summary>
    public static async Task<string> CreateHouseholdOfOneAsync(IPage page, string idNumber, string name)
    {
        await page.GotoAsync("/Households/Create");
        await page.Locator("#m0-id").FillAsync(idNumber);
        await page.Locator("#m0-name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(new Regex("/Households/Details/\\d+"));
        }
        catch (TimeoutException)
        {
            Assert.Fail("the household was not saved: " + string.Join(" | ", await page.Locator(".text-danger, .alert-danger").AllInnerTextsAsync()));
        }
        return page.Url.Split('/').Last();
    }

    /// <summary>District staff upload a tax feed of 12 months of wages for one person and accept it.</summary>
    public static async Task AcceptMonthlyWagesAsync(IPage staff, string idNumber, decimal yuan, string fileName)
    {
        await staff.GotoAsync("/Verification/Feeds");
        var csv = "id_number,month,income_type,amount\n" + string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"{idNumber},{DateTime.Today.AddDays(1 - DateTime.Today.Day).AddMonths(-i):yyyy-MM},wage,{yuan:0.00}\n"));
        await staff.Locator("#feed").SelectOptionAsync("Tax");
        await staff.Locator("#asOf").FillAsync(DateTime.Today.AddDays(-1).ToString("yyyy-MM-dd"));
        await staff.Locator("#file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await staff.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(staff.Locator("text=正在后台校验")).ToBeVisibleAsync();
        var row = staff.Locator("#snapshots tbody tr").First;
        for (var i = 0; i < 30 && !(await row.InnerTextAsync()).Contains("待确认"); i++)
        {
            await Task.Delay(500);
            await staff.ReloadAsync();
            row = staff.Locator("#snapshots tbody tr").First;
        }
        await Assertions.Expect(row.Locator(".snapshot-status")).ToContainTextAsync("待确认");
        await row.GetByRole(AriaRole.Button, new() { Name = "确认启用" }).ClickAsync();
        await Assertions.Expect(staff.Locator("#snapshots tbody tr").First.Locator(".snapshot-status")).ToContainTextAsync("使用中");
    }

    /// <summary>Records the household's authorisation at the counter and verifies it; the page ends on the report.</summary>
    public static async Task AuthorizeAndVerifyAsync(IPage worker, string householdId)
    {
        await worker.GotoAsync($"/Verification/Households/{householdId}");
        await worker.Locator("#kind").SelectOptionAsync("AtCounter");
        await worker.GetByRole(AriaRole.Button, new() { Name = "登记授权" }).ClickAsync();
        await Assertions.Expect(worker.Locator("#authorizations tbody tr")).ToHaveCountAsync(1);
        await worker.Locator("#authorizationId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await worker.GetByRole(AriaRole.Button, new() { Name = "发起核对" }).ClickAsync();
        try
        {
            await worker.WaitForURLAsync(new Regex("/Verification/Reports/\\d+"));
        }
        catch (TimeoutException)
        {
            Assert.Fail("the verification did not open a report: " + string.Join(" | ", await worker.Locator(".alert-danger, .text-danger").AllInnerTextsAsync()));
        }
    }
}
