using Microsoft.Playwright;

namespace CivilAffairs.E2E;

/// <summary>
/// Refreshes the screenshots of the main pages used by the user guide (docs/screenshots). Not part of a normal run:
/// <c>CA_SCREENSHOTS=1 dotnet test tests/CivilAffairs.E2E --filter Category=Screenshots</c>.
/// </summary>
[Collection("browser")]
public sealed class Screenshots(AppServer app)
{
    [SkippableFact]
    [Trait("Category", "Screenshots")]
    public async Task Refresh_user_guide_screenshots()
    {
        Skip.If(Environment.GetEnvironmentVariable("CA_SCREENSHOTS") is not ("1" or "true"), "set CA_SCREENSHOTS=1 to refresh docs/screenshots");
        Skip.IfNot(app.Available, "Chromium is not installed (/usr/bin/chromium)");
        var dir = Path.Combine(AppServer.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(dir);

        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Shot(page, dir, "01-login");
        await app.SignInAsync(page, "cw.damatou", AppServer.DemoPassword);
        await Shot(page, dir, "02-home-caseworker");
        await page.GotoAsync("/Persons");
        await Shot(page, dir, "03-persons");
        await page.Locator("#persons tbody tr a").First.ClickAsync();
        await Shot(page, dir, "04-person-details");
        await page.GotoAsync("/Households");
        await page.Locator("#households tbody tr a").First.ClickAsync();
        await Shot(page, dir, "05-household-details");
        await page.GotoAsync("/Households/Create");
        await Shot(page, dir, "06-household-create");
        await page.GotoAsync("/Persons/Import");
        await Shot(page, dir, "07-import");
        await page.GotoAsync("/Calendar?year=2026&from=2026-09-30&days=3");
        await Shot(page, dir, "08-calendar");

        var admin = await app.NewPageAsync();
        await app.SignInAsync(admin, "admin", AppServer.AdminPassword);
        await admin.GotoAsync("/Admin/Users");
        await Shot(admin, dir, "09-admin-users");
        await admin.GotoAsync("/Admin/Divisions");
        await Shot(admin, dir, "10-admin-divisions");
        await admin.GotoAsync("/Admin/Audit");
        await Shot(admin, dir, "11-admin-audit");
        await admin.GotoAsync("/Jobs");
        await Shot(admin, dir, "12-jobs");
    }

    private static Task Shot(IPage page, string dir, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = false });
}
